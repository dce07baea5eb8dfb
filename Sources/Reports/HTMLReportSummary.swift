import CostModel
import Foundation

extension HTMLReport {
    /// Key figures per currency (cost and change, plan savings, tag coverage), cost per tier,
    /// findings per kind and the data-quality warnings.
    static func summary(_ context: HTMLReportContext) -> HTMLPage.Section {
        let model = context.model
        var parts: [HTMLFragment] = []
        parts.append("""
            <p class="lead">Window <strong>\(DateText.window(model.run.window))</strong> \
            (\(DisplayFormat.number(context.windowHours / 24, fractionDigits: 0)) days, UTC). \
            Run \(model.run.runId). Amounts are per currency and never added across currencies.</p>

            """)
        if context.currencies.isEmpty {
            parts.append("<p>No charges in the window.</p>\n")
        }
        for currency in context.currencies {
            parts.append(keyFigures(context, currency: currency))
        }
        parts.append(tierSummary(context))
        parts.append(findingsPerKind(context))
        if context.hasHistory { parts.append(historySummary(context)) }
        let warnings = context.warningCount
        parts.append("""
            <p class="dq-link"><a href="#data-quality">\(DisplayFormat.integer(warnings)) data-quality \
            \(warnings == 1 ? "warning" : "warnings")</a> (\(DisplayFormat.integer(model.diagnostics.count)) \
            diagnostics in all).</p>

            """)
        return HTMLPage.Section(id: "summary", title: "Summary", body: .joined(parts))
    }

    /// The figure cards of one currency.
    static func keyFigures(_ context: HTMLReportContext, currency: String) -> HTMLFragment {
        let model = context.model
        let plan = model.findings.plan
        var cards: [HTMLFragment] = []
        if let total = model.attribution.totals.first(where: { $0.currency == currency }) {
            var change: HTMLFragment = "<span class=\"figure-note\">no previous window to compare</span>"
            if let overall = model.attribution.changeOverall.first(where: { $0.currency == currency }) {
                let percent = overall.changePercent.map { " (" + DisplayFormat.number($0, fractionDigits: 1, signed: true) + "%)" } ?? ""
                let direction = overall.change > 0 ? "up" : overall.change < 0 ? "down" : "flat"
                change = "<span class=\"figure-note change-\(direction)\">\(ReportText.money(overall.change, currency, signed: true))\(percent) against the previous window (\(ReportText.money(overall.previousEffectiveCost, currency)))</span>"
            }
            cards.append(card("Effective cost", ReportText.money(total.amounts.effectiveCost, currency), note: change))
            cards.append(card("Billed cost", ReportText.money(total.amounts.billedCost, currency),
                              note: "<span class=\"figure-note\">credits \(ReportText.money(total.amounts.credits, currency))</span>"))
            cards.append(card("Monthly cost today", ReportText.money(context.monthlyRunRate(currency), currency),
                              note: "<span class=\"figure-note\">effective cost ÷ window hours × \(ReportText.setting(context.hoursPerMonth)) h</span>"))
        }
        let monthly = plan.monthlyTotal[currency] ?? 0
        let annual = plan.annualTotal[currency] ?? 0
        let sum = plan.sumOfFindings[currency] ?? 0
        cards.append(card("Plan savings per month", ReportText.money(monthly, currency),
                          note: "<span class=\"figure-note\">\(ReportText.money(annual, currency)) per year, de-duplicated</span>"))
        cards.append(card("Sum of findings per month", ReportText.money(sum, currency),
                          note: "<span class=\"figure-note\">each finding alone; counts overlaps twice</span>"))
        if let coverage = model.attribution.tagCoverage.first(where: { $0.currency == currency }) {
            let share = coverage.share(coverage.withAll).map { DisplayFormat.percent($0) } ?? "–"
            cards.append(card("Tag coverage", share, note: """
                <span class="figure-note">\(ReportText.money(coverage.withAll, currency)) of \
                \(ReportText.money(coverage.effectiveCost, currency)) has a known service, team and tier</span>
                """))
        }
        return """
            <h3>\(currency)</h3>
            <dl class="figures">\(cards)</dl>

            """
    }

    static func card(_ label: String, _ value: String, note: HTMLFragment) -> HTMLFragment {
        "<div class=\"figure\"><dt>\(label)</dt><dd><span class=\"figure-value\">\(value)</span>\(note)</dd></div>"
    }

    /// Effective cost per tier and currency.
    static func tierSummary(_ context: HTMLReportContext) -> HTMLFragment {
        let rows = context.model.attribution.byTier.map { slice -> [HTMLTable.Cell] in
            [.plain(ReportText.tier(slice.key), sortKey: slice.key), .plain(slice.currency),
             ReportText.moneyCell(slice.amounts.effectiveCost, slice.currency),
             slice.shareOfEffectiveCost.map { .number(DisplayFormat.percent($0), value: $0) } ?? .empty]
        }
        return HTMLTable(
            id: "summary-tiers", caption: "Effective cost per tier",
            columns: [HTMLTable.Column("Tier"), HTMLTable.Column("Currency"), .number("Effective cost"), .number("Share of the currency")],
            rows: rows
        ).render()
    }

    /// Number of findings and their stand-alone savings per kind.
    static func findingsPerKind(_ context: HTMLReportContext) -> HTMLFragment {
        let rows = context.model.findingCounts.map { entry -> [HTMLTable.Cell] in
            var savings: [String: Decimal] = [:]
            for finding in context.findings(of: entry.kind) where !finding.currency.isEmpty && finding.action.isPlanned {
                savings[finding.currency, default: 0] += finding.monthlySavings
            }
            let first = context.currencies.first.flatMap { savings[$0] } ?? 0
            return [.plain(ReportText.kind(entry.kind)), .integer(entry.count),
                    HTMLTable.Cell(content: ReportText.moneyLines(savings, currencies: context.currencies), sortKey: first.description)]
        }
        return HTMLTable(
            id: "summary-kinds", caption: "Findings per kind",
            columns: [HTMLTable.Column("Kind"), .number("Findings"), .number("Savings per month (each alone)")],
            rows: rows, footerRows: [[.plain("All kinds"), .integer(context.findings.count), .empty]]
        ).render()
    }

    /// New, persisting and resolved findings against the previous run.
    static func historySummary(_ context: HTMLReportContext) -> HTMLFragment {
        let history = context.model.history
        func count(_ status: FindingHistory.Status) -> Int { history.entries.filter { $0.status == status }.count }
        let previous = history.previousRunId.map { " (run \(HTML.escape($0)))" } ?? ""
        return """
            <p>Against the previous run\(HTMLFragment(raw: previous)): \
            <span class="badge status-new">\(DisplayFormat.integer(count(.new))) new</span> \
            <span class="badge status-persisting">\(DisplayFormat.integer(count(.persisting))) persisting</span> \
            <span class="badge status-resolved">\(DisplayFormat.integer(count(.resolved))) resolved</span></p>

            """
    }
}
