import CSVParsing
import Contract

/// Maps a CSV header onto the columns of a contract table by name (trimmed, ignoring case), for
/// the formats whose headers are the table's own column names (`usage`, `containers`).
struct ContractHeader {
    /// For each column of the table, in table order: the field position, or nil when the file lacks it.
    let positions: [Int?]
    /// Header cells that feed no column, in file order.
    let ignoredColumns: [String]
    /// The header cells as the file has them.
    let header: [String]
    /// The file as given (for errors).
    let file: String
    /// For each column of the table: its name, and whether an import must supply it.
    let columns: [(name: String, required: Bool)]

    /// - Parameters:
    ///   - overrides: column -> the header name to read it from instead of its own name.
    ///   - hint: what to do when required columns are missing (ends the error message).
    /// - Throws: `ImportFileError` naming every required column (NOT NULL without a default) the header lacks.
    init<Row>(_ header: [String], table: ContractTable<Row>, overrides: [String: String] = [:], file: String, hint: String) throws {
        let normalised = header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        var positions: [Int?] = []
        var missing: [String] = []
        for column in table.columns {
            let wanted = (overrides[column.name] ?? column.name).trimmingCharacters(in: .whitespaces).lowercased()
            let position = normalised.firstIndex(of: wanted)
            if position == nil && column.required {
                missing.append(overrides[column.name].map { "\(column.name) (header \($0))" } ?? column.name)
            }
            positions.append(position)
        }
        guard missing.isEmpty else {
            throw ImportFileError(file: file, message: "the header lacks \(missing.joined(separator: ", ")); \(hint)")
        }
        let used = Set(positions.compactMap { $0 })
        self.positions = positions
        self.ignoredColumns = header.indices.filter { !used.contains($0) }.map { header[$0] }
        self.header = header
        self.file = file
        self.columns = table.columns.map { ($0.name, $0.required) }
    }

    /// An error at field `position` (0-based; nil: the whole row) of `record`, naming file, line and column.
    func failure(_ record: CSVRecord, _ position: Int?, _ message: String) -> ImportRowError {
        ImportRowError(
            file: file, line: record.line, column: position.map { $0 + 1 },
            columnName: position.flatMap { header.indices.contains($0) ? header[$0] : nil }, message: message)
    }

    /// The record's text in table order: `convert` turns each non-empty cell (column index, field
    /// position, text) into the text PostgreSQL reads; a cell the file lacks or leaves empty is
    /// `empty(column index)` (default NULL).
    /// - Throws: `ImportRowError` for a syntax problem, a field count unlike the header's, an empty
    ///   required cell, or what `convert` throws.
    func row(_ record: CSVRecord, empty: (Int) -> String? = { _ in nil }, _ convert: (Int, Int, String) throws -> String) throws -> [String?] {
        if let problem = record.problem { throw failure(record, problem.column - 1, problem.message) }
        guard record.fields.count == header.count else {
            throw failure(record, nil, "the row has \(record.fields.count) fields but the header has \(header.count) (an unquoted comma or a missing quote?)")
        }
        var row: [String?] = []
        row.reserveCapacity(columns.count)
        for index in columns.indices {
            guard let position = positions[index], !record.fields[position].isEmpty else {
                if columns[index].required { throw failure(record, positions[index], "\(columns[index].name) is empty but required") }
                row.append(empty(index))
                continue
            }
            row.append(try convert(index, position, record.fields[position]))
        }
        return row
    }

    /// A timestamp cell as PostgreSQL reads it (ISO 8601, no zone meaning UTC).
    /// - Throws: `ImportRowError` showing the expected form, e.g. `2024-01-01T00:00:00Z`.
    func timestamp(_ record: CSVRecord, _ position: Int, _ text: String, example: String) throws -> String {
        guard let value = FieldParsers.timestamp(text) else {
            throw failure(record, position, "\(FieldParsers.quote(text)) is not a timestamp (expected e.g. \(example))")
        }
        return value
    }

    /// An interval cell: a whole number of seconds > 0.
    /// - Throws: `ImportRowError` naming the cell; `example` ends the message when given.
    func seconds(_ record: CSVRecord, _ position: Int, _ text: String, example: String? = nil) throws -> String {
        guard let value = FieldParsers.integer(text), value > 0 else {
            throw failure(record, position, "\(FieldParsers.quote(text)) is not a positive whole number of seconds" + (example.map { " (e.g. \($0))" } ?? ""))
        }
        return String(value)
    }
}
