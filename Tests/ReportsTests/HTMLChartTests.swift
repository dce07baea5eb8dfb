import Foundation
import Testing
@testable import Reports

@Suite struct HTMLChartTests {
    @Test func axisStepsAreRoundAndIncludeZero() {
        let positive = ChartAxis(covering: [0, 1234])
        #expect(positive.step == 250 && positive.lower == 0 && positive.upper == 1250)
        let mixed = ChartAxis(covering: [-50, 120])
        #expect(mixed.step == 50 && mixed.lower == -50 && mixed.upper == 150)
        #expect(mixed.ticks == [-50, 0, 50, 100, 150])
        let negative = ChartAxis(covering: [-7, -3])
        #expect(negative.lower == -8 && negative.upper == 0 && negative.step == 2)
        let tiny = ChartAxis(covering: [Decimal(string: "0.013")!])
        #expect(tiny.step == Decimal(string: "0.005")! && tiny.upper == Decimal(string: "0.015")!)
        let empty = ChartAxis(covering: [])
        #expect(empty.lower == 0 && empty.upper == 1 && empty.ticks.count == 6)
        #expect(mixed.fraction(of: 0) == 0.25)
    }

    /// Every chart is a labelled image with a title, a description and a data table.
    static func expectAccessible(_ markup: String, id: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(markup.contains("role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\""), sourceLocation: sourceLocation)
        #expect(markup.contains("<title id=\"\(id)-title\">"), sourceLocation: sourceLocation)
        #expect(markup.contains("<desc id=\"\(id)-desc\">"), sourceLocation: sourceLocation)
        #expect(markup.contains("<table class=\"chart-data visually-hidden\">"), sourceLocation: sourceLocation)
        #expect(!markup.contains("nan") && !markup.contains("inf"), sourceLocation: sourceLocation)
    }

    @Test func emptyChartsSayNoData() {
        let bars = HorizontalBarChart(id: "b", title: "T", description: "D", bars: [], unit: "USD", labelTitle: "L", valueAxisTitle: "V").render().raw
        let stacked = StackedBarChart(id: "s", title: "T", description: "D", categories: [], series: [], unit: "USD", categoryAxisTitle: "Day", valueAxisTitle: "V").render().raw
        let noSeries = StackedBarChart(id: "n", title: "T", description: "D", categories: ["a"], series: [], unit: "USD", categoryAxisTitle: "Day", valueAxisTitle: "V").render().raw
        let waterfall = WaterfallChart(id: "w", title: "T", description: "D", startLabel: "S", startValue: 0, steps: [], endLabel: "E", unit: "USD", valueAxisTitle: "V").render().raw
        for (markup, id) in [(bars, "b"), (stacked, "s"), (noSeries, "n"), (waterfall, "w")] {
            #expect(markup.contains(">No data</text>"))
            #expect(markup.contains("<td colspan=") && markup.contains(">No data</td>"))
            #expect(!markup.contains("<rect"))
            Self.expectAccessible(markup, id: id)
        }
    }

    @Test func horizontalBarsHandleNegativeValues() {
        let chart = HorizontalBarChart(
            id: "savings", title: "Savings", description: "By kind",
            bars: [.init(label: "unused", value: 100), .init(label: "under", value: -40)],
            unit: "USD", labelTitle: "Kind", valueAxisTitle: "Savings (USD per month)"
        ).render().raw
        Self.expectAccessible(chart, id: "savings")
        #expect(chart.contains("fill=\"\(ChartPalette.increase)\""))
        #expect(chart.contains("fill=\"\(ChartPalette.total)\""))
        #expect(chart.contains(">-40.00 USD</text>"))
        #expect(chart.contains(">-50</text>"))   // the axis reaches below zero
        #expect(chart.contains(">Savings (USD per month)</text>"))
        #expect(chart.contains("<td class=\"num\">-40.00 USD</td>"))
    }

    @Test func stackedBarsStackNegativeValuesBelowZero() {
        let chart = StackedBarChart(
            id: "daily", title: "Daily", description: "Per day",
            categories: ["2026-10-01", "2026-10-02"],
            series: [.init(name: "Tier 1", values: [10, 20]), .init(name: "Tier 2", values: [5, -5])],
            unit: "USD", categoryAxisTitle: "Day (UTC)", valueAxisTitle: "Cost (USD per day)"
        ).render().raw
        Self.expectAccessible(chart, id: "daily")
        #expect(chart.contains("<title>2026-10-02, Tier 2: -5.00 USD</title>"))
        #expect(chart.contains(">-5</text>"))      // axis tick below zero
        #expect(chart.contains(">Day (UTC)</text>") && chart.contains(">Cost (USD per day)</text>"))
        #expect(chart.contains("<td class=\"num\">15.00 USD</td>"))   // total of day 1 in the table
        #expect(chart.components(separatedBy: "<rect").count - 1 == 4 + 2)   // 4 segments + 2 legend swatches
    }

    @Test func waterfallEndsAtStartPlusChanges() {
        let chart = WaterfallChart(
            id: "plan", title: "Plan", description: "Steps", startLabel: "Today", startValue: 1000,
            steps: [.init(label: "Delete", change: -300), .init(label: "Fix", change: 50), .init(label: "Commit", change: -900)],
            endLabel: "Optimised", unit: "USD", valueAxisTitle: "Monthly cost (USD)"
        )
        #expect(chart.endValue == -150)
        let markup = chart.render().raw
        Self.expectAccessible(markup, id: "plan")
        #expect(markup.contains(">+50.00 USD</text>") && markup.contains(">-300.00 USD</text>"))
        #expect(markup.contains("<td class=\"num\">-150.00 USD</td>"))
        #expect(markup.contains("class=\"connector\""))
        #expect(markup.contains("fill=\"\(ChartPalette.decrease)\"") && markup.contains("fill=\"\(ChartPalette.increase)\""))
    }

    @Test func longLabelsAreTruncatedButKeptInTooltipsAndTables() {
        let long = String(repeating: "very-long-service-name-", count: 4)
        let markup = HorizontalBarChart(
            id: "top", title: "Top", description: "D", bars: [.init(label: long, value: 1)], unit: "USD", labelTitle: "S", valueAxisTitle: "V"
        ).render().raw
        #expect(markup.contains(">\(String(long.prefix(27)))…</text>"))
        #expect(markup.contains("<title>\(long): 1.00 USD</title>"))
        #expect(markup.contains("<bdi>\(long)</bdi>"))
    }

    @Test func paletteCyclesAndCoordinatesAreCompact() {
        #expect(ChartPalette.color(at: 8) == ChartPalette.color(at: 0))
        #expect(ChartSupport.coordinate(12.04) == "12")
        #expect(ChartSupport.coordinate(12.46) == "12.5")
        #expect(ChartSupport.coordinate(-0.46) == "-0.5")
        #expect(ChartSupport.coordinate(.nan) == "0")
    }
}
