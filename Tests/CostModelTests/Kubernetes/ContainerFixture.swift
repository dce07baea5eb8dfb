import Foundation
@testable import CostModel

/// Containers for the request findings: 30-day window (`Fixture.window`), one sample per pod
/// every 5 minutes unless told, on nodes of `Fixture` charges.
enum ContainerFixture {
    static let mebibyte = 1_048_576.0

    /// The bucket `width_bucket(ln(v), ln(0.001), ln(1000), 1200)` gives.
    static func bucket(_ cores: Double) -> Int {
        if cores < CoreHistogram.lowest { return 0 }
        if cores >= CoreHistogram.highest { return CoreHistogram.defaultBuckets + 1 }
        let width = (log(CoreHistogram.highest) - log(CoreHistogram.lowest)) / Double(CoreHistogram.defaultBuckets)
        return Int(((log(cores) - log(CoreHistogram.lowest)) / width).rounded(.down)) + 1
    }

    /// A container whose samples have the CPU usages `cpu` (cycled over `samples`), one pod
    /// (or `pods` per hour), spread over `days` days.
    static func container(
        _ name: String, namespace: String = "shop", cluster: String = "prod", tier: String? = "3",
        cpuRequest: Double? = 0.2, memoryRequestMiB: Double? = 128, memoryLimitMiB: Double? = nil,
        cpu: [Double] = [0.16], samples: Int = 8640, memoryMaxMiB: Double? = 100, days: Int = 30,
        pods: [Int] = [1], nodes: [String] = ["i-node1"], interval: Double = 300
    ) -> ContainerUsageSummary {
        var histogram = CoreHistogram()
        var over = 0
        var values: [Double] = []
        for index in 0..<samples {
            let value = cpu[index % cpu.count]
            values.append(value)
            histogram.add(bucket: bucket(value), count: 1)
            if let cpuRequest, value > cpuRequest { over += 1 }
        }
        let hoursCount = days * 24
        let podSeconds = Double(samples) * interval
        let hours = (0..<hoursCount).map { index -> ContainerHour in
            let pods = pods[index * pods.count / hoursCount]
            return ContainerHour(
                hour: Fixture.start.addingTimeInterval(Double(index) * 3600), podSeconds: podSeconds / Double(hoursCount),
                cpuCoreSeconds: (values.reduce(0, +) / Double(samples)) * podSeconds / Double(hoursCount),
                memoryByteSeconds: (memoryMaxMiB ?? 0) * mebibyte * podSeconds / Double(hoursCount), minPods: pods, maxPods: pods)
        }
        return ContainerUsageSummary(
            key: ContainerKey(cluster: cluster, namespace: namespace, workloadKind: "Deployment", workload: name, container: "app"),
            labels: ["app.kubernetes.io/name": name].merging(tier.map { ["tier": $0] } ?? [:]) { a, _ in a },
            samples: samples, podSeconds: podSeconds, days: Set((0..<days).map(Fixture.day)),
            firstSample: Fixture.start, lastSample: Fixture.day(days).addingTimeInterval(-interval),
            current: ContainerRequests(
                cpuRequestCores: cpuRequest, memoryRequestBytes: memoryRequestMiB.map { $0 * mebibyte },
                memoryLimitBytes: memoryLimitMiB.map { $0 * mebibyte }),
            cpuUsageMin: values.min(), cpuUsageMax: values.max(), cpuHistogram: histogram,
            cpuOverRequestSeconds: cpuRequest == nil ? 0 : Double(over) * interval,
            cpuComparedSeconds: cpuRequest == nil ? 0 : Double(samples) * interval,
            memoryUsageMax: memoryMaxMiB.map { $0 * mebibyte },
            memoryLimitRatioMax: memoryMaxMiB.flatMap { max in memoryLimitMiB.map { max / $0 } },
            nodeSeconds: Dictionary(uniqueKeysWithValues: nodes.map { ($0, podSeconds / Double(nodes.count)) }), hours: hours)
    }

    /// A node of 8 vCPU and 32 GiB costing 720 in the window (730 a month).
    static func node(_ id: String, vcpus: Decimal = 8, memory: Decimal = 32, tier: Int = 2) -> Resource {
        Resource(id: id, kind: .compute, service: "kubernetes", team: "platform", tier: tier, environment: "production",
                 providerName: "AWS", regionId: "us-east-1", vcpus: vcpus, memoryGiB: memory, state: .running,
                 pricingModel: .onDemand)
    }

    /// Weights making a node of 8 vCPU and 32 GiB split 3 : 1 (0.03 × 8 : 0.0025 × 32); requests
    /// lowered on any difference, so the thresholds are the rule's own.
    static let weights = KubernetesPolicy(
        cpuHourlyWeight: Decimal(string: "0.03")!, memoryGibHourlyWeight: Decimal(string: "0.0025")!, minimumRequestReduction: 0)

    static func run(
        _ containers: [ContainerUsageSummary], nodes: [Resource] = [node("i-node1")], charges: [ChargeGroup]? = nil,
        policy: FindingsPolicy = .default, kubernetes: KubernetesPolicy = weights
    ) -> FindingsResult {
        FindingEngine.run(FindingsInput(
            window: Fixture.window, resources: nodes, ownership: [:], usage: [:],
            charges: charges ?? nodes.map { Fixture.charge($0.id) }, catalog: Fixture.catalog,
            containers: containers, kubernetes: kubernetes), policy: policy)
    }

    static func containerFindings(_ result: FindingsResult) -> [Finding] {
        result.findings.filter { $0.resourceId.hasPrefix("k8s://") && $0.action != .removeNodes }
    }
}
