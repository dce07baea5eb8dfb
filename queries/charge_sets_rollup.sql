-- name: charge_sets_rollup
-- The charge sets (sample-billing/rollups.sql: costreport.charge_sets) that the rows of
-- queries/charges_rollup.sql name by set_id in the same window: each set's keys once, instead of
-- on every day of the set. A set is read when the days it had rows on overlap the window (a few
-- more sets than the window's rows name, at times: never fewer).
-- parameters:
--   $1 timestamptz  window start (inclusive, UTC midnight)
--   $2 timestamptz  window end (exclusive, UTC midnight)
-- returns set_id bigint, then the keys of queries/charges.sql but the day:
--   billing_account_id text, invoice_id text (nullable), billing_currency text,
--   charge_category text, resource_id text (NULL: shared cost), service_name text,
--   service_category text, pricing_category text, tags text (a JSON object)
SELECT s.set_id,
       s.billing_account_id,
       s.invoice_id,
       s.billing_currency,
       s.charge_category,
       s.resource_id,
       s.service_name,
       s.service_category,
       s.pricing_category,
       s.tags
FROM costreport.charge_sets s
WHERE s.first_day < $2::timestamptz AND s.last_day >= $1::timestamptz
