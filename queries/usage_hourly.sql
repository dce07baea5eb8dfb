-- name: usage_hourly
-- Utilisation per resource and UTC hour over [$1, $2): one parallel scan of usage_samples with a
-- plain GROUP BY, using only aggregates a distributed PostgreSQL can push down (count, sum, min,
-- max). The job folds the hours into days and into the hour-of-week profile.
-- Utilisation values that are NaN or infinite are left out and counted in invalid_samples.
-- parameters:
--   $1 timestamptz  window start (inclusive)
--   $2 timestamptz  window end (exclusive)
--   $3 text         time zone of the hour-of-week profile, e.g. 'UTC'
-- returns one row per resource and hour:
--   resource_id text
--   hour timestamptz                 the UTC hour (date_trunc('hour'))
--   iso_weekday integer, hour_of_day integer   that hour in $3: 1 = Monday, 0..23
--   samples bigint                   samples in the hour
--   invalid_samples bigint           samples with a NaN or infinite cpu or memory utilisation
--   covered_seconds double precision sum of interval_seconds
--   cpu_seconds double precision     sum of interval_seconds of the samples with a CPU value
--   cpu_weighted double precision    sum of cpu_utilization × interval_seconds
--   cpu_max, memory_max double precision  maximum fractions
--   network_bytes double precision   sum of bytes
--   disk_iops_sum double precision, disk_iops_samples bigint   for the mean IOPS
--   requests double precision        sum of requests
--   connections_max double precision maximum open connections
--   first_sample, last_sample timestamptz
SELECT resource_id,
       hour,
       extract(isodow FROM hour AT TIME ZONE $3::text)::integer AS iso_weekday,
       extract(hour FROM hour AT TIME ZONE $3::text)::integer AS hour_of_day,
       samples, invalid_samples, covered_seconds, cpu_seconds, cpu_weighted, cpu_max, memory_max,
       network_bytes, disk_iops_sum, disk_iops_samples, requests, connections_max, first_sample, last_sample
FROM (
    SELECT resource_id,
           date_trunc('hour', sampled_at) AS hour,
           count(*) AS samples,
           count(*) FILTER (WHERE cpu_utilization = 'NaN' OR cpu_utilization IN ('Infinity', '-Infinity')
                            OR memory_utilization = 'NaN' OR memory_utilization IN ('Infinity', '-Infinity')) AS invalid_samples,
           sum(interval_seconds)::double precision AS covered_seconds,
           sum(interval_seconds) FILTER (WHERE cpu_utilization BETWEEN -1e30 AND 1e30)::double precision AS cpu_seconds,
           sum(cpu_utilization::double precision * interval_seconds) FILTER (WHERE cpu_utilization BETWEEN -1e30 AND 1e30) AS cpu_weighted,
           max(cpu_utilization) FILTER (WHERE cpu_utilization BETWEEN -1e30 AND 1e30)::double precision AS cpu_max,
           max(memory_utilization) FILTER (WHERE memory_utilization BETWEEN -1e30 AND 1e30)::double precision AS memory_max,
           sum(network_bytes) FILTER (WHERE network_bytes BETWEEN -1e300 AND 1e300) AS network_bytes,
           sum(disk_iops) FILTER (WHERE disk_iops BETWEEN -1e30 AND 1e30)::double precision AS disk_iops_sum,
           count(disk_iops) FILTER (WHERE disk_iops BETWEEN -1e30 AND 1e30) AS disk_iops_samples,
           sum(requests) FILTER (WHERE requests BETWEEN -1e300 AND 1e300) AS requests,
           max(connections) FILTER (WHERE connections BETWEEN -1e30 AND 1e30)::double precision AS connections_max,
           min(sampled_at) AS first_sample,
           max(sampled_at) AS last_sample
    FROM usage_samples
    WHERE sampled_at >= $1::timestamptz
      AND sampled_at < $2::timestamptz
    GROUP BY resource_id, date_trunc('hour', sampled_at)
) hourly
