-- name: usage_histograms
-- Histograms of CPU, of CPU inside the service hours, and of memory per resource over [$1, $2):
-- bucket counts only (pushed down as counts by a distributed PostgreSQL; the job reads the
-- percentiles from them). Two plain GROUP BYs over usage_samples, each containing resource_id, so
-- that a coordinator whose usage_samples is partitioned by hash on resource_id into postgres_fdw
-- foreign tables has the shards compute them (docs/scale-out.md): CPU buckets with, in the same
-- pass, the count of their samples inside the service hours; memory buckets. The optional
-- statistics in sample-billing/schema.sql let PostgreSQL hash them instead of sorting every sample.
-- A sample is inside the service hours when its 15-minute slot is: Monday to Friday, from $4 to
-- $5 o'clock in $3. The slots of the window are classified once (not a time zone conversion per
-- sample) into one multirange of timestamps, computed before the scan and sent to the shards as a
-- parameter; this equals the per-sample rule in every time zone whose offsets and transitions fall
-- on quarter hours, which is all of today's.
-- parameters:
--   $1 timestamptz  window start (inclusive)
--   $2 timestamptz  window end (exclusive)
--   $3 text         time zone of the service hours, e.g. 'UTC'
--   $4 integer      service hours start, hour of day (inclusive), Monday to Friday
--   $5 integer      service hours end, hour of day (exclusive)
--   $6 integer      buckets between 0 and 1 (width_bucket: 0 is below 0, $6+1 is 1 or more)
-- returns one row per resource, histogram and bucket with samples (never a zero count):
--   resource_id text
--   histogram text   'cpu' | 'memory' | 'cpu_service_hours'
--   bucket integer   the bucket
--   samples bigint   samples in the bucket
-- NaN, infinite and NULL values are left out (usage_daily.sql counts the non-finite ones).
WITH cpu AS MATERIALIZED (
    SELECT resource_id,
           width_bucket(cpu_utilization::double precision, 0, 1, $6::integer) AS bucket,
           count(*) AS samples,
           count(*) FILTER (WHERE sampled_at <@ (
               SELECT range_agg(tstzrange(slot, slot + interval '15 minutes'))
               FROM generate_series(date_bin('15 minutes', $1::timestamptz, '1970-01-01 00:00:00+00'), $2::timestamptz,
                                    interval '15 minutes') AS slot
               WHERE extract(isodow FROM slot AT TIME ZONE $3::text) <= 5
                 AND extract(hour FROM slot AT TIME ZONE $3::text) >= $4::integer
                 AND extract(hour FROM slot AT TIME ZONE $3::text) < $5::integer)) AS service_hours_samples
    FROM usage_samples
    WHERE sampled_at >= $1::timestamptz AND sampled_at < $2::timestamptz
      AND cpu_utilization BETWEEN -1e30 AND 1e30
    GROUP BY resource_id, width_bucket(cpu_utilization::double precision, 0, 1, $6::integer)
)
SELECT resource_id, 'cpu' AS histogram, bucket, samples FROM cpu
UNION ALL
SELECT resource_id, 'memory',
       width_bucket(memory_utilization::double precision, 0, 1, $6::integer), count(*)
FROM usage_samples
WHERE sampled_at >= $1::timestamptz AND sampled_at < $2::timestamptz
  AND memory_utilization BETWEEN -1e30 AND 1e30
GROUP BY resource_id, width_bucket(memory_utilization::double precision, 0, 1, $6::integer)
UNION ALL
SELECT resource_id, 'cpu_service_hours', bucket, service_hours_samples FROM cpu WHERE service_hours_samples > 0
