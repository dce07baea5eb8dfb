import CivilTime
import CostModel
import Foundation

extension HTMLReport {
    /// Commitments: utilisation per commitment (used vs unused, a daily chart for each one with an
    /// unused part) and coverage of eligible on-demand usage per billing account.
    static func commitments(_ context: HTMLReportContext) -> HTMLPage.Section {
        let data = context.model.commitments
        let threshold = context.model.run.findingsPolicy.unusedCommitment.minimumUnusedShare
        var parts: [HTMLFragment] = ["""
            <p>Per commitment (<code>commitment_discount_id</code>): its amortised cost in the window split into \
            <strong>used</strong> (FOCUS status <code>Used</code>: usage it covered) and <strong>unused</strong> \
            (<code>Unused</code>: paid for, nothing ran on it). An unused share of \
            \(ReportText.settingPercent(threshold)) or more is an <code>unused_commitment</code> finding. \
            Coverage = list cost of covered usage ÷ (that + list cost of eligible on-demand usage: \
            compute usage at standard on-demand prices, as <code>queries/commitments.sql</code> defines it).</p>

            """]
        if data.utilization.isEmpty && data.coverage.isEmpty {
            parts.append("<p>No commitment rows and no eligible on-demand usage in the window.</p>\n")
            return HTMLPage.Section(id: "commitments", title: "Commitments", body: .joined(parts))
        }
        if data.utilization.isEmpty {
            parts.append("<p>The bill has no commitment rows (<code>commitment_discount_id</code>) in the window.</p>\n")
        } else {
            let flagged = Set(context.model.findings.findings.filter { $0.kind == .unusedCommitment }.map(\.resourceId))
            let rows = data.utilization.map { row -> [HTMLTable.Cell] in
                let share = row.unusedShare
                return [.plain(row.commitmentId), .plain(row.commitmentType ?? ""), .plain(row.billingAccountId),
                        ReportText.moneyCell(row.used, row.currency), ReportText.moneyCell(row.unused, row.currency),
                        ReportText.moneyCell(row.total, row.currency),
                        .number(DisplayFormat.percent(1 - share), value: Money.rounded(1 - share, scale: 6)),
                        .plain(flagged.contains(row.commitmentId) ? "unused_commitment" : "")]
            }
            parts.append(HTMLTable(
                id: "commitments-table", caption: "Utilisation per commitment (amortised effective cost in the window)",
                columns: [HTMLTable.Column("Commitment"), HTMLTable.Column("Type", isFilterable: true),
                          HTMLTable.Column("Billing account", isFilterable: true), .number("Used"), .number("Unused"),
                          .number("Total"), .number("Utilisation"), HTMLTable.Column("Finding")],
                rows: rows
            ).render())
            let days = windowDays(context.model.run.window)
            for (index, row) in data.utilization.enumerated() where row.unused > 0 {
                let byDay = Dictionary(row.days.map { (UTCText.day($0.day), $0) }, uniquingKeysWith: { first, _ in first })
                parts.append(StackedBarChart(
                    id: "chart-commitment-\(index + 1)", title: "Used and unused per day: \(row.commitmentId)",
                    description: "The commitment's amortised cost per UTC day, split into the part usage ran on (used) and the part paid for nothing (unused).",
                    categories: days,
                    series: [StackedBarChart.Series(name: "used", values: days.map { byDay[$0]?.used ?? 0 }),
                             StackedBarChart.Series(name: "unused", values: days.map { byDay[$0]?.unused ?? 0 })],
                    unit: row.currency, categoryAxisTitle: "Day (UTC)",
                    valueAxisTitle: "Amortised cost (\(row.currency) per day)").render())
            }
        }
        if !data.coverage.isEmpty {
            let rows = data.coverage.map { row -> [HTMLTable.Cell] in
                [.plain(row.billingAccountId), .plain(row.currency), ReportText.moneyCell(row.coveredListCost, row.currency),
                 ReportText.moneyCell(row.onDemandListCost, row.currency),
                 row.coverage.map { .number(DisplayFormat.percent($0), value: Money.rounded($0, scale: 6)) } ?? .empty]
            }
            parts.append(HTMLTable(
                id: "commitment-coverage-table", caption: "Coverage of eligible usage by commitments (list cost, the on-demand equivalent)",
                columns: [HTMLTable.Column("Billing account", isFilterable: true), HTMLTable.Column("Currency"),
                          .number("Covered"), .number("On demand"), .number("Coverage")],
                rows: rows
            ).render())
        }
        return HTMLPage.Section(id: "commitments", title: "Commitments", body: .joined(parts))
    }
}
