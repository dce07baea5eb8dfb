import Foundation

/// A horizontal bar chart: one labelled bar per item, in the given order (e.g. the top services by
/// cost, savings by finding kind). Negative values extend left of zero in a second colour.
public struct HorizontalBarChart: Sendable, Hashable {
    /// One bar.
    public struct Bar: Sendable, Hashable {
        public var label: String
        public var value: Decimal

        public init(label: String, value: Decimal) {
            self.label = label
            self.value = value
        }
    }

    /// Unique on the page; used (slugified) for the element ids.
    public var id: String
    public var title: String
    /// One or two sentences for screen readers and the caption.
    public var description: String
    /// Bars, top to bottom, in the order given (sort them before).
    public var bars: [Bar]
    /// The unit of the values, a currency code such as `"USD"` (decides the digits of value labels).
    public var unit: String
    /// Title of the item column in the data table, e.g. `"Service"`.
    public var labelTitle: String
    /// Title of the value axis with its unit, e.g. `"Effective cost (USD)"`.
    public var valueAxisTitle: String

    public init(
        id: String, title: String, description: String, bars: [Bar], unit: String, labelTitle: String,
        valueAxisTitle: String
    ) {
        self.id = id; self.title = title; self.description = description; self.bars = bars
        self.unit = unit; self.labelTitle = labelTitle; self.valueAxisTitle = valueAxisTitle
    }

    /// The chart as a `<figure>` with its SVG and a data table.
    public func render() -> HTMLFragment {
        let table = ChartSupport.dataTable(
            caption: "\(title): data", header: [labelTitle, valueAxisTitle],
            rows: bars.map { [$0.label, ChartSupport.valueLabel($0.value, unit: unit)] }
        )
        guard !bars.isEmpty else {
            return ChartSupport.figure(
                id: id, title: title, description: description, height: 120,
                svgBody: ChartSupport.emptyBody(height: 120), dataTable: table
            )
        }
        let layout = HorizontalBarsLayout(
            rows: bars.map {
                HorizontalBarsLayout.Row(
                    label: $0.label, from: 0, to: $0.value,
                    fill: $0.value < 0 ? ChartPalette.increase : ChartPalette.total,
                    valueText: ChartSupport.valueLabel($0.value, unit: unit)
                )
            },
            valueAxisTitle: valueAxisTitle
        )
        return ChartSupport.figure(
            id: id, title: title, description: description, height: layout.height, svgBody: layout.render(), dataTable: table
        )
    }
}
