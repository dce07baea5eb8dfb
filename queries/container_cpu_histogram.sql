-- name: container_cpu_histogram
-- CPU usage (cores) per container over [$1, $2) as bucket counts on a geometric scale from
-- 1 millicore to 1000 cores (the job reads the percentiles from them; no percentile_cont, so a
-- distributed PostgreSQL pushes the counts down). width_bucket over ln(cores): bucket 0 is below
-- 1 millicore (0 included), buckets 1..$3 are each 10^(6/$3) wide, $3+1 is 1000 cores or more.
-- parameters:
--   $1 timestamptz  window start (inclusive)
--   $2 timestamptz  window end (exclusive)
--   $3 integer      buckets between 1 millicore and 1000 cores (costreport uses 1200: 1.16 % each)
-- returns one row per container and bucket:
--   cluster, namespace, workload_kind, workload, container text   the container key (as container_usage.sql)
--   bucket integer   the bucket
--   samples bigint   samples in the bucket
SELECT cluster, namespace, coalesce(workload_kind, 'Pod') AS workload_kind, coalesce(workload, pod) AS workload,
       container,
       width_bucket(ln(greatest(cpu_usage_cores::double precision, 1e-12)), ln(0.001), ln(1000), $3::integer) AS bucket,
       count(*) AS samples
FROM container_usage_samples
WHERE sampled_at >= $1::timestamptz AND sampled_at < $2::timestamptz
  AND cpu_usage_cores BETWEEN 0 AND 1e30
GROUP BY cluster, namespace, coalesce(workload_kind, 'Pod'), coalesce(workload, pod), container,
         width_bucket(ln(greatest(cpu_usage_cores::double precision, 1e-12)), ln(0.001), ln(1000), $3::integer)
