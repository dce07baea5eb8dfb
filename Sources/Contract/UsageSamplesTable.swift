import CostModel

/// `usage_samples` (DESIGN.md §2): the one list of its columns.
public enum UsageSamplesTable {
    public typealias Column = ContractColumn<UsageSample>

    public static let table = ContractTable<UsageSample>(name: "usage_samples", columns: [
        Column("resource_id", .text, nullable: false) { .text($0.resourceId) },
        Column("sampled_at", .timestamptz, nullable: false) { .timestamp($0.sampledAt) },
        Column("interval_seconds", .integer, nullable: false) { .integer($0.intervalSeconds) },
        Column("cpu_utilization", .real) { $0.cpuUtilization.map(ContractValue.real) },
        Column("memory_utilization", .real) { $0.memoryUtilization.map(ContractValue.real) },
        Column("network_bytes", .doublePrecision) { $0.networkBytes.map(ContractValue.double) },
        Column("disk_iops", .real) { $0.diskIops.map(ContractValue.real) },
        Column("requests", .doublePrecision) { $0.requests.map(ContractValue.double) },
        Column("connections", .real) { $0.connections.map(ContractValue.real) },
    ])
}
