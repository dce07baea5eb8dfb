-- name: usage_daily_rollup
-- queries/usage_daily.sql read from costreport.usage_days (sample-billing/rollups.sql) instead of
-- usage_samples: the same parameters, the 'day' rows of usage_daily.sql with the day's hours as
-- arrays instead of 'week_hour' rows. A day's row is read as stored, unless the day is pending in
-- costreport.rollup_pending (its samples changed since it was rolled up): then it is computed
-- from usage_samples here, in the same snapshot, so the figures are exact either way. The job adds
-- the hours up per local hour of the week (unnesting and grouping them here took PostgreSQL
-- 1.5 s for 110 K resource-days, BENCHMARKS.md). Used only when the rollups are installed, their
-- triggers are enabled and both window ends are UTC midnights.
-- parameters:
--   $1 timestamptz  window start (inclusive, UTC midnight)
--   $2 timestamptz  window end (exclusive, UTC midnight)
--   $3 text         time zone of the hour-of-week profile, e.g. 'UTC'
-- returns one row per resource and UTC day (grain 'day'), the columns of usage_daily.sql's 'day'
-- rows (iso_weekday and hour_of_day NULL) and two bytea columns of big-endian records (as
-- int2send, int4send and float8send write them; PostgreSQL prints them in hex):
--   hour_data bytea    per UTC hour with samples, 18 bytes: the hour (0..23, int2), its samples
--                      (int4), the interval_seconds of its samples with a CPU value (int4) and
--                      their cpu_utilization × interval_seconds (float8)
--   hour_codes bytea   per UTC hour 0..23 of the day, 2 bytes: its ISO weekday × 24 + hour in $3 (int2)
WITH computed AS MATERIALIZED (  -- the pending days of the window, from usage_samples
    SELECT c.day, c.resource_id, c.samples, c.invalid_samples, c.covered_seconds, c.cpu_seconds, c.cpu_weighted,
           c.cpu_max, c.memory_max, c.network_bytes, c.disk_iops_sum, c.disk_iops_samples, c.requests,
           c.connections_max, c.first_sample, c.last_sample, c.hour_data
    FROM costreport.usage_days_from_samples(ARRAY(
        SELECT day FROM costreport.rollup_pending
        WHERE source = 'usage_samples' AND day >= $1::timestamptz AND day < $2::timestamptz)) c
),
days AS NOT MATERIALIZED (
    SELECT u.day, u.resource_id, u.samples, u.invalid_samples, u.covered_seconds, u.cpu_seconds, u.cpu_weighted,
           u.cpu_max, u.memory_max, u.network_bytes, u.disk_iops_sum, u.disk_iops_samples, u.requests,
           u.connections_max, u.first_sample, u.last_sample, u.hour_data
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
           string_agg(int2send((extract(isodow FROM t AT TIME ZONE $3::text) * 24
                                + extract(hour FROM t AT TIME ZONE $3::text))::smallint), ''::bytea ORDER BY t) AS codes
    FROM generate_series($1::timestamptz, $2::timestamptz - interval '1 hour', interval '1 hour') AS t
    GROUP BY 1
)
SELECT d.resource_id, 'day' AS grain, d.day,
       NULL::integer AS iso_weekday, NULL::integer AS hour_of_day,
       d.samples::bigint AS samples,
       d.cpu_seconds::double precision AS cpu_seconds,
       d.cpu_weighted,
       d.invalid_samples::bigint AS invalid_samples,
       d.covered_seconds::double precision AS covered_seconds,
       d.cpu_max::double precision AS cpu_max,
       d.memory_max::double precision AS memory_max,
       d.network_bytes,
       d.disk_iops_sum,
       d.disk_iops_samples::bigint AS disk_iops_samples,
       d.requests,
       d.connections_max::double precision AS connections_max,
       d.first_sample,
       d.last_sample,
       d.hour_data,
       c.codes AS hour_codes
FROM days d
JOIN day_codes c ON c.day = d.day
