-- name: container_allocation_rollup
-- queries/container_allocation.sql read from costreport.container_allocation_days
-- (sample-billing/rollups.sql) instead of container_usage_samples: the same parameters, columns
-- and order (by node and hour), each stored day's hours unnested. A day pending in
-- costreport.rollup_pending is computed from container_usage_samples here, in the same snapshot.
-- Used only when the rollups are installed, their triggers are enabled and both window ends are
-- UTC midnights.
-- parameters:
--   $1 timestamptz  window start (inclusive, UTC midnight)
--   $2 timestamptz  window end (exclusive, UTC midnight)
-- returns the columns of container_allocation.sql, ordered by node_resource_id and hour
WITH pending AS MATERIALIZED (
    SELECT day FROM costreport.rollup_pending
    WHERE source = 'container_usage_samples' AND day >= $1::timestamptz AND day < $2::timestamptz
),
days AS (
    SELECT * FROM costreport.container_allocation_days u
    WHERE u.day >= $1::timestamptz AND u.day < $2::timestamptz AND u.day NOT IN (SELECT day FROM pending)
    UNION ALL
    SELECT * FROM costreport.container_allocation_days_from_samples(ARRAY(SELECT day FROM pending))
)
SELECT node_resource_id, day + h.hour * interval '1 hour' AS hour, cluster, namespace, workload_kind, workload, labels,
       h.samples::bigint AS samples, h.samples_without_requests::bigint AS samples_without_requests,
       h.cpu_allocated_core_hours, h.cpu_request_core_hours, h.cpu_usage_core_hours,
       h.memory_allocated_gib_hours, h.memory_request_gib_hours, h.memory_usage_gib_hours
FROM days,
     unnest(hours, samples, samples_without_requests, cpu_allocated_core_hours, cpu_request_core_hours,
            cpu_usage_core_hours, memory_allocated_gib_hours, memory_request_gib_hours, memory_usage_gib_hours)
       AS h(hour, samples, samples_without_requests, cpu_allocated_core_hours, cpu_request_core_hours,
            cpu_usage_core_hours, memory_allocated_gib_hours, memory_request_gib_hours, memory_usage_gib_hours)
ORDER BY node_resource_id, hour
