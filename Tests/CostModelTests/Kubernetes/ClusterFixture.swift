import Foundation
@testable import CostModel

/// Builders for container allocation tests: nodes, hourly workload rows, node charges.
enum ClusterFixture {
    static let hour: TimeInterval = 3600

    static func at(day: Int, hour: Int) -> Date { AttributionFixture.day(day).addingTimeInterval(Double(hour) * Self.hour) }

    static func node(_ id: String, vcpus: Decimal, memoryGiB: Decimal, service: String = "platform",
                     team: String = "platform-team", tier: Int? = 1) -> Resource {
        Resource(id: id, kind: "compute", service: service, team: team, tier: tier, environment: "production",
                 vcpus: vcpus, memoryGiB: memoryGiB)
    }

    /// A workload's containers on a node in one hour: `cpu`/`memory` are what they hold (max of
    /// request and usage); requests and usage as given (usage defaults to half the request).
    static func usage(
        node: String?, day: Int = 1, hour: Int, cluster: String = "prod", namespace: String, kind: String = "Deployment",
        workload: String, labels: [String: String] = [:], cpu: Double, memory: Double,
        cpuRequest: Double? = nil, memoryRequest: Double? = nil, cpuUsage: Double? = nil, memoryUsage: Double? = nil,
        withoutRequests: Int = 0
    ) -> WorkloadHourUsage {
        WorkloadHourUsage(
            nodeResourceId: node, hour: at(day: day, hour: hour),
            workload: WorkloadKey(cluster: cluster, namespace: namespace, kind: kind, name: workload), labels: labels,
            samples: 12, samplesWithoutRequests: withoutRequests,
            cpuAllocatedCoreHours: cpu, cpuRequestCoreHours: cpuRequest ?? cpu, cpuUsageCoreHours: cpuUsage ?? cpu / 2,
            memoryAllocatedGiBHours: memory, memoryRequestGiBHours: memoryRequest ?? memory,
            memoryUsageGiBHours: memoryUsage ?? memory / 2)
    }

    /// Service from label `app`, team from `team`; else the namespace's owner from `namespaces`.
    static func resolver(namespaces: [String: (service: String, team: String)] = [:]) -> ContainerAllocator.OwnerResolver {
        { namespace, labels, _ in
            let owner = namespaces[namespace]
            return (Ownership(
                service: labels["app"] ?? owner?.service ?? Ownership.unallocated,
                team: labels["team"] ?? owner?.team ?? Ownership.unallocated,
                tier: labels["tier"].flatMap(Int.init), environment: labels["env"], source: .tags), [])
        }
    }

    /// A charge of `node` over `[start, end)` hours of day `day`.
    static func period(_ node: String, day: Int = 1, from: Int = 0, to: Int = 24, _ effective: String,
                       currency: String = "USD") -> NodeChargePeriod {
        NodeChargePeriod(nodeResourceId: node, currency: currency, start: at(day: day, hour: from),
                         end: at(day: day, hour: to), effectiveCost: AttributionFixture.decimal(effective))
    }

    static func allocate(
        _ rows: [WorkloadHourUsage], nodes: [Resource], periods: [NodeChargePeriod],
        settings: ContainerAllocationSettings, namespaces: [String: (service: String, team: String)] = [:], lanes: Int = 2
    ) -> ContainerAllocation {
        var allocator = ContainerAllocator(
            settings: settings, nodes: nodes, chargePeriods: periods, lanes: lanes, resolveOwner: resolver(namespaces: namespaces))
        for row in rows { allocator.add(row) }
        return allocator.finish()
    }

    /// The rows of `cost_by_workload.csv` for `name` (a workload, or `(cluster idle)`).
    static func workload(_ result: AttributionResult, _ name: String, currency: String = "USD") -> [WorkloadCost] {
        result.clusters?.workloads.filter { $0.workload == name && $0.currency == currency } ?? []
    }
}
