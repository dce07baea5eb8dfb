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

    /// The header mapped onto the `usage_samples` columns.
    let mapped: ContractHeader
    public var ignoredColumns: [String] { mapped.ignoredColumns }
    /// Utilisation given as 0..100 (default false: fractions 0..1).
    public let percent: Bool

    /// - Throws: `ImportFileError` for an override naming no `usage_samples` column or a missing
    ///   required column (resource_id, sampled_at, interval_seconds).
    public init(header: [String], file: String, settings: ImportSettings = ImportSettings()) throws {
        let overrides = settings.usageColumns
        let names = Self.table.columnNames
        for key in overrides.keys.sorted() where !names.contains(key) {
            throw ImportFileError(file: file, message: "--column \(key)=...: \(key) is not a usage_samples column (one of \(names.joined(separator: ", ")))")
        }
        self.mapped = try ContractHeader(
            header, table: Self.table, overrides: overrides, file: file, hint: "name the header with --column COLUMN=HEADER")
        self.percent = settings.usagePercent
    }

    /// The row's text in table order (nil for NULL).
    /// - Throws: `ImportRowError` naming the line and column.
    public func row(_ record: CSVRecord) throws -> [String?] {
        func failure(_ position: Int, _ message: String) -> ImportRowError { mapped.failure(record, position, message) }
        return try mapped.row(record) { index, position, text in
            let column = Self.table.columns[index]
            let quoted = FieldParsers.quote(text)
            switch column.type {
            case .text, .jsonb:
                return text
            case .timestamptz:
                return try mapped.timestamp(record, position, text, example: "2024-01-01T00:00:00Z")
            case .integer, .smallint:
                return try mapped.seconds(record, position, text)
            case .real, .doublePrecision, .numeric:
                if Self.utilisationColumns.contains(column.name) {
                    guard let value = FieldParsers.double(text), !value.isNaN, value >= 0 else {
                        throw failure(position, "\(quoted) is not a utilisation (a number >= 0)")
                    }
                    if percent {
                        if value > 1000 { throw failure(position, "\(quoted) is not a percentage (0..100)") }
                        return String(value / 100)
                    } else {
                        if value > 10 { throw failure(position, "\(quoted) is above 10, so it looks like a percentage: rerun with --percent") }
                        return text
                    }
                } else {
                    guard let value = FieldParsers.double(text) else { throw failure(position, "\(quoted) is not a number") }
                    return value.isNaN ? "NaN" : text
                }
            }
        }
    }
}
