-- name: usage_weekly_histograms
-- Histograms of CPU and of memory per resource and week over the full weeks of [$1, $2), for the
-- capacity forecast (a least-squares line through the weekly p95). Weeks are counted back from
-- $2: [$2 - 7(k+1) days, $2 - 7k days); a partial week at the start of the window is left out.
-- Bucket counts only (pushed down as counts by a distributed PostgreSQL; the job reads the
-- percentiles from them), grouped by resource_id first. A sample is in a full week when its week
-- starts at or after $1 (date_bin, not $2 minus a number of days: timestamptz - interval depends on
-- the session's time zone, so PostgreSQL 15's postgres_fdw keeps it on the coordinator, and a
-- sharded coordinator would fetch every sample of the window instead of having the shards count).
-- parameters:
--   $1 timestamptz  window start (inclusive)
--   $2 timestamptz  window end (exclusive)
--   $3 integer      buckets between 0 and 1 (width_bucket: 0 is below 0, $3+1 is 1 or more)
-- returns one row per resource, week, histogram and bucket:
--   resource_id text
--   week_start timestamptz  start of the week
--   histogram text          'cpu' | 'memory'
--   bucket integer          the bucket
--   samples bigint          samples in the bucket
-- NaN, infinite and NULL values are left out.
SELECT resource_id, date_bin('7 days', sampled_at, $2::timestamptz) AS week_start, 'cpu' AS histogram,
       width_bucket(cpu_utilization::double precision, 0, 1, $3::integer) AS bucket, count(*) AS samples
FROM usage_samples
WHERE sampled_at >= $1::timestamptz
  AND sampled_at < $2::timestamptz
  AND date_bin('7 days', sampled_at, $2::timestamptz) >= $1::timestamptz
  AND cpu_utilization BETWEEN -1e30 AND 1e30
GROUP BY resource_id, date_bin('7 days', sampled_at, $2::timestamptz),
         width_bucket(cpu_utilization::double precision, 0, 1, $3::integer)
UNION ALL
SELECT resource_id, date_bin('7 days', sampled_at, $2::timestamptz), 'memory',
       width_bucket(memory_utilization::double precision, 0, 1, $3::integer), count(*)
FROM usage_samples
WHERE sampled_at >= $1::timestamptz
  AND sampled_at < $2::timestamptz
  AND date_bin('7 days', sampled_at, $2::timestamptz) >= $1::timestamptz
  AND memory_utilization BETWEEN -1e30 AND 1e30
GROUP BY resource_id, date_bin('7 days', sampled_at, $2::timestamptz),
         width_bucket(memory_utilization::double precision, 0, 1, $3::integer)
