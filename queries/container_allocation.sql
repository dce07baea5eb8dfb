-- name: container_allocation
-- What the containers of each workload held of each node in each UTC hour of [$1, $2): the input
-- of container cost allocation (DESIGN.md section 2.2). Per sample, max(request, usage) is taken
-- and weighted by interval_seconds, so a workload's row is what it held, in core-hours and
-- GiB-hours; requests and usage are summed the same way. A pod without owner is its own workload
-- (kind Pod, named after the pod). Rows come ordered by node and hour: the job allocates one
-- node-hour at a time and keeps only per-day sums (memory independent of the number of samples).
-- parameters:
--   $1 timestamptz  window start (inclusive)
--   $2 timestamptz  window end (exclusive)
-- returns one row per node, UTC hour, cluster, namespace, workload kind, workload and pod labels:
--   node_resource_id text (NULL: the samples name no node), hour timestamptz (UTC start of the hour),
--   cluster text, namespace text, workload_kind text, workload text, labels jsonb,
--   samples bigint, samples_without_requests bigint (no CPU or no memory request),
--   cpu_allocated_core_hours, cpu_request_core_hours, cpu_usage_core_hours double precision (core-hours),
--   memory_allocated_gib_hours, memory_request_gib_hours, memory_usage_gib_hours double precision (GiB-hours)
-- NaN values count as missing.
SELECT node_resource_id,
       date_bin('1 hour', sampled_at, TIMESTAMPTZ '2000-01-01 00:00:00+00') AS hour,
       cluster,
       namespace,
       coalesce(workload_kind, 'Pod') AS workload_kind,
       coalesce(workload, pod) AS workload,
       labels,
       count(*) AS samples,
       count(*) FILTER (WHERE nullif(cpu_request_cores, 'NaN') IS NULL
                           OR nullif(memory_request_bytes, 'NaN') IS NULL) AS samples_without_requests,
       sum(interval_seconds::double precision * greatest(coalesce(nullif(cpu_request_cores, 'NaN'), 0),
                                                         coalesce(nullif(cpu_usage_cores, 'NaN'), 0))) / 3600
         AS cpu_allocated_core_hours,
       sum(interval_seconds::double precision * coalesce(nullif(cpu_request_cores, 'NaN'), 0)) / 3600 AS cpu_request_core_hours,
       sum(interval_seconds::double precision * coalesce(nullif(cpu_usage_cores, 'NaN'), 0)) / 3600 AS cpu_usage_core_hours,
       sum(interval_seconds::double precision * greatest(coalesce(nullif(memory_request_bytes, 'NaN'), 0),
                                                         coalesce(nullif(memory_usage_bytes, 'NaN'), 0))) / 3600 / 1073741824
         AS memory_allocated_gib_hours,
       sum(interval_seconds::double precision * coalesce(nullif(memory_request_bytes, 'NaN'), 0)) / 3600 / 1073741824
         AS memory_request_gib_hours,
       sum(interval_seconds::double precision * coalesce(nullif(memory_usage_bytes, 'NaN'), 0)) / 3600 / 1073741824
         AS memory_usage_gib_hours
FROM container_usage_samples
WHERE sampled_at >= $1::timestamptz
  AND sampled_at < $2::timestamptz
GROUP BY node_resource_id, hour, cluster, namespace, coalesce(workload_kind, 'Pod'), coalesce(workload, pod), labels
ORDER BY node_resource_id, hour
