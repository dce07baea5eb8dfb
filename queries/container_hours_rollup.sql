-- name: container_hours_rollup
-- queries/container_hours.sql read from costreport.container_days (sample-billing/rollups.sql)
-- instead of container_usage_samples: the same parameters and columns, each stored day's hours
-- unnested. A day pending in costreport.rollup_pending is computed from container_usage_samples
-- here, in the same snapshot. Used only when the rollups are installed, their triggers are
-- enabled and both window ends are UTC midnights.
-- parameters:
--   $1 timestamptz  window start (inclusive, UTC midnight)
--   $2 timestamptz  window end (exclusive, UTC midnight)
-- returns the columns of container_hours.sql
WITH pending AS MATERIALIZED (
    SELECT day FROM costreport.rollup_pending
    WHERE source = 'container_usage_samples' AND day >= $1::timestamptz AND day < $2::timestamptz
),
days AS (
    SELECT * FROM costreport.container_days u
    WHERE u.day >= $1::timestamptz AND u.day < $2::timestamptz AND u.day NOT IN (SELECT day FROM pending)
    UNION ALL
    SELECT * FROM costreport.container_days_from_samples(ARRAY(SELECT day FROM pending))
)
SELECT cluster, namespace, workload_kind, workload, container, day + h.hour * interval '1 hour' AS hour,
       h.min_pods::bigint AS min_pods, h.max_pods::bigint AS max_pods, h.pod_seconds, h.cpu_core_seconds,
       h.memory_byte_seconds
FROM days,
     unnest(hours, hour_min_pods, hour_max_pods, hour_pod_seconds, hour_cpu_core_seconds, hour_memory_byte_seconds)
       AS h(hour, min_pods, max_pods, pod_seconds, cpu_core_seconds, memory_byte_seconds)
