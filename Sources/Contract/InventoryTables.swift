import CostModel

/// `resources` (DESIGN.md §2): the one list of its columns.
public enum ResourcesTable {
    public typealias Column = ContractColumn<Resource>

    public static let table = ContractTable<Resource>(name: "resources", columns: [
        Column("resource_id", .text, nullable: false) { .text($0.id) },
        Column("kind", .text, nullable: false) { .text($0.kind.rawValue) },
        Column("service", .text) { $0.service.map(ContractValue.text) },
        Column("team", .text) { $0.team.map(ContractValue.text) },
        Column("tier", .smallint) { $0.tier.map(ContractValue.integer) },
        Column("environment", .text) { $0.environment.map(ContractValue.text) },
        Column("provider_name", .text) { $0.providerName.map(ContractValue.text) },
        Column("region_id", .text) { $0.regionId.map(ContractValue.text) },
        Column("instance_type", .text) { $0.instanceType.map(ContractValue.text) },
        Column("vcpus", .numeric) { $0.vcpus.map(ContractValue.decimal) },
        Column("memory_gib", .numeric) { $0.memoryGiB.map(ContractValue.decimal) },
        Column("storage_gib", .numeric) { $0.storageGiB.map(ContractValue.decimal) },
        Column("storage_class", .text) { $0.storageClass.map(ContractValue.text) },
        Column("state", .text) { $0.state.map { .text($0.rawValue) } },
        Column("attached_to", .text) { $0.attachedTo.map(ContractValue.text) },
        Column("pricing_model", .text) { $0.pricingModel.map { .text($0.rawValue) } },
        Column("created_at", .timestamptz) { $0.createdAt.map(ContractValue.timestamp) },
        Column("last_active_at", .timestamptz) { $0.lastActiveAt.map(ContractValue.timestamp) },
        Column("tags", .jsonb, nullable: false, default: "'{}'") { .json($0.tags) },
    ])
}

/// `instance_types` (DESIGN.md §2): the one list of its columns.
public enum InstanceTypesTable {
    public typealias Column = ContractColumn<InstanceType>

    public static let table = ContractTable<InstanceType>(name: "instance_types", columns: [
        Column("provider_name", .text, nullable: false) { .text($0.providerName) },
        Column("region_id", .text, nullable: false) { .text($0.regionId) },
        Column("instance_type", .text, nullable: false) { .text($0.name) },
        Column("family", .text, nullable: false) { .text($0.family) },
        Column("vcpus", .numeric, nullable: false) { .decimal($0.vcpus) },
        Column("memory_gib", .numeric, nullable: false) { .decimal($0.memoryGiB) },
        Column("arch", .text) { $0.arch.map(ContractValue.text) },
        Column("on_demand_hourly", .numeric, nullable: false) { .decimal($0.onDemandHourly) },
        Column("currency", .text, nullable: false) { .text($0.currency) },
    ])
}
