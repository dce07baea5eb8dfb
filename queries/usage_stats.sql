-- name: usage_stats
-- Utilisation statistics per resource over [$1, $2), in ONE scan of usage_samples with grouping
-- sets, using only aggregates a distributed PostgreSQL can push down (count, sum, min, max; the
-- percentiles are computed by the job from the histogram bucket counts).
-- Utilisation values that are NaN or infinite are left out and counted in invalid_samples.
-- parameters:
--   $1 timestamptz  window start (inclusive)
--   $2 timestamptz  window end (exclusive)
--   $3 text         time zone of the service hours and of the hour-of-week profile, e.g. 'UTC'
--   $4 integer      service hours start, hour of day (inclusive), Monday to Friday
--   $5 integer      service hours end, hour of day (exclusive)
--   $6 integer      histogram buckets between 0 and 1 (width_bucket: 0 is below 0, $6+1 is 1 or more)
-- returns one row per resource and grain:
--   resource_id text
--   grain text     'day' | 'hour_of_week' | 'cpu' | 'memory' | 'cpu_service_hours'
--   day timestamptz                  grain 'day': UTC midnight; otherwise NULL
--   iso_weekday integer, hour integer  grain 'hour_of_week': 1 = Monday, 0..23, in $3
--   bucket integer                   histogram grains: the bucket (NULL: no value in those samples)
--   samples bigint                   samples in the group
--   invalid_samples bigint           samples with a NaN or infinite cpu or memory utilisation
--   covered_seconds double precision sum of interval_seconds
--   cpu_average double precision     time-weighted mean CPU fraction
--   cpu_max, memory_max double precision  maximum fractions
--   network_bytes double precision   sum of bytes
--   disk_iops_average double precision mean IOPS
--   requests double precision        sum of requests
--   connections_max double precision maximum open connections
--   first_sample, last_sample timestamptz
WITH samples AS (
    -- OFFSET 0 keeps this subquery from being flattened: the planner then estimates each computed
    -- grouping key at 200 values instead of one per sampled_at, which lets it hash all five
    -- grouping sets in one pass (a MixedAggregate/HashAggregate) instead of sorting the samples
    -- five times on disk. The hour of the week is one key (iso_weekday * 24 + hour) for the same reason.
    SELECT resource_id,
           date_trunc('day', sampled_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS day,
           extract(isodow FROM sampled_at AT TIME ZONE $3::text)::integer * 24
             + extract(hour FROM sampled_at AT TIME ZONE $3::text)::integer AS hour_of_week,
           sampled_at,
           interval_seconds,
           CASE WHEN cpu_utilization BETWEEN -1e30 AND 1e30 THEN cpu_utilization::double precision END AS cpu,
           CASE WHEN memory_utilization BETWEEN -1e30 AND 1e30 THEN memory_utilization::double precision END AS memory,
           (cpu_utilization = 'NaN' OR cpu_utilization IN ('Infinity', '-Infinity')
            OR memory_utilization = 'NaN' OR memory_utilization IN ('Infinity', '-Infinity')) AS invalid,
           CASE WHEN network_bytes BETWEEN -1e300 AND 1e300 THEN network_bytes END AS network_bytes,
           CASE WHEN disk_iops BETWEEN -1e30 AND 1e30 THEN disk_iops::double precision END AS disk_iops,
           CASE WHEN requests BETWEEN -1e300 AND 1e300 THEN requests END AS requests,
           CASE WHEN connections BETWEEN -1e30 AND 1e30 THEN connections::double precision END AS connections
    FROM usage_samples
    WHERE sampled_at >= $1::timestamptz
      AND sampled_at < $2::timestamptz
    OFFSET 0
), bucketed AS (
    SELECT samples.*,
           width_bucket(cpu, 0, 1, $6::integer) AS cpu_bucket,
           width_bucket(memory, 0, 1, $6::integer) AS memory_bucket,
           CASE WHEN hour_of_week < 6 * 24 AND hour_of_week % 24 >= $4::integer AND hour_of_week % 24 < $5::integer
                THEN width_bucket(cpu, 0, 1, $6::integer) END AS service_bucket
    FROM samples
)
SELECT resource_id,
       CASE GROUPING(day, hour_of_week, cpu_bucket, memory_bucket, service_bucket)
           WHEN 15 THEN 'day'
           WHEN 23 THEN 'hour_of_week'
           WHEN 27 THEN 'cpu'
           WHEN 29 THEN 'memory'
           WHEN 30 THEN 'cpu_service_hours'
       END AS grain,
       day,
       hour_of_week / 24 AS iso_weekday,
       hour_of_week % 24 AS hour,
       coalesce(cpu_bucket, memory_bucket, service_bucket) AS bucket,
       count(*) AS samples,
       count(*) FILTER (WHERE invalid) AS invalid_samples,
       sum(interval_seconds)::double precision AS covered_seconds,
       sum(cpu * interval_seconds) / nullif(sum(interval_seconds) FILTER (WHERE cpu IS NOT NULL), 0) AS cpu_average,
       max(cpu) AS cpu_max,
       max(memory) AS memory_max,
       sum(network_bytes) AS network_bytes,
       avg(disk_iops) AS disk_iops_average,
       sum(requests) AS requests,
       max(connections) AS connections_max,
       min(sampled_at) AS first_sample,
       max(sampled_at) AS last_sample
FROM bucketed
GROUP BY GROUPING SETS (
    (resource_id, day),
    (resource_id, hour_of_week),
    (resource_id, cpu_bucket),
    (resource_id, memory_bucket),
    (resource_id, service_bucket)
)
