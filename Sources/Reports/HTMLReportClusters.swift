import CostModel
import Foundation

extension HTMLReport {
    /// How many workloads the top-workloads table and the requests chart show per currency.
    static let topWorkloadCount = 12

    /// Kubernetes clusters (with container data only): allocated vs idle cost per node, the top
    /// workloads by cost, and requests vs usage per workload; `cost_by_workload.csv` has every row.
    static func clusters(_ context: HTMLReportContext) -> HTMLPage.Section? {
        guard let clusters = context.model.attribution.clusters, !clusters.isEmpty else { return nil }
        var parts: [HTMLFragment] = [
            "<p>Node cost split over the containers that ran on the nodes (rule in Methodology). Every workload and each cluster's idle capacity is in <code>cost_by_workload.csv</code>.</p>\n",
        ]
        for currency in context.currencies {
            let nodes = clusters.nodes.filter { $0.currency == currency }
            let workloads = clusters.workloads.filter { $0.currency == currency }
            guard !nodes.isEmpty || !workloads.isEmpty else { continue }
            parts.append(nodeChart(nodes, currency: currency))
            parts.append(nodeTable(nodes, currency: currency))
            let top = Array(workloads.filter { !$0.isIdle }.prefix(topWorkloadCount))
            parts.append(workloadTable(top, currency: currency))
            parts.append(requestsChart(top, currency: currency))
        }
        return HTMLPage.Section(id: "clusters", title: "Kubernetes clusters", body: .joined(parts))
    }

    static func nodeChart(_ nodes: [NodeCost], currency: String) -> HTMLFragment {
        StackedBarChart(
            id: "cluster-nodes-\(currency)", title: "Allocated and idle cost per node (\(currency))",
            description: "Each node's effective cost in the window: the part its containers held and the idle part.",
            categories: nodes.map(\.node.nodeResourceId),
            series: [
                .init(name: "Allocated to containers", values: nodes.map(\.allocatedEffectiveCost)),
                .init(name: "Idle", values: nodes.map(\.idleEffectiveCost)),
            ],
            unit: currency, categoryAxisTitle: "Node", valueAxisTitle: "Effective cost (\(currency))"
        ).render()
    }

    static func nodeTable(_ nodes: [NodeCost], currency: String) -> HTMLFragment {
        HTMLTable(
            id: "cluster-nodes-table-\(currency)", caption: "Nodes (\(currency)): cost, idle part and what the containers held",
            columns: [HTMLTable.Column("Node"), HTMLTable.Column("Cluster", isFilterable: true), .number("vCPU"),
                      .number("Memory GiB"), .number("Effective cost"), .number("Idle"), .number("Idle share"),
                      .number("Hours with containers"), .number("CPU held (core-hours)"), .number("Over-committed hours")],
            rows: nodes.map { node in
                let share = node.amounts.effectiveCost == 0 ? nil : node.idleEffectiveCost / node.amounts.effectiveCost
                return [.plain(node.node.nodeResourceId), .plain(node.node.cluster),
                        .number(DisplayFormat.number(node.node.vcpus), value: node.node.vcpus),
                        .number(DisplayFormat.number(node.node.memoryGiB, fractionDigits: 1), value: node.node.memoryGiB),
                        ReportText.moneyCell(node.amounts.effectiveCost, currency), ReportText.moneyCell(node.idleEffectiveCost, currency),
                        share.map { .number(DisplayFormat.percent($0), value: $0) } ?? .empty,
                        .number(DisplayFormat.integer(node.node.hoursWithContainers), value: Decimal(node.node.hoursWithContainers)),
                        hoursCell(node.node.cpuAllocatedCoreHours),
                        .number(DisplayFormat.integer(node.node.overcommittedHours), value: Decimal(node.node.overcommittedHours))]
            }
        ).render()
    }

    static func workloadTable(_ workloads: [WorkloadCost], currency: String) -> HTMLFragment {
        HTMLTable(
            id: "cluster-workloads-\(currency)", caption: "Top workloads by effective cost (\(currency))",
            columns: [HTMLTable.Column("Cluster", isFilterable: true), HTMLTable.Column("Namespace", isFilterable: true),
                      HTMLTable.Column("Kind", isFilterable: true), HTMLTable.Column("Workload"),
                      HTMLTable.Column("Service", isFilterable: true), HTMLTable.Column("Team", isFilterable: true),
                      .number("CPU cost"), .number("Memory cost"), .number("Effective cost"),
                      .number("CPU requested (core-hours)"), .number("CPU used (core-hours)"),
                      .number("Memory requested (GiB-hours)"), .number("Memory used (GiB-hours)")],
            rows: workloads.map { row in
                [.plain(row.cluster), .plain(row.namespace ?? ""), .plain(row.kind ?? ""), .plain(row.workload),
                 .plain(row.service), .plain(row.team),
                 ReportText.moneyCell(row.cpuCost.effectiveCost, currency), ReportText.moneyCell(row.memoryCost.effectiveCost, currency),
                 ReportText.moneyCell(row.amounts.effectiveCost, currency),
                 hoursCell(row.usage.cpuRequestCoreHours), hoursCell(row.usage.cpuUsageCoreHours),
                 hoursCell(row.usage.memoryRequestGiBHours), hoursCell(row.usage.memoryUsageGiBHours)]
            }
        ).render()
    }

    static func hoursCell(_ value: Double) -> HTMLTable.Cell {
        let decimal = Money.rounded(Decimal(value.isFinite ? value : 0), scale: 1)
        return .number(DisplayFormat.number(decimal, fractionDigits: 1), value: decimal)
    }

    /// Requested vs used CPU (core-hours) per top workload: two bars each, requested and used.
    static func requestsChart(_ workloads: [WorkloadCost], currency: String) -> HTMLFragment {
        let id = "cluster-requests-\(currency)"
        let title = "CPU requested vs used per workload (\(currency) clusters)"
        let description = "Core-hours in the window: what each of the top workloads requested and what it used. A used bar longer than the requested one runs above its request; a much shorter one is over-requested."
        func hours(_ value: Double) -> Decimal { Money.rounded(Decimal(value.isFinite ? value : 0), scale: 1) }
        let table = ChartSupport.dataTable(
            caption: "\(title): data", header: ["Workload", "CPU requested (core-hours)", "CPU used (core-hours)"],
            rows: workloads.map { [$0.workload, DisplayFormat.number(hours($0.usage.cpuRequestCoreHours), fractionDigits: 1),
                                   DisplayFormat.number(hours($0.usage.cpuUsageCoreHours), fractionDigits: 1)] })
        guard !workloads.isEmpty else {
            return ChartSupport.figure(id: id, title: title, description: description, height: 120,
                                       svgBody: ChartSupport.emptyBody(height: 120), dataTable: table)
        }
        let rows = workloads.flatMap { row -> [HorizontalBarsLayout.Row] in
            let requested = hours(row.usage.cpuRequestCoreHours)
            let used = hours(row.usage.cpuUsageCoreHours)
            return [
                HorizontalBarsLayout.Row(label: "\(row.workload) requested", from: 0, to: requested, fill: ChartPalette.total,
                                         valueText: DisplayFormat.number(requested, fractionDigits: 1)),
                HorizontalBarsLayout.Row(label: "\(row.workload) used", from: 0, to: used,
                                         fill: used > requested ? ChartPalette.increase : ChartPalette.decrease,
                                         valueText: DisplayFormat.number(used, fractionDigits: 1)),
            ]
        }
        let layout = HorizontalBarsLayout(rows: rows, valueAxisTitle: "CPU core-hours")
        return ChartSupport.figure(id: id, title: title, description: description, height: layout.height,
                                   svgBody: layout.render(), dataTable: table)
    }
}
