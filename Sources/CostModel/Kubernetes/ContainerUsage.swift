import Foundation

/// One container of a workload: the key of `container_usage_samples` that findings and requests
/// are about. A pod without an owning controller is its own workload (`Pod/<pod name>`).
public struct ContainerKey: Sendable, Hashable, Comparable {
    public var cluster: String
    public var namespace: String
    /// Deployment | StatefulSet | DaemonSet | Job | CronJob | Pod.
    public var workloadKind: String
    public var workload: String
    public var container: String

    public init(cluster: String, namespace: String, workloadKind: String, workload: String, container: String) {
        self.cluster = cluster; self.namespace = namespace; self.workloadKind = workloadKind
        self.workload = workload; self.container = container
    }

    /// `k8s://CLUSTER/NAMESPACE/KIND/WORKLOAD/CONTAINER`: the resource id of its findings.
    public var resourceId: String { "k8s://\(cluster)/\(namespace)/\(workloadKind)/\(workload)/\(container)" }

    /// `k8s://CLUSTER`: the resource id of a cluster's node-removal step.
    public static func clusterResourceId(_ cluster: String) -> String { "k8s://\(cluster)" }

    public static func < (a: Self, b: Self) -> Bool { a.resourceId < b.resourceId }
}

/// Counts of CPU usage (cores) in geometric buckets, computed in SQL with
/// `width_bucket(ln(cores), ln(0.001), ln(1000), n)`: bucket 0 counts values below 1 millicore,
/// buckets 1...n cover `[0.001 × r^(i-1), 0.001 × r^i)` with `r = 10^(6/n)`, bucket n+1 counts
/// 1000 cores and more. With the default n = 1200 a bucket is 1.16 % wide, at every scale.
public struct CoreHistogram: Sendable, Hashable {
    public static let lowest = 0.001
    public static let highest = 1000.0
    /// The bucket count the shipped query is run with.
    public static let defaultBuckets = 1200

    public var counts: [Int]

    public init(bucketCount: Int = CoreHistogram.defaultBuckets) { counts = Array(repeating: 0, count: bucketCount + 2) }
    public init(counts: [Int]) { self.counts = counts }

    public var bucketCount: Int { counts.count - 2 }
    public var total: Int { counts.reduce(0, +) }

    public mutating func add(bucket: Int, count: Int) {
        counts[min(max(bucket, 0), counts.count - 1)] += count
    }

    /// The `p`-th percentile (percent, 0...100) in cores, located by rank `p / 100 × total` in the
    /// cumulative counts and interpolated geometrically inside its bucket, then clamped to the
    /// observed `[minimum, maximum]` (so a constant series reads back exactly). Bucket 0 reads
    /// between 0 and 1 millicore. Nil when empty.
    public func percentile(_ p: Double, minimum: Double, maximum: Double) -> Double? {
        let total = self.total
        guard total > 0, p.isFinite, bucketCount > 0 else { return nil }
        let rank = Swift.min(Swift.max(p, 0), 100) / 100 * Double(total)
        let logLow = Foundation.log(Self.lowest), logHigh = Foundation.log(Self.highest)
        let width = (logHigh - logLow) / Double(bucketCount)
        var cumulative = 0.0
        var value = maximum
        for (index, count) in counts.enumerated() where count > 0 {
            let next = cumulative + Double(count)
            if next >= rank {
                let within = Swift.max(0, Swift.min(1, (rank - cumulative) / Double(count)))
                if index == 0 {
                    value = within * Self.lowest
                } else if index == counts.count - 1 {
                    value = maximum
                } else {
                    value = Foundation.exp(logLow + (Double(index - 1) + within) * width)
                }
                break
            }
            cumulative = next
        }
        return Swift.min(Swift.max(value, minimum), maximum)
    }
}

/// One hour of one container: pods and what they used (from queries/container_hours.sql).
public struct ContainerHour: Sendable, Hashable {
    /// Start of the UTC hour.
    public var hour: Date
    /// Σ `interval_seconds` of the hour's samples: pod-seconds.
    public var podSeconds: Double
    /// Σ CPU cores × interval seconds.
    public var cpuCoreSeconds: Double
    /// Σ working-set bytes × interval seconds.
    public var memoryByteSeconds: Double
    /// Fewest and most pods sampled at one `sampled_at` instant in the hour.
    public var minPods: Int
    public var maxPods: Int

    public init(hour: Date, podSeconds: Double, cpuCoreSeconds: Double, memoryByteSeconds: Double, minPods: Int, maxPods: Int) {
        self.hour = hour; self.podSeconds = podSeconds; self.cpuCoreSeconds = cpuCoreSeconds
        self.memoryByteSeconds = memoryByteSeconds; self.minPods = minPods; self.maxPods = maxPods
    }
}

/// The requests and limits of a container, per pod.
public struct ContainerRequests: Sendable, Hashable {
    public var cpuRequestCores: Double?
    public var memoryRequestBytes: Double?
    public var cpuLimitCores: Double?
    public var memoryLimitBytes: Double?

    public init(cpuRequestCores: Double? = nil, memoryRequestBytes: Double? = nil, cpuLimitCores: Double? = nil, memoryLimitBytes: Double? = nil) {
        self.cpuRequestCores = cpuRequestCores; self.memoryRequestBytes = memoryRequestBytes
        self.cpuLimitCores = cpuLimitCores; self.memoryLimitBytes = memoryLimitBytes
    }
}

/// Everything the request findings know about one container over the window, aggregated in SQL
/// (no raw sample reaches the job).
public struct ContainerUsageSummary: Sendable, Hashable {
    public var key: ContainerKey
    /// Pod labels (of the container's samples, the greatest JSON text: one consistent set).
    public var labels: [String: String]
    public var samples: Int
    /// Σ `interval_seconds`: pod-seconds.
    public var podSeconds: Double
    /// UTC days with samples.
    public var days: Set<Date>
    public var firstSample: Date?
    public var lastSample: Date?
    /// The requests and limits of the latest sample (the request set seen last).
    public var current: ContainerRequests
    public var cpuUsageMin: Double?
    public var cpuUsageMax: Double?
    public var cpuHistogram: CoreHistogram
    /// Seconds whose CPU usage was above the CPU request, and seconds with both known.
    public var cpuOverRequestSeconds: Double
    public var cpuComparedSeconds: Double
    /// Largest working set, bytes.
    public var memoryUsageMax: Double?
    /// Largest working set ÷ memory limit (over samples with a limit).
    public var memoryLimitRatioMax: Double?
    /// Pod-seconds per node resource id (`(unknown node)` for samples without one).
    public var nodeSeconds: [String: Double]
    /// Hours with samples, in time order.
    public var hours: [ContainerHour]

    public init(
        key: ContainerKey, labels: [String: String] = [:], samples: Int = 0, podSeconds: Double = 0,
        days: Set<Date> = [], firstSample: Date? = nil, lastSample: Date? = nil,
        current: ContainerRequests = ContainerRequests(), cpuUsageMin: Double? = nil, cpuUsageMax: Double? = nil,
        cpuHistogram: CoreHistogram = CoreHistogram(), cpuOverRequestSeconds: Double = 0, cpuComparedSeconds: Double = 0,
        memoryUsageMax: Double? = nil, memoryLimitRatioMax: Double? = nil, nodeSeconds: [String: Double] = [:],
        hours: [ContainerHour] = []
    ) {
        self.key = key; self.labels = labels; self.samples = samples; self.podSeconds = podSeconds
        self.days = days; self.firstSample = firstSample; self.lastSample = lastSample; self.current = current
        self.cpuUsageMin = cpuUsageMin; self.cpuUsageMax = cpuUsageMax; self.cpuHistogram = cpuHistogram
        self.cpuOverRequestSeconds = cpuOverRequestSeconds; self.cpuComparedSeconds = cpuComparedSeconds
        self.memoryUsageMax = memoryUsageMax; self.memoryLimitRatioMax = memoryLimitRatioMax
        self.nodeSeconds = nodeSeconds; self.hours = hours
    }

    /// Fewest and most pods at one instant over the window (nil without hours).
    public var replicaRange: ClosedRange<Int>? {
        guard let low = hours.map(\.minPods).min(), let high = hours.map(\.maxPods).max() else { return nil }
        return low...high
    }

    /// The node without a resource id in the samples.
    public static let unknownNode = "(unknown node)"
}
