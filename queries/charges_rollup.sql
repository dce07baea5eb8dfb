-- name: charges_rollup
-- queries/charges.sql read from costreport.charges_daily (sample-billing/rollups.sql) instead of
-- billing_line_items: the same parameters, and the rows of a stored day name their charge set by
-- set_id (its keys come from queries/charge_sets_rollup.sql, once per set) with the nine keys
-- NULL. A day pending in costreport.rollup_pending (its billing lines changed since it was rolled
-- up) is computed from billing_line_items here, in the same snapshot: its rows carry the keys and
-- a NULL set_id. Used only when the rollups are installed, their triggers are enabled and both
-- window ends are UTC midnights (then a charge day lies in the window exactly when its
-- charge_period_start does). The job reads it through a cursor (a plain scan: no parallel plan).
-- parameters:
--   $1 timestamptz  window start (inclusive, UTC midnight)
--   $2 timestamptz  window end (exclusive, UTC midnight)
-- returns set_id bigint (NULL for a pending day's rows) and the columns of queries/charges.sql,
-- the day and amounts first (the order the job reads them in).
SELECT set_id,
       charge_day,
       billed_cost,
       effective_cost,
       list_cost,
       line_items,
       charge_seconds::double precision / 3600 AS charge_hours,
       NULL::text AS billing_account_id,
       NULL::text AS invoice_id,
       NULL::text AS billing_currency,
       NULL::text AS charge_category,
       NULL::text AS resource_id,
       NULL::text AS service_name,
       NULL::text AS service_category,
       NULL::text AS pricing_category,
       NULL::text AS tags
FROM costreport.charges_daily c
WHERE charge_day >= $1::timestamptz
  AND charge_day < $2::timestamptz
  AND c.charge_day <> ALL (ARRAY(
      SELECT day FROM costreport.rollup_pending
      WHERE source = 'billing_line_items' AND day >= $1::timestamptz AND day < $2::timestamptz))
UNION ALL
SELECT NULL::bigint, charge_day, billed_cost, effective_cost, list_cost, line_items, charge_seconds::double precision / 3600,
       billing_account_id, invoice_id, billing_currency, charge_category, resource_id, service_name, service_category,
       pricing_category, tags
FROM costreport.charges_daily_from_lines(ARRAY(
    SELECT day FROM costreport.rollup_pending
    WHERE source = 'billing_line_items' AND day >= $1::timestamptz AND day < $2::timestamptz))
