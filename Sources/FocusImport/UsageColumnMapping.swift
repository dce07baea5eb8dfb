import Foundation

/// Where each `usage_samples` column is found in one usage CSV, and how to read it.
///
/// By default a header feeds the column of the same name (any order, ignoring case);
/// `overrides` maps a column to another header name (`--column cpu_utilization=CPU %`). With
/// `percent`, `cpu_utilization` and `memory_utilization` are given as 0..100 and divided by 100.
public struct UsageColumnMapping: Sendable, Hashable {
    /// A `usage_samples` column and how its text is checked.
    public enum Kind: Sendable, Hashable { case text, timestamp, integer, number, utilisation }

    /// The `usage_samples` columns in table order: (name, kind, required).
    public static let columns: [(name: String, kind: Kind, required: Bool)] = [
        ("resource_id", .text, true), ("sampled_at", .timestamp, true), ("interval_seconds", .integer, true),
        ("cpu_utilization", .utilisation, false), ("memory_utilization", .utilisation, false),
        ("network_bytes", .number, false), ("disk_iops", .number, false), ("requests", .number, false),
        ("connections", .number, false),
    ]

    /// For each of `columns`: the field position, or nil when the file lacks it (NULL).
    public let positions: [Int?]
    public let header: [String]
    /// Headers that feed no column, in file order.
    public let ignoredColumns: [String]
    /// Utilisation given as 0..100 (default false: fractions 0..1).
    public let percent: Bool

    /// - Parameter overrides: column name -> header name.
    /// - Throws: `ImportFileError` for an override naming no `usage_samples` column or a missing
    ///   required column (resource_id, sampled_at, interval_seconds).
    public init(header: [String], overrides: [String: String] = [:], percent: Bool = false, file: String) throws {
        let names = Self.columns.map(\.name)
        for key in overrides.keys.sorted() where !names.contains(key) {
            throw ImportFileError(file: file, message: "--column \(key)=...: \(key) is not a usage_samples column (one of \(names.joined(separator: ", ")))")
        }
        let normalised = header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        var positions: [Int?] = []
        var missing: [String] = []
        for column in Self.columns {
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
        self.percent = percent
    }

    /// The row's text in `columns` order (nil for NULL).
    /// - Throws: `ImportRowError` naming the line and column.
    public func convert(_ record: CSVRecord, file: String) throws -> [String?] {
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
        row.reserveCapacity(Self.columns.count)
        for (index, column) in Self.columns.enumerated() {
            guard let position = positions[index], !record.fields[position].isEmpty else {
                if column.required { throw failure(positions[index], "\(column.name) is empty but required") }
                row.append(nil)
                continue
            }
            let text = record.fields[position]
            switch column.kind {
            case .text:
                row.append(text)
            case .timestamp:
                guard let value = FieldParsers.timestamp(text) else {
                    throw failure(position, "\(FocusRowConverter.quote(text)) is not a timestamp (expected e.g. 2024-01-01T00:00:00Z)")
                }
                row.append(value)
            case .integer:
                guard let value = FieldParsers.integer(text), value > 0 else {
                    throw failure(position, "\(FocusRowConverter.quote(text)) is not a positive whole number of seconds")
                }
                row.append(String(value))
            case .number:
                guard let value = FieldParsers.double(text) else {
                    throw failure(position, "\(FocusRowConverter.quote(text)) is not a number")
                }
                row.append(value.isNaN ? "NaN" : text)
            case .utilisation:
                guard let value = FieldParsers.double(text), !value.isNaN, value >= 0 else {
                    throw failure(position, "\(FocusRowConverter.quote(text)) is not a utilisation (a number >= 0)")
                }
                if percent {
                    if value > 1000 { throw failure(position, "\(FocusRowConverter.quote(text)) is not a percentage (0..100)") }
                    row.append(String(value / 100))
                } else {
                    if value > 10 {
                        throw failure(position, "\(FocusRowConverter.quote(text)) is above 10, so it looks like a percentage: rerun with --percent")
                    }
                    row.append(text)
                }
            }
        }
        return row
    }
}
