-- costreport rollups: optional, for large databases (BENCHMARKS.md, "Rollups").
--
-- Installed by `costreport db rollups` (which also fills them from the existing rows); removed by
-- `costreport db rollups --drop`. Not part of the data contract: the report works without them and
-- reads the raw tables then. With them, it reads these small tables instead of every usage sample
-- and billing line, and its run time no longer grows with the number of samples.
--
--   costreport.charges_daily           billing_line_items summed per UTC day and the keys of
--                                      queries/charges.sql (sums and counts only: exact)
--   costreport.usage_hourly            usage_samples aggregated per resource and UTC hour, the
--                                      hourly measures of queries/usage_daily.sql
--   costreport.usage_daily_histograms  bucket counts per resource, UTC day and histogram (CPU,
--                                      memory, CPU in service hours), as queries/usage_histograms.sql
--   costreport.rollup_settings         the service hours, time zone and buckets the histograms
--                                      were built with; the report uses the rollups only when
--                                      they match its policy
--
-- Kept exact by statement-level triggers with transition tables on billing_line_items and
-- usage_samples: every INSERT (COPY included), UPDATE, DELETE and TRUNCATE updates them in the
-- same transaction. Sums and counts are adjusted by the changed rows; an hour whose samples were
-- updated or deleted is recomputed from usage_samples (maxima cannot be subtracted). The triggers
-- are ENABLE ALWAYS, so they fire with session_replication_role = replica too; a load that
-- disables triggers (ALTER TABLE ... DISABLE TRIGGER, pg_restore --disable-triggers) leaves the
-- rollups stale: run `costreport db rollups` again after it. The report checks that the triggers
-- exist and are enabled, and reads the raw tables otherwise. Needs PostgreSQL 15 or later
-- (UNIQUE NULLS NOT DISTINCT) and ownership of the two tables.
-- Every statement is idempotent.

CREATE SCHEMA IF NOT EXISTS costreport;

CREATE TABLE IF NOT EXISTS costreport.rollup_settings (
  singleton           boolean     PRIMARY KEY DEFAULT true CHECK (singleton),
  time_zone           text        NOT NULL,
  service_hours_start integer     NOT NULL CHECK (service_hours_start BETWEEN 0 AND 24),
  service_hours_end   integer     NOT NULL CHECK (service_hours_end BETWEEN 0 AND 24),
  buckets             integer     NOT NULL CHECK (buckets BETWEEN 1 AND 10000),
  rebuilt_at          timestamptz NOT NULL
);

CREATE TABLE IF NOT EXISTS costreport.charges_daily (
  charge_day         timestamptz NOT NULL,  -- UTC midnight of charge_period_start
  billing_account_id text        NOT NULL,
  invoice_id         text,
  billing_currency   text        NOT NULL,
  charge_category    text        NOT NULL,
  resource_id        text,
  service_name       text,
  service_category   text,
  pricing_category   text,
  tags               jsonb       NOT NULL,
  billed_cost        numeric     NOT NULL,
  effective_cost     numeric     NOT NULL,
  list_cost          numeric     NOT NULL,
  line_items         bigint      NOT NULL,
  charge_seconds     numeric     NOT NULL   -- sum of charge_period_end - charge_period_start
);
-- The tags are keyed by the md5 of their text (jsonb text is canonical) to stay under btree's
-- key size limit whatever the tags hold.
CREATE UNIQUE INDEX IF NOT EXISTS charges_daily_key ON costreport.charges_daily
  (charge_day, billing_account_id, invoice_id, billing_currency, charge_category, resource_id,
   service_name, service_category, pricing_category, md5(tags::text)) NULLS NOT DISTINCT;

CREATE TABLE IF NOT EXISTS costreport.usage_hourly (
  hour              timestamptz      NOT NULL,  -- the UTC hour of sampled_at (date_bin, not date_trunc:
                                                 -- independent of the writer's TimeZone setting)
  resource_id       text             NOT NULL,
  samples           bigint           NOT NULL,
  invalid_samples   bigint           NOT NULL,
  covered_seconds   bigint           NOT NULL,
  cpu_seconds       bigint,
  cpu_weighted      double precision,
  cpu_max           double precision,
  memory_max        double precision,
  network_bytes     double precision,
  disk_iops_sum     double precision,
  disk_iops_samples bigint           NOT NULL,
  requests          double precision,
  connections_max   double precision,
  first_sample      timestamptz,
  last_sample       timestamptz,
  PRIMARY KEY (hour, resource_id)
);

CREATE TABLE IF NOT EXISTS costreport.usage_daily_histograms (
  day         timestamptz NOT NULL,  -- UTC midnight of sampled_at
  resource_id text        NOT NULL,
  histogram   smallint    NOT NULL,  -- 1 cpu, 2 memory, 3 cpu in service hours
  bucket      integer     NOT NULL,  -- width_bucket(value, 0, 1, buckets)
  samples     bigint      NOT NULL,
  PRIMARY KEY (day, resource_id, histogram, bucket)
);

-- The statements below are built as text because a trigger's transition tables (old_rows,
-- new_rows) are only visible to statements the trigger function runs itself. Each merges its rows
-- in key order, so two transactions writing the same hours lock rollup rows in the same order
-- (one waits for the other instead of deadlocking).

-- Adds (sign 1) or subtracts (sign -1) the billing rows of `source` to costreport.charges_daily.
CREATE OR REPLACE FUNCTION costreport.charges_daily_statement(source text, sign integer) RETURNS text
LANGUAGE sql IMMUTABLE AS $fn$
  SELECT format($sql$
    INSERT INTO costreport.charges_daily AS t
    SELECT date_bin('1 day', charge_period_start, '1970-01-01 00:00:00+00'),
           billing_account_id, invoice_id, billing_currency, charge_category, resource_id,
           service_name, service_category, pricing_category, tags_text::jsonb,
           %2$s * sum(billed_cost), %2$s * sum(effective_cost), %2$s * sum(list_cost), %2$s * count(*),
           %2$s * sum(extract(epoch FROM charge_period_end - charge_period_start))
    FROM (SELECT *, tags::text AS tags_text FROM %1$s) s
    GROUP BY 1, billing_account_id, invoice_id, billing_currency, charge_category, resource_id,
             service_name, service_category, pricing_category, tags_text
    ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9, tags_text
    ON CONFLICT (charge_day, billing_account_id, invoice_id, billing_currency, charge_category, resource_id,
                 service_name, service_category, pricing_category, md5(tags::text))
    DO UPDATE SET billed_cost = t.billed_cost + excluded.billed_cost,
                  effective_cost = t.effective_cost + excluded.effective_cost,
                  list_cost = t.list_cost + excluded.list_cost,
                  line_items = t.line_items + excluded.line_items,
                  charge_seconds = t.charge_seconds + excluded.charge_seconds
  $sql$, source, sign)
$fn$;

-- Aggregates the samples of `source` (restricted by `filter`) per resource and UTC hour and
-- merges them into costreport.usage_hourly. The aggregates are the hourly ones of
-- queries/usage_daily.sql.
CREATE OR REPLACE FUNCTION costreport.usage_hourly_statement(source text, filter text) RETURNS text
LANGUAGE sql IMMUTABLE AS $fn$
  SELECT format($sql$
    INSERT INTO costreport.usage_hourly AS t
    SELECT date_bin('1 hour', sampled_at, '1970-01-01 00:00:00+00'), resource_id,
           count(*),
           count(*) FILTER (WHERE cpu_utilization = 'NaN' OR cpu_utilization IN ('Infinity', '-Infinity')
                            OR memory_utilization = 'NaN' OR memory_utilization IN ('Infinity', '-Infinity')),
           sum(interval_seconds),
           sum(interval_seconds) FILTER (WHERE cpu_utilization BETWEEN -1e30 AND 1e30),
           sum(cpu_utilization::double precision * interval_seconds) FILTER (WHERE cpu_utilization BETWEEN -1e30 AND 1e30),
           max(cpu_utilization) FILTER (WHERE cpu_utilization BETWEEN -1e30 AND 1e30),
           max(memory_utilization) FILTER (WHERE memory_utilization BETWEEN -1e30 AND 1e30),
           sum(network_bytes) FILTER (WHERE network_bytes BETWEEN -1e300 AND 1e300),
           sum(disk_iops::double precision) FILTER (WHERE disk_iops BETWEEN -1e30 AND 1e30),
           count(disk_iops) FILTER (WHERE disk_iops BETWEEN -1e30 AND 1e30),
           sum(requests) FILTER (WHERE requests BETWEEN -1e300 AND 1e300),
           max(connections) FILTER (WHERE connections BETWEEN -1e30 AND 1e30),
           min(sampled_at),
           max(sampled_at)
    FROM %1$s s
    %2$s
    GROUP BY 1, 2
    ORDER BY 1, 2
    ON CONFLICT (hour, resource_id) DO UPDATE SET
      samples = t.samples + excluded.samples,
      invalid_samples = t.invalid_samples + excluded.invalid_samples,
      covered_seconds = t.covered_seconds + excluded.covered_seconds,
      cpu_seconds = coalesce(t.cpu_seconds + excluded.cpu_seconds, t.cpu_seconds, excluded.cpu_seconds),
      cpu_weighted = coalesce(t.cpu_weighted + excluded.cpu_weighted, t.cpu_weighted, excluded.cpu_weighted),
      cpu_max = greatest(t.cpu_max, excluded.cpu_max),
      memory_max = greatest(t.memory_max, excluded.memory_max),
      network_bytes = coalesce(t.network_bytes + excluded.network_bytes, t.network_bytes, excluded.network_bytes),
      disk_iops_sum = coalesce(t.disk_iops_sum + excluded.disk_iops_sum, t.disk_iops_sum, excluded.disk_iops_sum),
      disk_iops_samples = t.disk_iops_samples + excluded.disk_iops_samples,
      requests = coalesce(t.requests + excluded.requests, t.requests, excluded.requests),
      connections_max = greatest(t.connections_max, excluded.connections_max),
      first_sample = least(t.first_sample, excluded.first_sample),
      last_sample = greatest(t.last_sample, excluded.last_sample)
  $sql$, source, filter)
$fn$;

-- Adds (sign 1) or subtracts (sign -1) the samples of `source` to the histograms of
-- costreport.usage_daily_histograms (1 cpu, 2 memory, 3 cpu in service hours), with the time
-- zone, service hours and buckets of costreport.rollup_settings: one statement for the two CPU
-- histograms (grouped once by day, resource, service hours or not, and bucket), one for memory.
-- Measured faster than one statement per histogram and than one pass that emits three rows per
-- sample.
CREATE OR REPLACE FUNCTION costreport.usage_histogram_statements(source text, sign integer) RETURNS text[]
LANGUAGE sql IMMUTABLE AS $fn$
  SELECT ARRAY[format($sql$
    INSERT INTO costreport.usage_daily_histograms AS t
    WITH cpu AS (
      SELECT date_bin('1 day', sampled_at, '1970-01-01 00:00:00+00') AS day, resource_id,
             extract(isodow FROM local_time) <= 5 AND extract(hour FROM local_time) >= service_hours_start
               AND extract(hour FROM local_time) < service_hours_end AS in_service_hours,
             width_bucket(cpu, 0, 1, buckets) AS bucket, count(*) AS samples
      FROM (SELECT s.resource_id, s.sampled_at, s.cpu_utilization::double precision AS cpu,
                   s.sampled_at AT TIME ZONE c.time_zone AS local_time, c.service_hours_start, c.service_hours_end, c.buckets
            FROM %1$s s CROSS JOIN costreport.rollup_settings c
            WHERE s.cpu_utilization::double precision BETWEEN -1e30 AND 1e30
            OFFSET 0) s
      GROUP BY 1, 2, 3, 4
    )
    SELECT day, resource_id, 1, bucket, %2$s * sum(samples) FROM cpu GROUP BY day, resource_id, bucket
    UNION ALL
    SELECT day, resource_id, 3, bucket, %2$s * samples FROM cpu WHERE in_service_hours
    ORDER BY 1, 2, 3, 4
    ON CONFLICT (day, resource_id, histogram, bucket) DO UPDATE SET samples = t.samples + excluded.samples
  $sql$, source, sign), format($sql$
    INSERT INTO costreport.usage_daily_histograms AS t
    SELECT date_bin('1 day', s.sampled_at, '1970-01-01 00:00:00+00'), s.resource_id, 2,
           width_bucket(s.memory_utilization::double precision, 0, 1, c.buckets), %2$s * count(*)
    FROM %1$s s CROSS JOIN costreport.rollup_settings c
    WHERE s.memory_utilization::double precision BETWEEN -1e30 AND 1e30
    GROUP BY 1, 2, 4
    ORDER BY 1, 2, 4
    ON CONFLICT (day, resource_id, histogram, bucket) DO UPDATE SET samples = t.samples + excluded.samples
  $sql$, source, sign)]
$fn$;

CREATE OR REPLACE FUNCTION costreport.billing_line_items_changed() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    TRUNCATE costreport.charges_daily;
    RETURN NULL;
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    EXECUTE costreport.charges_daily_statement('old_rows', -1);
    DELETE FROM costreport.charges_daily
    WHERE line_items = 0
      AND charge_day >= (SELECT date_bin('1 day', min(charge_period_start), '1970-01-01 00:00:00+00') FROM old_rows)
      AND charge_day <= (SELECT max(charge_period_start) FROM old_rows);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    EXECUTE costreport.charges_daily_statement('new_rows', 1);
  END IF;
  RETURN NULL;
END
$fn$;

CREATE OR REPLACE FUNCTION costreport.usage_samples_changed() RETURNS trigger
LANGUAGE plpgsql AS $fn$
DECLARE
  statement text;
  changed text;  -- the rows whose hours must be recomputed
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    TRUNCATE costreport.usage_hourly, costreport.usage_daily_histograms;
    RETURN NULL;
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    FOREACH statement IN ARRAY costreport.usage_histogram_statements('old_rows', -1) LOOP
      EXECUTE statement;
    END LOOP;
    DELETE FROM costreport.usage_daily_histograms
    WHERE samples = 0
      AND day >= (SELECT date_bin('1 day', min(sampled_at), '1970-01-01 00:00:00+00') FROM old_rows)
      AND day <= (SELECT max(sampled_at) FROM old_rows);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    FOREACH statement IN ARRAY costreport.usage_histogram_statements('new_rows', 1) LOOP
      EXECUTE statement;
    END LOOP;
  END IF;
  IF TG_OP = 'INSERT' THEN
    EXECUTE costreport.usage_hourly_statement('new_rows', '');
    RETURN NULL;
  END IF;
  -- UPDATE or DELETE: recompute every hour a changed row was or is in.
  changed := CASE TG_OP WHEN 'UPDATE' THEN '(SELECT resource_id, sampled_at FROM old_rows UNION ALL SELECT resource_id, sampled_at FROM new_rows)'
                        ELSE '(SELECT resource_id, sampled_at FROM old_rows)' END;
  EXECUTE format($sql$
    DELETE FROM costreport.usage_hourly h
    USING (SELECT DISTINCT resource_id, date_bin('1 hour', sampled_at, '1970-01-01 00:00:00+00') AS hour FROM %s c) k
    WHERE h.resource_id = k.resource_id AND h.hour = k.hour
  $sql$, changed);
  EXECUTE costreport.usage_hourly_statement(
    format('%I.%I', TG_TABLE_SCHEMA, TG_TABLE_NAME),
    format($f$WHERE (s.resource_id, date_bin('1 hour', s.sampled_at, '1970-01-01 00:00:00+00')) IN (SELECT resource_id, date_bin('1 hour', sampled_at, '1970-01-01 00:00:00+00') FROM %1$s c)
               AND s.sampled_at >= (SELECT date_bin('1 hour', min(sampled_at), '1970-01-01 00:00:00+00') FROM %1$s c)
               AND s.sampled_at < (SELECT date_bin('1 hour', max(sampled_at), '1970-01-01 00:00:00+00') + interval '1 hour' FROM %1$s c)$f$, changed));
  RETURN NULL;
END
$fn$;

-- Empties the rollups and fills them from the tables, with the given histogram settings. Blocks
-- writes to the two tables until the calling transaction ends, so nothing is missed.
CREATE OR REPLACE FUNCTION costreport.rebuild_rollups(
  time_zone text, service_hours_start integer, service_hours_end integer, buckets integer
) RETURNS void LANGUAGE plpgsql AS $fn$
DECLARE
  statement text;
BEGIN
  LOCK TABLE billing_line_items, usage_samples IN SHARE MODE;
  PERFORM now() AT TIME ZONE time_zone;  -- an unknown time zone fails here, not in a trigger later
  INSERT INTO costreport.rollup_settings VALUES (true, time_zone, service_hours_start, service_hours_end, buckets, now())
  ON CONFLICT (singleton) DO UPDATE SET time_zone = excluded.time_zone,
    service_hours_start = excluded.service_hours_start, service_hours_end = excluded.service_hours_end,
    buckets = excluded.buckets, rebuilt_at = excluded.rebuilt_at;
  TRUNCATE costreport.charges_daily, costreport.usage_hourly, costreport.usage_daily_histograms;
  EXECUTE costreport.charges_daily_statement('billing_line_items', 1);
  EXECUTE costreport.usage_hourly_statement('usage_samples', '');
  FOREACH statement IN ARRAY costreport.usage_histogram_statements('usage_samples', 1) LOOP
    EXECUTE statement;
  END LOOP;
END
$fn$;

-- Four statement triggers on each table, named costreport_rollup_<event>. ENABLE ALWAYS: they
-- also fire where session_replication_role is replica (logical replication apply, some bulk
-- loaders), so a logical replica keeps its own rollups current. Only an explicit
-- ALTER TABLE ... DISABLE TRIGGER (pg_restore --disable-triggers) bypasses them.
DO $do$
DECLARE
  target record;
  event text;
BEGIN
  FOR target IN SELECT * FROM (VALUES ('billing_line_items', 'costreport.billing_line_items_changed'),
                                      ('usage_samples', 'costreport.usage_samples_changed')) t(table_name, function_name) LOOP
    FOREACH event IN ARRAY ARRAY['insert', 'update', 'delete', 'truncate'] LOOP
      EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', 'costreport_rollup_' || event, target.table_name);
      EXECUTE format('CREATE TRIGGER %I AFTER %s ON %I %s FOR EACH STATEMENT EXECUTE FUNCTION %s()',
        'costreport_rollup_' || event, upper(event), target.table_name,
        CASE event WHEN 'insert' THEN 'REFERENCING NEW TABLE AS new_rows'
                   WHEN 'update' THEN 'REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows'
                   WHEN 'delete' THEN 'REFERENCING OLD TABLE AS old_rows'
                   ELSE '' END,
        target.function_name);
      EXECUTE format('ALTER TABLE %I ENABLE ALWAYS TRIGGER %I', target.table_name, 'costreport_rollup_' || event);
    END LOOP;
  END LOOP;
END
$do$;
