-- name: instance_types
-- The catalog of sizes that can be bought, for right-sizing.
-- parameters: none
-- returns: provider_name text, region_id text, instance_type text, family text,
--   vcpus numeric (count), memory_gib numeric (GiB), arch text,
--   on_demand_hourly numeric (currency per hour), currency text
SELECT provider_name, region_id, instance_type, family, vcpus, memory_gib, arch, on_demand_hourly, currency
FROM instance_types
