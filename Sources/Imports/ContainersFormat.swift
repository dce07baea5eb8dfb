import CSVParsing
import Contract
import Foundation

/// Container usage CSVs -> `container_usage_samples` (DESIGN.md §2.2).
///
/// The header names the table's columns (any order, ignoring case; other columns are ignored and
/// counted). Required: `cluster`, `namespace`, `pod`, `container`, `sampled_at`, `interval_seconds`.
/// Requests, limits and usage are numbers >= 0 (cores, bytes; exponents allowed), empty for unknown;
/// `labels` is a JSON object of strings (empty: `{}`). A re-import replaces, per cluster in the file,
/// the samples between the file's first and last `sampled_at` of that cluster.
public struct ContainersFormat: ImportFormat {
    public static let name = "containers"
    static let table = ContainerUsageSamplesTable.table
    public static let destination = ImportDestination.replaceRange(
        table: table.name, columns: table.columnNames, partition: "cluster", time: "sampled_at")

    /// The header mapped onto the `container_usage_samples` columns.
    let mapped: ContractHeader
    public var ignoredColumns: [String] { mapped.ignoredColumns }

    /// - Throws: `ImportFileError` naming the required columns the header lacks.
    public init(header: [String], file: String, settings: ImportSettings = ImportSettings()) throws {
        self.mapped = try ContractHeader(
            header, table: Self.table, file: file,
            hint: "name the header cells like the container_usage_samples columns (any order): \(Self.table.columnNames.joined(separator: ", "))")
    }

    /// The row's text in table order (nil for NULL).
    /// - Throws: `ImportRowError` naming the line, the column and the expected form.
    public func row(_ record: CSVRecord) throws -> [String?] {
        func failure(_ position: Int, _ message: String) -> ImportRowError { mapped.failure(record, position, message) }
        return try mapped.row(record, empty: { Self.table.columns[$0].type == .jsonb ? "{}" : nil }) { index, position, text in
            let column = Self.table.columns[index]
            let quoted = FieldParsers.quote(text)
            switch column.type {
            case .text:
                return text
            case .jsonb:
                guard Self.isStringObject(text) else {
                    throw failure(position, "\(quoted) is not a JSON object of strings (expected e.g. {\"app.kubernetes.io/name\":\"checkout\",\"team\":\"payments\"})")
                }
                return text
            case .timestamptz:
                return try mapped.timestamp(record, position, text, example: "2026-11-01T10:05:00Z")
            case .integer, .smallint:
                return try mapped.seconds(record, position, text, example: "300")
            case .real, .doublePrecision, .numeric:
                guard let value = FieldParsers.double(text), value.isFinite, value >= 0 else {
                    throw failure(position, "\(quoted) is not a number >= 0 (\(Self.unit(column.name)), e.g. \(Self.example(column.name)))")
                }
                return text
            }
        }
    }

    /// True when `text` is one JSON object whose values are all strings (pod labels).
    static func isStringObject(_ text: String) -> Bool {
        guard FieldParsers.jsonObject(text) != nil else { return false }
        return (try? JSONDecoder().decode([String: String].self, from: Data(text.utf8))) != nil
    }

    static func unit(_ column: String) -> String { column.hasPrefix("cpu_") ? "cores" : "bytes" }
    static func example(_ column: String) -> String { column.hasPrefix("cpu_") ? "0.25" : "536870912" }
}
