-- name: container_usage_rollup
-- queries/container_usage.sql read from costreport.container_usage_days (sample-billing/rollups.sql)
-- instead of container_usage_samples: the same parameters and columns, its rows as stored per UTC
-- day. A day pending in costreport.rollup_pending (its samples changed since it was rolled up) is
-- computed from container_usage_samples here, in the same snapshot, so the figures are exact
-- either way. Used only when the rollups are installed, their triggers are enabled and both
-- window ends are UTC midnights.
-- parameters:
--   $1 timestamptz  window start (inclusive, UTC midnight)
--   $2 timestamptz  window end (exclusive, UTC midnight)
-- returns the columns of container_usage.sql
WITH pending AS MATERIALIZED (
    SELECT day FROM costreport.rollup_pending
    WHERE source = 'container_usage_samples' AND day >= $1::timestamptz AND day < $2::timestamptz
),
days AS (
    SELECT * FROM costreport.container_usage_days u
    WHERE u.day >= $1::timestamptz AND u.day < $2::timestamptz AND u.day NOT IN (SELECT day FROM pending)
    UNION ALL
    SELECT * FROM costreport.container_usage_days_from_samples(ARRAY(SELECT day FROM pending))
)
SELECT cluster, namespace, workload_kind, workload, container, day, node_resource_id,
       cpu_request_cores, cpu_limit_cores, memory_request_bytes, memory_limit_bytes, samples, pod_seconds,
       first_sample, last_sample, cpu_usage_min, cpu_usage_max, cpu_over_request_seconds, cpu_compared_seconds,
       memory_usage_max, labels
FROM days
