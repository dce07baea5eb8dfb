import CostModel
import Foundation

/// The container samples of one chunk: each Kubernetes measure's values by container and interval,
/// joined with the chunk's `KubernetesInventory` into `container_usage_samples` rows. Points whose
/// value is NaN or ±Inf are left out and counted; a container has a row for each interval in which
/// at least one measure has a value (pods that start or end within the chunk have rows for their
/// own intervals only).
public struct ContainerSampleTable: Sendable {
    /// A container of a pod of a cluster.
    public struct ContainerKey: Sendable, Hashable, Comparable {
        public var pod: KubernetesInventory.ObjectKey
        public var container: String

        public static func < (a: Self, b: Self) -> Bool { (a.pod, a.container) < (b.pod, b.container) }
    }

    public let chunk: Chunk
    public let naming: ClusterNaming
    /// Values by container: `intervalCount × ContainerColumn.allCases.count`, row-major by interval.
    private var values: [ContainerKey: [Double?]] = [:]
    /// The statistics so far.
    public private(set) var statistics = ContainerStatistics()

    public init(chunk: Chunk, naming: ClusterNaming) {
        self.chunk = chunk
        self.naming = naming
    }

    /// Adds one measure's series (one per cluster, namespace, pod and container).
    /// - Throws: `PrometheusQueryError` when two series carry the same container (the query does
    ///   not aggregate by cluster, namespace, pod and container) or a point lies off the chunk's steps.
    public mutating func add(_ series: [QueryResponse.Series], measure: ContainerMeasureQuery) throws {
        let columns = ContainerColumn.allCases.count
        var seen = Set<ContainerKey>()
        for item in series {
            let metric = item.metric
            guard let namespace = metric["namespace"], !namespace.isEmpty, let pod = metric["pod"], !pod.isEmpty,
                  let container = metric["container"], !container.isEmpty else {
                statistics.seriesWithoutLabels += 1
                continue
            }
            let key = ContainerKey(
                pod: KubernetesInventory.ObjectKey(cluster: naming.cluster(of: metric), namespace: namespace, name: pod), container: container)
            guard seen.insert(key).inserted else {
                throw PrometheusQueryError(
                    policyKey: measure.policyKey,
                    message: "two series have namespace=\"\(namespace)\", pod=\"\(pod)\", container=\"\(container)\" in cluster \(key.pod.cluster): aggregate the query by (\(naming.label), namespace, pod, container)")
            }
            statistics.series += 1
            var row = values[key] ?? Array(repeating: nil, count: chunk.intervalCount * columns)
            statistics.nonFiniteValues += try chunk.forEachFinitePoint(item.values, policyKey: measure.policyKey) { interval, text, number in
                row[interval * columns + measure.column.rawValue] = number
                statistics.points += 1
            }
            values[key] = row
        }
    }

    /// The containers with at least one value, sorted.
    public var containers: [ContainerKey] {
        values.filter { $0.value.contains { $0 != nil } }.keys.sorted()
    }

    /// The clusters with at least one value, sorted (the import replaces their samples of the chunk).
    public var clusters: [String] { Array(Set(containers.map(\.pod.cluster))).sorted() }

    /// Calls `emit` with each row: containers sorted, intervals in time order, intervals without
    /// any value left out; workload, node and labels from `inventory`.
    public func forEachSample(_ inventory: KubernetesInventory, _ emit: (ContainerUsageSample) throws -> Void) rethrows {
        let columns = ContainerColumn.allCases.count
        for key in values.keys.sorted() {
            guard let row = values[key] else { continue }
            let workload = inventory.workload(of: key.pod)
            let node = inventory.nodeResourceId(of: key.pod)
            let labels = inventory.labels(of: key.pod)
            for index in 0..<chunk.intervalCount {
                let cells = row[(index * columns)..<((index + 1) * columns)]
                guard cells.contains(where: { $0 != nil }) else { continue }
                func value(_ column: ContainerColumn) -> Double? { cells[cells.startIndex + column.rawValue] }
                try emit(ContainerUsageSample(
                    cluster: key.pod.cluster, namespace: key.pod.namespace, workloadKind: workload.kind, workload: workload.name,
                    pod: key.pod.name, container: key.container, nodeResourceId: node,
                    sampledAt: chunk.start.addingTimeInterval(Double(index * chunk.stepSeconds)), intervalSeconds: chunk.stepSeconds,
                    cpuRequestCores: value(.cpuRequest).map(Float.init), cpuLimitCores: value(.cpuLimit).map(Float.init),
                    cpuUsageCores: value(.cpuUsage).map(Float.init), memoryRequestBytes: value(.memoryRequest),
                    memoryLimitBytes: value(.memoryLimit), memoryUsageBytes: value(.memoryUsage), labels: labels))
            }
        }
    }
}

/// What the Kubernetes answers of a chunk (or a whole import) held.
public struct ContainerStatistics: Sendable, Hashable {
    /// Measure series kept (one per container and measure).
    public var series = 0
    /// Finite values kept.
    public var points = 0
    /// NaN, +Inf and -Inf values left out.
    public var nonFiniteValues = 0
    /// Measure series without namespace, pod or container labels, left out.
    public var seriesWithoutLabels = 0

    public init() {}

    public mutating func merge(_ other: ContainerStatistics) {
        series += other.series
        points += other.points
        nonFiniteValues += other.nonFiniteValues
        seriesWithoutLabels += other.seriesWithoutLabels
    }
}
