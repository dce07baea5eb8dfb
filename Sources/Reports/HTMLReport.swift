import CostModel
import Foundation

/// `index.html`: the self-contained report (inline CSS, SVG and script; no network).
public enum HTMLReport {
    public static func render(_ model: ReportModel) -> String {
        HTMLPage.render(
            title: "Cost report \(DateText.window(model.run.window))",
            generatedAt: DisplayFormat.dateTime(model.run.generatedAt),
            sections: [summary(model), costByService(model), plan(model), recommendations(model), dataQuality(model)])
    }

    static func summary(_ model: ReportModel) -> HTMLPage.Section {
        let rows = model.attribution.totals.map { total -> [HTMLTable.Cell] in
            let plan = model.findings.plan.monthlyTotal[total.currency] ?? 0
            return [.text(total.currency), .money(total.amounts.effectiveCost, currency: total.currency),
                    .money(total.amounts.billedCost, currency: total.currency),
                    .money(total.unallocated.effectiveCost, currency: total.currency),
                    .money(Money.roundedToMinorUnit(plan, currency: total.currency), currency: total.currency)]
        }
        let table = HTMLTable(
            id: "summary-totals", caption: "Totals of the window per currency",
            columns: [HTMLTable.Column("Currency"), .number("Effective cost"), .number("Billed cost"),
                      .number("Unallocated (effective)"), .number("Plan savings per month")],
            rows: rows)
        return HTMLPage.Section(id: "summary", title: "Summary", body: table.render())
    }

    static func costByService(_ model: ReportModel) -> HTMLPage.Section {
        let rows = model.attribution.rows.map { row -> [HTMLTable.Cell] in
            [.text(row.service), .text(row.team), .text(row.tierLabel), .text(row.currency),
             .money(row.amounts.effectiveCost, currency: row.currency), .money(row.amounts.billedCost, currency: row.currency)]
        }
        let table = HTMLTable(
            id: "cost-by-service", caption: "Cost per service, team and tier",
            columns: [HTMLTable.Column("Service", isFilterable: true), HTMLTable.Column("Team", isFilterable: true),
                      HTMLTable.Column("Tier", isFilterable: true), HTMLTable.Column("Currency"),
                      .number("Effective cost"), .number("Billed cost")],
            rows: rows)
        return HTMLPage.Section(id: "cost", title: "Cost per service", body: table.render())
    }

    static func plan(_ model: ReportModel) -> HTMLPage.Section {
        let rows = model.findings.plan.steps.map { step -> [HTMLTable.Cell] in
            [.integer(step.step), .integer(step.phase), .text(step.resourceId), .text(step.action.rawValue),
             .text(step.ownership.service), .money(Money.roundedToMinorUnit(step.marginalMonthlySavings, currency: step.currency), currency: step.currency)]
        }
        let table = HTMLTable(
            id: "plan", caption: "The de-duplicated plan, in order",
            columns: [.number("Step"), .number("Phase"), HTMLTable.Column("Resource"), HTMLTable.Column("Action", isFilterable: true),
                      HTMLTable.Column("Service", isFilterable: true), .number("Saves per month")],
            rows: rows)
        return HTMLPage.Section(id: "plan", title: "Plan", body: table.render())
    }

    static func recommendations(_ model: ReportModel) -> HTMLPage.Section {
        let rows = RecommendationsCSV.sorted(model.findings.findings).map { f -> [HTMLTable.Cell] in
            [.text(f.kind.rawValue), .text(f.resourceId), .text(f.ownership.service), .text(f.ownership.team),
             .text(f.ownership.tierLabel), .text(f.recommended),
             .money(Money.roundedToMinorUnit(f.monthlySavings, currency: f.currency), currency: f.currency), .text(f.reason)]
        }
        let table = HTMLTable(
            id: "recommendations", caption: "Every finding with its reason",
            columns: [HTMLTable.Column("Kind", isFilterable: true), HTMLTable.Column("Resource"),
                      HTMLTable.Column("Service", isFilterable: true), HTMLTable.Column("Team", isFilterable: true),
                      HTMLTable.Column("Tier", isFilterable: true), HTMLTable.Column("Recommended"),
                      .number("Saves per month"), HTMLTable.Column("Reason")],
            rows: rows)
        return HTMLPage.Section(id: "recommendations", title: "Recommendations", body: table.render())
    }

    static func dataQuality(_ model: ReportModel) -> HTMLPage.Section {
        let rows = model.diagnostics.map { d -> [HTMLTable.Cell] in [.text(d.severity.rawValue), .text(d.code), .text(d.message)] }
        let table = HTMLTable(
            id: "data-quality", caption: "Data problems found in this run",
            columns: [HTMLTable.Column("Severity", isFilterable: true), HTMLTable.Column("Code", isFilterable: true), HTMLTable.Column("Message")],
            rows: rows)
        return HTMLPage.Section(id: "data-quality", title: "Data quality", body: table.render())
    }
}
