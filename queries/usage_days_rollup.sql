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
-- below (text, timestamptz, bytea, double precision), casting where the table differs.
-- parameters:
--   $1 timestamptz  window start (inclusive, UTC midnight)
--   $2 timestamptz  window end (exclusive, UTC midnight)
-- returns one row per resource and UTC day:
--   resource_id text, day timestamptz, the day's histograms, measures and hours, and requests
--   double precision (the day row's requests of usage_daily.sql); the histograms, measures and
--   hours are bytea columns of big-endian records (as int2send, int4send, int8send, float4send,
--   float8send and timestamptz_send write them), in this order:
--   cpu bytea, memory bytea, cpu_service_hours bytea
--                      the day's histograms (usage_histograms.sql's histograms of those names):
--                      per occupied bucket, ascending, 6 bytes: the bucket (int2, as
--                      usage_histograms.sql's bucket) and its samples (int4)
--   measures bytea     the day row's other measures of usage_daily.sql, 82 bytes: a mask of the
--                      NULL ones (int2: 1 cpu_seconds, 2 cpu_weighted, 4 cpu_max, 8 memory_max,
--                      16 network_bytes, 32 disk_iops_sum, 64 connections_max; a NULL measure is
--                      written as 0), samples (int4), invalid_samples (int4), covered_seconds
--                      (int8), cpu_seconds (int8), cpu_weighted (float8), cpu_max (float4),
--                      memory_max (float4), network_bytes (float8), disk_iops_sum (float8),
--                      disk_iops_samples (int4), connections_max (float4), first_sample and
--                      last_sample (timestamptz); one value, not 13: PostgreSQL's cost of sending
--                      a row is per value (BENCHMARKS.md)
--   requests double precision
--   hour_data bytea    per UTC hour with samples, 18 bytes: the hour (0..23, int2), its samples
--                      (int4), the interval_seconds of its samples with a CPU value (int4) and
--                      their cpu_utilization × interval_seconds (float8)
WITH computed AS MATERIALIZED (  -- the pending days of the window, from usage_samples
    SELECT c.day, c.resource_id, c.measures, c.requests, c.hour_data, c.cpu_histogram, c.memory_histogram, c.service_histogram
    FROM costreport.usage_days_from_samples(ARRAY(
        SELECT day FROM costreport.rollup_pending
        WHERE source = 'usage_samples' AND day >= $1::timestamptz AND day < $2::timestamptz)) c
),
days AS NOT MATERIALIZED (
    SELECT u.day, u.resource_id, u.measures, u.requests, u.hour_data, u.cpu_histogram, u.memory_histogram, u.service_histogram
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
       d.measures,
       d.requests,
       d.hour_data
FROM days d
