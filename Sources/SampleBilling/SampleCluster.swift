import CostModel
import Foundation

/// The sample organisation's Kubernetes cluster `prod-eks` (per copy: `prod-eks-cK`): three
/// m5.2xlarge nodes among its compute, billed like the other machines, and the containers that
/// run on them, sampled at the sample interval (see sample-billing/README.md, "The cluster").
enum SampleCluster {
    static let cluster = "prod-eks"
    static let nodeCount = 3
    static let nodeType = "m5.2xlarge"
    static let gib = 1_073_741_824.0

    /// One container of a workload: requests and limits (cores, GiB; nil: none), usage ranges
    /// over the rhythm's activity, and on which days and hours its pods run.
    struct Container: Sendable {
        var namespace: String
        var kind: String
        var workload: String
        var container: String
        /// Pods (a DaemonSet: one per node, whatever this says).
        var replicas: Int
        var labels: [String: String]
        var cpuRequest: Double?
        var cpuLimit: Double?
        var memoryRequestGiB: Double?
        var memoryLimitGiB: Double?
        var cpuUsage: ClosedRange<Double>
        var memoryUsageGiB: ClosedRange<Double>
        var rhythm: UsageProfile.Rhythm = .diurnal(weekendFactor: 0.8)
        /// Relative noise of each value.
        var noise: Double = 0.03
        /// UTC hours `[from, to)` in which its pods run (Jobs); nil: always.
        var runsDuring: Range<Int>? = nil
        /// Days of the data (0-based) on which it runs; nil: every day.
        var runsOnDays: Range<Int64>? = nil
        /// What `set_requests` findings must say about it (nil: nothing planted).
        var planted: (Expectation, String)? = nil
    }

    static func labels(_ service: String, team: String, tier: Int) -> [String: String] {
        ["app.kubernetes.io/name": service, "team": team, "tier": String(tier), "env": "production"]
    }

    /// The workloads: five planted Deployments (one per request case), a DaemonSet, a nightly Job
    /// and a bare debugging pod without requests or labels on two days.
    static let containers: [Container] = [
        Container(namespace: "commerce", kind: "Deployment", workload: "cart", container: "app", replicas: 2,
                  labels: labels("cart-service", team: "commerce", tier: 1), cpuRequest: 2, cpuLimit: 2,
                  memoryRequestGiB: 1, memoryLimitGiB: 2, cpuUsage: 0.15...0.35, memoryUsageGiB: 0.6...0.75,
                  planted: (.finding(FindingKind.overProvisioned),
                            "CPU requested 2 cores per pod, p99 usage about 0.35: set_requests lowers the CPU request")),
        Container(namespace: "storefront", kind: "Deployment", workload: "search", container: "api", replicas: 2,
                  labels: labels("search-api", team: "storefront", tier: 1), cpuRequest: 1, cpuLimit: 2,
                  memoryRequestGiB: 8, memoryLimitGiB: 8, cpuUsage: 0.4...0.7, memoryUsageGiB: 1.2...1.6,
                  planted: (.finding(FindingKind.overProvisioned),
                            "memory requested 8 GiB per pod, working set at most about 1.65 GiB: set_requests lowers the memory request")),
        Container(namespace: "platform", kind: "Deployment", workload: "notifier", container: "worker", replicas: 2,
                  labels: labels("notification-service", team: "platform", tier: 1), cpuRequest: 0.25, cpuLimit: 1,
                  memoryRequestGiB: 0.5, memoryLimitGiB: 1, cpuUsage: 0.3...0.5, memoryUsageGiB: 0.3...0.35,
                  planted: (.finding(FindingKind.underProvisioned),
                            "CPU request 0.25 cores, usage 0.29 to 0.52 cores: above its request all the time")),
        Container(namespace: "storefront", kind: "Deployment", workload: "checkout", container: "web", replicas: 3,
                  labels: labels("checkout-web", team: "storefront", tier: 1), cpuRequest: 0.5, cpuLimit: 1,
                  memoryRequestGiB: 2, memoryLimitGiB: 2, cpuUsage: 0.2...0.4, memoryUsageGiB: 1.86...1.94,
                  noise: 0.01,
                  planted: (.finding(FindingKind.underProvisioned),
                            "working set 1.84 to 1.96 GiB against a 2 GiB memory limit: above 90 % of it (OOM risk)")),
        Container(namespace: "storefront", kind: "Deployment", workload: "storefront", container: "web", replicas: 2,
                  labels: labels("storefront-web", team: "storefront", tier: 1), cpuRequest: 0.5, cpuLimit: 1,
                  memoryRequestGiB: 1, memoryLimitGiB: 2, cpuUsage: 0.12...0.3, memoryUsageGiB: 0.88...0.9,
                  planted: (.healthy(lookAlikeOf: FindingKind.overProvisioned),
                            "well sized: p99 CPU 0.31 of 0.5 requested (0.31 ÷ 0.5 target > 0.5), working set 0.88 to 0.9 GiB × 1.15 ≥ the 1 GiB request, far from its 2 GiB limit")),
        Container(namespace: "monitoring", kind: "DaemonSet", workload: "node-exporter", container: "exporter", replicas: nodeCount,
                  labels: ["app.kubernetes.io/name": "node-exporter", "app.kubernetes.io/part-of": "observability",
                           "team": "platform", "tier": "1", "env": "production"],
                  cpuRequest: 0.1, cpuLimit: 0.2, memoryRequestGiB: 0.125, memoryLimitGiB: 0.25,
                  cpuUsage: 0.05...0.08, memoryUsageGiB: 0.08...0.1, rhythm: .flat),
        Container(namespace: "data", kind: "Job", workload: "nightly-export", container: "export", replicas: 1,
                  labels: labels("etl-nightly", team: "data", tier: 3), cpuRequest: 2, cpuLimit: nil,
                  memoryRequestGiB: 4, memoryLimitGiB: nil, cpuUsage: 1.5...1.9, memoryUsageGiB: 3...3.2,
                  rhythm: .flat, runsDuring: 1..<5),
        Container(namespace: "default", kind: "Pod", workload: "debug-shell", container: "shell", replicas: 1,
                  labels: [:], cpuRequest: nil, cpuLimit: nil, memoryRequestGiB: nil, memoryLimitGiB: nil,
                  cpuUsage: 0.02...0.05, memoryUsageGiB: 0.05...0.1, rhythm: .flat, runsOnDays: 40..<42),
    ]

    /// The node ids of a copy.
    static func nodeIds(_ context: OrganisationBuilder.CopyContext) -> [String] {
        (1...nodeCount).map { context.id("i-k8s-node-\(OrganisationBuilder.twoDigits($0))") }
    }

    /// The cluster's name in a copy.
    static func clusterName(_ context: OrganisationBuilder.CopyContext) -> String { context.id(cluster) }

    /// `k8s://CLUSTER/NAMESPACE/KIND/WORKLOAD/CONTAINER` of a container in copy 1.
    static func resourceId(_ container: Container) -> String {
        "k8s://\(cluster)/\(container.namespace)/\(container.kind)/\(container.workload)/\(container.container)"
    }
}

extension OrganisationBuilder {
    /// The cluster's nodes: tier-1 platform machines on committed pricing, busy enough that the
    /// machine rules leave them alone (their cost goes to the containers, see the report).
    mutating func addClusterNodes(context: CopyContext) {
        let type = instanceType(SampleCluster.nodeType)
        for (index, id) in SampleCluster.nodeIds(context).enumerated() {
            let created = createdBeforeStart(days: 90 + index * 7, hours: 5)
            let service = context.service("k8s-platform")
            let tags = Self.tags(service, "platform", 1, "production").merging(
                ["eks:cluster-name": SampleCluster.clusterName(context)]) { current, _ in current }
            let resource = Resource(
                id: id, kind: .compute, service: service, team: "platform", tier: 1, environment: "production",
                providerName: "AWS", regionId: Self.region, instanceType: type.name, vcpus: type.vcpus,
                memoryGiB: type.memoryGiB, state: "running", pricingModel: .committed,
                createdAt: UTCClock.date(created), lastActiveAt: UTCClock.date(end - 600), tags: tags)
            append(ResourcePlan(
                resource: resource, inInventory: true, billingAccountId: ServiceDirectory.productionAccount,
                billTags: tags,
                charge: .instance(InstanceCharge(service: .ec2, instanceType: type, pricing: .committed,
                                                 spotDiscountPercent: 0, storage: nil)),
                usage: UsageProfile(rhythm: .diurnal(weekendFactor: 0.8), cpu: 0.25...0.45, memory: 0.45...0.6,
                                    networkBytesPerHour: 5e8...3e9, noise: 0.05),
                activeFrom: created, runningUntil: nil, noiseKey: nextNoiseKey))
        }
        guard context.copy == 1 else { return }
        for container in SampleCluster.containers {
            guard let (expectation, note) = container.planted else { continue }
            plantedContainers.append(PlantedCase(
                resourceId: SampleCluster.resourceId(container), expectation: expectation, note: note))
        }
    }
}

/// Emits `container_usage_samples` rows time-major, each value a pure function of (seed,
/// container, pod, time): memory does not grow with days.
struct ContainerSampleStream {
    let copies: Int
    let seed: UInt64
    let start: Int64
    let end: Int64
    let intervalSeconds: Int64

    init(options: SampleOptions) {
        copies = max(1, options.scale)
        seed = options.seed
        start = options.startSeconds
        end = options.endSeconds
        intervalSeconds = Int64(max(1, options.sampleIntervalSeconds))
    }

    func forEach(_ body: (ContainerUsageSample) throws -> Void) rethrows {
        var instant = start
        while instant < end {
            let dayIndex = (instant - start) / UTCClock.secondsPerDay
            for copy in 1...copies {
                let context = OrganisationBuilder.CopyContext(copy: copy)
                let nodes = SampleCluster.nodeIds(context)
                for (index, container) in SampleCluster.containers.enumerated() {
                    if let days = container.runsOnDays, !days.contains(dayIndex) { continue }
                    if let hours = container.runsDuring, !hours.contains(UTCClock.hour(instant)) { continue }
                    let pods = container.kind == "DaemonSet" ? nodes.count : container.replicas
                    for pod in 0..<pods {
                        try body(sample(container, index: index, pod: pod, nodes: nodes, context: context,
                                        instant: instant, dayIndex: dayIndex))
                    }
                }
            }
            instant += intervalSeconds
        }
    }

    private func sample(
        _ container: SampleCluster.Container, index: Int, pod: Int, nodes: [String],
        context: OrganisationBuilder.CopyContext, instant: Int64, dayIndex: Int64
    ) -> ContainerUsageSample {
        let profile = UsageProfile(rhythm: container.rhythm, noise: container.noise)
        let activity = profile.activity(at: instant)
        func value(_ range: ClosedRange<Double>, _ salt: UInt64) -> Double {
            let base = range.lowerBound + (range.upperBound - range.lowerBound) * activity
            let noise = StableHash.symmetric(seed, UInt64(index) &* 131 &+ UInt64(pod), UInt64(bitPattern: instant), salt)
            return min(range.upperBound, max(range.lowerBound, base * (1 + container.noise * noise)))
        }
        let podName: String
        switch container.kind {
        case "DaemonSet": podName = "\(container.workload)-\(OrganisationBuilder.twoDigits(pod + 1))"
        case "Job": podName = "\(container.workload)-\(dayIndex + 1)"
        case "Pod": podName = container.workload
        default: podName = "\(container.workload)-5d8f9c-\(OrganisationBuilder.twoDigits(pod + 1))"
        }
        let node = nodes[(container.kind == "DaemonSet" ? pod : pod + index) % nodes.count]
        return ContainerUsageSample(
            cluster: SampleCluster.clusterName(context), namespace: container.namespace,
            workloadKind: container.kind == "Pod" ? "Pod" : container.kind, workload: container.workload,
            pod: podName, container: container.container, nodeResourceId: node, sampledAt: UTCClock.date(instant),
            intervalSeconds: Int(intervalSeconds),
            cpuRequestCores: container.cpuRequest.map { Float($0) }, cpuLimitCores: container.cpuLimit.map { Float($0) },
            cpuUsageCores: Float(value(container.cpuUsage, 1)),
            memoryRequestBytes: container.memoryRequestGiB.map { $0 * SampleCluster.gib },
            memoryLimitBytes: container.memoryLimitGiB.map { $0 * SampleCluster.gib },
            memoryUsageBytes: (value(container.memoryUsageGiB, 2) * SampleCluster.gib).rounded(),
            labels: container.labels)
    }
}
