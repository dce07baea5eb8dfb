-- name: usage_days_rollup
-- The utilisation statistics of queries/usage_daily.sql, usage_histograms.sql and
-- usage_weekly_histograms.sql read in one pass from costreport.usage_days (sample-billing/rollups.sql)
-- instead of three scans of usage_samples: a row per resource and UTC day with the day's measures,
-- its hours and its three histograms as stored. The job adds the hours up per local hour of the
-- week (by the codes of queries/usage_hour_codes_rollup.sql, once per day), the histograms over the window and, for the days of the full weeks counted back from $2,
-- per week (doing this here took PostgreSQL seconds for 110 K resource-days, BENCHMARKS.md). A
-- day pending in costreport.rollup_pending (its samples changed since it was rolled up) is
-- computed from usage_samples here, in the same snapshot, so the figures are exact either way.
-- Used only when the rollups are installed, their triggers are enabled, both window ends are UTC
-- midnights and the rollups' settings (costreport.rollup_settings: time zone, service hours,
-- buckets) are the run's.
-- The job reads the rows in PostgreSQL's binary format: return each column with the type named
-- below (text, timestamptz, bigint, double precision, bytea), casting where the table differs.
-- parameters:
--   $1 timestamptz  window start (inclusive, UTC midnight)
--   $2 timestamptz  window end (exclusive, UTC midnight)
-- returns one row per resource and UTC day:
--   resource_id text, day timestamptz, the day's histograms, the day row's measures of
--   usage_daily.sql (samples bigint, cpu_seconds double precision, cpu_weighted double precision,
--   invalid_samples bigint, covered_seconds double precision, cpu_max double precision,
--   memory_max double precision, network_bytes double precision, disk_iops_sum double precision,
--   disk_iops_samples bigint, requests double precision, connections_max double precision,
--   first_sample timestamptz, last_sample timestamptz) and its hours; the histograms and hours are
--   bytea columns of big-endian records (as int2send, int4send and float8send write them), in
--   this order:
--   cpu bytea, memory bytea, cpu_service_hours bytea
--                      the day's histograms (usage_histograms.sql's histograms of those names):
--                      per occupied bucket, ascending, 6 bytes: the bucket (int2, as
--                      usage_histograms.sql's bucket) and its samples (int4)
--   hour_data bytea    per UTC hour with samples, 18 bytes: the hour (0..23, int2), its samples
--                      (int4), the interval_seconds of its samples with a CPU value (int4) and
--                      their cpu_utilization × interval_seconds (float8)
WITH computed AS MATERIALIZED (  -- the pending days of the window, from usage_samples
    SELECT c.day, c.resource_id, c.samples, c.invalid_samples, c.covered_seconds, c.cpu_seconds, c.cpu_weighted,
           c.cpu_max, c.memory_max, c.network_bytes, c.disk_iops_sum, c.disk_iops_samples, c.requests,
           c.connections_max, c.first_sample, c.last_sample, c.hour_data,
           c.cpu_histogram, c.memory_histogram, c.service_histogram
    FROM costreport.usage_days_from_samples(ARRAY(
        SELECT day FROM costreport.rollup_pending
        WHERE source = 'usage_samples' AND day >= $1::timestamptz AND day < $2::timestamptz)) c
),
days AS NOT MATERIALIZED (
    SELECT u.day, u.resource_id, u.samples, u.invalid_samples, u.covered_seconds, u.cpu_seconds, u.cpu_weighted,
           u.cpu_max, u.memory_max, u.network_bytes, u.disk_iops_sum, u.disk_iops_samples, u.requests,
           u.connections_max, u.first_sample, u.last_sample, u.hour_data,
           u.cpu_histogram, u.memory_histogram, u.service_histogram
    FROM costreport.usage_days u
    WHERE u.day >= $1::timestamptz AND u.day < $2::timestamptz
      AND u.day <> ALL (ARRAY(
          SELECT day FROM costreport.rollup_pending
          WHERE source = 'usage_samples' AND day >= $1::timestamptz AND day < $2::timestamptz))
    UNION ALL
    SELECT * FROM computed
)
SELECT d.resource_id, d.day,
       d.cpu_histogram AS cpu,
       d.memory_histogram AS memory,
       d.service_histogram AS cpu_service_hours,
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
       d.hour_data
FROM days d
