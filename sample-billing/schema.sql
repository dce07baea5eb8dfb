-- The costreport data contract (DESIGN.md section 2). Table and column names follow the FinOps
-- FOCUS specification in snake_case and are public: keep them exactly.
-- Applied by `costreport db init`; every statement is idempotent.

-- One row per billed charge (FOCUS).
CREATE TABLE IF NOT EXISTS billing_line_items (
  billing_account_id   text        NOT NULL,
  sub_account_id       text,
  invoice_id           text,
  provider_name        text        NOT NULL,
  billing_period_start timestamptz NOT NULL,
  billing_period_end   timestamptz NOT NULL,
  charge_period_start  timestamptz NOT NULL,
  charge_period_end    timestamptz NOT NULL,
  charge_category      text        NOT NULL,  -- Usage | Purchase | Tax | Credit | Adjustment
  charge_description   text,
  service_name         text,                  -- the provider's service, e.g. 'Amazon EC2'
  service_category     text,                  -- Compute | Storage | Databases | Networking | ...
  resource_id          text,
  resource_name        text,
  resource_type        text,
  region_id            text,
  sku_id               text,
  pricing_category     text,                  -- Standard | Dynamic (spot) | Committed
  pricing_unit         text,
  pricing_quantity     numeric,
  consumed_unit        text,
  consumed_quantity    numeric,
  list_cost            numeric     NOT NULL,
  contracted_cost      numeric,
  effective_cost       numeric     NOT NULL,
  billed_cost          numeric     NOT NULL,
  billing_currency     text        NOT NULL,
  commitment_discount_id text,
  tags                 jsonb       NOT NULL DEFAULT '{}',
  -- DESIGN.md 2.1. `costreport db init` adds these to an older table in place
  -- (ALTER TABLE ... ADD COLUMN IF NOT EXISTS, from Sources/Contract/BillingLineItemsTable.swift).
  charge_class                 text,     -- NULL | Correction
  charge_frequency             text,     -- One-Time | Recurring | Usage-Based
  commitment_discount_category text,     -- Spend | Usage
  commitment_discount_type     text,     -- e.g. 'Savings Plan', 'Reserved Instance', 'Committed Use'
  commitment_discount_status   text,     -- Used | Unused (the unused part of a commitment is waste)
  list_unit_price              numeric,
  contracted_unit_price        numeric,
  sku_price_id                 text,
  availability_zone            text,
  sub_account_name             text,
  billing_account_name         text
);

-- What exists: one row per resource, from the cloud inventory or CMDB.
CREATE TABLE IF NOT EXISTS resources (
  resource_id     text PRIMARY KEY,
  kind            text NOT NULL,   -- compute | database | volume | load_balancer | ip_address | object_storage | other
  service         text,            -- the microservice that owns it (e.g. 'order-service')
  team            text,
  tier            smallint CHECK (tier BETWEEN 1 AND 4),
  environment     text,            -- production | staging | development | ...
  provider_name   text,
  region_id       text,
  instance_type   text,            -- compute/database size, joins instance_types
  vcpus           numeric,
  memory_gib      numeric,
  storage_gib     numeric,
  storage_class   text,            -- e.g. gp2, gp3, standard, infrequent_access, archive
  state           text,            -- running | stopped | unattached | deleted | ...
  attached_to     text,            -- volume -> instance, ip -> instance, lb -> target group
  pricing_model   text,            -- on_demand | spot | committed
  created_at      timestamptz,
  last_active_at  timestamptz,
  tags            jsonb NOT NULL DEFAULT '{}'
);

-- Utilisation time series: one row per resource per sampling interval (5 min, 1 h, ...).
CREATE TABLE IF NOT EXISTS usage_samples (
  resource_id        text        NOT NULL,
  sampled_at         timestamptz NOT NULL,
  interval_seconds   integer     NOT NULL,  -- length of the interval this sample covers
  cpu_utilization    real,                  -- fraction of provisioned vCPUs, 0..1 (bursts may exceed 1)
  memory_utilization real,                  -- fraction of provisioned memory, 0..1
  network_bytes      double precision,      -- bytes in + out during the interval
  disk_iops          real,                  -- average I/O operations per second
  requests           double precision,      -- requests served (load balancers, services)
  connections        real                   -- open connections (databases)
);

-- Kubernetes: one row per container per sampling interval (DESIGN.md section 2.2), from
-- `costreport import containers` (CSV) or `costreport import prometheus` (kube-state-metrics, cAdvisor).
CREATE TABLE IF NOT EXISTS container_usage_samples (
  cluster              text        NOT NULL,
  namespace            text        NOT NULL,
  workload_kind        text,                   -- Deployment | StatefulSet | DaemonSet | Job | CronJob | Pod
  workload             text,                   -- the owning controller's name (a ReplicaSet resolved to its Deployment)
  pod                  text        NOT NULL,
  container            text        NOT NULL,
  node_resource_id     text,                   -- the node's resource_id in resources / billing_line_items
  sampled_at           timestamptz NOT NULL,   -- start of the interval
  interval_seconds     integer     NOT NULL,
  cpu_request_cores    real,
  cpu_limit_cores      real,
  cpu_usage_cores      real,                   -- mean cores used in the interval
  memory_request_bytes double precision,
  memory_limit_bytes   double precision,
  memory_usage_bytes   double precision,       -- working set, the interval's maximum
  labels               jsonb       NOT NULL DEFAULT '{}'  -- pod labels (app.kubernetes.io/name, team, tier, ...)
);

-- Sizes that can be bought: the right-sizing and pricing catalog.
CREATE TABLE IF NOT EXISTS instance_types (
  provider_name     text    NOT NULL,
  region_id         text    NOT NULL,
  instance_type     text    NOT NULL,
  family            text    NOT NULL,
  vcpus             numeric NOT NULL,
  memory_gib        numeric NOT NULL,
  arch              text,
  on_demand_hourly  numeric NOT NULL,
  currency          text    NOT NULL,
  PRIMARY KEY (provider_name, region_id, instance_type)
);

-- Optional indexes (not part of the contract): the report's queries filter on time.
CREATE INDEX IF NOT EXISTS billing_line_items_charge_period_start_idx
  ON billing_line_items (charge_period_start);
CREATE INDEX IF NOT EXISTS usage_samples_sampled_at_brin
  ON usage_samples USING brin (sampled_at);
-- Optional indexes on container_usage_samples (not part of the contract): allocation reads a node's
-- containers hour by hour (node_resource_id, sampled_at); request findings and re-imports read one
-- container's (or one cluster's) series over time (cluster, namespace, pod, container, sampled_at),
-- whose leading cluster column also serves the imports' "replace this cluster's range" deletes.
CREATE INDEX IF NOT EXISTS container_usage_samples_node_time_idx
  ON container_usage_samples (node_resource_id, sampled_at);
CREATE INDEX IF NOT EXISTS container_usage_samples_container_time_idx
  ON container_usage_samples (cluster, namespace, pod, container, sampled_at);
-- Optional statistics (not part of the contract): without them PostgreSQL estimates the groups of
-- the usage queries' GROUP BY resource and hour or day (queries/usage_daily.sql) or resource and bucket
-- (queries/usage_histograms.sql) from the distinct timestamps or utilisation values, millions,
-- and sorts every sample instead of hashing them in parallel (20 M samples: usage_daily 17.8 s
-- without, 4.8 s with; usage_histograms 9.6 s without, 5.8 s with; BENCHMARKS.md).
CREATE STATISTICS IF NOT EXISTS usage_samples_resource_hour (ndistinct)
  ON resource_id, date_bin('1 hour', sampled_at, '1970-01-01 00:00:00+00') FROM usage_samples;
CREATE STATISTICS IF NOT EXISTS usage_samples_resource_day (ndistinct)
  ON resource_id, date_bin('1 day', sampled_at, '1970-01-01 00:00:00+00') FROM usage_samples;
CREATE STATISTICS IF NOT EXISTS usage_samples_resource_cpu_bucket (ndistinct)
  ON resource_id, width_bucket(cpu_utilization::double precision, 0, 1, 200) FROM usage_samples;
CREATE STATISTICS IF NOT EXISTS usage_samples_resource_memory_bucket (ndistinct)
  ON resource_id, width_bucket(memory_utilization::double precision, 0, 1, 200) FROM usage_samples;

-- Optional rollup tables for large databases (not part of the contract): sample-billing/rollups.sql,
-- installed by `costreport db rollups`, kept exact by triggers on billing_line_items and
-- usage_samples; the report reads them instead of every sample when they are current (README,
-- "Rollups").
