import Foundation

/// Builds RFC 4180 CSV text: comma separated, CRLF line ends, fields quoted when they contain a
/// comma, quote, CR or LF. Text cells that a spreadsheet would run as a formula (starting with
/// `=`, `+`, `-`, `@`, tab or carriage return) get a leading `'`; numeric cells are written as
/// given and never altered.
public struct CSVWriter {
    /// A cell: text (neutralised against formulas) or a plain number (written verbatim).
    public enum Cell {
        case text(String?)
        case number(String?)
    }

    public private(set) var output = ""

    public init(header: [String]) {
        appendRow(header.map { Cell.text($0) })
    }

    public mutating func appendRow(_ cells: [Cell]) {
        output += cells.map(Self.encode).joined(separator: ",")
        output += "\r\n"
    }

    static func encode(_ cell: Cell) -> String {
        switch cell {
        case .number(let value):
            return quoteIfNeeded(value ?? "")
        case .text(let value):
            return quoteIfNeeded(neutralised(value ?? ""))
        }
    }

    /// Prefixes `'` to text a spreadsheet would evaluate as a formula.
    public static func neutralised(_ text: String) -> String {
        guard let first = text.unicodeScalars.first else { return text }
        switch first {
        case "=", "+", "-", "@", "\t", "\r": return "'" + text
        default: return text
        }
    }

    static func quoteIfNeeded(_ text: String) -> String {
        let needsQuotes = text.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }
        guard needsQuotes else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
