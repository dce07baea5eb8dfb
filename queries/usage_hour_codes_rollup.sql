-- name: usage_hour_codes_rollup
-- Per UTC day of the window, the local hour of the week of each of its 24 UTC hours in $3: the
-- codes by which the job adds up the hours of queries/usage_days_rollup.sql's rows into the
-- hour-of-week profile (as usage_daily.sql's 'hour' rows count them, in PostgreSQL's time zone
-- rules). Once per day, not on every resource-day row. Read in binary format.
-- parameters:
--   $1 timestamptz  window start (inclusive, UTC midnight)
--   $2 timestamptz  window end (exclusive, UTC midnight)
--   $3 text         time zone of the hour-of-week profile, e.g. 'UTC'
-- returns one row per UTC day:
--   day timestamptz    UTC midnight
--   hour_codes bytea   per UTC hour 0..23 of the day, 2 bytes: its ISO weekday × 24 + hour in $3 (int2)
SELECT date_bin('1 day', t, '1970-01-01 00:00:00+00') AS day,
       string_agg(int2send((extract(isodow FROM t AT TIME ZONE $3::text) * 24
                            + extract(hour FROM t AT TIME ZONE $3::text))::smallint), ''::bytea ORDER BY t) AS hour_codes
FROM generate_series($1::timestamptz, $2::timestamptz - interval '1 hour', interval '1 hour') AS t
GROUP BY 1
