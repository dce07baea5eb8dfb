-- name: container_usage
-- Container usage per container, UTC day, node and request set over [$1, $2): what the request
-- findings need (days with data, the latest requests and limits, CPU above the request, the
-- largest working set, pod-seconds per node for pricing). Only count, sum, min and max, grouped
-- by the container key, so a distributed PostgreSQL pushes it down whole. Requests rarely change,
-- so this is about one row per container, day and node.
-- A container is (cluster, namespace, workload_kind, workload, container); a pod without an owner
-- is its own workload: kind 'Pod', workload = the pod's name.
-- CPU and memory values that are NaN, infinite or negative are left out of the statistics.
-- parameters:
--   $1 timestamptz  window start (inclusive)
--   $2 timestamptz  window end (exclusive)
-- returns one row per container, UTC day, node and request set:
--   cluster, namespace, workload_kind, workload, container text   the container key
--   day timestamptz                    UTC midnight
--   node_resource_id text              the node (NULL when the samples name none)
--   cpu_request_cores, cpu_limit_cores real          per pod, cores (NULL when unset)
--   memory_request_bytes, memory_limit_bytes double precision   per pod, bytes (NULL when unset)
--   samples bigint                     samples
--   pod_seconds double precision       sum of interval_seconds
--   first_sample, last_sample timestamptz
--   cpu_usage_min, cpu_usage_max double precision    cores
--   cpu_over_request_seconds double precision   interval_seconds of samples whose CPU usage is above the request
--   cpu_compared_seconds double precision       interval_seconds of samples with both CPU usage and request
--   memory_usage_max double precision  largest working set, bytes
--   labels text                        the pod labels (JSON object; the greatest text of the group)
SELECT cluster, namespace, coalesce(workload_kind, 'Pod') AS workload_kind, coalesce(workload, pod) AS workload,
       container, date_bin('1 day', sampled_at, '1970-01-01 00:00:00+00') AS day, node_resource_id,
       cpu_request_cores, cpu_limit_cores, memory_request_bytes, memory_limit_bytes,
       count(*) AS samples,
       sum(interval_seconds)::double precision AS pod_seconds,
       min(sampled_at) AS first_sample, max(sampled_at) AS last_sample,
       min(cpu_usage_cores::double precision) FILTER (WHERE cpu_usage_cores BETWEEN 0 AND 1e30) AS cpu_usage_min,
       max(cpu_usage_cores::double precision) FILTER (WHERE cpu_usage_cores BETWEEN 0 AND 1e30) AS cpu_usage_max,
       coalesce(sum(interval_seconds) FILTER (
           WHERE cpu_usage_cores BETWEEN 0 AND 1e30 AND cpu_usage_cores > cpu_request_cores), 0)::double precision
           AS cpu_over_request_seconds,
       coalesce(sum(interval_seconds) FILTER (
           WHERE cpu_usage_cores BETWEEN 0 AND 1e30 AND cpu_request_cores BETWEEN 0 AND 1e30), 0)::double precision
           AS cpu_compared_seconds,
       max(memory_usage_bytes) FILTER (WHERE memory_usage_bytes BETWEEN 0 AND 1e30) AS memory_usage_max,
       max(labels::text) AS labels
FROM container_usage_samples
WHERE sampled_at >= $1::timestamptz AND sampled_at < $2::timestamptz
GROUP BY cluster, namespace, coalesce(workload_kind, 'Pod'), coalesce(workload, pod), container,
         date_bin('1 day', sampled_at, '1970-01-01 00:00:00+00'), node_resource_id,
         cpu_request_cores, cpu_limit_cores, memory_request_bytes, memory_limit_bytes
