-- name: commitments
-- Commitment discounts (reservations, savings plans) and the usage they could cover, per UTC day,
-- aggregated in PostgreSQL. Two kinds of rows:
--   - commitment_discount_id set: the commitment's rows (FOCUS CommitmentDiscountStatus 'Used' for
--     covered usage, 'Unused' for what it paid for and nothing used, NULL for its purchase fee);
--   - commitment_discount_id NULL: eligible on-demand usage, i.e. usage a compute commitment could
--     have covered: charge_category 'Usage', service_category 'Compute', pricing_category 'Standard'
--     (on demand: not spot, not already committed). Edit this condition to change what is eligible.
-- Summed per resource first, then per commitment: the inner GROUP BY contains resource_id and only
-- date_bin (not date_trunc with a text argument), so a coordinator whose billing_line_items is
-- partitioned by hash on resource_id has the shards compute it (docs/scale-out.md); the outer
-- sums of sums are the same numbers.
-- parameters:
--   $1 timestamptz  window start (inclusive)
--   $2 timestamptz  window end (exclusive)
-- returns one row per billing account, currency, commitment, status and UTC day:
--   billing_account_id text, billing_currency text,
--   commitment_discount_id text (NULL: eligible on-demand usage),
--   commitment_discount_type text (nullable; one of the rows' values),
--   commitment_discount_status text (Used | Unused | NULL),
--   charge_day timestamptz        UTC midnight of charge_period_start
--   effective_cost numeric        sum, in billing_currency (amortised)
--   list_cost numeric             sum, in billing_currency (the on-demand equivalent)
SELECT billing_account_id,
       billing_currency,
       commitment_discount_id,
       max(commitment_discount_type) AS commitment_discount_type,
       commitment_discount_status,
       charge_day,
       sum(effective_cost) AS effective_cost,
       sum(list_cost)      AS list_cost
FROM (
    SELECT billing_account_id,
           billing_currency,
           commitment_discount_id,
           max(commitment_discount_type) AS commitment_discount_type,
           commitment_discount_status,
           date_bin('1 day', charge_period_start, '1970-01-01 00:00:00+00') AS charge_day,
           sum(effective_cost) AS effective_cost,
           sum(list_cost)      AS list_cost
    FROM billing_line_items
    WHERE charge_period_start >= $1::timestamptz
      AND charge_period_start < $2::timestamptz
      AND (commitment_discount_id IS NOT NULL
           OR (charge_category = 'Usage' AND service_category = 'Compute' AND pricing_category = 'Standard'))
    GROUP BY resource_id, date_bin('1 day', charge_period_start, '1970-01-01 00:00:00+00'), billing_account_id,
             billing_currency, commitment_discount_id, commitment_discount_status  -- the deciding keys first, as in charges.sql
) per_resource
GROUP BY billing_account_id, billing_currency, commitment_discount_id, commitment_discount_status, charge_day
