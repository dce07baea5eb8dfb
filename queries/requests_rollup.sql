-- name: requests_rollup
-- queries/requests.sql read from costreport.usage_days (sample-billing/rollups.sql) instead of
-- usage_samples; a day pending in costreport.rollup_pending is computed from usage_samples here,
-- in the same snapshot. Used with the other rollup queries.
-- parameters:
--   $1 timestamptz  start (inclusive, UTC midnight)
--   $2 timestamptz  end (exclusive, UTC midnight)
-- returns the columns of queries/requests.sql.
WITH computed AS MATERIALIZED (
    SELECT c.resource_id, c.requests
    FROM costreport.usage_days_from_samples(ARRAY(
        SELECT day FROM costreport.rollup_pending
        WHERE source = 'usage_samples' AND day >= $1::timestamptz AND day < $2::timestamptz)) c
),
days AS NOT MATERIALIZED (
    SELECT u.resource_id, u.requests
    FROM costreport.usage_days u
    WHERE u.day >= $1::timestamptz AND u.day < $2::timestamptz
      AND u.day <> ALL (ARRAY(
          SELECT day FROM costreport.rollup_pending
          WHERE source = 'usage_samples' AND day >= $1::timestamptz AND day < $2::timestamptz))
    UNION ALL
    SELECT * FROM computed
)
SELECT resource_id, sum(requests) AS requests
FROM days
WHERE requests IS NOT NULL
GROUP BY resource_id
