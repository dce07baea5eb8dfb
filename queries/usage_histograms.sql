-- name: usage_histograms
-- Histograms of CPU, of CPU inside the service hours, and of memory per resource over [$1, $2):
-- bucket counts only (pushed down as counts by a distributed PostgreSQL; the job reads the
-- percentiles from them). One scan with three hashed grouping sets.
-- parameters:
--   $1 timestamptz  window start (inclusive)
--   $2 timestamptz  window end (exclusive)
--   $3 text         time zone of the service hours, e.g. 'UTC'
--   $4 integer      service hours start, hour of day (inclusive), Monday to Friday
--   $5 integer      service hours end, hour of day (exclusive)
--   $6 integer      buckets between 0 and 1 (width_bucket: 0 is below 0, $6+1 is 1 or more)
-- returns one row per resource, histogram and bucket:
--   resource_id text
--   histogram text   'cpu' | 'memory' | 'cpu_service_hours'
--   bucket integer   the bucket (NULL: samples without a value)
--   samples bigint   samples in the bucket
-- NaN and infinite values are left out (usage_hourly.sql counts them).
SELECT resource_id,
       CASE GROUPING(cpu_bucket, memory_bucket, service_bucket)
           WHEN 3 THEN 'cpu'
           WHEN 5 THEN 'memory'
           WHEN 6 THEN 'cpu_service_hours'
       END AS histogram,
       coalesce(cpu_bucket, memory_bucket, service_bucket) AS bucket,
       count(*) AS samples
FROM (
    SELECT resource_id,
           width_bucket(cpu, 0, 1, $6::integer) AS cpu_bucket,
           width_bucket(memory, 0, 1, $6::integer) AS memory_bucket,
           CASE WHEN date_part('isodow', local_time) <= 5
                 AND date_part('hour', local_time) >= $4::integer AND date_part('hour', local_time) < $5::integer
                THEN width_bucket(cpu, 0, 1, $6::integer) END AS service_bucket
    FROM (
        -- OFFSET 0 keeps the subqueries from being flattened, so the planner estimates each
        -- computed bucket at 200 values (not one per distinct float) and hashes all three
        -- grouping sets in one pass instead of sorting the samples three times.
        SELECT resource_id,
               CASE WHEN cpu_utilization BETWEEN -1e30 AND 1e30 THEN cpu_utilization::double precision END AS cpu,
               CASE WHEN memory_utilization BETWEEN -1e30 AND 1e30 THEN memory_utilization::double precision END AS memory,
               sampled_at AT TIME ZONE $3::text AS local_time
        FROM usage_samples
        WHERE sampled_at >= $1::timestamptz
          AND sampled_at < $2::timestamptz
        OFFSET 0
    ) samples
    OFFSET 0
) bucketed
GROUP BY GROUPING SETS ((resource_id, cpu_bucket), (resource_id, memory_bucket), (resource_id, service_bucket))
