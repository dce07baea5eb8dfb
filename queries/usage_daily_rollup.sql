-- name: usage_daily_rollup
-- queries/usage_daily.sql read from costreport.usage_hourly (sample-billing/rollups.sql) instead
-- of usage_samples: the same parameters and columns, folded from the stored hours (two plain
-- GROUP BYs, which PostgreSQL runs in parallel). Used only when the rollups are installed, their
-- triggers are enabled and both window ends are UTC midnights.
-- parameters:
--   $1 timestamptz  window start (inclusive, UTC midnight)
--   $2 timestamptz  window end (exclusive, UTC midnight)
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
--   requests double precision        sum of requests
--   connections_max double precision maximum open connections
--   first_sample, last_sample timestamptz
SELECT resource_id, 'day' AS grain,
       date_bin('1 day', hour, '1970-01-01 00:00:00+00') AS day,
       NULL::integer AS iso_weekday, NULL::integer AS hour_of_day,
       sum(samples)::bigint AS samples,
       sum(cpu_seconds)::double precision AS cpu_seconds,
       sum(cpu_weighted) AS cpu_weighted,
       sum(invalid_samples)::bigint AS invalid_samples,
       sum(covered_seconds)::double precision AS covered_seconds,
       max(cpu_max) AS cpu_max,
       max(memory_max) AS memory_max,
       sum(network_bytes) AS network_bytes,
       sum(disk_iops_sum) AS disk_iops_sum,
       sum(disk_iops_samples)::bigint AS disk_iops_samples,
       sum(requests) AS requests,
       max(connections_max) AS connections_max,
       min(first_sample) AS first_sample,
       max(last_sample) AS last_sample
FROM costreport.usage_hourly
WHERE hour >= $1::timestamptz AND hour < $2::timestamptz
GROUP BY resource_id, date_bin('1 day', hour, '1970-01-01 00:00:00+00')
UNION ALL
SELECT resource_id, 'week_hour', NULL,
       extract(isodow FROM hour AT TIME ZONE $3::text)::integer,
       extract(hour FROM hour AT TIME ZONE $3::text)::integer,
       sum(samples)::bigint,
       sum(cpu_seconds)::double precision,
       sum(cpu_weighted),
       NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
FROM costreport.usage_hourly
WHERE hour >= $1::timestamptz AND hour < $2::timestamptz
GROUP BY resource_id, extract(isodow FROM hour AT TIME ZONE $3::text), extract(hour FROM hour AT TIME ZONE $3::text)
