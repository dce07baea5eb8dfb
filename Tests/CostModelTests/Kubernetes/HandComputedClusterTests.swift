import Foundation
import Testing
@testable import CostModel

/// One node, one day, three workloads whose cost is computed by hand from DESIGN.md §2.2.
///
/// Node n1: 4 vCPU, 16 GiB, 24.00 USD for the day (1.00 per hour). Weights 1 per vCPU-hour and
/// 0.25 per GiB-hour: CPU part 4 × 1 = 4, memory part 16 × 0.25 = 4, so each hour is 0.50 CPU and
/// 0.50 memory.
/// - web (Deployment, labels app=web team=shop) holds 2 cores and 4 GiB all day:
///   CPU 0.50 × 2/4 = 0.25 and memory 0.50 × 4/16 = 0.125 per hour → 6.00 + 3.00 = 9.00.
/// - agent (DaemonSet in kube-system, no labels; the namespace's owner) holds 0.5 cores, 2 GiB:
///   0.0625 + 0.0625 per hour → 1.50 + 1.50 = 3.00.
/// - report (Job, app=report) holds 1 core and 8 GiB in hours 0-11 only:
///   0.125 + 0.25 per hour × 12 → 1.50 + 3.00 = 4.50.
/// - idle: CPU 0.50 × 0.5/4 (hours 0-11) and 0.50 × 1.5/4 (12-23) → 0.75 + 2.25 = 3.00;
///   memory 0.50 × 2/16 and 0.50 × 10/16 → 0.75 + 3.75 = 4.50; idle 7.50. Sum 24.00.
@Suite("Container allocation: a cluster computed by hand")
struct HandComputedClusterTests {
    static let settings = ContainerAllocationSettings(cpuHourlyWeight: 1, memoryGibHourlyWeight: 0.25, idle: .separate)
    static let node = ClusterFixture.node("n1", vcpus: 4, memoryGiB: 16)

    static func rows() -> [WorkloadHourUsage] {
        (0..<24).flatMap { hour -> [WorkloadHourUsage] in
            var rows = [
                ClusterFixture.usage(node: "n1", hour: hour, namespace: "shop", workload: "web",
                                     labels: ["app": "web", "team": "shop"], cpu: 2, memory: 4),
                ClusterFixture.usage(node: "n1", hour: hour, namespace: "kube-system", kind: "DaemonSet",
                                     workload: "agent", cpu: 0.5, memory: 2),
            ]
            if hour < 12 {
                rows.append(ClusterFixture.usage(node: "n1", hour: hour, namespace: "batch", kind: "Job", workload: "report",
                                                 labels: ["app": "report", "team": "data"], cpu: 1, memory: 8))
            }
            return rows
        }
    }

    static func run(_ idle: IdleCostPolicy, charge: String = "24.00") -> AttributionResult {
        var settings = settings
        settings.idle = idle
        let allocation = ClusterFixture.allocate(
            rows(), nodes: [node], periods: [ClusterFixture.period("n1", charge)], settings: settings,
            namespaces: ["kube-system": ("cluster-addons", "platform-team")])
        let input = AttributionInput(
            window: AttributionFixture.window,
            charges: [AttributionFixture.charge("n1", charge), AttributionFixture.charge("db-1", "5.00", tags: ["app": "orders"])],
            resources: [node], containers: allocation)
        return Attribution.run(input)
    }

    static func d(_ text: String) -> Decimal { AttributionFixture.decimal(text) }

    @Test("separate: each workload's CPU and memory cost as computed by hand, idle as a (cluster idle) row of the node's team")
    func separate() throws {
        let result = Self.run(.separate)
        let web = try #require(ClusterFixture.workload(result, "web").first)
        #expect(web.cpuCost.effectiveCost == Self.d("6.00"))
        #expect(web.memoryCost.effectiveCost == Self.d("3.00"))
        #expect(web.service == "web" && web.team == "shop" && web.kind == "Deployment" && web.namespace == "shop")
        let agent = try #require(ClusterFixture.workload(result, "agent").first)
        #expect(agent.amounts.effectiveCost == Self.d("3.00"))
        #expect(agent.service == "cluster-addons" && agent.kind == "DaemonSet")
        let report = try #require(ClusterFixture.workload(result, "report").first)
        #expect(report.cpuCost.effectiveCost == Self.d("1.50") && report.memoryCost.effectiveCost == Self.d("3.00"))
        #expect(report.kind == "Job")
        let idle = try #require(ClusterFixture.workload(result, Ownership.clusterIdle).first)
        #expect(idle.cpuCost.effectiveCost == Self.d("3.00") && idle.memoryCost.effectiveCost == Self.d("4.50"))
        #expect(idle.team == "platform-team" && idle.service == Ownership.clusterIdle && idle.isIdle)

        // Every view reflects it: the node's owner keeps nothing, the services get their parts.
        let services = Dictionary(uniqueKeysWithValues: result.byService.map { ($0.key, $0.amounts.effectiveCost) })
        #expect(services["web"] == Self.d("9.00"))
        #expect(services["report"] == Self.d("4.50"))
        #expect(services["cluster-addons"] == Self.d("3.00"))
        #expect(services[Ownership.clusterIdle] == Self.d("7.50"))
        #expect(services["platform"] == nil)
        #expect(services["orders"] == Self.d("5.00"))
        let teams = Dictionary(uniqueKeysWithValues: result.byTeam.map { ($0.key, $0.amounts.effectiveCost) })
        #expect(teams["platform-team"] == Self.d("10.50"))  // agent 3.00 + idle 7.50
        #expect(result.totals.first?.amounts.effectiveCost == Self.d("29.00"))
        #expect(result.reconciliation.first?.effectiveCost == Self.d("29.00"))
        let day = result.daily.filter { $0.service == "web" }
        #expect(day.count == 1 && day.first?.effectiveCost == Self.d("9.00"))

        let node = try #require(result.clusters?.nodes.first)
        #expect(node.amounts.effectiveCost == Self.d("24.00"))
        #expect(node.idleEffectiveCost == Self.d("7.50"))
        #expect(node.node.hoursWithContainers == 24 && node.node.overcommittedHours == 0)
        #expect(node.node.cpuAllocatedCoreHours == 2.5 * 24 + 12)
    }

    @Test("node_owner: the idle 7.50 goes to the node's own service and team")
    func nodeOwner() {
        let result = Self.run(.nodeOwner)
        let services = Dictionary(uniqueKeysWithValues: result.byService.map { ($0.key, $0.amounts.effectiveCost) })
        #expect(services["platform"] == Self.d("7.50"))
        #expect(services[Ownership.clusterIdle] == nil)
        #expect(services["web"] == Self.d("9.00"))
        let idle = ClusterFixture.workload(result, Ownership.clusterIdle)
        #expect(idle.count == 1 && idle.first?.service == "platform" && idle.first?.amounts.effectiveCost == Self.d("7.50"))
    }

    /// Proportional: each hour's idle CPU goes to the workloads by the cores they hold, idle memory
    /// by the GiB. Hours 0-11: web 0.5 × 2/3.5 + 0.5 × 4/14; hours 12-23: 0.5 × 2/2.5 + 0.5 × 4/6.
    @Test("proportional: no idle row; each workload's cost is its share of what is held, to the cent")
    func proportional() throws {
        let result = Self.run(.proportional)
        #expect(ClusterFixture.workload(result, Ownership.clusterIdle).isEmpty)
        func exact(_ morning: (Decimal, Decimal, Decimal, Decimal), _ afternoon: (Decimal, Decimal, Decimal, Decimal)?) -> Decimal {
            let first = Decimal(0.5) * morning.0 / morning.1 + Decimal(0.5) * morning.2 / morning.3
            let second = afternoon.map { Decimal(0.5) * $0.0 / $0.1 + Decimal(0.5) * $0.2 / $0.3 } ?? 0
            return (first + second) * 12
        }
        let expected: [String: Decimal] = [
            "web": exact((2, 3.5, 4, 14), (2, 2.5, 4, 6)),
            "agent": exact((0.5, 3.5, 2, 14), (0.5, 2.5, 2, 6)),
            "report": exact((1, 3.5, 8, 14), nil),
        ]
        var total = Decimal(0)
        for (name, value) in expected {
            let row = try #require(ClusterFixture.workload(result, name).first)
            total += row.amounts.effectiveCost
            // Per slot rounding to the cent (4 slots per workload): at most 0.02 apart.
            #expect(abs(row.amounts.effectiveCost - value) <= Self.d("0.02"), "\(name): \(row.amounts.effectiveCost) vs \(value)")
        }
        #expect(total == Self.d("24.00"))
        let node = try #require(result.clusters?.nodes.first)
        #expect(node.idleEffectiveCost == Self.d("7.50"))  // still shown as the node's idle capacity
    }

    @Test("a charge with sub-cent digits is still conserved to the last digit")
    func subCent() throws {
        let result = Self.run(.separate, charge: "24.0000007")
        let sum = result.clusters!.workloads.reduce(Decimal(0)) { $0 + $1.amounts.effectiveCost }
        #expect(sum == Self.d("24.0000007"))
        #expect(result.totals.first?.amounts.effectiveCost == Self.d("29.0000007"))
    }
}
