-- name: usage_histograms
-- Histograms of CPU, of CPU inside the service hours, and of memory per resource over [$1, $2):
-- bucket counts only (pushed down as counts by a distributed PostgreSQL; the job reads the
-- percentiles from them). Three plain GROUP BYs, which PostgreSQL runs as a parallel append (the
-- optional statistics in sample-billing/schema.sql let it hash them: 20 M samples, 12 s -> 6 s).
-- A sample is inside the service hours when its 15-minute slot is: Monday to Friday, from $4 to
-- $5 o'clock in $3. The slots of the window are computed once (not a time zone conversion per
-- sample); this equals the per-sample rule in every time zone whose offsets and transitions fall on
-- quarter hours, which is all of today's.
-- parameters:
--   $1 timestamptz  window start (inclusive)
--   $2 timestamptz  window end (exclusive)
--   $3 text         time zone of the service hours, e.g. 'UTC'
--   $4 integer      service hours start, hour of day (inclusive), Monday to Friday
--   $5 integer      service hours end, hour of day (exclusive)
--   $6 integer      buckets between 0 and 1 (width_bucket: 0 is below 0, $6+1 is 1 or more)
-- returns one row per resource, histogram and bucket:
--   resource_id text
--   histogram text   'cpu' | 'memory' | 'cpu_service_hours'
--   bucket integer   the bucket
--   samples bigint   samples in the bucket
-- NaN, infinite and NULL values are left out (usage_daily.sql counts the non-finite ones).
SELECT resource_id, 'cpu' AS histogram,
       width_bucket(cpu_utilization::double precision, 0, 1, $6::integer) AS bucket, count(*) AS samples
FROM usage_samples
WHERE sampled_at >= $1::timestamptz AND sampled_at < $2::timestamptz
  AND cpu_utilization BETWEEN -1e30 AND 1e30
GROUP BY resource_id, width_bucket(cpu_utilization::double precision, 0, 1, $6::integer)
UNION ALL
SELECT resource_id, 'memory',
       width_bucket(memory_utilization::double precision, 0, 1, $6::integer), count(*)
FROM usage_samples
WHERE sampled_at >= $1::timestamptz AND sampled_at < $2::timestamptz
  AND memory_utilization BETWEEN -1e30 AND 1e30
GROUP BY resource_id, width_bucket(memory_utilization::double precision, 0, 1, $6::integer)
UNION ALL
SELECT resource_id, 'cpu_service_hours',
       width_bucket(cpu_utilization::double precision, 0, 1, $6::integer), count(*)
FROM usage_samples
WHERE sampled_at >= $1::timestamptz AND sampled_at < $2::timestamptz
  AND cpu_utilization BETWEEN -1e30 AND 1e30
  AND date_bin('15 minutes', sampled_at, '1970-01-01 00:00:00+00') IN (
      SELECT slot
      FROM generate_series(date_bin('15 minutes', $1::timestamptz, '1970-01-01 00:00:00+00'), $2::timestamptz,
                           interval '15 minutes') AS slot
      WHERE extract(isodow FROM slot AT TIME ZONE $3::text) <= 5
        AND extract(hour FROM slot AT TIME ZONE $3::text) >= $4::integer
        AND extract(hour FROM slot AT TIME ZONE $3::text) < $5::integer)
GROUP BY resource_id, width_bucket(cpu_utilization::double precision, 0, 1, $6::integer)
