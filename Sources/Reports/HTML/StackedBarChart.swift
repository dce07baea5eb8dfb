import Foundation

/// A vertical stacked bar chart over categories (e.g. days), one stacked segment per series
/// (e.g. tiers). Positive values stack upwards from zero, negative values (credits) downwards.
public struct StackedBarChart: Sendable, Hashable {
    /// One stacked series: its name (legend) and one value per category (missing values count as 0).
    public struct Series: Sendable, Hashable {
        public var name: String
        public var values: [Decimal]

        public init(name: String, values: [Decimal]) {
            self.name = name
            self.values = values
        }
    }

    /// Unique on the page; used (slugified) for the element ids.
    public var id: String
    public var title: String
    /// One or two sentences for screen readers and the caption (what is shown, what stands out).
    public var description: String
    /// The category labels in order, e.g. `"2026-11-01"`.
    public var categories: [String]
    public var series: [Series]
    /// The unit of the values, a currency code such as `"USD"` (decides the digits of value labels).
    public var unit: String
    /// Title of the horizontal axis, e.g. `"Day (UTC)"`.
    public var categoryAxisTitle: String
    /// Title of the vertical axis with its unit, e.g. `"Effective cost (USD per day)"`.
    public var valueAxisTitle: String

    public init(
        id: String, title: String, description: String, categories: [String], series: [Series],
        unit: String, categoryAxisTitle: String, valueAxisTitle: String
    ) {
        self.id = id; self.title = title; self.description = description
        self.categories = categories; self.series = series; self.unit = unit
        self.categoryAxisTitle = categoryAxisTitle; self.valueAxisTitle = valueAxisTitle
    }

    static let plotHeight: Double = 260
    static let marginLeft: Double = 72
    static let marginRight: Double = 16
    static let legendRowHeight: Double = 20
    static let marginBottom: Double = 52

    func value(series index: Int, category: Int) -> Decimal {
        let values = series[index].values
        return category < values.count ? values[category] : 0
    }

    /// The chart as a `<figure>` with its SVG and a data table.
    public func render() -> HTMLFragment {
        let width = ChartSupport.width
        let hasData = !categories.isEmpty && !series.isEmpty
        let legend = legendLayout()
        let top = 8 + Double(legend.rows) * Self.legendRowHeight + 8
        let height = top + Self.plotHeight + Self.marginBottom
        let table = dataTable()
        guard hasData else {
            return ChartSupport.figure(
                id: id, title: title, description: description, height: 120,
                svgBody: ChartSupport.emptyBody(height: 120), dataTable: table
            )
        }

        var stackTops: [Decimal] = []
        var stackBottoms: [Decimal] = []
        for category in categories.indices {
            var positive: Decimal = 0
            var negative: Decimal = 0
            for index in series.indices {
                let value = value(series: index, category: category)
                if value >= 0 { positive += value } else { negative += value }
            }
            stackTops.append(positive)
            stackBottoms.append(negative)
        }
        let axis = ChartAxis(covering: stackTops + stackBottoms)
        let plotLeft = Self.marginLeft
        let plotWidth = width - Self.marginLeft - Self.marginRight
        let plotBottom = top + Self.plotHeight
        func y(_ value: Decimal) -> Double { plotBottom - axis.fraction(of: value) * Self.plotHeight }

        var body: [HTMLFragment] = [legend.markup]
        for (tick, tickLabel) in zip(axis.ticks, DisplayFormat.axisTicks(axis.ticks)) {
            let tickY = y(tick)
            body.append(ChartSupport.line(x1: plotLeft, y1: tickY, x2: plotLeft + plotWidth, y2: tickY, className: tick == 0 ? "zero" : "grid"))
            body.append(ChartSupport.text(tickLabel, x: plotLeft - 6, y: tickY + 4, anchor: "end", className: "tick"))
        }

        let band = plotWidth / Double(categories.count)
        let barWidth = max(1, band * 0.8)
        let labelEvery = max(1, Int((Double(categories.count) * 70 / plotWidth).rounded(.up)))
        for (category, label) in categories.enumerated() {
            let x = plotLeft + Double(category) * band + (band - barWidth) / 2
            var positiveBase: Decimal = 0
            var negativeBase: Decimal = 0
            var segments: [HTMLFragment] = []
            for index in series.indices {
                let value = value(series: index, category: category)
                guard value != 0 else { continue }
                let from: Decimal
                let to: Decimal
                if value > 0 {
                    from = positiveBase; to = positiveBase + value; positiveBase = to
                } else {
                    from = negativeBase; to = negativeBase + value; negativeBase = to
                }
                let tooltip = "\(label), \(series[index].name): \(ChartSupport.valueLabel(value, unit: unit))"
                segments.append(ChartSupport.rect(
                    x: x, y: min(y(from), y(to)), width: barWidth, height: abs(y(from) - y(to)),
                    fill: ChartPalette.color(at: index), tooltip: tooltip
                ))
            }
            body.append("<g class=\"bar\">\(segments)</g>")
            if category % labelEvery == 0 {
                body.append(ChartSupport.text(
                    ChartSupport.truncated(label, limit: 12), x: x + barWidth / 2, y: plotBottom + 16, anchor: "middle", className: "tick"
                ))
            }
        }
        body.append(ChartSupport.line(x1: plotLeft, y1: top, x2: plotLeft, y2: plotBottom, className: "axis"))
        body.append(ChartSupport.text(categoryAxisTitle, x: plotLeft + plotWidth / 2, y: plotBottom + 40, anchor: "middle", className: "axis-title"))
        let middle = top + Self.plotHeight / 2
        body.append(ChartSupport.text(
            valueAxisTitle, x: 14, y: middle, anchor: "middle", className: "axis-title",
            transform: "rotate(-90 14 \(ChartSupport.coordinate(middle)))"
        ))
        return ChartSupport.figure(id: id, title: title, description: description, height: height, svgBody: .joined(body), dataTable: table)
    }

    /// The legend (colour swatch and series name per series), wrapped onto rows.
    func legendLayout() -> (markup: HTMLFragment, rows: Int) {
        guard !series.isEmpty else { return (.empty, 0) }
        var items: [HTMLFragment] = []
        var x = Self.marginLeft
        var row = 0
        for (index, entry) in series.enumerated() {
            let name = ChartSupport.truncated(entry.name, limit: 28)
            let itemWidth = 18 + ChartSupport.textWidth(name) + 14
            if x + itemWidth > ChartSupport.width - Self.marginRight && x > Self.marginLeft {
                row += 1
                x = Self.marginLeft
            }
            let y = 8 + Double(row) * Self.legendRowHeight
            items.append(ChartSupport.rect(x: x, y: y + 2, width: 12, height: 12, fill: ChartPalette.color(at: index), tooltip: entry.name))
            items.append(ChartSupport.text(name, x: x + 18, y: y + 12, className: "legend"))
            x += itemWidth
        }
        return ("<g class=\"legend\">\(items)</g>", row + 1)
    }

    func dataTable() -> HTMLFragment {
        let header = [categoryAxisTitle] + series.map(\.name) + ["Total"]
        let rows = categories.isEmpty || series.isEmpty ? [] : categories.enumerated().map { category, label -> [String] in
            let values = series.indices.map { value(series: $0, category: category) }
            let total = values.reduce(0, +)
            return [label] + values.map { ChartSupport.valueLabel($0, unit: unit) } + [ChartSupport.valueLabel(total, unit: unit)]
        }
        return ChartSupport.dataTable(caption: "\(title): data", header: header, rows: rows)
    }
}
