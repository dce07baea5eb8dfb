-- name: container_cpu_histogram_rollup
-- queries/container_cpu_histogram.sql read from costreport.container_days (sample-billing/rollups.sql)
-- instead of container_usage_samples: the bucket counts stored per container and UTC day, which
-- the job adds up over the window (adding them up here, unnesting 100 K elements, took PostgreSQL
-- three times as long as returning them; BENCHMARKS.md). They are stored for 1200 buckets (what
-- costreport passes as $3 to container_cpu_histogram.sql); the job reads this query only with
-- that count. A day pending in costreport.rollup_pending is computed from container_usage_samples
-- here, in the same snapshot. Used only when the rollups are installed, their triggers are enabled
-- and both window ends are UTC midnights.
-- parameters:
--   $1 timestamptz  window start (inclusive, UTC midnight)
--   $2 timestamptz  window end (exclusive, UTC midnight)
-- returns one row per container and UTC day:
--   cluster, namespace, workload_kind, workload, container text   the container key (as container_usage.sql)
--   cpu_buckets integer[]   the day's occupied buckets of container_cpu_histogram.sql
--   cpu_counts integer[]    the samples in each of them, in the order of cpu_buckets
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
SELECT cluster, namespace, workload_kind, workload, container, cpu_buckets, cpu_counts
FROM days
