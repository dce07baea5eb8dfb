-- name: container_hours
-- Pods and usage per container and UTC hour over [$1, $2): the replica range of a workload and
-- the hourly demand the plan's node-removal rule checks. Pods are counted per sampled_at instant
-- (one sample per pod and container at each instant, as `import prometheus` writes them), then
-- the instants are folded into hours. Both levels group by the container key and use only count,
-- sum, min and max.
-- parameters:
--   $1 timestamptz  window start (inclusive)
--   $2 timestamptz  window end (exclusive)
-- returns one row per container and UTC hour:
--   cluster, namespace, workload_kind, workload, container text   the container key (as container_usage.sql)
--   hour timestamptz                      start of the UTC hour
--   min_pods, max_pods bigint             fewest and most pods sampled at one instant in the hour
--   pod_seconds double precision          sum of interval_seconds
--   cpu_core_seconds double precision     sum of cpu_usage_cores × interval_seconds (finite, >= 0)
--   memory_byte_seconds double precision  sum of memory_usage_bytes × interval_seconds (finite, >= 0)
SELECT cluster, namespace, workload_kind, workload, container,
       date_bin('1 hour', sampled_at, '1970-01-01 00:00:00+00') AS hour,
       min(pods) AS min_pods, max(pods) AS max_pods, sum(pod_seconds) AS pod_seconds,
       coalesce(sum(cpu_core_seconds), 0) AS cpu_core_seconds,
       coalesce(sum(memory_byte_seconds), 0) AS memory_byte_seconds
FROM (
    SELECT cluster, namespace, coalesce(workload_kind, 'Pod') AS workload_kind, coalesce(workload, pod) AS workload,
           container, sampled_at, count(*) AS pods,
           sum(interval_seconds)::double precision AS pod_seconds,
           sum(cpu_usage_cores::double precision * interval_seconds) FILTER (WHERE cpu_usage_cores BETWEEN 0 AND 1e30)
               AS cpu_core_seconds,
           sum(memory_usage_bytes * interval_seconds) FILTER (WHERE memory_usage_bytes BETWEEN 0 AND 1e30)
               AS memory_byte_seconds
    FROM container_usage_samples
    WHERE sampled_at >= $1::timestamptz AND sampled_at < $2::timestamptz
    GROUP BY cluster, namespace, coalesce(workload_kind, 'Pod'), coalesce(workload, pod), container, sampled_at
) AS instants
GROUP BY cluster, namespace, workload_kind, workload, container, date_bin('1 hour', sampled_at, '1970-01-01 00:00:00+00')
