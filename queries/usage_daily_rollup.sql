-- name: usage_daily_rollup
-- queries/usage_daily.sql read from costreport.usage_days (sample-billing/rollups.sql) instead of
-- usage_samples: the same parameters and columns. A day's row is read as stored, unless the day
-- is pending in costreport.rollup_pending (its samples changed since it was rolled up): then it
-- is computed from usage_samples here, in the same snapshot, so the figures are exact either way.
-- The hour-of-week rows add up the stored hours (arrays of the UTC hours with samples). Used only
-- when the rollups are installed, their triggers are enabled and both window ends are UTC
-- midnights.
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
WITH computed AS MATERIALIZED (  -- the pending days of the window, from usage_samples
    SELECT c.day, c.resource_id, c.samples, c.invalid_samples, c.covered_seconds, c.cpu_seconds, c.cpu_weighted,
           c.cpu_max, c.memory_max, c.network_bytes, c.disk_iops_sum, c.disk_iops_samples, c.requests,
           c.connections_max, c.first_sample, c.last_sample, c.hours, c.hour_samples, c.hour_cpu_seconds, c.hour_cpu_weighted
    FROM costreport.usage_days_from_samples(ARRAY(
        SELECT day FROM costreport.rollup_pending
        WHERE source = 'usage_samples' AND day >= $1::timestamptz AND day < $2::timestamptz)) c
),
days AS NOT MATERIALIZED (
    SELECT u.day, u.resource_id, u.samples, u.invalid_samples, u.covered_seconds, u.cpu_seconds, u.cpu_weighted,
           u.cpu_max, u.memory_max, u.network_bytes, u.disk_iops_sum, u.disk_iops_samples, u.requests,
           u.connections_max, u.first_sample, u.last_sample, u.hours, u.hour_samples, u.hour_cpu_seconds, u.hour_cpu_weighted
    FROM costreport.usage_days u
    WHERE u.day >= $1::timestamptz AND u.day < $2::timestamptz
      AND NOT EXISTS (SELECT FROM costreport.rollup_pending p WHERE p.source = 'usage_samples' AND p.day = u.day)
    UNION ALL
    SELECT * FROM computed
),
-- per UTC day of the window, the local weekday × 24 + hour of each of its 24 UTC hours in $3,
-- computed once per hour of the window rather than once per stored hour
day_codes AS (
    SELECT date_bin('1 day', t, '1970-01-01 00:00:00+00') AS day,
           array_agg(extract(isodow FROM t AT TIME ZONE $3::text)::integer * 24
                     + extract(hour FROM t AT TIME ZONE $3::text)::integer ORDER BY t) AS codes
    FROM generate_series($1::timestamptz, $2::timestamptz - interval '1 hour', interval '1 hour') AS t
    GROUP BY 1
)
SELECT resource_id, 'day' AS grain, day,
       NULL::integer AS iso_weekday, NULL::integer AS hour_of_day,
       samples::bigint AS samples,
       cpu_seconds::double precision AS cpu_seconds,
       cpu_weighted,
       invalid_samples::bigint AS invalid_samples,
       covered_seconds::double precision AS covered_seconds,
       cpu_max::double precision AS cpu_max,
       memory_max::double precision AS memory_max,
       network_bytes,
       disk_iops_sum,
       disk_iops_samples::bigint AS disk_iops_samples,
       requests,
       connections_max::double precision AS connections_max,
       first_sample,
       last_sample
FROM days
UNION ALL
SELECT resource_id, 'week_hour', NULL, code / 24, code % 24,
       sum(samples)::bigint,
       sum(cpu_seconds)::double precision,
       sum(cpu_weighted),
       NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
-- unnest in the select list (a ProjectSet) costs a fraction of a LATERAL unnest per row
FROM (SELECT resource_id, codes[hour + 1] AS code, samples, cpu_seconds, cpu_weighted
      FROM (SELECT d.resource_id, c.codes, unnest(d.hours) AS hour, unnest(d.hour_samples) AS samples,
                   unnest(d.hour_cpu_seconds) AS cpu_seconds, unnest(d.hour_cpu_weighted) AS cpu_weighted
            FROM days d JOIN day_codes c ON c.day = d.day) h) x
GROUP BY resource_id, code
