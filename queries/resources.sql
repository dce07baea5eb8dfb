-- name: resources
-- The inventory: one row per resource.
-- parameters: none
-- returns: resource_id text, kind text, service text, team text, tier integer (1..4 expected),
--   environment text, provider_name text, region_id text, instance_type text,
--   vcpus numeric (count), memory_gib numeric (GiB), storage_gib numeric (GiB), storage_class text,
--   state text, attached_to text, pricing_model text (on_demand | spot | committed),
--   created_at timestamptz, last_active_at timestamptz, tags jsonb (an object of strings)
SELECT resource_id, kind, service, team, tier::integer AS tier, environment, provider_name, region_id,
       instance_type, vcpus, memory_gib, storage_gib, storage_class, state, attached_to, pricing_model,
       created_at, last_active_at, tags
FROM resources
