import CSVParsing
import Contract

/// Utilisation CSVs -> `usage_samples`.
///
/// By default a header feeds the column of the same name (any order, ignoring case);
/// `ImportSettings.usageColumns` maps a column to another header name (`--column cpu_utilization=CPU %`).
/// With `usagePercent`, `cpu_utilization` and `memory_utilization` are given as 0..100 and divided by 100.
public struct UsageFormat: ImportFormat {
    public static let name = "usage"
    static let table = UsageSamplesTable.table
    public static let destination = ImportDestination.append(table: table.name, columns: table.columnNames)
    /// The columns read as fractions of capacity (0..1, or 0..100 with `usagePercent`).
    static let utilisationColumns: Set<String> = ["cpu_utilization", "memory_utilization"]

    /// For each column of `UsageSamplesTable`: the field position, or nil when the file lacks it (NULL).
    public let positions: [Int?]
    public let header: [String]
    public let ignoredColumns: [String]
    /// Utilisation given as 0..100 (default false: fractions 0..1).
    public let percent: Bool
    public let file: String

    /// - Throws: `ImportFileError` for an override naming no `usage_samples` column or a missing
    ///   required column (resource_id, sampled_at, interval_seconds).
    public init(header: [String], file: String, settings: ImportSettings = ImportSettings()) throws {
        let overrides = settings.usageColumns
        let names = Self.table.columnNames
        for key in overrides.keys.sorted() where !names.contains(key) {
            throw ImportFileError(file: file, message: "--column \(key)=...: \(key) is not a usage_samples column (one of \(names.joined(separator: ", ")))")
        }
        let normalised = header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        var positions: [Int?] = []
        var missing: [String] = []
        for column in Self.table.columns {
            let wanted = (overrides[column.name] ?? column.name).trimmingCharacters(in: .whitespaces).lowercased()
            let position = normalised.firstIndex(of: wanted)
            if position == nil && column.required {
                missing.append(overrides[column.name].map { "\(column.name) (header \($0))" } ?? column.name)
            }
            positions.append(position)
        }
        guard missing.isEmpty else {
            throw ImportFileError(
                file: file,
                message: "the header lacks \(missing.joined(separator: ", ")); name the header with --column COLUMN=HEADER")
        }
        let used = Set(positions.compactMap { $0 })
        self.positions = positions
        self.header = header
        self.ignoredColumns = header.indices.filter { !used.contains($0) }.map { header[$0] }
        self.percent = settings.usagePercent
        self.file = file
    }

    /// The row's text in table order (nil for NULL).
    /// - Throws: `ImportRowError` naming the line and column.
    public func row(_ record: CSVRecord) throws -> [String?] {
        func failure(_ position: Int?, _ message: String) -> ImportRowError {
            ImportRowError(
                file: file, line: record.line, column: position.map { $0 + 1 },
                columnName: position.flatMap { header.indices.contains($0) ? header[$0] : nil }, message: message)
        }
        if let problem = record.problem { throw failure(problem.column - 1, problem.message) }
        guard record.fields.count == header.count else {
            throw failure(nil, "the row has \(record.fields.count) fields but the header has \(header.count) (an unquoted comma or a missing quote?)")
        }
        var row: [String?] = []
        row.reserveCapacity(Self.table.columns.count)
        for (index, column) in Self.table.columns.enumerated() {
            guard let position = positions[index], !record.fields[position].isEmpty else {
                if column.required { throw failure(positions[index], "\(column.name) is empty but required") }
                row.append(nil)
                continue
            }
            let text = record.fields[position]
            let quoted = FieldParsers.quote(text)
            switch column.type {
            case .text, .jsonb:
                row.append(text)
            case .timestamptz:
                guard let value = FieldParsers.timestamp(text) else {
                    throw failure(position, "\(quoted) is not a timestamp (expected e.g. 2024-01-01T00:00:00Z)")
                }
                row.append(value)
            case .integer, .smallint:
                guard let value = FieldParsers.integer(text), value > 0 else {
                    throw failure(position, "\(quoted) is not a positive whole number of seconds")
                }
                row.append(String(value))
            case .real, .doublePrecision, .numeric:
                if Self.utilisationColumns.contains(column.name) {
                    guard let value = FieldParsers.double(text), !value.isNaN, value >= 0 else {
                        throw failure(position, "\(quoted) is not a utilisation (a number >= 0)")
                    }
                    if percent {
                        if value > 1000 { throw failure(position, "\(quoted) is not a percentage (0..100)") }
                        row.append(String(value / 100))
                    } else {
                        if value > 10 { throw failure(position, "\(quoted) is above 10, so it looks like a percentage: rerun with --percent") }
                        row.append(text)
                    }
                } else {
                    guard let value = FieldParsers.double(text) else { throw failure(position, "\(quoted) is not a number") }
                    row.append(value.isNaN ? "NaN" : text)
                }
            }
        }
        return row
    }
}
