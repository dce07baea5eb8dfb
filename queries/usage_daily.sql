-- name: usage_daily
-- Utilisation per resource and UTC day, and per resource and hour of the week, over [$1, $2).
-- Two parallel scans of usage_samples with plain GROUP BYs (only aggregates a distributed
-- PostgreSQL can push down: count, sum, min, max): one per resource and UTC day with every
-- measure, one per resource and UTC hour with the three the hour-of-week profile needs, whose hours
-- are then folded into the profile, so the job receives about one row per resource and day, not one
-- per hour. (One scan per hour with every measure, folded into days, keeps 16 aggregates for each
-- of 1,000 resources x 840 hours: more than work_mem, so PostgreSQL sorted every sample; 9.0 s
-- against 4.3 s for the two scans at 8.4 M 5-minute samples, BENCHMARKS.md.)
-- Utilisation values that are NaN or infinite are left out and counted in invalid_samples.
-- parameters:
--   $1 timestamptz  window start (inclusive)
--   $2 timestamptz  window end (exclusive)
--   $3 text         time zone of the hour-of-week profile, e.g. 'UTC'
-- returns one row per resource and UTC day (grain 'day') and one per resource and hour of the
-- week (grain 'week_hour'):
--   resource_id text
--   grain text                       'day' | 'week_hour'
--   day timestamptz                  UTC midnight ('day' rows; NULL otherwise)
--   iso_weekday integer, hour_of_day integer   in $3: 1 = Monday, 0..23 ('week_hour' rows; NULL otherwise)
--   samples bigint                   samples
--   cpu_seconds double precision     sum of interval_seconds of the samples with a CPU value
--   cpu_weighted double precision    sum of cpu_utilization × interval_seconds
-- and, in 'day' rows only (NULL in 'week_hour' rows, which the hour-of-week profile does not need):
--   invalid_samples bigint           samples with a NaN or infinite cpu or memory utilisation
--   covered_seconds double precision sum of interval_seconds
--   cpu_max, memory_max double precision  maximum fractions
--   network_bytes double precision   sum of bytes
--   disk_iops_sum double precision, disk_iops_samples bigint   for the mean IOPS
--   requests double precision        sum of requests, added as numeric (exact: the figure does not
--                                    depend on the order in which parallel workers add the samples)
--   connections_max double precision maximum open connections
--   first_sample, last_sample timestamptz
WITH hourly AS (
    SELECT resource_id,
           date_bin('1 hour', sampled_at, '1970-01-01 00:00:00+00') AS hour,
           count(*) AS samples,
           sum(interval_seconds) FILTER (WHERE cpu_utilization BETWEEN -1e30 AND 1e30) AS cpu_seconds,
           sum(cpu_utilization::double precision * interval_seconds) FILTER (WHERE cpu_utilization BETWEEN -1e30 AND 1e30) AS cpu_weighted
    FROM usage_samples
    WHERE sampled_at >= $1::timestamptz
      AND sampled_at < $2::timestamptz
    GROUP BY resource_id, date_bin('1 hour', sampled_at, '1970-01-01 00:00:00+00')
)
SELECT resource_id, 'day' AS grain,
       date_bin('1 day', sampled_at, '1970-01-01 00:00:00+00') AS day,
       NULL::integer AS iso_weekday, NULL::integer AS hour_of_day,
       count(*) AS samples,
       sum(interval_seconds) FILTER (WHERE cpu_utilization BETWEEN -1e30 AND 1e30)::double precision AS cpu_seconds,
       sum(cpu_utilization::double precision * interval_seconds) FILTER (WHERE cpu_utilization BETWEEN -1e30 AND 1e30) AS cpu_weighted,
       count(*) FILTER (WHERE cpu_utilization = 'NaN' OR cpu_utilization IN ('Infinity', '-Infinity')
                        OR memory_utilization = 'NaN' OR memory_utilization IN ('Infinity', '-Infinity')) AS invalid_samples,
       sum(interval_seconds)::double precision AS covered_seconds,
       max(cpu_utilization) FILTER (WHERE cpu_utilization BETWEEN -1e30 AND 1e30)::double precision AS cpu_max,
       max(memory_utilization) FILTER (WHERE memory_utilization BETWEEN -1e30 AND 1e30)::double precision AS memory_max,
       sum(network_bytes) FILTER (WHERE network_bytes BETWEEN -1e300 AND 1e300) AS network_bytes,
       sum(disk_iops::double precision) FILTER (WHERE disk_iops BETWEEN -1e30 AND 1e30) AS disk_iops_sum,
       count(disk_iops) FILTER (WHERE disk_iops BETWEEN -1e30 AND 1e30) AS disk_iops_samples,
       sum(requests::numeric) FILTER (WHERE requests BETWEEN -1e300 AND 1e300)::double precision AS requests,
       max(connections) FILTER (WHERE connections BETWEEN -1e30 AND 1e30)::double precision AS connections_max,
       min(sampled_at) AS first_sample,
       max(sampled_at) AS last_sample
FROM usage_samples
WHERE sampled_at >= $1::timestamptz
  AND sampled_at < $2::timestamptz
GROUP BY resource_id, date_bin('1 day', sampled_at, '1970-01-01 00:00:00+00')
UNION ALL
SELECT resource_id, 'week_hour', NULL,
       extract(isodow FROM hour AT TIME ZONE $3::text)::integer,
       extract(hour FROM hour AT TIME ZONE $3::text)::integer,
       sum(samples)::bigint,
       sum(cpu_seconds)::double precision,
       sum(cpu_weighted),
       NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
FROM hourly
GROUP BY resource_id, extract(isodow FROM hour AT TIME ZONE $3::text), extract(hour FROM hour AT TIME ZONE $3::text)
