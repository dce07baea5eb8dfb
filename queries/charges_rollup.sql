-- name: charges_rollup
-- queries/charges.sql read from costreport.charges_daily (sample-billing/rollups.sql) instead of
-- billing_line_items: the same parameters and columns. A day pending in costreport.rollup_pending
-- (its billing lines changed since it was rolled up) is computed from billing_line_items here, in
-- the same snapshot. Used only when the rollups are installed, their triggers are enabled and both
-- window ends are UTC midnights (then a charge day lies in the window exactly when its
-- charge_period_start does).
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
       billed_cost,
       effective_cost,
       list_cost,
       line_items,
       charge_seconds::double precision / 3600 AS charge_hours
FROM costreport.charges_daily c
WHERE charge_day >= $1::timestamptz
  AND charge_day < $2::timestamptz
  AND c.charge_day <> ALL (ARRAY(
      SELECT day FROM costreport.rollup_pending
      WHERE source = 'billing_line_items' AND day >= $1::timestamptz AND day < $2::timestamptz))
UNION ALL
SELECT billing_account_id, invoice_id, billing_currency, charge_category, resource_id, service_name, service_category,
       pricing_category, charge_day, tags, billed_cost, effective_cost, list_cost, line_items,
       charge_seconds::double precision / 3600
FROM costreport.charges_daily_from_lines(ARRAY(
    SELECT day FROM costreport.rollup_pending
    WHERE source = 'billing_line_items' AND day >= $1::timestamptz AND day < $2::timestamptz))
