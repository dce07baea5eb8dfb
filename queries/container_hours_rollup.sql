-- name: container_hours_rollup
-- queries/container_hours.sql read from costreport.container_days (sample-billing/rollups.sql)
-- instead of container_usage_samples: the same parameters, a row per container and UTC day with
-- the day's hours as arrays, which the job unnests (unnesting them here sent 24 times the rows:
-- 62 K instead of 2.9 K at 15-minute samples, 40 ms of PostgreSQL's time instead of 16;
-- BENCHMARKS.md). A day pending in costreport.rollup_pending is computed from
-- container_usage_samples here, in the same snapshot. Used only when the rollups are installed,
-- their triggers are enabled and both window ends are UTC midnights. The job reads the rows in
-- PostgreSQL's binary format: return each column with the type named below (cast it), arrays
-- without NULL elements.
-- parameters:
--   $1 timestamptz  window start (inclusive, UTC midnight)
--   $2 timestamptz  window end (exclusive, UTC midnight)
-- returns one row per container and UTC day:
--   cluster, namespace, workload_kind, workload, container text   the container key (as container_usage.sql)
--   day timestamptz                       the UTC day
--   hours smallint[]                      the UTC hours (0..23) of the day with samples; the arrays
--                                         below hold the hours' values of container_hours.sql in
--                                         the same order, one element per hour:
--   hour_min_pods, hour_max_pods integer[]
--   hour_pod_seconds, hour_cpu_core_seconds, hour_memory_byte_seconds double precision[]
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
SELECT cluster, namespace, workload_kind, workload, container, day, hours, hour_min_pods, hour_max_pods,
       hour_pod_seconds, hour_cpu_core_seconds, hour_memory_byte_seconds
FROM days
