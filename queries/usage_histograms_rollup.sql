-- name: usage_histograms_rollup
-- queries/usage_histograms.sql read from costreport.usage_days (sample-billing/rollups.sql)
-- instead of usage_samples: the bucket counts stored per resource and day (packed records of the
-- occupied buckets), a row per resource and day; the job adds them up over the window
-- (unnesting and summing them here took PostgreSQL 2 s for 110 K resource-days, BENCHMARKS.md). A
-- day pending in costreport.rollup_pending is computed from usage_samples here,
-- in the same snapshot. Used only when the rollups are installed, their triggers are enabled, both
-- window ends are UTC midnights and costreport.rollup_settings holds the time zone, service hours
-- and buckets the report would pass to usage_histograms.sql.
-- parameters:
--   $1 timestamptz  window start (inclusive, UTC midnight)
--   $2 timestamptz  window end (exclusive, UTC midnight)
-- returns one row per resource and UTC day:
--   resource_id text,
--   cpu bytea, memory bytea, cpu_service_hours bytea   the day's histograms (usage_histograms.sql's
--                      histogram of that name): per occupied bucket, ascending, 6 big-endian
--                      bytes, the bucket (int2, as usage_histograms.sql's bucket) and its samples
--                      (int4); printed in hex
WITH computed AS MATERIALIZED (  -- the pending days of the window, from usage_samples
    SELECT c.resource_id, c.cpu_histogram, c.memory_histogram, c.service_histogram
    FROM costreport.usage_days_from_samples(ARRAY(
        SELECT day FROM costreport.rollup_pending
        WHERE source = 'usage_samples' AND day >= $1::timestamptz AND day < $2::timestamptz)) c
),
days AS NOT MATERIALIZED (
    SELECT u.resource_id, u.cpu_histogram, u.memory_histogram, u.service_histogram
    FROM costreport.usage_days u
    WHERE u.day >= $1::timestamptz AND u.day < $2::timestamptz
      AND NOT EXISTS (SELECT FROM costreport.rollup_pending p WHERE p.source = 'usage_samples' AND p.day = u.day)
    UNION ALL
    SELECT * FROM computed
)
SELECT resource_id, cpu_histogram AS cpu, memory_histogram AS memory, service_histogram AS cpu_service_hours
FROM days
