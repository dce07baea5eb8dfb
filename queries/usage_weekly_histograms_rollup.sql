-- name: usage_weekly_histograms_rollup
-- queries/usage_weekly_histograms.sql read from costreport.usage_days (sample-billing/rollups.sql)
-- instead of usage_samples: the CPU and memory bucket counts stored per resource and day (packed
-- records of the occupied buckets), a row per resource and day with the day's week; the job
-- adds them up per week (unnesting and summing them here took PostgreSQL 3-4 s for 110 K
-- resource-days). A day pending in costreport.rollup_pending is computed from usage_samples here, in the
-- same snapshot. Used only when the rollups are usable for the window (see
-- usage_histograms_rollup.sql); the buckets are those of costreport.rollup_settings.
-- parameters:
--   $1 timestamptz  window start (inclusive, UTC midnight)
--   $2 timestamptz  window end (exclusive, UTC midnight)
-- returns one row per resource and UTC day:
--   resource_id text, week_start timestamptz as usage_weekly_histograms.sql,
--   cpu bytea, memory bytea  the day's histograms (usage_weekly_histograms.sql's histogram cpu
--                            and memory): per occupied bucket, ascending, 6 big-endian bytes, the
--                            bucket (int2, as usage_weekly_histograms.sql's bucket) and its samples
--                            (int4); printed in hex
WITH weeks AS MATERIALIZED (  -- the full weeks counted back from $2
    SELECT $2::timestamptz - interval '7 days' * floor(extract(epoch FROM $2::timestamptz - $1::timestamptz) / 604800) AS start
),
computed AS MATERIALIZED (
    SELECT c.day, c.resource_id, c.cpu_histogram, c.memory_histogram
    FROM costreport.usage_days_from_samples(ARRAY(
        SELECT day FROM costreport.rollup_pending, weeks
        WHERE source = 'usage_samples' AND day >= weeks.start AND day < $2::timestamptz)) c
),
days AS NOT MATERIALIZED (
    SELECT u.day, u.resource_id, u.cpu_histogram, u.memory_histogram
    FROM costreport.usage_days u, weeks
    WHERE u.day >= weeks.start AND u.day < $2::timestamptz
      AND NOT EXISTS (SELECT FROM costreport.rollup_pending p WHERE p.source = 'usage_samples' AND p.day = u.day)
    UNION ALL
    SELECT * FROM computed
)
SELECT resource_id, date_bin('7 days', day, $2::timestamptz) AS week_start, cpu_histogram AS cpu, memory_histogram AS memory
FROM days
