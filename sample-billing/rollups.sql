-- costreport rollups: installed by `costreport db init` (unless --no-rollups) and rebuilt by
-- `costreport db rollups`; removed by `costreport db rollups --drop`. Not part of the data
-- contract: the report works without them and reads the raw tables then. With them, it reads one
-- row per resource and UTC day instead of every usage sample, and one row per UTC day and charge
-- group instead of every billing line (BENCHMARKS.md, issue 18).
--
--   costreport.charge_sets      the keys of queries/charges.sql but the day (account, invoice,
--                               currency, category, resource, service, pricing, and the tags
--                               grouped as jsonb, kept as its text), once per distinct set
--   costreport.charges_daily    billing_line_items summed per UTC day and charge set (sums and
--                               counts only: exact, as their texts in one value); a set's days
--                               name it by its set_id
--   costreport.commitments_daily  billing_line_items of commitments and of eligible on-demand
--                               usage summed per UTC day and the keys of queries/commitments.sql
--   costreport.usage_days       usage_samples per resource and UTC day: the day's measures of
--                               queries/usage_daily.sql packed in a bytea, its hours likewise (the UTC
--                               hours that have samples, and their samples, CPU seconds and
--                               CPU-weighted seconds) and the day's three histograms of
--                               queries/usage_histograms.sql packed likewise (the occupied buckets
--                               and their sample counts): fixed-size big-endian records, read in
--                               a fraction of the time arrays take to print and parse
--   costreport.container_usage_days  container_usage_samples per UTC day and the keys of
--                               queries/container_usage.sql (its rows, as they are)
--   costreport.container_days   container_usage_samples per container and UTC day: the hours of
--                               queries/container_hours.sql and the CPU histogram of
--                               queries/container_cpu_histogram.sql (1200 buckets) as arrays
--   costreport.container_allocation_days  container_usage_samples per node, UTC day and workload:
--                               the hours of queries/container_allocation.sql packed in a bytea
--   costreport.node_charges     billing_line_items of the nodes that container_usage_samples names,
--                               summed per charge period as queries/node_charges.sql sums them
--   costreport.rollup_nodes     the nodes costreport.node_charges holds (every node_resource_id
--                               of costreport.container_allocation_days, added by the refresh)
--   costreport.rollup_pending   UTC days whose raw rows changed since those days were rolled up
--   costreport.rollup_settings  the service hours, time zone and buckets the histograms were
--                               built with; the report uses the rollups only when they match its
--                               policy
--
-- Writes stay cheap: statement-level triggers with transition tables on billing_line_items,
-- usage_samples and container_usage_samples only note the UTC days a statement touched (INSERT, COPY, UPDATE, DELETE) in
-- costreport.rollup_pending, in the writing transaction; TRUNCATE empties the rollups.
-- costreport.refresh_rollups() (run by `costreport report` before its snapshot when it may write,
-- and by `costreport db rollups --refresh`) recomputes the pending days from the raw rows. The
-- report is exact either way: the *_rollup.sql queries read the rolled-up days that are not
-- pending and compute the pending days of the window from the raw rows, in the same snapshot.
-- The triggers are ENABLE ALWAYS, so they fire with session_replication_role = replica too; a
-- load that disables triggers (ALTER TABLE ... DISABLE TRIGGER, pg_restore --disable-triggers)
-- leaves the rollups stale: run `costreport db rollups` again after it. The report checks that
-- the triggers exist and are enabled, and reads the raw tables otherwise. Works on plain and on
-- partitioned tables (the triggers are on the partitioned table). Needs PostgreSQL 15 or later
-- (UNIQUE NULLS NOT DISTINCT) and ownership of the three tables. Every statement is idempotent.

CREATE SCHEMA IF NOT EXISTS costreport;

-- An older version of these rollups (one row per resource and hour, and per resource, day and
-- bucket): replaced by costreport.usage_days.
DROP FUNCTION IF EXISTS costreport.usage_hourly_statement(text, text), costreport.usage_histogram_statements(text, integer),
  costreport.charges_daily_statement(text, integer);
DROP TABLE IF EXISTS costreport.usage_hourly, costreport.usage_daily_histograms;

CREATE TABLE IF NOT EXISTS costreport.rollup_settings (
  singleton           boolean     PRIMARY KEY DEFAULT true CHECK (singleton),
  time_zone           text        NOT NULL,
  service_hours_start integer     NOT NULL CHECK (service_hours_start BETWEEN 0 AND 24),
  service_hours_end   integer     NOT NULL CHECK (service_hours_end BETWEEN 0 AND 24),
  buckets             integer     NOT NULL CHECK (buckets BETWEEN 1 AND 10000),
  rebuilt_at          timestamptz NOT NULL
);

CREATE TABLE IF NOT EXISTS costreport.rollup_pending (
  source text        NOT NULL,
  day    timestamptz NOT NULL,  -- UTC midnight
  PRIMARY KEY (source, day)
);
-- Replaced, not only created: rollups of an older costreport allowed two sources.
ALTER TABLE costreport.rollup_pending DROP CONSTRAINT IF EXISTS rollup_pending_source_check;
ALTER TABLE costreport.rollup_pending ADD CONSTRAINT rollup_pending_source_check
  CHECK (source IN ('billing_line_items', 'usage_samples', 'container_usage_samples'));

-- charges_daily of an older costreport held each amount in its own column (and, before that,
-- each day's keys, printed again for every day of a set): dropped with the function that returns
-- its rows (`costreport db rollups` refills it in the same transaction).
DO $do$
BEGIN
  IF EXISTS (SELECT FROM pg_attribute WHERE attrelid = to_regclass('costreport.charges_daily')
             AND attname = 'billed_cost') THEN
    DROP TABLE costreport.charges_daily CASCADE;
    DROP FUNCTION IF EXISTS costreport.charges_daily_from_lines(timestamptz[]);
  END IF;
END
$do$;

CREATE TABLE IF NOT EXISTS costreport.charge_sets (
  set_id             bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- sha256 of the record of the nine keys below as text (NULL and '' stay apart): unique, and
  -- short enough for an index whatever the length of the tags.
  set_key            bytea       NOT NULL UNIQUE,
  billing_account_id text        NOT NULL,
  invoice_id         text,
  billing_currency   text        NOT NULL,
  charge_category    text        NOT NULL,
  resource_id        text,
  service_name       text,
  service_category   text,
  pricing_category   text,
  tags               text        NOT NULL,  -- the jsonb's text, as queries/charges.sql returns it
  -- The first and last day the set had rows on when they were rolled up (a refresh widens them,
  -- never narrows them): queries/charge_sets_rollup.sql reads the sets of a window by them.
  first_day          timestamptz NOT NULL,
  last_day           timestamptz NOT NULL
);

CREATE TABLE IF NOT EXISTS costreport.charges_daily (
  charge_day         timestamptz NOT NULL,  -- UTC midnight of charge_period_start
  set_id             bigint      NOT NULL,  -- costreport.charge_sets
  -- The sums of billed_cost, effective_cost and list_cost, the number of line items and the sum
  -- of charge_period_end - charge_period_start in seconds, as their texts (numeric and bigint
  -- print exactly, whatever the session's settings) separated by single spaces: one value where
  -- five cost PostgreSQL more to send than the rest of the row, and the very texts the job read
  -- from the separate columns before (BENCHMARKS.md).
  amounts            text        NOT NULL
);
CREATE INDEX IF NOT EXISTS charges_daily_day ON costreport.charges_daily (charge_day);

-- The rows queries/commitments.sql reads (commitment rows, and usage a compute commitment could
-- cover: keep the two conditions equal), summed per UTC day and its keys.
CREATE TABLE IF NOT EXISTS costreport.commitments_daily (
  charge_day                 timestamptz NOT NULL,  -- UTC midnight of charge_period_start
  billing_account_id         text        NOT NULL,
  billing_currency           text        NOT NULL,
  commitment_discount_id     text,                  -- NULL: eligible on-demand usage
  commitment_discount_type   text,                  -- max of the rows' values
  commitment_discount_status text,
  effective_cost             numeric,
  list_cost                  numeric
);
CREATE INDEX IF NOT EXISTS commitments_daily_day ON costreport.commitments_daily (charge_day);

-- usage_days of an older costreport held each measure in a column of its own (and, before that,
-- its hours and histograms as arrays), container_allocation_days its hours as arrays: dropped
-- with the functions that return their rows (`costreport db rollups` refills them in the same
-- transaction).
DO $do$
BEGIN
  IF EXISTS (SELECT FROM pg_attribute WHERE attrelid = to_regclass('costreport.usage_days') AND attname = 'samples') THEN
    DROP TABLE costreport.usage_days CASCADE;
  END IF;
  IF EXISTS (SELECT FROM pg_attribute WHERE attrelid = to_regclass('costreport.container_allocation_days')
             AND attname = 'cpu_usage_core_hours') THEN
    DROP TABLE costreport.container_allocation_days CASCADE;
  END IF;
END
$do$;

CREATE TABLE IF NOT EXISTS costreport.usage_days (
  day               timestamptz      NOT NULL,  -- UTC midnight of sampled_at
  resource_id       text             NOT NULL,
  -- The day's measures of queries/usage_daily.sql but `requests`, one 82-byte big-endian record
  -- (PostgreSQL's cost of sending a row is per value: 13 values cost it more than the rest of the
  -- row; BENCHMARKS.md): int2send(mask of the NULL measures: 1 cpu_seconds, 2 cpu_weighted,
  -- 4 cpu_max, 8 memory_max, 16 network_bytes, 32 disk_iops_sum, 64 connections_max; a NULL
  -- measure is written as 0) || int4send(samples) || int4send(invalid_samples) ||
  -- int8send(covered_seconds) || int8send(cpu_seconds) || float8send(cpu_weighted) ||
  -- float4send(cpu_max) || float4send(memory_max) || float8send(network_bytes) ||
  -- float8send(disk_iops_sum) || int4send(disk_iops_samples) || float4send(connections_max) ||
  -- timestamptz_send(first_sample) || timestamptz_send(last_sample).
  measures          bytea            NOT NULL,
  requests          double precision,           -- a column of its own: queries/requests_rollup.sql sums it
  -- Per UTC hour with samples, ascending, an 18-byte record (int2send(hour 0..23) ||
  -- int4send(samples) || int4send(CPU seconds) || float8send(CPU-weighted seconds); the last two
  -- 0 when the hour has no CPU value).
  hour_data         bytea            NOT NULL,
  -- Per occupied width_bucket(value, 0, 1, buckets), ascending, a 6-byte record
  -- (int2send(bucket) || int4send(samples)): CPU, memory, and CPU inside the service hours.
  cpu_histogram     bytea            NOT NULL,
  memory_histogram  bytea            NOT NULL,
  service_histogram bytea            NOT NULL,
  PRIMARY KEY (day, resource_id)
);

-- queries/container_usage.sql's rows per UTC day, as they are (its grouping holds the day).
CREATE TABLE IF NOT EXISTS costreport.container_usage_days (
  day                      timestamptz      NOT NULL,  -- UTC midnight of sampled_at
  cluster                  text             NOT NULL,
  namespace                text             NOT NULL,
  workload_kind            text             NOT NULL,  -- 'Pod' for a pod without owner
  workload                 text             NOT NULL,  -- the pod's name for a pod without owner
  container                text             NOT NULL,
  node_resource_id         text,
  cpu_request_cores        real,
  cpu_limit_cores          real,
  memory_request_bytes     double precision,
  memory_limit_bytes       double precision,
  samples                  bigint           NOT NULL,
  pod_seconds              double precision NOT NULL,
  first_sample             timestamptz      NOT NULL,
  last_sample              timestamptz      NOT NULL,
  cpu_usage_min            double precision,
  cpu_usage_max            double precision,
  cpu_over_request_seconds double precision NOT NULL,
  cpu_compared_seconds     double precision NOT NULL,
  memory_usage_max         double precision,
  labels                   text
);
CREATE INDEX IF NOT EXISTS container_usage_days_day ON costreport.container_usage_days (day);

-- Per container and UTC day: queries/container_hours.sql's hours and
-- queries/container_cpu_histogram.sql's bucket counts (1200 buckets), as arrays.
CREATE TABLE IF NOT EXISTS costreport.container_days (
  day                      timestamptz        NOT NULL,  -- UTC midnight of sampled_at
  cluster                  text               NOT NULL,
  namespace                text               NOT NULL,
  workload_kind            text               NOT NULL,
  workload                 text               NOT NULL,
  container                text               NOT NULL,
  hours                    smallint[]         NOT NULL,  -- UTC hours (0..23) with samples, ascending
  hour_min_pods            integer[]          NOT NULL,  -- per entry of hours
  hour_max_pods            integer[]          NOT NULL,
  hour_pod_seconds         double precision[] NOT NULL,
  hour_cpu_core_seconds    double precision[] NOT NULL,
  hour_memory_byte_seconds double precision[] NOT NULL,
  cpu_buckets              smallint[]         NOT NULL,  -- occupied buckets of container_cpu_histogram.sql at 1200, ascending
  cpu_counts               integer[]          NOT NULL   -- samples per entry of cpu_buckets
);
CREATE INDEX IF NOT EXISTS container_days_day ON costreport.container_days (day);

-- Per node, UTC day, workload and pod labels: queries/container_allocation.sql's hours as arrays.
CREATE TABLE IF NOT EXISTS costreport.container_allocation_days (
  day                        timestamptz        NOT NULL,  -- UTC midnight of sampled_at
  node_resource_id           text,
  cluster                    text               NOT NULL,
  namespace                  text               NOT NULL,
  workload_kind              text               NOT NULL,
  workload                   text               NOT NULL,
  labels                     jsonb              NOT NULL,
  -- Per UTC hour with samples, ascending, a 58-byte record: int2send(hour 0..23) ||
  -- int4send(samples) || int4send(samples_without_requests) || float8send of
  -- cpu_allocated_core_hours, cpu_request_core_hours, cpu_usage_core_hours,
  -- memory_allocated_gib_hours, memory_request_gib_hours and memory_usage_gib_hours.
  hour_data                  bytea              NOT NULL
);
CREATE INDEX IF NOT EXISTS container_allocation_days_day ON costreport.container_allocation_days (day);

-- queries/node_charges.sql's rows per UTC day of charge_period_start, for the nodes of
-- costreport.rollup_nodes: a node's charges are rolled up from the refresh that first sees it in
-- container_usage_samples on (all its days then), and its rows stay when its containers go.
CREATE TABLE IF NOT EXISTS costreport.node_charges (
  day                 timestamptz NOT NULL,  -- UTC midnight of charge_period_start
  resource_id         text        NOT NULL,
  billing_currency    text        NOT NULL,
  charge_period_start timestamptz NOT NULL,
  charge_period_end   timestamptz NOT NULL,
  effective_cost      numeric                -- sum of the positive effective costs; NULL: none
);
CREATE INDEX IF NOT EXISTS node_charges_day ON costreport.node_charges (day);

CREATE TABLE IF NOT EXISTS costreport.rollup_nodes (
  resource_id text PRIMARY KEY
);

-- The first and last of `days` (UTC midnights) and whether every day between them is in it (a
-- rebuild): the *_from_* functions below then need no per-row day test.
CREATE OR REPLACE FUNCTION costreport.days_span(
  days timestamptz[], OUT first_day timestamptz, OUT last_day timestamptz, OUT contiguous boolean
) LANGUAGE sql IMMUTABLE AS $fn$
  SELECT min(d), max(d), count(DISTINCT d) = extract(epoch FROM max(d) - min(d)) / 86400 + 1 FROM unnest(days) d
$fn$;

-- The rows costreport.usage_days holds for `days` (UTC midnights), computed from usage_samples
-- with the histogram settings of costreport.rollup_settings. Used to fill the rollups and by
-- queries/usage_days_rollup.sql for the days that are pending. Service hours are decided per
-- 15-minute slot, as in queries/usage_histograms.sql.
CREATE OR REPLACE FUNCTION costreport.usage_days_from_samples(days timestamptz[])
RETURNS SETOF costreport.usage_days LANGUAGE plpgsql STABLE AS $fn$
DECLARE
  first_day timestamptz;
  last_day timestamptz;
  contiguous boolean;
BEGIN
  SELECT * INTO first_day, last_day, contiguous FROM costreport.days_span(days);
  IF first_day IS NULL THEN
    RETURN;
  END IF;
  RETURN QUERY
  WITH settings AS (SELECT * FROM costreport.rollup_settings),
  s AS NOT MATERIALIZED (  -- four scans (days, hours, CPU, memory), each parallel on large tables
    SELECT u.resource_id, u.sampled_at, u.interval_seconds, u.cpu_utilization, u.memory_utilization, u.network_bytes,
           u.disk_iops, u.requests, u.connections
    FROM usage_samples u
    WHERE u.sampled_at >= first_day AND u.sampled_at < last_day + interval '1 day'
      AND (contiguous OR date_bin('1 day', u.sampled_at, '1970-01-01 00:00:00+00') = ANY (days))
  ),
  -- A day's measures straight from its samples, as queries/usage_daily.sql computes them (the same
  -- sums, so the raw tables and the rollups give the same figures); its hours only for hour_data.
  -- The parts joined to it are MATERIALIZED: a day just written has no statistics yet, PostgreSQL
  -- expects one row of each and joins them in nested loops, which would aggregate a part again for
  -- every row (the refresh of one day 57 s instead of 1.3 s at 1,000 resources).
  daily AS (
    SELECT s.resource_id, date_bin('1 day', s.sampled_at, '1970-01-01 00:00:00+00') AS day,
           count(*)::integer AS samples,
           count(*) FILTER (WHERE s.cpu_utilization = 'NaN' OR s.cpu_utilization IN ('Infinity', '-Infinity')
                            OR s.memory_utilization = 'NaN' OR s.memory_utilization IN ('Infinity', '-Infinity'))::integer AS invalid_samples,
           sum(s.interval_seconds)::bigint AS covered_seconds,
           sum(s.interval_seconds) FILTER (WHERE s.cpu_utilization BETWEEN -1e30 AND 1e30)::bigint AS cpu_seconds,
           sum(s.cpu_utilization::double precision * s.interval_seconds) FILTER (WHERE s.cpu_utilization BETWEEN -1e30 AND 1e30) AS cpu_weighted,
           max(s.cpu_utilization) FILTER (WHERE s.cpu_utilization BETWEEN -1e30 AND 1e30) AS cpu_max,
           max(s.memory_utilization) FILTER (WHERE s.memory_utilization BETWEEN -1e30 AND 1e30) AS memory_max,
           sum(s.network_bytes) FILTER (WHERE s.network_bytes BETWEEN -1e300 AND 1e300) AS network_bytes,
           sum(s.disk_iops::double precision) FILTER (WHERE s.disk_iops BETWEEN -1e30 AND 1e30) AS disk_iops_sum,
           count(s.disk_iops) FILTER (WHERE s.disk_iops BETWEEN -1e30 AND 1e30)::integer AS disk_iops_samples,
           sum(s.requests::numeric) FILTER (WHERE s.requests BETWEEN -1e300 AND 1e300)::double precision AS requests,
           max(s.connections) FILTER (WHERE s.connections BETWEEN -1e30 AND 1e30) AS connections_max,
           min(s.sampled_at) AS first_sample,
           max(s.sampled_at) AS last_sample
    FROM s
    GROUP BY 1, 2
  ),
  hourly AS (
    SELECT s.resource_id, date_bin('1 hour', s.sampled_at, '1970-01-01 00:00:00+00') AS hour,
           count(*) AS samples,
           sum(s.interval_seconds) FILTER (WHERE s.cpu_utilization BETWEEN -1e30 AND 1e30) AS cpu_seconds,
           sum(s.cpu_utilization::double precision * s.interval_seconds) FILTER (WHERE s.cpu_utilization BETWEEN -1e30 AND 1e30) AS cpu_weighted
    FROM s
    GROUP BY 1, 2
  ),
  hours AS MATERIALIZED (
    SELECT h.resource_id, date_bin('1 day', h.hour, '1970-01-01 00:00:00+00') AS day,
           string_agg(int2send(extract(hour FROM h.hour AT TIME ZONE 'UTC')::smallint) || int4send(h.samples::integer)
                      || int4send(coalesce(h.cpu_seconds, 0)::integer) || float8send(coalesce(h.cpu_weighted, 0)),
                      ''::bytea ORDER BY h.hour) AS hour_data
    FROM hourly h
    GROUP BY 1, 2
  ),
  slots AS (
    SELECT slot
    FROM settings c, generate_series(first_day, last_day + interval '1 day' - interval '15 minutes', interval '15 minutes') AS slot
    WHERE extract(isodow FROM slot AT TIME ZONE c.time_zone) <= 5
      AND extract(hour FROM slot AT TIME ZONE c.time_zone) >= c.service_hours_start
      AND extract(hour FROM slot AT TIME ZONE c.time_zone) < c.service_hours_end
  ),
  cpu AS (
    SELECT s.resource_id, date_bin('1 day', s.sampled_at, '1970-01-01 00:00:00+00') AS day,
           width_bucket(s.cpu_utilization::double precision, 0, 1, c.buckets)::smallint AS bucket,
           date_bin('15 minutes', s.sampled_at, '1970-01-01 00:00:00+00') IN (SELECT slot FROM slots) AS in_service,
           count(*) AS n
    FROM s CROSS JOIN settings c
    WHERE s.cpu_utilization BETWEEN -1e30 AND 1e30
    GROUP BY 1, 2, 3, 4
  ),
  cpu_all AS MATERIALIZED (
    SELECT resource_id, day, string_agg(int2send(bucket) || int4send(n::integer), ''::bytea ORDER BY bucket) AS packed
    FROM (SELECT resource_id, day, bucket, sum(n) AS n FROM cpu GROUP BY 1, 2, 3) b
    GROUP BY 1, 2
  ),
  cpu_service AS MATERIALIZED (
    SELECT resource_id, day, string_agg(int2send(bucket) || int4send(n::integer), ''::bytea ORDER BY bucket) AS packed
    FROM cpu WHERE in_service
    GROUP BY 1, 2
  ),
  memory AS MATERIALIZED (
    SELECT resource_id, day, string_agg(int2send(bucket) || int4send(n::integer), ''::bytea ORDER BY bucket) AS packed
    FROM (SELECT s.resource_id, date_bin('1 day', s.sampled_at, '1970-01-01 00:00:00+00') AS day,
                 width_bucket(s.memory_utilization::double precision, 0, 1, c.buckets)::smallint AS bucket, count(*) AS n
          FROM s CROSS JOIN settings c
          WHERE s.memory_utilization BETWEEN -1e30 AND 1e30
          GROUP BY 1, 2, 3) b
    GROUP BY 1, 2
  )
  SELECT d.day, d.resource_id,
         int2send(((d.cpu_seconds IS NULL)::integer | ((d.cpu_weighted IS NULL)::integer << 1)
                   | ((d.cpu_max IS NULL)::integer << 2) | ((d.memory_max IS NULL)::integer << 3)
                   | ((d.network_bytes IS NULL)::integer << 4) | ((d.disk_iops_sum IS NULL)::integer << 5)
                   | ((d.connections_max IS NULL)::integer << 6))::smallint)
           || int4send(d.samples) || int4send(d.invalid_samples) || int8send(d.covered_seconds)
           || int8send(coalesce(d.cpu_seconds, 0)) || float8send(coalesce(d.cpu_weighted, 0))
           || float4send(coalesce(d.cpu_max, 0)) || float4send(coalesce(d.memory_max, 0))
           || float8send(coalesce(d.network_bytes, 0)) || float8send(coalesce(d.disk_iops_sum, 0))
           || int4send(d.disk_iops_samples) || float4send(coalesce(d.connections_max, 0))
           || timestamptz_send(d.first_sample) || timestamptz_send(d.last_sample),
         d.requests, h.hour_data,
         coalesce(a.packed, ''::bytea), coalesce(m.packed, ''::bytea), coalesce(v.packed, ''::bytea)
  FROM daily d
  JOIN hours h ON h.resource_id = d.resource_id AND h.day = d.day
  LEFT JOIN cpu_all a ON a.resource_id = d.resource_id AND a.day = d.day
  LEFT JOIN memory m ON m.resource_id = d.resource_id AND m.day = d.day
  LEFT JOIN cpu_service v ON v.resource_id = d.resource_id AND v.day = d.day;
END
$fn$;

-- The rows costreport.charges_daily holds for `days` (UTC midnights), from billing_line_items,
-- with their sets' keys in place of the set_id.
CREATE OR REPLACE FUNCTION costreport.charges_daily_from_lines(days timestamptz[])
RETURNS TABLE (charge_day timestamptz, billing_account_id text, invoice_id text, billing_currency text,
               charge_category text, resource_id text, service_name text, service_category text,
               pricing_category text, tags text, amounts text)
LANGUAGE plpgsql STABLE AS $fn$
DECLARE
  first_day timestamptz;
  last_day timestamptz;
  contiguous boolean;
BEGIN
  SELECT * INTO first_day, last_day, contiguous FROM costreport.days_span(days);
  IF first_day IS NULL THEN
    RETURN;
  END IF;
  RETURN QUERY
  SELECT date_bin('1 day', b.charge_period_start, '1970-01-01 00:00:00+00'),
         b.billing_account_id, b.invoice_id, b.billing_currency, b.charge_category, b.resource_id,
         b.service_name, b.service_category, b.pricing_category, b.tags::text,
         sum(b.billed_cost)::text || ' ' || sum(b.effective_cost)::text || ' ' || sum(b.list_cost)::text || ' '
           || count(*)::text || ' ' || sum(extract(epoch FROM b.charge_period_end - b.charge_period_start))::text
  FROM billing_line_items b
  WHERE b.charge_period_start >= first_day AND b.charge_period_start < last_day + interval '1 day'
    AND (contiguous OR date_bin('1 day', b.charge_period_start, '1970-01-01 00:00:00+00') = ANY (days))
  GROUP BY 1, b.resource_id, b.billing_account_id, b.invoice_id, b.billing_currency, b.charge_category,
           b.service_name, b.service_category, b.pricing_category, b.tags;  -- the deciding keys first, as in charges.sql
END
$fn$;

-- The rows costreport.commitments_daily holds for `days` (UTC midnights), from billing_line_items.
-- PL/pgSQL, like charges_daily_from_lines: its query is planned with the span's values (a
-- parallel scan for a rebuild: 2.5 s where a SQL function joined to days_span took 4.5-7 s).
CREATE OR REPLACE FUNCTION costreport.commitments_daily_from_lines(days timestamptz[])
RETURNS SETOF costreport.commitments_daily LANGUAGE plpgsql STABLE AS $fn$
DECLARE
  first_day timestamptz;
  last_day timestamptz;
  contiguous boolean;
BEGIN
  SELECT * INTO first_day, last_day, contiguous FROM costreport.days_span(days);
  IF first_day IS NULL THEN
    RETURN;
  END IF;
  RETURN QUERY
  SELECT date_bin('1 day', b.charge_period_start, '1970-01-01 00:00:00+00'),
         b.billing_account_id, b.billing_currency, b.commitment_discount_id,
         max(b.commitment_discount_type), b.commitment_discount_status,
         sum(b.effective_cost), sum(b.list_cost)
  FROM billing_line_items b
  WHERE b.charge_period_start >= first_day AND b.charge_period_start < last_day + interval '1 day'
    AND (contiguous OR date_bin('1 day', b.charge_period_start, '1970-01-01 00:00:00+00') = ANY (days))
    AND (b.commitment_discount_id IS NOT NULL
         OR (b.charge_category = 'Usage' AND b.service_category = 'Compute' AND b.pricing_category = 'Standard'))
  GROUP BY 1, b.billing_account_id, b.billing_currency, b.commitment_discount_id, b.commitment_discount_status;
END
$fn$;

-- The rows costreport.container_usage_days holds for `days` (UTC midnights): the grouping and
-- aggregates of queries/container_usage.sql (keep the two equal).
CREATE OR REPLACE FUNCTION costreport.container_usage_days_from_samples(days timestamptz[])
RETURNS SETOF costreport.container_usage_days LANGUAGE plpgsql STABLE AS $fn$
DECLARE
  first_day timestamptz;
  last_day timestamptz;
  contiguous boolean;
BEGIN
  SELECT * INTO first_day, last_day, contiguous FROM costreport.days_span(days);
  IF first_day IS NULL THEN
    RETURN;
  END IF;
  RETURN QUERY
  SELECT date_bin('1 day', c.sampled_at, '1970-01-01 00:00:00+00'), c.cluster, c.namespace,
         coalesce(c.workload_kind, 'Pod'), coalesce(c.workload, c.pod), c.container, c.node_resource_id,
         c.cpu_request_cores, c.cpu_limit_cores, c.memory_request_bytes, c.memory_limit_bytes,
         count(*), sum(c.interval_seconds)::double precision, min(c.sampled_at), max(c.sampled_at),
         min(c.cpu_usage_cores::double precision) FILTER (WHERE c.cpu_usage_cores BETWEEN 0 AND 1e30),
         max(c.cpu_usage_cores::double precision) FILTER (WHERE c.cpu_usage_cores BETWEEN 0 AND 1e30),
         coalesce(sum(c.interval_seconds) FILTER (
             WHERE c.cpu_usage_cores BETWEEN 0 AND 1e30 AND c.cpu_usage_cores > c.cpu_request_cores), 0)::double precision,
         coalesce(sum(c.interval_seconds) FILTER (
             WHERE c.cpu_usage_cores BETWEEN 0 AND 1e30 AND c.cpu_request_cores BETWEEN 0 AND 1e30), 0)::double precision,
         max(c.memory_usage_bytes) FILTER (WHERE c.memory_usage_bytes BETWEEN 0 AND 1e30),
         max(c.labels::text)
  FROM container_usage_samples c
  WHERE c.sampled_at >= first_day AND c.sampled_at < last_day + interval '1 day'
    AND (contiguous OR date_bin('1 day', c.sampled_at, '1970-01-01 00:00:00+00') = ANY (days))
  GROUP BY 1, c.cluster, c.namespace, coalesce(c.workload_kind, 'Pod'), coalesce(c.workload, c.pod), c.container,
           c.node_resource_id, c.cpu_request_cores, c.cpu_limit_cores, c.memory_request_bytes, c.memory_limit_bytes;
END
$fn$;

-- The rows costreport.container_days holds for `days`: the hours of queries/container_hours.sql
-- (pods counted per sampled_at instant, then folded into hours) and the CPU bucket counts of
-- queries/container_cpu_histogram.sql with 1200 buckets (keep them equal).
CREATE OR REPLACE FUNCTION costreport.container_days_from_samples(days timestamptz[])
RETURNS SETOF costreport.container_days LANGUAGE plpgsql STABLE AS $fn$
DECLARE
  first_day timestamptz;
  last_day timestamptz;
  contiguous boolean;
BEGIN
  SELECT * INTO first_day, last_day, contiguous FROM costreport.days_span(days);
  IF first_day IS NULL THEN
    RETURN;
  END IF;
  RETURN QUERY
  WITH s AS MATERIALIZED (
    SELECT c.cluster, c.namespace, coalesce(c.workload_kind, 'Pod') AS workload_kind,
           coalesce(c.workload, c.pod) AS workload, c.container, c.sampled_at, c.interval_seconds,
           c.cpu_usage_cores, c.memory_usage_bytes
    FROM container_usage_samples c
    WHERE c.sampled_at >= first_day AND c.sampled_at < last_day + interval '1 day'
      AND (contiguous OR date_bin('1 day', c.sampled_at, '1970-01-01 00:00:00+00') = ANY (days))
  ),
  instants AS (
    SELECT s.cluster, s.namespace, s.workload_kind, s.workload, s.container, s.sampled_at, count(*) AS pods,
           sum(s.interval_seconds)::double precision AS pod_seconds,
           sum(s.cpu_usage_cores::double precision * s.interval_seconds) FILTER (WHERE s.cpu_usage_cores BETWEEN 0 AND 1e30)
               AS cpu_core_seconds,
           sum(s.memory_usage_bytes * s.interval_seconds) FILTER (WHERE s.memory_usage_bytes BETWEEN 0 AND 1e30)
               AS memory_byte_seconds
    FROM s
    GROUP BY 1, 2, 3, 4, 5, 6
  ),
  hourly AS (
    SELECT i.cluster, i.namespace, i.workload_kind, i.workload, i.container,
           date_bin('1 hour', i.sampled_at, '1970-01-01 00:00:00+00') AS hour,
           min(i.pods) AS min_pods, max(i.pods) AS max_pods, sum(i.pod_seconds) AS pod_seconds,
           coalesce(sum(i.cpu_core_seconds), 0) AS cpu_core_seconds,
           coalesce(sum(i.memory_byte_seconds), 0) AS memory_byte_seconds
    FROM instants i
    GROUP BY 1, 2, 3, 4, 5, 6
  ),
  daily AS (
    SELECT date_bin('1 day', h.hour, '1970-01-01 00:00:00+00') AS day, h.cluster, h.namespace, h.workload_kind,
           h.workload, h.container,
           array_agg(extract(hour FROM h.hour AT TIME ZONE 'UTC')::smallint ORDER BY h.hour) AS hours,
           array_agg(h.min_pods::integer ORDER BY h.hour) AS min_pods,
           array_agg(h.max_pods::integer ORDER BY h.hour) AS max_pods,
           array_agg(h.pod_seconds ORDER BY h.hour) AS pod_seconds,
           array_agg(h.cpu_core_seconds ORDER BY h.hour) AS cpu_core_seconds,
           array_agg(h.memory_byte_seconds ORDER BY h.hour) AS memory_byte_seconds
    FROM hourly h
    GROUP BY 1, 2, 3, 4, 5, 6
  ),
  histogram AS (
    SELECT b.day, b.cluster, b.namespace, b.workload_kind, b.workload, b.container,
           array_agg(b.bucket ORDER BY b.bucket) AS buckets, array_agg(b.n::integer ORDER BY b.bucket) AS counts
    FROM (SELECT date_bin('1 day', s.sampled_at, '1970-01-01 00:00:00+00') AS day, s.cluster, s.namespace,
                 s.workload_kind, s.workload, s.container,
                 width_bucket(ln(greatest(s.cpu_usage_cores::double precision, 1e-12)), ln(0.001), ln(1000), 1200)::smallint
                   AS bucket,
                 count(*) AS n
          FROM s
          WHERE s.cpu_usage_cores BETWEEN 0 AND 1e30
          GROUP BY 1, 2, 3, 4, 5, 6, 7) b
    GROUP BY 1, 2, 3, 4, 5, 6
  )
  SELECT d.day, d.cluster, d.namespace, d.workload_kind, d.workload, d.container, d.hours, d.min_pods, d.max_pods,
         d.pod_seconds, d.cpu_core_seconds, d.memory_byte_seconds, coalesce(h.buckets, '{}'), coalesce(h.counts, '{}')
  FROM daily d
  LEFT JOIN histogram h ON (h.day, h.cluster, h.namespace, h.workload_kind, h.workload, h.container)
                         = (d.day, d.cluster, d.namespace, d.workload_kind, d.workload, d.container);
END
$fn$;

-- The rows costreport.container_allocation_days holds for `days`: the grouping and sums of
-- queries/container_allocation.sql per hour (keep them equal), the hours of a day as arrays.
CREATE OR REPLACE FUNCTION costreport.container_allocation_days_from_samples(days timestamptz[])
RETURNS SETOF costreport.container_allocation_days LANGUAGE plpgsql STABLE AS $fn$
DECLARE
  first_day timestamptz;
  last_day timestamptz;
  contiguous boolean;
BEGIN
  SELECT * INTO first_day, last_day, contiguous FROM costreport.days_span(days);
  IF first_day IS NULL THEN
    RETURN;
  END IF;
  RETURN QUERY
  WITH hourly AS (
    SELECT c.node_resource_id, date_bin('1 hour', c.sampled_at, '1970-01-01 00:00:00+00') AS hour,
           c.cluster, c.namespace, coalesce(c.workload_kind, 'Pod') AS workload_kind,
           coalesce(c.workload, c.pod) AS workload, c.labels,
           count(*) AS samples,
           count(*) FILTER (WHERE nullif(c.cpu_request_cores, 'NaN') IS NULL
                               OR nullif(c.memory_request_bytes, 'NaN') IS NULL) AS samples_without_requests,
           sum(c.interval_seconds::double precision * greatest(coalesce(nullif(c.cpu_request_cores, 'NaN'), 0),
                                                               coalesce(nullif(c.cpu_usage_cores, 'NaN'), 0))) / 3600
             AS cpu_allocated_core_hours,
           sum(c.interval_seconds::double precision * coalesce(nullif(c.cpu_request_cores, 'NaN'), 0)) / 3600 AS cpu_request_core_hours,
           sum(c.interval_seconds::double precision * coalesce(nullif(c.cpu_usage_cores, 'NaN'), 0)) / 3600 AS cpu_usage_core_hours,
           sum(c.interval_seconds::double precision * greatest(coalesce(nullif(c.memory_request_bytes, 'NaN'), 0),
                                                               coalesce(nullif(c.memory_usage_bytes, 'NaN'), 0))) / 3600 / 1073741824
             AS memory_allocated_gib_hours,
           sum(c.interval_seconds::double precision * coalesce(nullif(c.memory_request_bytes, 'NaN'), 0)) / 3600 / 1073741824
             AS memory_request_gib_hours,
           sum(c.interval_seconds::double precision * coalesce(nullif(c.memory_usage_bytes, 'NaN'), 0)) / 3600 / 1073741824
             AS memory_usage_gib_hours
    FROM container_usage_samples c
    WHERE c.sampled_at >= first_day AND c.sampled_at < last_day + interval '1 day'
      AND (contiguous OR date_bin('1 day', c.sampled_at, '1970-01-01 00:00:00+00') = ANY (days))
    GROUP BY c.node_resource_id, 2, c.cluster, c.namespace, coalesce(c.workload_kind, 'Pod'), coalesce(c.workload, c.pod), c.labels
  )
  SELECT date_bin('1 day', h.hour, '1970-01-01 00:00:00+00'), h.node_resource_id, h.cluster, h.namespace,
         h.workload_kind, h.workload, h.labels,
         string_agg(int2send(extract(hour FROM h.hour AT TIME ZONE 'UTC')::smallint) || int4send(h.samples::integer)
                    || int4send(h.samples_without_requests::integer) || float8send(coalesce(h.cpu_allocated_core_hours, 0))
                    || float8send(coalesce(h.cpu_request_core_hours, 0)) || float8send(coalesce(h.cpu_usage_core_hours, 0))
                    || float8send(coalesce(h.memory_allocated_gib_hours, 0)) || float8send(coalesce(h.memory_request_gib_hours, 0))
                    || float8send(coalesce(h.memory_usage_gib_hours, 0)),
                    ''::bytea ORDER BY h.hour)
  FROM hourly h
  GROUP BY 1, h.node_resource_id, h.cluster, h.namespace, h.workload_kind, h.workload, h.labels;
END
$fn$;

-- The rows costreport.node_charges holds for `days` (UTC midnights) and the nodes `nodes`, from
-- billing_line_items: the grouping and sums of queries/node_charges.sql (keep them equal).
CREATE OR REPLACE FUNCTION costreport.node_charges_from_lines(days timestamptz[], nodes text[])
RETURNS SETOF costreport.node_charges LANGUAGE plpgsql STABLE AS $fn$
DECLARE
  first_day timestamptz;
  last_day timestamptz;
  contiguous boolean;
BEGIN
  SELECT * INTO first_day, last_day, contiguous FROM costreport.days_span(days);
  IF first_day IS NULL OR cardinality(nodes) = 0 THEN
    RETURN;
  END IF;
  RETURN QUERY
  SELECT date_bin('1 day', b.charge_period_start, '1970-01-01 00:00:00+00'), b.resource_id, b.billing_currency,
         b.charge_period_start, b.charge_period_end, sum(b.effective_cost) FILTER (WHERE b.effective_cost > 0)
  FROM billing_line_items b
  WHERE b.charge_period_start >= first_day AND b.charge_period_start < last_day + interval '1 day'
    AND (contiguous OR date_bin('1 day', b.charge_period_start, '1970-01-01 00:00:00+00') = ANY (days))
    AND b.resource_id = ANY (nodes)
  GROUP BY b.resource_id, b.billing_currency, b.charge_period_start, b.charge_period_end;
END
$fn$;

-- The statement triggers on the three tables: note the UTC days the statement's rows were or are
-- in, nothing else. TG_ARGV: the source's name in costreport.rollup_pending, its time column, and
-- its rollup tables (emptied by TRUNCATE).
CREATE OR REPLACE FUNCTION costreport.rollup_source_changed() RETURNS trigger
LANGUAGE plpgsql AS $fn$
DECLARE
  note constant text := 'INSERT INTO costreport.rollup_pending '
    'SELECT DISTINCT %L, date_bin(''1 day'', %I, ''1970-01-01 00:00:00+00'') FROM %I ON CONFLICT DO NOTHING';
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    EXECUTE 'TRUNCATE ' || TG_ARGV[2];
    DELETE FROM costreport.rollup_pending WHERE source = TG_ARGV[0];
    RETURN NULL;
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    EXECUTE format(note, TG_ARGV[0], TG_ARGV[1], 'old_rows');
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    EXECUTE format(note, TG_ARGV[0], TG_ARGV[1], 'new_rows');
  END IF;
  RETURN NULL;
END
$fn$;

-- Recomputes the pending days from the raw rows and clears them. Writers that touch the three
-- tables meanwhile wait at their trigger until the calling transaction ends, so a day written
-- during the refresh stays pending. Returns the number of days recomputed.
CREATE OR REPLACE FUNCTION costreport.refresh_rollups() RETURNS integer
LANGUAGE plpgsql AS $fn$
DECLARE
  usage_days_pending timestamptz[];
  billing_days_pending timestamptz[];
  container_days_pending timestamptz[];
  new_nodes text[];
BEGIN
  LOCK TABLE costreport.rollup_pending IN SHARE ROW EXCLUSIVE MODE;
  WITH gone AS (DELETE FROM costreport.rollup_pending WHERE source = 'container_usage_samples' RETURNING day)
  SELECT coalesce(array_agg(day ORDER BY day), '{}') INTO container_days_pending FROM gone;
  WITH gone AS (DELETE FROM costreport.rollup_pending WHERE source = 'usage_samples' RETURNING day)
  SELECT coalesce(array_agg(day ORDER BY day), '{}') INTO usage_days_pending FROM gone;
  WITH gone AS (DELETE FROM costreport.rollup_pending WHERE source = 'billing_line_items' RETURNING day)
  SELECT coalesce(array_agg(day ORDER BY day), '{}') INTO billing_days_pending FROM gone;
  IF cardinality(usage_days_pending) > 0 THEN
    DELETE FROM costreport.usage_days WHERE day = ANY (usage_days_pending);
    INSERT INTO costreport.usage_days SELECT * FROM costreport.usage_days_from_samples(usage_days_pending);
  END IF;
  IF cardinality(billing_days_pending) > 0 THEN
    DELETE FROM costreport.charges_daily WHERE charge_day = ANY (billing_days_pending);
    -- The sets not seen before get an id, the others their days widened; each day's rows name
    -- their set by its id.
    WITH lines AS MATERIALIZED (
      SELECT l.*, sha256(convert_to(ROW(l.billing_account_id, l.invoice_id, l.billing_currency, l.charge_category,
                                        l.resource_id, l.service_name, l.service_category, l.pricing_category,
                                        l.tags)::text, 'UTF8')) AS set_key
      FROM costreport.charges_daily_from_lines(billing_days_pending) l
    ), sets AS (
      INSERT INTO costreport.charge_sets AS s (set_key, billing_account_id, invoice_id, billing_currency, charge_category,
                                              resource_id, service_name, service_category, pricing_category, tags,
                                              first_day, last_day)
      SELECT set_key, billing_account_id, invoice_id, billing_currency, charge_category, resource_id, service_name,
             service_category, pricing_category, tags, min(charge_day), max(charge_day)
      FROM lines
      GROUP BY set_key, billing_account_id, invoice_id, billing_currency, charge_category, resource_id, service_name,
               service_category, pricing_category, tags
      ON CONFLICT (set_key) DO UPDATE SET first_day = least(s.first_day, excluded.first_day),
                                          last_day = greatest(s.last_day, excluded.last_day)
      RETURNING s.set_id, s.set_key
    )
    INSERT INTO costreport.charges_daily
    SELECT l.charge_day, s.set_id, l.amounts
    FROM lines l JOIN sets s ON s.set_key = l.set_key;
    DELETE FROM costreport.commitments_daily WHERE charge_day = ANY (billing_days_pending);
    INSERT INTO costreport.commitments_daily SELECT * FROM costreport.commitments_daily_from_lines(billing_days_pending);
  END IF;
  IF cardinality(container_days_pending) > 0 THEN
    DELETE FROM costreport.container_usage_days WHERE day = ANY (container_days_pending);
    INSERT INTO costreport.container_usage_days SELECT * FROM costreport.container_usage_days_from_samples(container_days_pending);
    DELETE FROM costreport.container_days WHERE day = ANY (container_days_pending);
    INSERT INTO costreport.container_days SELECT * FROM costreport.container_days_from_samples(container_days_pending);
    DELETE FROM costreport.container_allocation_days WHERE day = ANY (container_days_pending);
    INSERT INTO costreport.container_allocation_days
    SELECT * FROM costreport.container_allocation_days_from_samples(container_days_pending);
  END IF;
  -- The known nodes' charges of the billing days written, then every day of the nodes seen first.
  IF cardinality(billing_days_pending) > 0 THEN
    DELETE FROM costreport.node_charges WHERE day = ANY (billing_days_pending);
    INSERT INTO costreport.node_charges
    SELECT * FROM costreport.node_charges_from_lines(billing_days_pending, ARRAY(SELECT resource_id FROM costreport.rollup_nodes));
  END IF;
  IF cardinality(container_days_pending) > 0 THEN
    new_nodes := ARRAY(SELECT DISTINCT node_resource_id FROM costreport.container_allocation_days
                       WHERE node_resource_id IS NOT NULL AND day = ANY (container_days_pending)
                       EXCEPT SELECT resource_id FROM costreport.rollup_nodes);
    INSERT INTO costreport.rollup_nodes SELECT unnest(new_nodes);
    INSERT INTO costreport.node_charges
    SELECT * FROM costreport.node_charges_from_lines(
      ARRAY(SELECT DISTINCT charge_day FROM costreport.charges_daily ORDER BY 1), new_nodes);
  END IF;
  RETURN cardinality(usage_days_pending) + cardinality(billing_days_pending) + cardinality(container_days_pending);
END
$fn$;

-- Empties the rollups, fills them from the tables with the given histogram settings and analyses
-- them (the planner then knows their sizes). Blocks
-- writes to the three tables until the calling transaction ends, so nothing is missed.
CREATE OR REPLACE FUNCTION costreport.rebuild_rollups(
  time_zone text, service_hours_start integer, service_hours_end integer, buckets integer
) RETURNS void LANGUAGE plpgsql AS $fn$
BEGIN
  LOCK TABLE billing_line_items, usage_samples, container_usage_samples IN SHARE MODE;
  PERFORM now() AT TIME ZONE time_zone;  -- an unknown time zone fails here, not in a refresh later
  INSERT INTO costreport.rollup_settings VALUES (true, time_zone, service_hours_start, service_hours_end, buckets, now())
  ON CONFLICT (singleton) DO UPDATE SET time_zone = excluded.time_zone,
    service_hours_start = excluded.service_hours_start, service_hours_end = excluded.service_hours_end,
    buckets = excluded.buckets, rebuilt_at = excluded.rebuilt_at;
  TRUNCATE costreport.charges_daily, costreport.commitments_daily, costreport.usage_days, costreport.container_usage_days,
    costreport.container_days, costreport.container_allocation_days, costreport.node_charges, costreport.rollup_nodes,
    costreport.rollup_pending;
  TRUNCATE costreport.charge_sets RESTART IDENTITY;
  INSERT INTO costreport.rollup_pending
  SELECT DISTINCT 'usage_samples', date_bin('1 day', sampled_at, '1970-01-01 00:00:00+00') FROM usage_samples
  UNION ALL
  SELECT DISTINCT 'billing_line_items', date_bin('1 day', charge_period_start, '1970-01-01 00:00:00+00') FROM billing_line_items
  UNION ALL
  SELECT DISTINCT 'container_usage_samples', date_bin('1 day', sampled_at, '1970-01-01 00:00:00+00') FROM container_usage_samples;
  PERFORM costreport.refresh_rollups();
  ANALYZE costreport.charge_sets, costreport.charges_daily, costreport.commitments_daily, costreport.usage_days, costreport.container_usage_days,
    costreport.container_days, costreport.container_allocation_days, costreport.node_charges, costreport.rollup_nodes;
END
$fn$;

-- Four statement triggers on each of the three tables, named costreport_rollup_<event>. ENABLE ALWAYS: they
-- also fire where session_replication_role is replica (logical replication apply, some bulk
-- loaders), so a logical replica keeps its own rollups current. Only an explicit
-- ALTER TABLE ... DISABLE TRIGGER (pg_restore --disable-triggers) bypasses them.
DO $do$
DECLARE
  target record;
  event text;
BEGIN
  FOR target IN SELECT * FROM (VALUES
      ('billing_line_items', 'charge_period_start',
       'costreport.charges_daily, costreport.charge_sets, costreport.commitments_daily, costreport.node_charges'),
      ('usage_samples', 'sampled_at', 'costreport.usage_days'),
      ('container_usage_samples', 'sampled_at',
       'costreport.container_usage_days, costreport.container_days, costreport.container_allocation_days'))
    t(table_name, time_column, rollup_tables) LOOP
    FOREACH event IN ARRAY ARRAY['insert', 'update', 'delete', 'truncate'] LOOP
      EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', 'costreport_rollup_' || event, target.table_name);
      EXECUTE format('CREATE TRIGGER %I AFTER %s ON %I %s FOR EACH STATEMENT EXECUTE FUNCTION costreport.rollup_source_changed(%L, %L, %L)',
        'costreport_rollup_' || event, upper(event), target.table_name,
        CASE event WHEN 'insert' THEN 'REFERENCING NEW TABLE AS new_rows'
                   WHEN 'update' THEN 'REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows'
                   WHEN 'delete' THEN 'REFERENCING OLD TABLE AS old_rows'
                   ELSE '' END,
        target.table_name, target.time_column, target.rollup_tables);
      EXECUTE format('ALTER TABLE %I ENABLE ALWAYS TRIGGER %I', target.table_name, 'costreport_rollup_' || event);
    END LOOP;
  END LOOP;
END
$do$;
-- The trigger functions of an older costreport, one per table.
DROP FUNCTION IF EXISTS costreport.billing_line_items_changed(), costreport.usage_samples_changed(),
  costreport.container_usage_samples_changed();
