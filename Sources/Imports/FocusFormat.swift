import CSVParsing
import Contract

/// FOCUS 1.0 to 1.2 CSV exports -> `billing_line_items`. The header decides where each column of
/// `BillingLineItemsTable` is read from (its FOCUS names, exactly or ignoring case and surrounding
/// spaces, any order; 1.0-preview spellings too); other columns are ignored and counted (`x_`
/// provider columns apart). Each record is checked value by value:
/// - NULL: an empty cell or an unquoted `NULL`; a quoted `"NULL"` too in a number, timestamp or
///   JSON column (counted in `quotedNulls`), while in a text column it is the text NULL;
/// - a null required column is a row error naming file, line and column;
/// - timestamps (`FieldParsers.timestamp`) are normalised to UTC offsets, decimals
///   (`FieldParsers.decimal`, exponents included) kept digit for digit, Tags a JSON object (`{}`
///   when null).
public struct FocusFormat: ImportFormat {
    public static let name = "FOCUS"
    public static let destination = ImportDestination.billingLineItems
    static let columns = BillingLineItemsTable.table.columns

    /// For each column of `BillingLineItemsTable`: the field positions (0-based) to try, in priority order.
    public let sources: [[Int]]
    /// The header as read (for error messages).
    public let header: [String]
    public let ignoredColumns: [String]
    /// The file name used in errors.
    public let file: String
    /// Ignored header cells that are provider `x_` columns.
    public var providerColumns: Int { ignoredColumns.filter { $0.lowercased().hasPrefix("x_") }.count }
    /// Quoted `"NULL"` cells read as NULL (number, timestamp and JSON columns) so far.
    public private(set) var quotedNulls = 0

    /// Maps `header`. - Throws: `ImportFileError` listing the required FOCUS columns that are missing.
    public init(header: [String], file: String, settings: ImportSettings = ImportSettings()) throws {
        let normalised = header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        var used = Set<Int>()
        var sources: [[Int]] = []
        var missing: [String] = []
        for column in Self.columns {
            guard let focus = column.focus else { continue }
            var positions: [Int] = []
            for name in focus.readNames {
                if let position = normalised.firstIndex(of: name.lowercased()) {
                    positions.append(position)
                    used.insert(position)
                }
            }
            if positions.isEmpty && column.required { missing.append(focus.requiredBy) }
            sources.append(positions)
        }
        guard missing.isEmpty else {
            throw ImportFileError(
                file: file,
                message: "the header lacks the required FOCUS column(s) \(missing.joined(separator: ", ")); is this a FOCUS 1.0-1.2 export (header row first, comma-separated)?")
        }
        self.sources = sources
        self.header = header
        self.file = file
        self.ignoredColumns = header.indices.filter { !used.contains($0) }.map { header[$0] }
    }

    /// - Throws: `ImportRowError` naming the line, the column and the problem.
    public mutating func row(_ record: CSVRecord) throws -> [String?] {
        if let problem = record.problem {
            throw ImportRowError(
                file: file, line: record.line, column: problem.column, columnName: headerName(problem.column - 1),
                message: problem.message)
        }
        guard record.fields.count == header.count else {
            throw ImportRowError(
                file: file, line: record.line, column: nil, columnName: nil,
                message: "the row has \(record.fields.count) fields but the header has \(header.count) (an unquoted comma or a missing quote?)")
        }
        var row: [String?] = []
        row.reserveCapacity(Self.columns.count)
        for (index, column) in Self.columns.enumerated() {
            var position: Int?
            for candidate in sources[index] where !isNull(record, candidate, column.type) {
                position = candidate
                break
            }
            guard let position else {
                if column.type == .jsonb {
                    row.append("{}")
                } else if column.required {
                    let at = sources[index].first
                    let focusName = column.focus?.exportName ?? column.name
                    throw ImportRowError(
                        file: file, line: record.line, column: at.map { $0 + 1 }, columnName: at.map(headerName) ?? focusName,
                        message: "\(focusName) is null (empty or NULL) but required by FOCUS")
                } else {
                    row.append(nil)
                }
                continue
            }
            row.append(try value(record.fields[position], type: column.type, record, position))
        }
        return row
    }

    /// Whether the cell at `position` is null for a column of `type` (counting quoted NULLs read as null).
    private mutating func isNull(_ record: CSVRecord, _ position: Int, _ type: SQLType) -> Bool {
        let text = record.fields[position]
        guard !text.isEmpty else { return true }
        guard text == "NULL" else { return false }
        if !record.isQuoted(position) { return true }
        guard type != .text else { return false }
        quotedNulls += 1
        return true
    }

    private func value(_ text: String, type: SQLType, _ record: CSVRecord, _ position: Int) throws -> String {
        switch type {
        case .timestamptz:
            guard let value = FieldParsers.timestamp(text) else {
                throw error(record, position, "\(FieldParsers.quote(text)) is not a timestamp (expected ISO 8601, e.g. 2024-01-01T00:00:00Z, 2024-01-01 00:00:00+02:00 or 2024-01-01; no zone means UTC)")
            }
            return value
        case .numeric, .integer, .smallint, .real, .doublePrecision:
            guard let value = FieldParsers.decimal(text) else {
                throw error(record, position, FieldParsers.decimalProblem(text))
            }
            return value
        case .jsonb:
            guard let value = FieldParsers.jsonObject(text) else {
                throw error(record, position, "\(FieldParsers.quote(text)) is not a JSON object (expected e.g. {\"team\":\"payments\"})")
            }
            return value
        case .text:
            return text
        }
    }

    private func error(_ record: CSVRecord, _ position: Int, _ message: String) -> ImportRowError {
        ImportRowError(file: file, line: record.line, column: position + 1, columnName: headerName(position), message: message)
    }

    private func headerName(_ position: Int) -> String? {
        header.indices.contains(position) ? header[position] : nil
    }
}
