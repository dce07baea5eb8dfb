import Foundation
import Testing
import TestSupport
@testable import CostModel

/// Random clusters: nodes of random sizes with daily or hourly charges (some hours free, some
/// credits), workloads that come and go, over-committed hours, nodes that are unknown or unbilled.
@Suite("Container allocation over random clusters")
struct ClusterAllocationPropertyTests {
    struct Cluster {
        var nodes: [Resource]
        var rows: [WorkloadHourUsage]
        var periods: [NodeChargePeriod]
        var charges: [ChargeGroup]
        var settings: ContainerAllocationSettings
    }

    static func amount(_ rng: inout SeededGenerator, max: Int = 5_000_000) -> Decimal {
        var value = Decimal(Int.random(in: 1...max, using: &rng))
        for _ in 0..<Int.random(in: 2...6, using: &rng) { value /= 10 }
        return value
    }

    static func randomCluster(seed: UInt64) -> Cluster {
        var rng = SeededGenerator(seed: seed)
        let nodeCount = Int.random(in: 1...4, using: &rng)
        let nodes = (0..<nodeCount).map { index in
            ClusterFixture.node("n\(index)", vcpus: Decimal([2, 4, 8, 16].randomElement(using: &rng)!),
                                memoryGiB: Decimal([4, 8, 16, 32, 64].randomElement(using: &rng)!),
                                service: "platform", team: "team-\(index % 2)")
        }
        var rows: [WorkloadHourUsage] = []
        var periods: [NodeChargePeriod] = []
        var charges: [ChargeGroup] = []
        let currency = ["USD", "JPY", "KWD"].randomElement(using: &rng)!
        // Node "ghost" is on no bill; some samples name no node at all.
        for day in 1...2 {
            for node in nodes.map(\.id) + ["ghost", "-"] {
                let hourly = Bool.random(using: &rng)
                if node.hasPrefix("n") {
                    if hourly {
                        var dayTotal = Decimal(0)
                        for hour in 0..<24 where Int.random(in: 0...5, using: &rng) > 0 {
                            let cost = amount(&rng, max: 500_000)
                            dayTotal += cost
                            periods.append(ClusterFixture.period(node, day: day, from: hour, to: hour + 1, "\(cost)", currency: currency))
                        }
                        charges.append(AttributionFixture.charge(node, "\(dayTotal)", billed: "\(dayTotal)", currency: currency, day: day))
                    } else {
                        let cost = amount(&rng)
                        periods.append(ClusterFixture.period(node, day: day, "\(cost)", currency: currency))
                        charges.append(AttributionFixture.charge(node, "\(cost)", billed: "0", currency: currency, day: day))
                    }
                    if Int.random(in: 0...3, using: &rng) == 0 {
                        charges.append(AttributionFixture.charge(node, "-\(amount(&rng, max: 10_000))", currency: currency,
                                                                 category: .credit, day: day))
                    }
                }
                for hour in 0..<24 where Int.random(in: 0...4, using: &rng) > 0 {
                    let overcommit = Int.random(in: 0...5, using: &rng) == 0
                    for workload in 0..<Int.random(in: 0...5, using: &rng) {
                        let kind = ["Deployment", "DaemonSet", "Job", "StatefulSet", "Pod"].randomElement(using: &rng)!
                        let factor = overcommit ? 6.0 : 1.0
                        rows.append(ClusterFixture.usage(
                            node: node == "-" ? nil : node, day: day, hour: hour, namespace: "ns\(workload % 3)", kind: kind,
                            workload: "w\(workload)",
                            labels: Bool.random(using: &rng) ? ["app": "svc-\(workload)", "team": "t\(workload % 2)"] : [:],
                            cpu: Double.random(in: 0...2, using: &rng) * factor, memory: Double.random(in: 0...8, using: &rng) * factor,
                            withoutRequests: Int.random(in: 0...9, using: &rng) == 0 ? 3 : 0))
                    }
                }
            }
        }
        rows.sort { ($0.nodeResourceId ?? "", $0.hour) < ($1.nodeResourceId ?? "", $1.hour) }
        charges.append(AttributionFixture.charge("vm-1", "\(amount(&rng))", currency: currency, tags: ["app": "orders"]))
        charges.append(AttributionFixture.charge(nil, "\(amount(&rng))", currency: currency, category: .tax))
        let settings = ContainerAllocationSettings(
            cpuHourlyWeight: AttributionFixture.decimal("0.031611"), memoryGibHourlyWeight: AttributionFixture.decimal("0.004237"),
            idle: IdleCostPolicy.allCases[Int(seed % 3)])
        return Cluster(nodes: nodes, rows: rows, periods: periods, charges: charges, settings: settings)
    }

    static func run(_ cluster: Cluster, charges: [ChargeGroup]) -> AttributionResult {
        let allocation = ClusterFixture.allocate(cluster.rows, nodes: cluster.nodes, periods: cluster.periods, settings: cluster.settings)
        return Attribution.run(AttributionInput(
            window: AttributionFixture.window, charges: charges, resources: cluster.nodes, containers: allocation))
    }

    @Test("containers + idle = the node's cost exactly, per node and in total; the bill is conserved (48 clusters)",
          arguments: 0..<48)
    func conservation(seed: Int) throws {
        let cluster = Self.randomCluster(seed: UInt64(seed) &* 104_729 &+ 3)
        let result = Self.run(cluster, charges: cluster.charges)
        var bill: [String: CostAmounts] = [:]
        for charge in cluster.charges { bill[charge.currency, default: .zero] += CostAmounts(charge: charge) }
        for (currency, amounts) in bill {
            #expect(AttributionFixture.totals(result.rows, currency: currency) == amounts)
        }
        // Per node: attribute the node's charges alone; the workload rows sum to them exactly.
        for node in cluster.nodes {
            let own = cluster.charges.filter { $0.resourceId == node.id }
            let alone = Self.run(cluster, charges: own)
            let expected = own.reduce(CostAmounts.zero) { $0 + CostAmounts(charge: $1) }
            let workloads = alone.clusters?.workloads.reduce(CostAmounts.zero) { $0 + $1.amounts } ?? .zero
            if alone.clusters?.nodes.isEmpty == false {
                #expect(workloads == expected, "node \(node.id)")
                let split = try #require(alone.clusters?.nodes.first)
                #expect(split.idleEffectiveCost >= 0 || expected.effectiveCost < 0)
                #expect(split.amounts == expected)
            } else {
                #expect(AttributionFixture.totals(alone.rows, currency: own.first?.currency ?? "USD") == expected)
            }
        }
        // Nothing held is more than the capacity: the CPU core-hours a node reports fit in its hours.
        for node in result.clusters?.nodes ?? [] {
            #expect(node.node.cpuAllocatedCoreHours <= NSDecimalNumber(decimal: node.node.vcpus).doubleValue
                    * Double(node.node.hoursWithContainers) + 1e-6)
        }
        #expect(result.clusters?.workloads.allSatisfy { $0.workload != "-" } ?? true)
    }

    @Test("the nodes allocated in turn on two or three threads give what one thread gives (48 clusters × 2)",
          arguments: 0..<48, [2, 3])
    func lanes(seed: Int, lanes: Int) {
        let cluster = Self.randomCluster(seed: UInt64(seed) &* 7_919 &+ 11)
        let one = ClusterFixture.allocate(cluster.rows, nodes: cluster.nodes, periods: cluster.periods, settings: cluster.settings, lanes: 1)
        let more = ClusterFixture.allocate(cluster.rows, nodes: cluster.nodes, periods: cluster.periods, settings: cluster.settings, lanes: lanes)
        #expect(more.costWeights == one.costWeights)
        #expect(more.hourWeights == one.hourWeights)
        #expect(more.cpuShares == one.cpuShares)
        #expect(more.workloads == one.workloads)
        #expect(more.nodes == one.nodes)
        #expect(Set(more.diagnostics) == Set(one.diagnostics))
        #expect(more.diagnostics.count == one.diagnostics.count)
    }

    /// The rollup sends a node-day's rows workload by workload (each workload's hours together),
    /// and the allocator finds a run's owner once: the same allocation as hour by hour.
    @Test("a node-day's rows workload by workload give what hour by hour gives (48 clusters)", arguments: 0..<48)
    func workloadByWorkload(seed: Int) {
        let cluster = Self.randomCluster(seed: UInt64(seed) &* 4_099 &+ 5)
        var reordered: [WorkloadHourUsage] = []
        var start = 0
        while start < cluster.rows.count {
            let day = ContainerAllocator.NodeDay(node: cluster.rows[start].nodeResourceId, day: UTCDays.startOfDay(cluster.rows[start].hour))
            var end = start
            while end < cluster.rows.count
                && ContainerAllocator.NodeDay(node: cluster.rows[end].nodeResourceId, day: UTCDays.startOfDay(cluster.rows[end].hour)) == day {
                end += 1
            }
            var workloads: [WorkloadKey] = []
            for row in cluster.rows[start..<end] where !workloads.contains(row.workload) { workloads.append(row.workload) }
            for workload in workloads { reordered += cluster.rows[start..<end].filter { $0.workload == workload } }
            start = end
        }
        #expect(reordered.count == cluster.rows.count)
        let byHour = ClusterFixture.allocate(cluster.rows, nodes: cluster.nodes, periods: cluster.periods, settings: cluster.settings)
        let byWorkload = ClusterFixture.allocate(reordered, nodes: cluster.nodes, periods: cluster.periods, settings: cluster.settings)
        let same = (costWeights: byWorkload.costWeights == byHour.costWeights, hourWeights: byWorkload.hourWeights == byHour.hourWeights,
                    workloads: byWorkload.workloads == byHour.workloads, nodes: byWorkload.nodes == byHour.nodes,
                    diagnostics: Set(byWorkload.diagnostics) == Set(byHour.diagnostics))
        #expect(same.costWeights && same.hourWeights && same.workloads && same.nodes && same.diagnostics, "\(same)")
    }

    @Test("over-committed hours scale the shares down to the capacity: no idle in them, the node still conserved")
    func overcommitted() throws {
        let node = ClusterFixture.node("n1", vcpus: 2, memoryGiB: 4)
        let rows = [
            ClusterFixture.usage(node: "n1", hour: 0, namespace: "a", workload: "big", labels: ["app": "big"], cpu: 3, memory: 6),
            ClusterFixture.usage(node: "n1", hour: 0, namespace: "a", workload: "small", labels: ["app": "small"], cpu: 1, memory: 2),
        ]
        let allocation = ClusterFixture.allocate(
            rows, nodes: [node], periods: [ClusterFixture.period("n1", from: 0, to: 1, "8.00")],
            settings: ContainerAllocationSettings(cpuHourlyWeight: 1, memoryGibHourlyWeight: 0.5))
        let result = Attribution.run(AttributionInput(
            window: AttributionFixture.window, charges: [AttributionFixture.charge("n1", "8.00")], resources: [node],
            containers: allocation))
        // CPU part 4.00 over 3:1 → 3.00 and 1.00; memory part 4.00 over 6:2 → 3.00 and 1.00.
        #expect(ClusterFixture.workload(result, "big").first?.amounts.effectiveCost == 6)
        #expect(ClusterFixture.workload(result, "small").first?.amounts.effectiveCost == 2)
        #expect(ClusterFixture.workload(result, Ownership.clusterIdle).isEmpty)
        #expect(result.clusters?.nodes.first?.node.overcommittedHours == 1)
        #expect(result.clusters?.nodes.first?.node.cpuAllocatedCoreHours == 2)
    }
}
