import CostModel
import Foundation
import Testing
import TestSupport
@testable import Reports

/// `cost_by_workload.csv` and the clusters section of a small fixed cluster: one node (4 vCPU,
/// 16 GiB, 24.00 USD for the day), a Deployment, a DaemonSet without owner labels and a workload
/// whose namespace starts with `=` (a formula, neutralised).
@Suite("cost_by_workload.csv and the Kubernetes clusters section")
struct ClusterReportRenderTests {
    static let day = Date(timeIntervalSince1970: 1_793_491_200)  // 2026-11-01T00:00:00Z

    static func result(idle: IdleCostPolicy = .separate) -> AttributionResult {
        let settings = ContainerAllocationSettings(cpuHourlyWeight: 1, memoryGibHourlyWeight: 0.25, idle: idle)
        let node = Resource(id: "i-node1", kind: "compute", service: "platform", team: "platform-team", tier: 1,
                            environment: "production", vcpus: 4, memoryGiB: 16)
        var allocator = ContainerAllocator(
            settings: settings, nodes: [node],
            chargePeriods: [NodeChargePeriod(nodeResourceId: "i-node1", currency: "USD", start: day,
                                             end: day.addingTimeInterval(86_400), effectiveCost: 24)],
            resolveOwner: { _, labels, _ in
                (Ownership(service: labels["app"] ?? Ownership.unallocated, team: labels["team"] ?? Ownership.unallocated,
                           tier: labels["app"] == nil ? nil : 1, environment: nil, source: .labels), [])
            })
        for hour in 0..<24 {
            let start = day.addingTimeInterval(Double(hour) * 3600)
            func row(_ namespace: String, _ kind: String, _ name: String, _ labels: [String: String], cpu: Double, memory: Double) -> WorkloadHourUsage {
                WorkloadHourUsage(
                    nodeResourceId: "i-node1", hour: start, workload: WorkloadKey(cluster: "prod", namespace: namespace, kind: kind, name: name),
                    labels: labels, samples: 12, cpuAllocatedCoreHours: cpu, cpuRequestCoreHours: cpu, cpuUsageCoreHours: cpu / 4,
                    memoryAllocatedGiBHours: memory, memoryRequestGiBHours: memory, memoryUsageGiBHours: memory / 2)
            }
            allocator.add(row("shop", "Deployment", "web", ["app": "web", "team": "shop"], cpu: 2, memory: 4))
            allocator.add(row("kube-system", "DaemonSet", "agent", [:], cpu: 0.5, memory: 2))
            allocator.add(row("=cmd", "Pod", "debug", ["app": "web", "team": "shop"], cpu: 0.25, memory: 1))
        }
        let charge = ChargeGroup(billingAccountId: "acct", invoiceId: "inv", currency: "USD", chargeCategory: .usage,
                                 resourceId: "i-node1", day: day, billedCost: 24, effectiveCost: 24, listCost: 24)
        return Attribution.run(AttributionInput(
            window: ReportWindow(start: day, end: day.addingTimeInterval(86_400)), charges: [charge], resources: [node],
            containers: allocator.finish()))
    }

    @Test("cost_by_workload.csv matches its golden file; its effective cost sums to the node's 24.00")
    func csv() throws {
        let result = Self.result()
        let file = try #require(FinanceCSV.files(for: result).first { $0.name == "cost_by_workload.csv" })
        try Golden.assertMatches(file.contents, named: "cost_by_workload.csv")
        let sum = file.contents.split(separator: "\r\n").dropFirst()
            .map { Decimal(string: String($0.split(separator: ",", omittingEmptySubsequences: false)[11]))! }.reduce(0, +)
        #expect(sum == 24)
        #expect(file.contents.contains("'=cmd"))
    }

    @Test("without container data there is no cost_by_workload.csv and no clusters section")
    func absent() throws {
        let charge = ChargeGroup(billingAccountId: "acct", currency: "USD", chargeCategory: .usage, resourceId: "vm",
                                 day: Self.day, billedCost: 1, effectiveCost: 1, listCost: 1)
        let result = Attribution.run(AttributionInput(
            window: ReportWindow(start: Self.day, end: Self.day.addingTimeInterval(86_400)), charges: [charge], resources: []))
        #expect(!FinanceCSV.files(for: result).contains { $0.name == "cost_by_workload.csv" })
    }

    @Test("the section: allocated vs idle per node as a stacked SVG chart, the node and workload tables, requests vs usage")
    func section() throws {
        let model = HTMLReportScenario.model()
        var withClusters = model
        withClusters.attribution.clusters = Self.result().clusters
        let context = HTMLReportContext(withClusters)
        let section = try #require(HTMLReport.clusters(context))
        let html = section.body.raw
        #expect(html.contains("Allocated and idle cost per node (USD)"))
        #expect(html.contains("<svg") && html.contains("CPU requested vs used per workload"))
        #expect(html.contains("i-node1") && html.contains("<bdi>web</bdi>") && html.contains("<bdi>agent</bdi>"))
        #expect(html.contains("Over-committed hours"))
        #expect(HTMLReport.clusters(HTMLReportContext(model)) == nil)
        let page = HTMLReport.render(withClusters)
        #expect(page.contains("id=\"clusters\"") && page.contains("<code>kubernetes.idle</code> = <code>separate</code>"))
    }
}
