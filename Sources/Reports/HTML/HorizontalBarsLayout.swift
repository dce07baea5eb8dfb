import Foundation

/// Draws rows of horizontal bars over a shared value axis: a label on the left, a bar from
/// `from` to `to`, the value label beside the bar. Used by `HorizontalBarChart` and `WaterfallChart`.
struct HorizontalBarsLayout {
    struct Row {
        var label: String
        var from: Decimal
        var to: Decimal
        var fill: String
        var valueText: String
    }

    var rows: [Row]
    var valueAxisTitle: String
    /// Draw dashed connectors from the end of each bar to the start of the next (waterfalls).
    var connectsRows: Bool = false

    static let labelWidth: Double = 190
    static let valueLabelWidth: Double = 112
    static let rowHeight: Double = 26
    static let barHeight: Double = 18
    static let top: Double = 10
    static let marginBottom: Double = 44
    static let labelCharacterLimit = 28

    var height: Double { Self.top + Double(rows.count) * Self.rowHeight + Self.marginBottom }

    func render() -> HTMLFragment {
        let axis = ChartAxis(covering: rows.flatMap { [$0.from, $0.to] })
        let plotLeft = Self.labelWidth + (axis.lower < 0 ? Self.valueLabelWidth : 0)
        let plotRight = ChartSupport.width - Self.valueLabelWidth
        let plotWidth = plotRight - plotLeft
        let plotBottom = Self.top + Double(rows.count) * Self.rowHeight
        func x(_ value: Decimal) -> Double { plotLeft + axis.fraction(of: value) * plotWidth }

        var body: [HTMLFragment] = []
        for (tick, tickLabel) in zip(axis.ticks, DisplayFormat.axisTicks(axis.ticks)) {
            let tickX = x(tick)
            body.append(ChartSupport.line(x1: tickX, y1: Self.top, x2: tickX, y2: plotBottom, className: tick == 0 ? "zero" : "grid"))
            body.append(ChartSupport.text(tickLabel, x: tickX, y: plotBottom + 16, anchor: "middle", className: "tick"))
        }
        for (index, row) in rows.enumerated() {
            let rowTop = Self.top + Double(index) * Self.rowHeight
            let barTop = rowTop + (Self.rowHeight - Self.barHeight) / 2
            let textY = rowTop + Self.rowHeight / 2 + 4
            let left = min(x(row.from), x(row.to))
            let right = max(x(row.from), x(row.to))
            let label = ChartSupport.truncated(row.label, limit: Self.labelCharacterLimit)
            let rect = ChartSupport.rect(
                x: left, y: barTop, width: right - left, height: Self.barHeight, fill: row.fill,
                tooltip: "\(row.label): \(row.valueText)"
            )
            let labelText = ChartSupport.text(label, x: Self.labelWidth - 8, y: textY, anchor: "end", className: "label")
            let valueAtRight = row.to >= row.from
            let valueText = valueAtRight
                ? ChartSupport.text(row.valueText, x: right + 4, y: textY, className: "value")
                : ChartSupport.text(row.valueText, x: left - 4, y: textY, anchor: "end", className: "value")
            body.append("<g class=\"bar\">\(rect)\(labelText)\(valueText)</g>")
            if connectsRows && index + 1 < rows.count {
                let joinX = x(row.to)
                body.append(ChartSupport.line(
                    x1: joinX, y1: barTop + Self.barHeight, x2: joinX, y2: barTop + Self.rowHeight, className: "connector"
                ))
            }
        }
        body.append(ChartSupport.line(x1: plotLeft, y1: plotBottom, x2: plotRight, y2: plotBottom, className: "axis"))
        body.append(ChartSupport.text(valueAxisTitle, x: plotLeft + plotWidth / 2, y: plotBottom + 36, anchor: "middle", className: "axis-title"))
        return .joined(body)
    }
}
