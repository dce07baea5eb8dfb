-- name: charges
-- Billing line items whose charge_period_start lies in [$1, $2), aggregated in PostgreSQL so that
-- the job's memory depends on resources x days, not on the number of line items. The report runs
-- it for the window, the previous window of the same length, and month to date.
-- The GROUP BY contains resource_id and only expressions PostgreSQL 15's postgres_fdw sends to a
-- shard (date_bin, not date_trunc('day', ...) nor extract(epoch ...), whose text arguments it
-- keeps local; the charge hours are the sum of the periods, converted to hours after the sum), so
-- a coordinator whose billing_line_items is partitioned by hash on resource_id has the shards
-- aggregate (docs/scale-out.md). resource_id and the day lead the GROUP BY: PostgreSQL 15 sorts in
-- the GROUP BY's order when the groups do not fit work_mem, and the two keys that tell the groups
-- apart decide a comparison first (hourly bills, 4.8 M rows: 12.5 → 8.0 s; BENCHMARKS.md).
-- The groups are hashed instead: PostgreSQL expects about 2.5 x the groups there are and sorts
-- every row on disk (15 minutes' set: 13.4 s), where a hash of the groups, spilling in batches,
-- takes 8.8 s (4.2 → 3.0 s at 5 minutes). The setting below holds for this query only (the job
-- sets it before and restores it after; a sort still runs where no other plan exists).
-- setting: enable_sort = off
-- parameters:
--   $1 timestamptz  window start (inclusive)
--   $2 timestamptz  window end (exclusive)
-- returns one row per account, invoice, currency, charge category, resource, provider service,
-- service category, pricing category, tags and UTC day:
--   billing_account_id text, invoice_id text (nullable), billing_currency text,
--   charge_category text, resource_id text (NULL: shared cost), service_name text,
--   service_category text, pricing_category text,
--   charge_day timestamptz        UTC midnight of charge_period_start
--   tags jsonb                    the line items' tags
--   billed_cost numeric           sum, in billing_currency
--   effective_cost numeric        sum, in billing_currency
--   list_cost numeric             sum, in billing_currency
--   line_items bigint             number of line items
--   charge_hours double precision sum of charge period lengths, hours
SELECT billing_account_id,
       invoice_id,
       billing_currency,
       charge_category,
       resource_id,
       service_name,
       service_category,
       pricing_category,
       date_bin('1 day', charge_period_start, '1970-01-01 00:00:00+00') AS charge_day,
       tags,
       sum(billed_cost)    AS billed_cost,
       sum(effective_cost) AS effective_cost,
       sum(list_cost)      AS list_cost,
       count(*)            AS line_items,
       extract(epoch FROM sum(charge_period_end - charge_period_start))::double precision / 3600 AS charge_hours
FROM billing_line_items
WHERE charge_period_start >= $1::timestamptz
  AND charge_period_start < $2::timestamptz
GROUP BY resource_id, charge_day, billing_account_id, invoice_id, billing_currency, charge_category, service_name,
         service_category, pricing_category, tags
