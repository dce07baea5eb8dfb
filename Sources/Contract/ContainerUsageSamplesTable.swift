import CostModel

/// `container_usage_samples` (DESIGN.md §2.2): the one list of its columns.
public enum ContainerUsageSamplesTable {
    public typealias Column = ContractColumn<ContainerUsageSample>

    public static let table = ContractTable<ContainerUsageSample>(name: "container_usage_samples", columns: [
        Column("cluster", .text, nullable: false) { .text($0.cluster) },
        Column("namespace", .text, nullable: false) { .text($0.namespace) },
        Column("workload_kind", .text) { $0.workloadKind.map(ContractValue.text) },
        Column("workload", .text) { $0.workload.map(ContractValue.text) },
        Column("pod", .text, nullable: false) { .text($0.pod) },
        Column("container", .text, nullable: false) { .text($0.container) },
        Column("node_resource_id", .text) { $0.nodeResourceId.map(ContractValue.text) },
        Column("sampled_at", .timestamptz, nullable: false) { .timestamp($0.sampledAt) },
        Column("interval_seconds", .integer, nullable: false) { .integer($0.intervalSeconds) },
        Column("cpu_request_cores", .real) { $0.cpuRequestCores.map(ContractValue.real) },
        Column("cpu_limit_cores", .real) { $0.cpuLimitCores.map(ContractValue.real) },
        Column("cpu_usage_cores", .real) { $0.cpuUsageCores.map(ContractValue.real) },
        Column("memory_request_bytes", .doublePrecision) { $0.memoryRequestBytes.map(ContractValue.double) },
        Column("memory_limit_bytes", .doublePrecision) { $0.memoryLimitBytes.map(ContractValue.double) },
        Column("memory_usage_bytes", .doublePrecision) { $0.memoryUsageBytes.map(ContractValue.double) },
        Column("labels", .jsonb, nullable: false, default: "'{}'") { .json($0.labels) },
    ])
}
