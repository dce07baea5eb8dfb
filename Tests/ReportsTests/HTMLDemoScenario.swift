import Foundation
@testable import Reports

/// A fixed, deterministic scenario for the HTML building blocks: every chart kind, a large
/// filterable recommendations table, a totals table, an empty chart, and hostile names in the data
/// (markup, quotes, ampersands, right-to-left text and overrides) so the browser check also proves
/// that nothing from the data runs or fetches.
enum HTMLDemoScenario {
    static let currency = "USD"
    static let tiers = ["Tier 1 critical", "Tier 2 important", "Tier 3 batch", "Tier 4 development", "(untiered)"]
    static let services = [
        "order-service", "payment-gateway", "search-indexer", "<script>alert(1)</script>", "reporting-etl",
        "ml-training", "\"><img src=x onerror=alert(1)>", "catalog-api", "notification-worker", "dev-sandbox",
        "Tom & Jerry's cache", "inventory-db",
    ]
    static let teams = ["checkout", "platform", "data", "فريق المدفوعات", "evil\u{202E}gnp.exe", "' onmouseover='alert(1)"]
    static let kinds = ["unused", "over-provisioned", "under-provisioned", "schedule", "spot", "commitment", "storage class"]

    /// Deterministic pseudo-random integers (a linear congruential generator), so amounts vary.
    struct Sequence {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    /// Cents as an exact Decimal amount.
    static func amount(cents: Int) -> Decimal {
        Decimal(cents) / 100
    }

    static func dayLabel(_ day: Int) -> String {
        "2026-10-\(day < 9 ? "0" : "")\(day + 1)"
    }

    static func dailyCostChart(days: Int = 31) -> StackedBarChart {
        var random = Sequence(state: 7)
        let series = tiers.enumerated().map { index, tier in
            StackedBarChart.Series(name: tier, values: (0..<days).map { day in
                if index == 4 && day == 14 { return amount(cents: -42_000) } // a credit
                let base = [180_000, 95_000, 60_000, 25_000, 8_000][index]
                let weekend = (day % 7 == 3 || day % 7 == 4) && index == 3 ? 0 : 1
                return amount(cents: (base + random.next(base / 4)) * weekend)
            })
        }
        return StackedBarChart(
            id: "daily-cost", title: "Daily effective cost by tier",
            description: "Effective cost per UTC day, stacked by tier; a credit on 2026-10-15 shows below zero.",
            categories: (0..<days).map(dayLabel), series: series, unit: currency,
            categoryAxisTitle: "Day (UTC)", valueAxisTitle: "Effective cost (USD per day)"
        )
    }

    static func topServicesChart() -> HorizontalBarChart {
        let bars = services.enumerated().map { index, name in
            HorizontalBarChart.Bar(label: name, value: amount(cents: 9_800_000 - index * 690_000 - index * index * 3_100))
        }
        return HorizontalBarChart(
            id: "top-services", title: "Top services by cost",
            description: "Effective cost of the window for the twelve most expensive services.",
            bars: bars, unit: currency, labelTitle: "Service", valueAxisTitle: "Effective cost (USD)"
        )
    }

    static func savingsByKindChart() -> HorizontalBarChart {
        let cents = [1_254_000, 987_650, -120_000, 455_500, 380_025, 1_620_000, 74_210]
        return HorizontalBarChart(
            id: "savings-by-kind", title: "Monthly savings by finding kind",
            description: "Sum of per-finding monthly savings; under-provisioned findings add cost.",
            bars: zip(kinds, cents).map { .init(label: $0, value: amount(cents: $1)) }, unit: currency,
            labelTitle: "Finding kind", valueAxisTitle: "Savings (USD per month)"
        )
    }

    static func planWaterfall() -> WaterfallChart {
        WaterfallChart(
            id: "plan-waterfall", title: "From today's monthly cost to the optimised one",
            description: "Each plan step priced on what the previous steps leave, so nothing is saved twice.",
            startLabel: "Monthly cost today", startValue: amount(cents: 11_234_567),
            steps: [
                .init(label: "Delete unused resources", change: amount(cents: -1_254_000)),
                .init(label: "Schedule off-hours shutdown", change: amount(cents: -455_500)),
                .init(label: "Move batch to spot", change: amount(cents: -380_025)),
                .init(label: "Fix under-provisioned databases", change: amount(cents: 120_000)),
                .init(label: "Right-size over-provisioned", change: amount(cents: -987_650)),
                .init(label: "Commit the tier 1 baseline", change: amount(cents: -1_620_000)),
            ],
            endLabel: "Optimised monthly cost", unit: currency, valueAxisTitle: "Monthly cost (USD)"
        )
    }

    static let recommendationColumns: [HTMLTable.Column] = [
        HTMLTable.Column("Resource"),
        HTMLTable.Column("Service", isFilterable: true),
        HTMLTable.Column("Team", isFilterable: true),
        HTMLTable.Column("Tier", alignment: .center, sortType: .number, isFilterable: true),
        HTMLTable.Column("Kind", isFilterable: true),
        .number("Savings per month"),
        .number("Confidence"),
        HTMLTable.Column("Detected", sortType: .date),
        HTMLTable.Column("Evidence", sortType: nil),
    ]

    static func recommendationsTable(rows count: Int) -> HTMLTable {
        var random = Sequence(state: 42)
        let rows: [[HTMLTable.Cell]] = (0..<count).map { index in
            let service = services[random.next(services.count)]
            let team = teams[random.next(teams.count)]
            let tier = 1 + random.next(4)
            let kind = kinds[random.next(kinds.count)]
            let savings = amount(cents: (kind == "under-provisioned" ? -1 : 1) * (500 + random.next(2_500_000)))
            let confidence = Decimal(50 + random.next(50)) / 100
            let day = dayLabel(random.next(31))
            return [
                .text("i-\(String(index, radix: 16))-\(service.count)"),
                .text(service),
                .text(team),
                HTMLTable.Cell(content: .text(String(tier)), sortKey: String(tier)),
                .text(kind),
                .money(savings, currency: currency),
                .number(DisplayFormat.percent(confidence, fractionDigits: 0), value: confidence),
                .date(day, isoKey: day),
                HTMLTable.Cell(content: "p95 CPU \(DisplayFormat.percent(Decimal(random.next(40)) / 100, fractionDigits: 0)) over 30 days <small>(\(service))</small>"),
            ]
        }
        return HTMLTable(id: "recommendations", caption: "Recommendations", columns: recommendationColumns, rows: rows)
    }

    static func teamCostTable() -> HTMLTable {
        let costs = [1_234_567, 987_654, 456_789, 123_456, 98_765, 0]
        let rows = zip(teams, costs).map { team, cents -> [HTMLTable.Cell] in
            [.text(team), .money(amount(cents: cents), currency: currency)]
        }
        let total = costs.reduce(0, +)
        return HTMLTable(
            id: "team-costs", caption: "Effective cost per team",
            columns: [HTMLTable.Column("Team"), .number("Effective cost")],
            rows: rows, footerRows: [[.text("Total"), .money(amount(cents: total), currency: currency)]]
        )
    }

    /// The demo page with `rows` recommendations.
    static func page(rows: Int = 60) -> String {
        let empty = HorizontalBarChart(
            id: "empty-chart", title: "Savings of the ignored findings", description: "Nothing was ignored in this run.",
            bars: [], unit: currency, labelTitle: "Finding", valueAxisTitle: "Savings (USD per month)"
        )
        let summary: HTMLFragment = """
            <p>Effective cost of the window: <strong>\(DisplayFormat.money(amount(cents: 342_107_893), currency: currency))</strong> \
            (\(DisplayFormat.money(amount(cents: -1_204_350), currency: currency, signed: true)) against the previous window).</p>
            \(dailyCostChart().render())
            """
        return HTMLPage.render(
            title: "Cloud cost report 2026-10 & <plan>",
            generatedAt: "2026-11-01 02:30 UTC",
            sections: [
                HTMLPage.Section(id: "summary", title: "Summary", body: summary),
                HTMLPage.Section(id: "costs", title: "Cost per service and team", body: "\(topServicesChart().render())\(teamCostTable().render())"),
                HTMLPage.Section(id: "plan", title: "The plan", body: "\(planWaterfall().render())\(savingsByKindChart().render())\(empty.render())"),
                HTMLPage.Section(id: "recommendations", title: "Recommendations", body: recommendationsTable(rows: rows).render()),
                HTMLPage.Section(id: "team-rtl", title: "Team فريق المدفوعات <b>", body: "<p>Per-team views go here.</p>"),
            ]
        )
    }
}
