import Foundation
import Testing
@testable import CostModel

@Suite("Container allocation: DaemonSets, Jobs, pods without owners, unknown nodes, diagnostics")
struct ClusterEdgeCaseTests {
    static let settings = ContainerAllocationSettings(cpuHourlyWeight: 1, memoryGibHourlyWeight: 0.25)
    static let node = ClusterFixture.node("n1", vcpus: 4, memoryGiB: 16)

    static func run(_ rows: [WorkloadHourUsage], nodes: [Resource] = [node], periods: [NodeChargePeriod]? = nil,
                    charges: [ChargeGroup]? = nil, catalog: [InstanceType] = []) -> AttributionResult {
        var allocator = ContainerAllocator(
            settings: settings, nodes: nodes, catalog: catalog,
            chargePeriods: periods ?? [ClusterFixture.period("n1", "24.00")], resolveOwner: ClusterFixture.resolver())
        for row in rows { allocator.add(row) }
        let allocation = allocator.finish()
        return Attribution.run(AttributionInput(
            window: AttributionFixture.window, charges: charges ?? [AttributionFixture.charge("n1", "24.00")],
            resources: nodes, containers: allocation))
    }

    @Test("a pod without owner is its own workload (kind Pod); a DaemonSet and a Job in the same hour each get their share")
    func kinds() {
        let rows = [
            ClusterFixture.usage(node: "n1", hour: 0, namespace: "default", kind: "Pod", workload: "debug-pod", cpu: 1, memory: 4),
            ClusterFixture.usage(node: "n1", hour: 0, namespace: "kube-system", kind: "DaemonSet", workload: "logs", cpu: 1, memory: 4),
            ClusterFixture.usage(node: "n1", hour: 0, namespace: "batch", kind: "Job", workload: "nightly", cpu: 1, memory: 4),
        ]
        let result = Self.run(rows, periods: [ClusterFixture.period("n1", from: 0, to: 1, "4.00")],
                              charges: [AttributionFixture.charge("n1", "4.00")])
        // Each holds 1/4 of the CPU (0.50 of 2.00) and 4/16 of the memory (0.50 of 2.00): 1.00 each.
        for name in ["debug-pod", "logs", "nightly"] {
            let row = ClusterFixture.workload(result, name).first
            #expect(row?.amounts.effectiveCost == 1, "\(name)")
            #expect(row?.service == Ownership.unallocated)
        }
        #expect(ClusterFixture.workload(result, "debug-pod").first?.kind == "Pod")
        #expect(ClusterFixture.workload(result, Ownership.clusterIdle).first?.amounts.effectiveCost == 1)
        // Without labels or a namespace owner the workloads are unallocated, listed by resource id.
        #expect(result.untaggedSpenders.contains { $0.resourceId == "k8s://prod/kube-system/DaemonSet/logs" })
    }

    @Test("containers on a node that is not on the bill, or that names no node, get no cost and a diagnostic")
    func unknownNodes() {
        let rows = [
            ClusterFixture.usage(node: nil, hour: 0, namespace: "a", workload: "lost", cpu: 2, memory: 1),
            ClusterFixture.usage(node: "n1", hour: 0, namespace: "a", workload: "web", cpu: 2, memory: 8),
            ClusterFixture.usage(node: "i-ghost", hour: 0, namespace: "a", workload: "ghost", cpu: 1, memory: 1),
        ]
        let result = Self.run(rows)
        #expect(ClusterFixture.workload(result, "lost").isEmpty)
        #expect(ClusterFixture.workload(result, "ghost").isEmpty)
        let diagnostic = result.diagnostics.first { $0.code == "containers_on_unbilled_nodes" }
        #expect(diagnostic?.message.contains("3 core-hours and 2 GiB-hours on 2 node(s)") == true, "\(String(describing: diagnostic))")
        #expect(diagnostic?.message.contains("(no node), i-ghost") == true)
        #expect(result.totals.first?.amounts.effectiveCost == 24)
    }

    @Test("hours of a node without containers are idle, and the data-quality section measures them in money")
    func hoursWithoutContainers() {
        let rows = [ClusterFixture.usage(node: "n1", hour: 5, namespace: "a", workload: "web", labels: ["app": "web"], cpu: 4, memory: 16)]
        let result = Self.run(rows)
        // Hour 5 is fully held: 1.00 to web; the other 23 hours are idle.
        #expect(ClusterFixture.workload(result, "web").first?.amounts.effectiveCost == 1)
        #expect(ClusterFixture.workload(result, Ownership.clusterIdle).first?.amounts.effectiveCost == 23)
        let diagnostic = result.diagnostics.first { $0.code == "nodes_without_containers" }
        #expect(diagnostic?.message.contains("23.00 USD effective cost is idle") == true, "\(String(describing: diagnostic))")
    }

    @Test("a day with charges and no container at all is the node's idle cost; a charge on it is still split exactly")
    func dayWithoutContainers() {
        let rows = [ClusterFixture.usage(node: "n1", day: 1, hour: 0, namespace: "a", workload: "web", labels: ["app": "web"], cpu: 4, memory: 16)]
        let result = Self.run(
            rows, periods: [ClusterFixture.period("n1", day: 1, "24.00"), ClusterFixture.period("n1", day: 2, "24.00")],
            charges: [AttributionFixture.charge("n1", "24.00", day: 1), AttributionFixture.charge("n1", "24.00", day: 2),
                      AttributionFixture.charge("n1", "-1.00", category: .credit, day: 3)])
        #expect(ClusterFixture.workload(result, "web").first?.amounts.effectiveCost == 1)
        #expect(ClusterFixture.workload(result, Ownership.clusterIdle).first?.amounts.effectiveCost == 46)
        #expect(result.totals.first?.amounts.effectiveCost == 47)
    }

    @Test("a node without vcpus or memory is not split (its owner keeps it) unless the catalog knows its type")
    func capacityUnknown() {
        let bare = Resource(id: "n1", kind: "compute", service: "platform", team: "platform-team", instanceType: "m5.xlarge")
        let rows = [ClusterFixture.usage(node: "n1", hour: 0, namespace: "a", workload: "web", labels: ["app": "web"], cpu: 4, memory: 16)]
        let unsplit = Self.run(rows, nodes: [bare])
        #expect(unsplit.byService.first { $0.key == "platform" }?.amounts.effectiveCost == 24)
        #expect(unsplit.diagnostics.contains { $0.code == "node_capacity_unknown" && $0.message.contains("n1") })
        let catalog = [InstanceType(providerName: "AWS", regionId: "us-east-1", name: "m5.xlarge", family: "m5", vcpus: 4,
                                    memoryGiB: 16, arch: "x86_64", onDemandHourly: 0.192, currency: "USD")]
        let split = Self.run(rows, nodes: [bare], catalog: catalog)
        #expect(ClusterFixture.workload(split, "web").first?.amounts.effectiveCost == 1)
    }

    @Test("samples without requests are counted per workload in an info diagnostic")
    func withoutRequests() {
        let rows = [ClusterFixture.usage(node: "n1", hour: 0, namespace: "a", workload: "web", cpu: 1, memory: 1, withoutRequests: 7)]
        let result = Self.run(rows)
        let diagnostic = result.diagnostics.first { $0.code == "samples_without_requests" }
        #expect(diagnostic?.message.hasPrefix("7 container samples of 1 workload(s) (e.g. k8s://prod/a/Deployment/web)") == true)
    }

    @Test("rows of one node and day that come apart are reported as an error (the query lost its ORDER BY)")
    func outOfOrder() {
        let rows = [
            ClusterFixture.usage(node: "n1", hour: 0, namespace: "a", workload: "web", cpu: 1, memory: 1),
            ClusterFixture.usage(node: "n2", hour: 0, namespace: "a", workload: "web", cpu: 1, memory: 1),
            ClusterFixture.usage(node: "n1", hour: 1, namespace: "a", workload: "api", cpu: 1, memory: 1),
        ]
        #expect(Self.run(rows).diagnostics.contains { $0.code == "container_rows_out_of_order" && $0.severity == .error })
    }

    @Test("a node's day in any hour order (a workload's hours, then the next workload's) is allocated as in hour order")
    func hoursOfADayInAnyOrder() {
        let web = (0..<3).map { ClusterFixture.usage(node: "n1", hour: $0, namespace: "a", workload: "web", cpu: 1, memory: 2) }
        let api = (0..<3).map { ClusterFixture.usage(node: "n1", hour: $0, namespace: "a", workload: "api", cpu: 3, memory: 1) }
        let byWorkload = Self.run(web + api), byHour = Self.run(zip(web, api).flatMap { [$0, $1] })
        #expect(!byWorkload.diagnostics.contains { $0.code == "container_rows_out_of_order" })
        #expect(byWorkload.clusters?.workloads == byHour.clusters?.workloads && byWorkload.rows == byHour.rows)
        #expect(byWorkload.clusters?.workloads.count ?? 0 >= 2)
    }

    @Test("a daily charge is spread over its 24 hours; an hourly one stays in its hour")
    func spread() {
        let daily = ContainerAllocator.spread(ClusterFixture.period("n1", "24.00"))
        #expect(daily.count == 24 && daily.allSatisfy { $0.1 == 1 })
        let hourly = ContainerAllocator.spread(ClusterFixture.period("n1", from: 7, to: 8, "0.40"))
        #expect(hourly.count == 1 && hourly[0].0 == ClusterFixture.at(day: 1, hour: 7))
        let month = ContainerAllocator.spread(NodeChargePeriod(
            nodeResourceId: "n1", currency: "USD", start: ClusterFixture.at(day: 1, hour: 12),
            end: ClusterFixture.at(day: 30, hour: 0), effectiveCost: 12))
        #expect(month.count == 12)  // within the UTC day of its start
    }
}
