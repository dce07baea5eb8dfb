-- name: usage_histograms_rollup
-- queries/usage_histograms.sql read from costreport.usage_daily_histograms
-- (sample-billing/rollups.sql) instead of usage_samples. Used only when the rollups are installed,
-- their triggers are enabled, both window ends are UTC midnights and costreport.rollup_settings
-- holds the time zone, service hours and buckets the report would pass to usage_histograms.sql.
-- parameters:
--   $1 timestamptz  window start (inclusive, UTC midnight)
--   $2 timestamptz  window end (exclusive, UTC midnight)
-- returns the columns of queries/usage_histograms.sql (never a NULL bucket: samples without a
-- value are not kept).
SELECT resource_id,
       CASE histogram WHEN 1 THEN 'cpu' WHEN 2 THEN 'memory' WHEN 3 THEN 'cpu_service_hours' END AS histogram,
       bucket,
       sum(samples)::bigint AS samples
FROM costreport.usage_daily_histograms
WHERE day >= $1::timestamptz
  AND day < $2::timestamptz
GROUP BY resource_id, histogram, bucket
HAVING sum(samples) <> 0
