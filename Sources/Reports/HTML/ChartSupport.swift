import Foundation

/// Small shared pieces of the SVG charts: coordinates, text measures and the `<figure>` frame.
enum ChartSupport {
    /// Width of every chart's coordinate system (`viewBox`), in SVG user units (CSS pixels at 100%).
    static let width: Double = 720
    /// Font size of chart text, in user units.
    static let fontSize: Double = 12
    /// Estimated advance of one character at `fontSize` in a system sans-serif font.
    static let characterWidth: Double = 6.2

    /// A coordinate rounded to one decimal, without a trailing `.0`: `12`, `12.5`, `-0.5`.
    static func coordinate(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let tenths = Int((value * 10).rounded())
        let magnitude = abs(tenths)
        var text = String(magnitude / 10)
        if magnitude % 10 != 0 { text += "." + String(magnitude % 10) }
        return (tenths < 0 ? "-" : "") + text
    }

    /// `text` cut to at most `limit` characters, ending in `…` when cut.
    static func truncated(_ text: String, limit: Int) -> String {
        guard text.count > limit, limit > 1 else { return text }
        return String(text.prefix(limit - 1)) + "…"
    }

    /// Estimated rendered width of `text` at `fontSize`.
    static func textWidth(_ text: String) -> Double {
        Double(text.count) * characterWidth
    }

    /// A value label with the unit's minor digits: `"1,234.50 USD"`.
    static func valueLabel(_ value: Decimal, unit: String, signed: Bool = false) -> String {
        DisplayFormat.money(value, currency: unit, signed: signed)
    }

    /// `<text>` with escaped content. `anchor` is `start`, `middle` or `end`.
    static func text(
        _ content: String, x: Double, y: Double, anchor: String = "start", className: String? = nil,
        transform: String? = nil
    ) -> HTMLFragment {
        var attributes: [(String, String?)] = [
            ("x", coordinate(x)), ("y", coordinate(y)),
        ]
        if anchor != "start" { attributes.append(("text-anchor", anchor)) }
        attributes.append(("class", className))
        attributes.append(("transform", transform))
        return .element("text", attributeList: attributes, children: [.text(content)])
    }

    /// A filled `<rect>` with a tooltip `<title>`; zero-height or zero-width rectangles get 0.5.
    static func rect(x: Double, y: Double, width: Double, height: Double, fill: String, tooltip: String) -> HTMLFragment {
        .element(
            "rect",
            attributeList: [
                ("x", coordinate(x)), ("y", coordinate(y)),
                ("width", coordinate(max(width, 0.5))), ("height", coordinate(max(height, 0.5))),
                ("fill", fill),
            ],
            children: [.element("title", children: [.text(tooltip)])]
        )
    }

    /// A line segment styled by `className` (see the page CSS: `grid`, `axis`, `zero`, `connector`).
    static func line(x1: Double, y1: Double, x2: Double, y2: Double, className: String) -> HTMLFragment {
        HTMLFragment(
            raw: "<line x1=\"\(coordinate(x1))\" y1=\"\(coordinate(y1))\" x2=\"\(coordinate(x2))\" y2=\"\(coordinate(y2))\" class=\"\(className)\"></line>"
        )
    }

    /// The complete `<figure>`: a visible caption, the accessible SVG (`role="img"`, labelled by
    /// its `<title>` and `<desc>`), and the data as a table for screen readers and print.
    static func figure(
        id: String, title: String, description: String, height: Double, svgBody: HTMLFragment,
        dataTable: HTMLFragment
    ) -> HTMLFragment {
        let chartID = HTML.identifier(id)
        let svg: HTMLFragment = """
            <svg xmlns="http://www.w3.org/2000/svg" class="chart-svg" role="img" \
            aria-labelledby="\(chartID)-title \(chartID)-desc" viewBox="0 0 \(coordinate(width)) \(coordinate(height))" \
            width="\(coordinate(width))" height="\(coordinate(height))" font-size="\(coordinate(fontSize))">\
            <title id="\(chartID)-title">\(title)</title><desc id="\(chartID)-desc">\(description)</desc>\
            \(svgBody)</svg>
            """
        return """
            <figure class="chart" id="\(chartID)"><figcaption><span class="chart-title">\(title)</span> \
            <span class="chart-desc">\(description)</span></figcaption>\(svg)\(dataTable)</figure>

            """
    }

    /// The "No data" drawing shown by every chart without values.
    static func emptyBody(height: Double) -> HTMLFragment {
        text("No data", x: width / 2, y: height / 2, anchor: "middle", className: "chart-empty")
    }

    /// The text equivalent of a chart: a table, visually hidden on screen, shown in print.
    static func dataTable(
        caption: String, header: [String], rows: [[String]], numericColumnsFrom firstNumeric: Int = 1
    ) -> HTMLFragment {
        let head = header.enumerated().map { index, title -> HTMLFragment in
            index >= firstNumeric ? "<th scope=\"col\" class=\"num\">\(title)</th>" : "<th scope=\"col\">\(title)</th>"
        }
        let body: [HTMLFragment]
        if rows.isEmpty {
            body = ["<tr><td colspan=\"\(max(1, header.count))\">No data</td></tr>"]
        } else {
            body = rows.map { cells in
                let rendered = cells.enumerated().map { index, cell -> HTMLFragment in
                    if index == 0 { return "<th scope=\"row\"><bdi>\(cell)</bdi></th>" }
                    return index >= firstNumeric ? "<td class=\"num\">\(cell)</td>" : "<td><bdi>\(cell)</bdi></td>"
                }
                return "<tr>\(rendered)</tr>"
            }
        }
        return """
            <table class="chart-data visually-hidden"><caption>\(caption)</caption>\
            <thead><tr>\(head)</tr></thead><tbody>\(body)</tbody></table>
            """
    }
}
