import CivilTime
import CostModel
import Foundation

extension HTMLReport {
    /// How many services the top-services chart shows (default 10).
    static let topServiceCount = 10

    /// Per currency: daily cost stacked by tier, the top services, savings by kind and the
    /// waterfall from today's monthly cost to the optimised one, phase by phase.
    static func charts(_ context: HTMLReportContext) -> HTMLPage.Section {
        var parts: [HTMLFragment] = []
        if context.currencies.isEmpty { parts.append("<p>No charges in the window: nothing to chart.</p>\n") }
        for currency in context.currencies {
            let slug = HTML.identifier(currency)
            if context.currencies.count > 1 { parts.append("<h3>\(currency)</h3>\n") }
            parts.append("<div class=\"chart-grid\">")
            parts.append(dailyByTierChart(context, currency: currency, slug: slug).render())
            parts.append(topServicesChart(context, currency: currency, slug: slug).render())
            parts.append(savingsByKindChart(context, currency: currency, slug: slug).render())
            parts.append(waterfallChart(context, currency: currency, slug: slug).render())
            parts.append("</div>\n")
        }
        return HTMLPage.Section(id: "charts", title: "Charts", body: .joined(parts))
    }

    /// Every UTC day of the window, as `YYYY-MM-DD`.
    static func windowDays(_ window: ReportWindow) -> [String] {
        var days: [String] = []
        var day = window.start
        while day < window.end && days.count < 400 {
            days.append(UTCText.day(day))
            day = day.addingTimeInterval(86_400)
        }
        return days
    }

    static func dailyByTierChart(_ context: HTMLReportContext, currency: String, slug: String) -> StackedBarChart {
        let days = windowDays(context.model.run.window)
        let index = Dictionary(uniqueKeysWithValues: days.enumerated().map { ($0.element, $0.offset) })
        let points = context.model.attribution.dailyByTier.filter { $0.currency == currency }
        let order = ["1", "2", "3", "4", Ownership.untiered, Ownership.shared]
        let keys = Set(points.map(\.key)).sorted { (order.firstIndex(of: $0) ?? 99, $0) < (order.firstIndex(of: $1) ?? 99, $1) }
        let series = keys.map { key -> StackedBarChart.Series in
            var values = [Decimal](repeating: 0, count: days.count)
            for point in points where point.key == key {
                if let position = index[UTCText.day(point.day)] { values[position] += point.effectiveCost }
            }
            return StackedBarChart.Series(name: ReportText.tier(key), values: values)
        }
        return StackedBarChart(
            id: "chart-daily-\(slug)", title: "Daily effective cost by tier (\(currency))",
            description: "Effective cost per UTC day of the window, stacked by tier; shared cost that is not split per day is its own segment.",
            categories: days, series: series, unit: currency, categoryAxisTitle: "Day (UTC)",
            valueAxisTitle: "Effective cost (\(currency) per day)")
    }

    static func topServicesChart(_ context: HTMLReportContext, currency: String, slug: String) -> HorizontalBarChart {
        let services = context.model.attribution.byService.filter { $0.currency == currency }
        let bars = services.prefix(topServiceCount).map { HorizontalBarChart.Bar(label: $0.key, value: $0.amounts.effectiveCost) }
        let rest = services.count > topServiceCount ? " \(services.count - topServiceCount) smaller services are in the table below." : ""
        return HorizontalBarChart(
            id: "chart-services-\(slug)", title: "Top \(min(topServiceCount, services.count)) services by effective cost (\(currency))",
            description: "Effective cost of the window per service, largest first.\(rest)",
            bars: Array(bars), unit: currency, labelTitle: "Service", valueAxisTitle: "Effective cost (\(currency))")
    }

    static func savingsByKindChart(_ context: HTMLReportContext, currency: String, slug: String) -> HorizontalBarChart {
        var savings: [FindingKind: Decimal] = [:]
        for step in context.model.findings.plan.steps where step.currency == currency {
            savings[step.kind, default: 0] += step.marginalMonthlySavings
        }
        let bars = FindingKind.allCases.compactMap { kind -> HorizontalBarChart.Bar? in
            guard let amount = savings[kind] else { return nil }
            return HorizontalBarChart.Bar(label: ReportText.kind(kind), value: Money.roundedToMinorUnit(amount, currency: currency))
        }.sorted { $0.value > $1.value }
        return HorizontalBarChart(
            id: "chart-kinds-\(slug)", title: "Plan savings per month by finding kind (\(currency))",
            description: "Monthly savings of the de-duplicated plan, per kind of finding; a negative bar is a cost (upsizing).",
            bars: bars, unit: currency, labelTitle: "Kind", valueAxisTitle: "Savings (\(currency) per month)")
    }

    static func waterfallChart(_ context: HTMLReportContext, currency: String, slug: String) -> WaterfallChart {
        let steps = context.model.findings.plan.phases.compactMap { phase -> WaterfallChart.Step? in
            guard let saving = phase.monthlySavings[currency], phase.stepCount > 0 else { return nil }
            return WaterfallChart.Step(
                label: "Phase \(phase.number): \(shortPhaseTitle(phase.number))",
                change: -Money.roundedToMinorUnit(saving, currency: currency))
        }
        return WaterfallChart(
            id: "chart-waterfall-\(slug)", title: "From today's monthly cost to the optimised one (\(currency))",
            description: "Monthly cost today (effective cost of the window scaled to \(ReportText.setting(context.hoursPerMonth)) hours), then the saving of each roadmap phase in plan order.",
            startLabel: "Monthly cost today", startValue: context.monthlyRunRate(currency), steps: steps,
            endLabel: "Optimised monthly cost", unit: currency, valueAxisTitle: "Monthly cost (\(currency))")
    }

    /// Phase names short enough for a chart label.
    static func shortPhaseTitle(_ number: Int) -> String {
        switch number {
        case 1: return "quick wins"
        case 2: return "schedules and spot"
        case 3: return "right-sizing"
        default: return "commitments"
        }
    }
}
