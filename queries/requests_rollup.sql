-- name: requests_rollup
-- queries/requests.sql read from costreport.usage_hourly (sample-billing/rollups.sql) instead of
-- usage_samples; used with the other rollup queries.
-- parameters:
--   $1 timestamptz  start (inclusive, UTC midnight)
--   $2 timestamptz  end (exclusive, UTC midnight)
-- returns the columns of queries/requests.sql.
SELECT resource_id, sum(requests) AS requests
FROM costreport.usage_hourly
WHERE hour >= $1::timestamptz
  AND hour < $2::timestamptz
  AND requests IS NOT NULL
GROUP BY resource_id
