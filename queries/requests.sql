-- name: requests
-- Requests served per resource over [$1, $2) (the previous window's side of unit_costs.csv; the
-- window's own requests come from usage_daily.sql).
-- parameters:
--   $1 timestamptz  start (inclusive)
--   $2 timestamptz  end (exclusive)
-- returns one row per resource with requests:
--   resource_id text
--   requests double precision  sum of usage_samples.requests (NaN and infinite values left out)
SELECT resource_id, sum(requests) AS requests
FROM usage_samples
WHERE sampled_at >= $1::timestamptz
  AND sampled_at < $2::timestamptz
  AND requests BETWEEN -1e300 AND 1e300
GROUP BY resource_id
