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

    /// Appends the cells and CRLF to `output` in place (no array of encoded cells per row: the
    /// daily cost file has a row per resource, day and category).
    public mutating func appendRow(_ cells: [Cell]) {
        for (index, cell) in cells.enumerated() {
            if index > 0 { output.append(",") }
            switch cell {
            case .number(let value): Self.append(value ?? "", to: &output)
            case .text(let value): Self.append(Self.neutralised(value ?? ""), to: &output)
            }
        }
        output.append("\r\n")
    }

    /// Prefixes `'` to text a spreadsheet would evaluate as a formula.
    public static func neutralised(_ text: String) -> String {
        guard let first = text.unicodeScalars.first else { return text }
        switch first {
        case "=", "+", "-", "@", "\t", "\r": return "'" + text
        default: return text
        }
    }

    /// Appends `text`, quoted (its quotes doubled) when it holds a comma, quote, CR or LF. These
    /// are ASCII, so they are looked for in the UTF-8: a comma followed by a combining mark is one
    /// `Character` but still a comma to a CSV reader.
    static func append(_ text: String, to output: inout String) {
        let needsQuotes = text.utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0D || $0 == 0x0A }
        guard needsQuotes else { return output.append(text) }
        output.append("\"")
        for scalar in text.unicodeScalars {  // by scalar: a quote before a combining mark is doubled too
            if scalar == "\"" { output.unicodeScalars.append(scalar) }
            output.unicodeScalars.append(scalar)
        }
        output.append("\"")
    }
}
