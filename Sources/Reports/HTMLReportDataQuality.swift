import CostModel
import Foundation

extension HTMLReport {
    /// Unallocated and untiered money, mixed currencies, resources with insufficient data, the
    /// top untagged spenders and every diagnostic of the run.
    static func dataQuality(_ context: HTMLReportContext) -> HTMLPage.Section {
        let attribution = context.model.attribution
        var parts: [HTMLFragment] = []
        let moneyRows = attribution.totals.map { total -> [HTMLTable.Cell] in
            let untiered = attribution.byTier.first { $0.currency == total.currency && $0.key == Ownership.untiered }?.amounts ?? .zero
            let share = context.model.unallocatedShare[total.currency]
            return [.plain(total.currency),
                    ReportText.moneyCell(total.unallocated.effectiveCost, total.currency),
                    share.map { .number(DisplayFormat.percent($0), value: $0) } ?? .empty,
                    ReportText.moneyCell(untiered.effectiveCost, total.currency),
                    ReportText.moneyCell(total.shared.effectiveCost, total.currency),
                    ReportText.moneyCell(total.amounts.effectiveCost, total.currency)]
        }
        parts.append(HTMLTable(
            id: "dq-money", caption: "Money without a known owner, per currency (effective cost)",
            columns: [HTMLTable.Column("Currency"), .number("Unallocated (no service)"), .number("Share of the total"),
                      .number("Untiered"), .number("Shared (no resource)"), .number("Total")],
            rows: moneyRows
        ).render())
        if context.currencies.count > 1 {
            parts.append("""
                <p class="warning-note"><strong>Mixed currencies:</strong> this bill is in \
                \(context.currencies.joined(separator: ", ")). Every amount is shown per currency; no total adds them up.</p>

                """)
        } else {
            parts.append("<p>One billing currency: \(context.currencies.first ?? "none").</p>\n")
        }
        parts.append(insufficientData(context))
        parts.append(untaggedSpenders(context))
        let diagnosticRows = context.model.diagnostics.map { diagnostic -> [HTMLTable.Cell] in
            let rank: String
            switch diagnostic.severity {
            case .error: rank = "1-error"
            case .warning: rank = "2-warning"
            case .info: rank = "3-info"
            }
            return [HTMLTable.Cell(content: "<span class=\"badge severity-\(diagnostic.severity.rawValue)\">\(diagnostic.severity.rawValue)</span>",
                                   sortKey: rank, filterValue: diagnostic.severity.rawValue),
                    .plain(diagnostic.code), .plain(diagnostic.message)]
        }
        parts.append(HTMLTable(
            id: "diagnostics", caption: "Every diagnostic of the run (rows skipped and why, fallbacks used), most severe first",
            columns: [HTMLTable.Column("Severity", isFilterable: true), HTMLTable.Column("Code", isFilterable: true), HTMLTable.Column("Message")],
            rows: diagnosticRows
        ).render())
        return HTMLPage.Section(id: "data-quality", title: "Data quality", body: .joined(parts))
    }

    static func untaggedSpenders(_ context: HTMLReportContext) -> HTMLFragment {
        let spenders = context.model.attribution.untaggedSpenders
        guard !spenders.isEmpty else { return "<p>Every resource with charges has a known service, team and tier.</p>\n" }
        let rows = spenders.map { spender -> [HTMLTable.Cell] in
            [.plain(spender.resourceId), .plain(spender.missing.joined(separator: ", ")), .plain(spender.service), .plain(spender.team),
             .plain(spender.inInventory ? "yes" : "no"), .plain(spender.currency),
             ReportText.moneyCell(spender.effectiveCost, spender.currency), ReportText.moneyCell(spender.billedCost, spender.currency)]
        }
        return HTMLTable(
            id: "dq-untagged", caption: "Largest spenders with a missing service, team or tier (add the tags or inventory rows)",
            columns: [HTMLTable.Column("Resource"), HTMLTable.Column("Missing", isFilterable: true), HTMLTable.Column("Service"),
                      HTMLTable.Column("Team"), HTMLTable.Column("In inventory"), HTMLTable.Column("Currency"),
                      .number("Effective cost"), .number("Billed cost")],
            rows: rows
        ).render()
    }
}
