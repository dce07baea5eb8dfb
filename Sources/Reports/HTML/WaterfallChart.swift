import Foundation

/// A horizontal waterfall: a start total (e.g. today's monthly cost), one floating bar per step
/// (its change: savings are negative, added costs positive), and the end total, which is the start
/// plus all changes (e.g. the optimised monthly cost). Decreases and increases have their own colour
/// and signed value labels, so the chart does not rely on colour alone.
public struct WaterfallChart: Sendable, Hashable {
    /// One step and its change of the running total.
    public struct Step: Sendable, Hashable {
        public var label: String
        /// Negative for a saving, positive for an added cost.
        public var change: Decimal

        public init(label: String, change: Decimal) {
            self.label = label
            self.change = change
        }
    }

    /// Unique on the page; used (slugified) for the element ids.
    public var id: String
    public var title: String
    /// One or two sentences for screen readers and the caption.
    public var description: String
    /// Label of the first bar, e.g. `"Monthly cost today"`.
    public var startLabel: String
    /// The start total.
    public var startValue: Decimal
    public var steps: [Step]
    /// Label of the last bar, e.g. `"Optimised monthly cost"`.
    public var endLabel: String
    /// The unit of the values, a currency code such as `"USD"`.
    public var unit: String
    /// Title of the value axis with its unit, e.g. `"Monthly cost (USD)"`.
    public var valueAxisTitle: String

    public init(
        id: String, title: String, description: String, startLabel: String, startValue: Decimal,
        steps: [Step], endLabel: String, unit: String, valueAxisTitle: String
    ) {
        self.id = id; self.title = title; self.description = description
        self.startLabel = startLabel; self.startValue = startValue; self.steps = steps
        self.endLabel = endLabel; self.unit = unit; self.valueAxisTitle = valueAxisTitle
    }

    /// The start value plus every change.
    public var endValue: Decimal { steps.reduce(startValue) { $0 + $1.change } }

    /// The chart as a `<figure>` with its SVG and a data table.
    /// Without steps and with a zero start there is nothing to show: the chart says "No data".
    public func render() -> HTMLFragment {
        guard !steps.isEmpty || startValue != 0 else {
            let table = ChartSupport.dataTable(
                caption: "\(title): data", header: ["Step", "Change (\(unit))", "Running total (\(unit))"], rows: []
            )
            return ChartSupport.figure(
                id: id, title: title, description: description, height: 120,
                svgBody: ChartSupport.emptyBody(height: 120), dataTable: table
            )
        }
        var rows: [HorizontalBarsLayout.Row] = [
            .init(label: startLabel, from: 0, to: startValue, fill: ChartPalette.total, valueText: ChartSupport.valueLabel(startValue, unit: unit)),
        ]
        var tableRows: [[String]] = [[startLabel, "", ChartSupport.valueLabel(startValue, unit: unit)]]
        var running = startValue
        for step in steps {
            let next = running + step.change
            rows.append(.init(
                label: step.label, from: running, to: next,
                fill: step.change > 0 ? ChartPalette.increase : ChartPalette.decrease,
                valueText: ChartSupport.valueLabel(step.change, unit: unit, signed: true)
            ))
            tableRows.append([step.label, ChartSupport.valueLabel(step.change, unit: unit, signed: true), ChartSupport.valueLabel(next, unit: unit)])
            running = next
        }
        rows.append(.init(label: endLabel, from: 0, to: running, fill: ChartPalette.total, valueText: ChartSupport.valueLabel(running, unit: unit)))
        tableRows.append([endLabel, "", ChartSupport.valueLabel(running, unit: unit)])

        let table = ChartSupport.dataTable(
            caption: "\(title): data", header: ["Step", "Change (\(unit))", "Running total (\(unit))"], rows: tableRows
        )
        let layout = HorizontalBarsLayout(rows: rows, valueAxisTitle: valueAxisTitle, connectsRows: true)
        return ChartSupport.figure(
            id: id, title: title, description: description, height: layout.height, svgBody: layout.render(), dataTable: table
        )
    }
}
