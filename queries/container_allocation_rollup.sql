-- name: container_allocation_rollup
-- queries/container_allocation.sql read from costreport.container_allocation_days
-- (sample-billing/rollups.sql) instead of container_usage_samples: the same parameters, a row per
-- node, UTC day and workload with the day's hours packed, which the job unpacks (unnesting them
-- here and printing each hour's row with its labels took PostgreSQL 0.9 s for 143 K hours, the
-- packed rows 0.05 s; BENCHMARKS.md). A day pending in
-- costreport.rollup_pending is computed from container_usage_samples here, in the same snapshot.
-- Used only when the rollups are installed, their triggers are enabled and both window ends are
-- UTC midnights. The job reads the rows in PostgreSQL's binary format: return each column with
-- the type named below.
-- parameters:
--   $1 timestamptz  window start (inclusive, UTC midnight)
--   $2 timestamptz  window end (exclusive, UTC midnight)
-- returns one row per node, UTC day, cluster, namespace, workload kind, workload and pod labels,
-- ordered by node_resource_id and day:
--   node_resource_id, cluster, namespace, workload_kind, workload (text) and labels (jsonb or
--   text) as container_allocation.sql,
--   day timestamptz (UTC midnight),
--   hour_data bytea  per UTC hour with samples, 58 big-endian bytes: the hour (0..23, int2), samples
--                    and samples_without_requests (int4 each), then cpu_allocated_core_hours,
--                    cpu_request_core_hours, cpu_usage_core_hours, memory_allocated_gib_hours,
--                    memory_request_gib_hours and memory_usage_gib_hours (float8 each), as
--                    container_allocation.sql's columns
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
SELECT node_resource_id, day, cluster, namespace, workload_kind, workload, labels, hour_data
FROM days
ORDER BY node_resource_id, day
