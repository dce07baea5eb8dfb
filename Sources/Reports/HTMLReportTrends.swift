import CostModel
import Foundation

extension HTMLReport {
    /// Cost per 1,000 requests per service, with the previous window and the change.
    static func unitCosts(_ context: HTMLReportContext) -> HTMLPage.Section {
        let rows = context.model.trends.unitCosts
        guard !rows.isEmpty else {
            return HTMLPage.Section(id: "unit-costs", title: "Unit costs", body: """
                <p>No service's resources report <code>requests</code> in <code>usage_samples</code>, so there is no cost per request.</p>

                """)
        }
        let cells = rows.map { row -> [HTMLTable.Cell] in
            [.plain(row.service), .plain(row.currency), ReportText.moneyCell(row.effectiveCost, row.currency),
             .number(DisplayFormat.number(UnitCostsDisplay.decimal(row.requests)), value: UnitCostsDisplay.decimal(row.requests)),
             UnitCostsDisplay.perThousand(row.costPer1000Requests, row.currency),
             row.previousCostPer1000Requests.map { UnitCostsDisplay.perThousand($0, row.currency) } ?? .empty,
             row.change.map { .number(DisplayFormat.percent($0, signed: true), value: $0) } ?? .empty]
        }
        let table = HTMLTable(
            id: "unit-costs-table", caption: "Cost per 1,000 requests per service (effective cost, shared cost included)",
            columns: [HTMLTable.Column("Service", isFilterable: true), HTMLTable.Column("Currency"), .number("Effective cost"),
                      .number("Requests"), .number("Per 1,000 requests"), .number("Previous window"), .number("Change")],
            rows: cells)
        let intro: HTMLFragment = """
            <p>Cost per 1,000 requests = the service's effective cost in the window ÷ the requests its \
            resources served × 1,000 (<code>unit_costs.csv</code> has the unrounded figures). A falling unit cost \
            with rising traffic is healthy growth; a rising one is worth a look.</p>

            """
        return HTMLPage.Section(id: "unit-costs", title: "Unit costs", body: .joined([intro, table.render()]))
    }

    /// The capacity runway: a forecast, with its inputs.
    static func capacity(_ context: HTMLReportContext) -> HTMLPage.Section {
        let rows = context.model.trends.capacity
        let rising = rows.filter { $0.daysToThreshold != nil }
        var parts: [HTMLFragment] = ["""
            <p><strong>A forecast, not a measurement.</strong> Per resource, the p95 of CPU and of memory in each \
            full week of the window, a least-squares line through them (at least three weeks), and the days from the \
            window's end until the line reaches the scaling matrix's threshold (CPU 70 %, memory 80 %), if the growth \
            goes on. Flat or falling trends have no date. Tier 1 first; <code>capacity.csv</code> has every resource.</p>

            """]
        if rows.isEmpty {
            parts.append("<p>No resource has the three full weeks of utilisation data a trend needs.</p>\n")
        } else if rising.isEmpty {
            parts.append("<p>\(DisplayFormat.integer(rows.count)) trends measured; none reaches its threshold within the horizon.</p>\n")
        } else {
            let cells = rising.map { row -> [HTMLTable.Cell] in
                let weekly = row.weeklyP95.map { DisplayFormat.percent($0) }.joined(separator: " → ")
                return [.plain(row.resourceId), .plain(row.ownership.service),
                        .plain(ReportText.tier(row.ownership.tierLabel), sortKey: row.ownership.tierLabel),
                        .plain(row.metric == .cpu ? "CPU" : "memory"),
                        .number(DisplayFormat.percent(row.currentP95), value: Decimal(row.currentP95)),
                        .number(DisplayFormat.percent(row.weeklyTrend, fractionDigits: 2, signed: true), value: Decimal(row.weeklyTrend)),
                        .number(DisplayFormat.percent(row.threshold, fractionDigits: 0), value: Decimal(row.threshold)),
                        .number(DisplayFormat.number(Decimal(row.daysToThreshold ?? 0), fractionDigits: 0), value: Decimal(row.daysToThreshold ?? 0)),
                        .plain("weekly p95 \(weekly); line at the window's end \(DisplayFormat.percent(row.fittedAtEnd))")]
            }
            parts.append(HTMLTable(
                id: "capacity-table", caption: "Resources whose trend reaches the scaling threshold (forecast)",
                columns: [HTMLTable.Column("Resource"), HTMLTable.Column("Service", isFilterable: true), HTMLTable.Column("Tier", isFilterable: true),
                          HTMLTable.Column("Metric", isFilterable: true), .number("p95 last week"), .number("Trend per week"),
                          .number("Threshold"), .number("Days to threshold"), HTMLTable.Column("Inputs")],
                rows: cells
            ).render())
        }
        return HTMLPage.Section(id: "capacity", title: "Capacity runway (forecast)", body: .joined(parts))
    }
}

/// Display helpers of the unit-cost table.
enum UnitCostsDisplay {
    static func decimal(_ value: Double) -> Decimal {
        value.isFinite ? (Decimal(string: String(format: "%.0f", value)) ?? 0) : 0
    }

    /// Per-1,000 amounts need more digits than the minor unit: 4 decimals (6 under 0.01).
    static func perThousand(_ value: Decimal, _ currency: String) -> HTMLTable.Cell {
        let digits = abs(NSDecimalNumber(decimal: value).doubleValue) < 0.01 ? 6 : 4
        return .number("\(DisplayFormat.number(value, fractionDigits: digits)) \(currency)", value: value)
    }
}
