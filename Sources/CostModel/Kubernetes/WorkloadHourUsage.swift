import Foundation

/// A workload on a cluster: what a `cost_by_workload.csv` row and a container's resource id
/// (`k8s://CLUSTER/NAMESPACE/KIND/WORKLOAD`) name.
public struct WorkloadKey: Sendable, Hashable, Comparable {
    public var cluster: String
    public var namespace: String
    /// `Deployment`, `StatefulSet`, `DaemonSet`, `Job`, `CronJob`, `Pod` (a pod without owner), ...
    public var kind: String
    /// The owning controller's name (the pod's name for a pod without owner).
    public var name: String

    public init(cluster: String, namespace: String, kind: String, name: String) {
        self.cluster = cluster; self.namespace = namespace; self.kind = kind; self.name = name
    }

    /// `k8s://CLUSTER/NAMESPACE/KIND/WORKLOAD`.
    public var resourceId: String { "k8s://\(cluster)/\(namespace)/\(kind)/\(name)" }

    public static func < (a: WorkloadKey, b: WorkloadKey) -> Bool {
        (a.cluster, a.namespace, a.kind, a.name) < (b.cluster, b.namespace, b.kind, b.name)
    }
}

/// One row of `queries/container_allocation.sql`: the containers of one workload (with one set of
/// pod labels) on one node in one UTC hour, summed in PostgreSQL. Sizes in core-hours and GiB-hours
/// (a sample contributes `value × interval_seconds ÷ 3600`).
public struct WorkloadHourUsage: Sendable, Hashable {
    /// The node's `resource_id`; nil when the samples do not name a node.
    public var nodeResourceId: String?
    /// UTC start of the hour of the samples' `sampled_at`.
    public var hour: Date
    public var workload: WorkloadKey
    /// The pod labels (for the owner: service, team, tier, environment).
    public var labels: [String: String]
    public var samples: Int
    /// Samples without a CPU or a memory request (they hold only what they use).
    public var samplesWithoutRequests: Int
    /// Σ max(CPU request, CPU usage) per sample, core-hours: what the workload holds of the node.
    public var cpuAllocatedCoreHours: Double
    public var cpuRequestCoreHours: Double
    public var cpuUsageCoreHours: Double
    /// Σ max(memory request, working set) per sample, GiB-hours.
    public var memoryAllocatedGiBHours: Double
    public var memoryRequestGiBHours: Double
    public var memoryUsageGiBHours: Double

    public init(
        nodeResourceId: String?, hour: Date, workload: WorkloadKey, labels: [String: String] = [:],
        samples: Int, samplesWithoutRequests: Int = 0,
        cpuAllocatedCoreHours: Double, cpuRequestCoreHours: Double, cpuUsageCoreHours: Double,
        memoryAllocatedGiBHours: Double, memoryRequestGiBHours: Double, memoryUsageGiBHours: Double
    ) {
        self.nodeResourceId = nodeResourceId; self.hour = hour; self.workload = workload; self.labels = labels
        self.samples = samples; self.samplesWithoutRequests = samplesWithoutRequests
        self.cpuAllocatedCoreHours = cpuAllocatedCoreHours; self.cpuRequestCoreHours = cpuRequestCoreHours
        self.cpuUsageCoreHours = cpuUsageCoreHours; self.memoryAllocatedGiBHours = memoryAllocatedGiBHours
        self.memoryRequestGiBHours = memoryRequestGiBHours; self.memoryUsageGiBHours = memoryUsageGiBHours
    }
}

/// One row of `queries/node_charges.sql`: a node's charges with one charge period, summed. Only
/// what the allocation needs to know when in the day a node cost money.
public struct NodeChargePeriod: Sendable, Hashable {
    public var nodeResourceId: String
    public var currency: String
    public var start: Date
    /// Exclusive.
    public var end: Date
    /// Σ of the positive effective costs (credits are split like the rest of the day).
    public var effectiveCost: Decimal

    public init(nodeResourceId: String, currency: String, start: Date, end: Date, effectiveCost: Decimal) {
        self.nodeResourceId = nodeResourceId; self.currency = currency; self.start = start; self.end = end
        self.effectiveCost = effectiveCost
    }
}

/// Where a node's idle cost goes (policy `kubernetes.idle`).
public enum IdleCostPolicy: String, Sendable, Hashable, Codable, CaseIterable {
    /// A `(cluster idle)` row per cluster, owned by the node's team (tier and environment of the node).
    case separate
    /// Spread over the containers on the node in the hour, the CPU part by CPU held, the memory part
    /// by memory held; an hour without containers stays `(cluster idle)`.
    case proportional
    /// The node's own owner (its service, team, tier and environment).
    case nodeOwner = "node_owner"
}

/// The settings of container cost allocation (policy `kubernetes`).
public struct ContainerAllocationSettings: Sendable, Hashable {
    /// Weight of a vCPU-hour in the CPU / memory split of a node's cost. Default 0.031611.
    public var cpuHourlyWeight: Decimal
    /// Weight of a GiB-hour of memory. Default 0.004237.
    public var memoryGibHourlyWeight: Decimal
    /// Default `separate`.
    public var idle: IdleCostPolicy

    public init(
        cpuHourlyWeight: Decimal = Decimal(string: "0.031611")!,
        memoryGibHourlyWeight: Decimal = Decimal(string: "0.004237")!,
        idle: IdleCostPolicy = .separate
    ) {
        self.cpuHourlyWeight = cpuHourlyWeight; self.memoryGibHourlyWeight = memoryGibHourlyWeight; self.idle = idle
    }
}

extension Ownership {
    /// The service of a node's idle cost under `kubernetes.idle: separate`, and the `workload` of
    /// its `cost_by_workload.csv` row.
    public static let clusterIdle = "(cluster idle)"
}
