-- name: usage_weekly_histograms_rollup
-- queries/usage_weekly_histograms.sql read from costreport.usage_daily_histograms
-- (sample-billing/rollups.sql) instead of usage_samples. Used only when the rollups are usable for
-- the window (see usage_histograms_rollup.sql); the buckets are those of costreport.rollup_settings.
-- parameters:
--   $1 timestamptz  window start (inclusive, UTC midnight)
--   $2 timestamptz  window end (exclusive, UTC midnight)
-- returns the columns of queries/usage_weekly_histograms.sql.
SELECT resource_id, date_bin('7 days', day, $2::timestamptz) AS week_start,
       CASE histogram WHEN 1 THEN 'cpu' ELSE 'memory' END AS histogram,
       bucket,
       sum(samples)::bigint AS samples
FROM costreport.usage_daily_histograms
WHERE day >= $2::timestamptz - interval '7 days' * floor(extract(epoch FROM $2::timestamptz - $1::timestamptz) / 604800)
  AND day < $2::timestamptz
  AND histogram IN (1, 2)
GROUP BY resource_id, date_bin('7 days', day, $2::timestamptz), histogram, bucket
HAVING sum(samples) <> 0
