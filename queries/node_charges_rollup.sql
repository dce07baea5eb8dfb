-- name: node_charges_rollup
-- queries/node_charges.sql read from costreport.node_charges (sample-billing/rollups.sql) instead
-- of billing_line_items: the same parameters and columns. The nodes are those of
-- costreport.container_allocation_days in the window (computed from container_usage_samples for
-- its pending days). A node's charges are read as stored unless their day is pending in
-- costreport.rollup_pending or the node is not yet in costreport.rollup_nodes (first seen since
-- the last refresh): those are computed from billing_line_items here, in the same snapshot. Used
-- only when the rollups are installed, their triggers are enabled and both window ends are UTC
-- midnights.
-- parameters:
--   $1 timestamptz  window start (inclusive, UTC midnight)
--   $2 timestamptz  window end (exclusive, UTC midnight)
-- returns the columns of node_charges.sql
WITH container_pending AS MATERIALIZED (
    SELECT day FROM costreport.rollup_pending
    WHERE source = 'container_usage_samples' AND day >= $1::timestamptz AND day < $2::timestamptz
),
billing_pending AS MATERIALIZED (
    SELECT day FROM costreport.rollup_pending
    WHERE source = 'billing_line_items' AND day >= $1::timestamptz AND day < $2::timestamptz
),
nodes AS MATERIALIZED (
    SELECT a.node_resource_id AS resource_id, a.node_resource_id IN (SELECT resource_id FROM costreport.rollup_nodes) AS known
    FROM (SELECT node_resource_id FROM costreport.container_allocation_days
          WHERE day >= $1::timestamptz AND day < $2::timestamptz AND day NOT IN (SELECT day FROM container_pending)
          UNION
          SELECT node_resource_id
          FROM costreport.container_allocation_days_from_samples(ARRAY(SELECT day FROM container_pending))) a
    WHERE a.node_resource_id IS NOT NULL
)
SELECT n.resource_id, n.billing_currency, n.charge_period_start, n.charge_period_end, n.effective_cost
FROM costreport.node_charges n
WHERE n.day >= $1::timestamptz AND n.day < $2::timestamptz
  AND n.resource_id IN (SELECT resource_id FROM nodes WHERE known)
  AND n.day NOT IN (SELECT day FROM billing_pending)
UNION ALL
SELECT c.resource_id, c.billing_currency, c.charge_period_start, c.charge_period_end, c.effective_cost
FROM costreport.node_charges_from_lines(ARRAY(SELECT day FROM billing_pending),
                                        ARRAY(SELECT resource_id FROM nodes WHERE known)) c
UNION ALL
SELECT c.resource_id, c.billing_currency, c.charge_period_start, c.charge_period_end, c.effective_cost
FROM costreport.node_charges_from_lines(ARRAY(SELECT generate_series($1::timestamptz, $2::timestamptz - interval '1 day', interval '1 day')),
                                        ARRAY(SELECT resource_id FROM nodes WHERE NOT known)) c
