-- name: node_charges
-- When in the day the nodes of container_usage_samples cost money: their charges whose
-- charge_period_start lies in [$1, $2), summed per charge period. The job spreads a charge longer
-- than an hour evenly over its hours within its UTC day (a daily charge over 24 hours) and weighs
-- each hour's container shares by the hour's cost. The money itself comes from charges.sql.
-- The nodes are one array computed before the scan (not a semi-join with container_usage_samples),
-- so that on a sharded coordinator it is sent to the shards as a parameter and they aggregate
-- their billing_line_items (docs/scale-out.md); container_usage_samples stays on the coordinator.
-- parameters:
--   $1 timestamptz  window start (inclusive)
--   $2 timestamptz  window end (exclusive)
-- returns one row per node, currency and charge period:
--   resource_id text, billing_currency text, charge_period_start timestamptz,
--   charge_period_end timestamptz, effective_cost numeric (sum of the positive effective costs,
--   in billing_currency; NULL when there is none)
SELECT resource_id,
       billing_currency,
       charge_period_start,
       charge_period_end,
       sum(effective_cost) FILTER (WHERE effective_cost > 0) AS effective_cost
FROM billing_line_items
WHERE charge_period_start >= $1::timestamptz
  AND charge_period_start < $2::timestamptz
  AND resource_id = ANY ((SELECT array_agg(DISTINCT node_resource_id)
                          FROM container_usage_samples
                          WHERE sampled_at >= $1::timestamptz
                            AND sampled_at < $2::timestamptz
                            AND node_resource_id IS NOT NULL)::text[])
GROUP BY resource_id, billing_currency, charge_period_start, charge_period_end
