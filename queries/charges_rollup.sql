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
-- The job reads the rows in PostgreSQL's binary format: return each column with the type named
-- below.
-- returns set_id bigint (NULL for a pending day's rows), charge_day timestamptz, amounts text
-- (the day's sums of billed_cost, effective_cost and list_cost, its number of line items and its
-- sum of charge_period_end - charge_period_start in seconds, as numeric and bigint print them,
-- separated by single spaces: one value where five cost PostgreSQL more to send than the rest of
-- the row; the job divides the seconds by 3600 as charges.sql's charge_hours does) and the nine
-- keys of queries/charges.sql (text; NULL in a stored day's rows).
SELECT set_id,
       charge_day,
       amounts,
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
SELECT NULL::bigint, charge_day, amounts,
       billing_account_id, invoice_id, billing_currency, charge_category, resource_id, service_name, service_category,
       pricing_category, tags
FROM costreport.charges_daily_from_lines(ARRAY(
    SELECT day FROM costreport.rollup_pending
    WHERE source = 'billing_line_items' AND day >= $1::timestamptz AND day < $2::timestamptz))
