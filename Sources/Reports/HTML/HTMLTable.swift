import CostModel
import Foundation

/// A data table: a complete, plain `<table>` (readable without JavaScript and in print) that the
/// page script (`HTMLTableScript`) enhances with sortable column headers and filter selects.
///
/// Sorting uses each cell's `data-sort` key, or its text when it has none. Every cell of a
/// filterable column carries `data-filter` (its `filterValue`, or its text), which the filter
/// selects compare exactly. Body cells must not span columns.
/// Footer rows (totals) stay below the body and are never sorted or filtered.
public struct HTMLTable: Sendable {
    /// Horizontal alignment of a column's cells.
    public enum Alignment: String, Sendable {
        case left, right, center
    }

    /// How a column sorts: by number (`data-sort` parsed as a decimal), by text (natural, case
    /// insensitive) or by date (ISO 8601 keys compared as text).
    public enum SortType: String, Sendable {
        case number, text, date
    }

    /// A column. `sortType` `nil` makes the column not sortable; `isFilterable` adds a select
    /// listing the column's distinct values.
    public struct Column: Sendable {
        public var title: String
        public var alignment: Alignment
        public var sortType: SortType?
        public var isFilterable: Bool

        /// Defaults: left aligned, sorted as text, not filterable.
        public init(_ title: String, alignment: Alignment = .left, sortType: SortType? = .text, isFilterable: Bool = false) {
            self.title = title
            self.alignment = alignment
            self.sortType = sortType
            self.isFilterable = isFilterable
        }

        /// A right-aligned column sorted by number (money, counts, percentages).
        public static func number(_ title: String) -> Column {
            Column(title, alignment: .right, sortType: .number)
        }
    }

    /// A cell: its markup, the machine sort key and the filter value (both default to the text).
    public struct Cell: Sendable {
        public var content: HTMLFragment
        /// Written to `data-sort`; `nil` sorts by the cell's text.
        public var sortKey: String?
        /// Written to `data-filter`; `nil` filters by the cell's text.
        public var filterValue: String?

        /// Cell from finished markup. Give `filterValue` when the column is filterable and the
        /// markup's text is not the value to filter on.
        public init(content: HTMLFragment, sortKey: String? = nil, filterValue: String? = nil) {
            self.content = content
            self.sortKey = sortKey
            self.filterValue = filterValue
        }

        /// Text from the data: escaped and isolated in `<bdi>`; sorts and filters by the text.
        public static func text(_ text: String, sortKey: String? = nil) -> Cell {
            Cell(content: .isolated(text), sortKey: sortKey)
        }

        /// Text from the data, escaped but without a `<bdi>`: for pages whose style isolates every
        /// cell (`td, th { unicode-bidi: isolate; }`, as the report's does). Lighter on large tables
        /// (a 5,000-row table sorts about 2.5x faster); sorts and filters by the text.
        public static func plain(_ text: String, sortKey: String? = nil) -> Cell {
            Cell(content: .text(text), sortKey: sortKey)
        }

        /// A number shown as `display`, sorted by `value` (exact decimal text).
        public static func number(_ display: String, value: Decimal) -> Cell {
            Cell(content: .text(display), sortKey: Money.plain(value))
        }

        /// Money shown with thousands separators and currency (`"12,345.67 USD"`), sorted by amount.
        public static func money(_ amount: Decimal, currency: String) -> Cell {
            number(DisplayFormat.money(amount, currency: currency), value: amount)
        }

        /// An integer shown grouped (`"5,000"`), sorted by value.
        public static func integer(_ value: Int) -> Cell {
            number(DisplayFormat.integer(value), value: Decimal(value))
        }

        /// A date shown as `display`, sorted by `isoKey` (e.g. `"2026-11-01"`).
        public static func date(_ display: String, isoKey: String) -> Cell {
            Cell(content: .isolated(display), sortKey: isoKey)
        }

        /// An empty cell, sorted last.
        public static let empty = Cell(content: .empty, sortKey: "")
    }

    /// Unique on the page; used (slugified) for the element ids.
    public var id: String
    /// The visible caption (what the table lists).
    public var caption: String
    public var columns: [Column]
    /// Body rows: one cell per column.
    public var rows: [[Cell]]
    /// Footer rows (e.g. totals): one cell per column.
    public var footerRows: [[Cell]]

    /// Tables with more body rows than this (200) are laid out by the browser only when they come
    /// near the screen (`content-visibility: auto`): a 5,000-row table then loads about 4x faster.
    public static let deferredLayoutRowCount = 200

    public init(id: String, caption: String, columns: [Column], rows: [[Cell]], footerRows: [[Cell]] = []) {
        self.id = id
        self.caption = caption
        self.columns = columns
        self.rows = rows
        self.footerRows = footerRows
    }

    /// The table with its (initially hidden) filter controls and the row count above it.
    public func render() -> HTMLFragment {
        let tableID = HTML.identifier(id)
        var out = ""
        out.reserveCapacity(256 + rows.count * columns.count * 48)
        out += "<div class=\"data-table\" id=\"\(tableID)\">"
        out += renderControls(tableID: tableID)
        out += "<p class=\"table-count\" aria-live=\"polite\">\(DisplayFormat.integer(rows.count)) \(rows.count == 1 ? "row" : "rows")</p>"
        out += rows.count > Self.deferredLayoutRowCount ? "<div class=\"table-scroll deferred\">" : "<div class=\"table-scroll\">"
        out += "<table data-sortable>"
        out += "<caption>\(HTML.escape(caption))</caption><thead><tr>"
        for column in columns {
            out += "<th scope=\"col\""
            out += Self.alignmentClass(column.alignment)
            if let sortType = column.sortType { out += " data-sort-type=\"\(sortType.rawValue)\"" }
            out += ">\(HTML.escape(column.title))</th>"
        }
        out += "</tr></thead><tbody>\n"
        for row in rows { appendRow(row, to: &out, includeFilters: true) }
        out += "</tbody>"
        if !footerRows.isEmpty {
            out += "<tfoot>\n"
            for row in footerRows { appendRow(row, to: &out, includeFilters: false) }
            out += "</tfoot>"
        }
        out += "</table></div>"
        out += "</div>\n"
        return HTMLFragment(raw: out)
    }

    func appendRow(_ row: [Cell], to out: inout String, includeFilters: Bool) {
        out += "<tr>"
        for (index, cell) in row.enumerated() {
            let column = index < columns.count ? columns[index] : Column("")
            out += "<td"
            out += Self.alignmentClass(column.alignment)
            if let sortKey = cell.sortKey { out += " data-sort=\"\(HTML.escape(sortKey))\"" }
            if includeFilters, column.isFilterable {
                out += " data-filter=\"\(HTML.escape(filterText(cell)))\""
            }
            out += ">" + cell.content.raw + "</td>"
        }
        out += "</tr>\n"
    }

    /// One select per filterable column (values sorted, "All" first) inside a block the script
    /// reveals; without JavaScript it stays hidden because it could not work.
    func renderControls(tableID: String) -> String {
        let filterable = columns.enumerated().filter { $0.element.isFilterable }
        guard !filterable.isEmpty else { return "" }
        var out = "<div class=\"table-controls\" hidden>"
        for (index, column) in filterable {
            let values = Set(rows.map { row in index < row.count ? filterText(row[index]) : "" }).sorted()
            let selectID = "\(tableID)-filter-\(index)"
            out += "<label for=\"\(selectID)\">\(HTML.escape(column.title))</label>"
            out += "<select id=\"\(selectID)\" data-column=\"\(index)\"><option value=\"\">All</option>"
            for value in values {
                let label = value.isEmpty ? "(blank)" : value
                out += "<option value=\"=\(HTML.escape(value))\">\(HTML.escape(label))</option>"
            }
            out += "</select>"
        }
        out += "</div>"
        return out
    }

    /// The value a filter compares: the explicit filter value, else the cell's text.
    func filterText(_ cell: Cell) -> String {
        cell.filterValue ?? Self.textContent(of: cell.content)
    }

    /// The text a browser's `textContent` gives for `fragment`: tags removed, the character
    /// references that `HTML.escape` writes decoded.
    static func textContent(of fragment: HTMLFragment) -> String {
        let ampersand = UInt8(ascii: "&")
        // Most cells are plain text: no tag, no reference.
        if !fragment.raw.utf8.contains(UInt8(ascii: "<")) && !fragment.raw.utf8.contains(ampersand) { return fragment.raw }
        var text = ""
        var insideTag = false
        for character in fragment.raw {
            if insideTag {
                if character == ">" { insideTag = false }
            } else if character == "<" {
                insideTag = true
            } else {
                text.append(character)
            }
        }
        guard text.utf8.contains(ampersand) else { return text }
        return text
            .replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    static func alignmentClass(_ alignment: Alignment) -> String {
        switch alignment {
        case .left: return ""
        case .right: return " class=\"num\""
        case .center: return " class=\"ctr\""
        }
    }
}
