-- name: commitments_rollup
-- queries/commitments.sql read from costreport.commitments_daily (sample-billing/rollups.sql)
-- instead of billing_line_items: the day sums stored per commitment, status and account. A day
-- pending in costreport.rollup_pending is computed from billing_line_items here, in the same
-- snapshot. Used only when the rollups are usable for the window (see charges_rollup.sql). What
-- counts as eligible on-demand usage is the condition of costreport.commitments_daily_from_lines:
-- edit it there (and rebuild with `costreport db rollups`) together with commitments.sql.
-- parameters:
--   $1 timestamptz  window start (inclusive, UTC midnight)
--   $2 timestamptz  window end (exclusive, UTC midnight)
-- returns the columns of queries/commitments.sql.
SELECT billing_account_id, billing_currency, commitment_discount_id, commitment_discount_type,
       commitment_discount_status, charge_day, effective_cost, list_cost
FROM costreport.commitments_daily c
WHERE charge_day >= $1::timestamptz
  AND charge_day < $2::timestamptz
  AND c.charge_day <> ALL (ARRAY(
      SELECT day FROM costreport.rollup_pending
      WHERE source = 'billing_line_items' AND day >= $1::timestamptz AND day < $2::timestamptz))
UNION ALL
SELECT billing_account_id, billing_currency, commitment_discount_id, commitment_discount_type,
       commitment_discount_status, charge_day, effective_cost, list_cost
FROM costreport.commitments_daily_from_lines(ARRAY(
    SELECT day FROM costreport.rollup_pending
    WHERE source = 'billing_line_items' AND day >= $1::timestamptz AND day < $2::timestamptz))
