-- name: charges_rollup
-- queries/charges.sql read from costreport.charges_daily (sample-billing/rollups.sql) instead of
-- billing_line_items: the same parameters and columns. Used only when the rollups are installed,
-- their triggers are enabled and both window ends are UTC midnights (then a charge day lies in the
-- window exactly when its charge_period_start does).
-- parameters:
--   $1 timestamptz  window start (inclusive, UTC midnight)
--   $2 timestamptz  window end (exclusive, UTC midnight)
-- returns the columns of queries/charges.sql.
SELECT billing_account_id,
       invoice_id,
       billing_currency,
       charge_category,
       resource_id,
       service_name,
       service_category,
       pricing_category,
       charge_day,
       tags,
       sum(billed_cost)    AS billed_cost,
       sum(effective_cost) AS effective_cost,
       sum(list_cost)      AS list_cost,
       sum(line_items)::bigint AS line_items,
       sum(charge_seconds)::double precision / 3600 AS charge_hours
FROM costreport.charges_daily
WHERE charge_day >= $1::timestamptz
  AND charge_day < $2::timestamptz
GROUP BY billing_account_id, invoice_id, billing_currency, charge_category, resource_id, service_name,
         service_category, pricing_category, charge_day, tags
