/// Turns one CSV record of a FOCUS file into the text of a `billing_line_items` row (in
/// `FocusColumns.all` order, nil for NULL), checking every value: empty strings become NULL,
/// timestamps are normalised to UTC offsets, decimals are kept digit for digit, Tags must be a
/// JSON object (`{}` when empty).
public struct FocusRowConverter: Sendable {
    public let mapping: FocusHeaderMapping
    /// The file name used in errors.
    public let file: String

    public init(mapping: FocusHeaderMapping, file: String) {
        self.mapping = mapping
        self.file = file
    }

    /// - Throws: `ImportRowError` naming the line, the column and the problem.
    public func convert(_ record: CSVRecord) throws -> [String?] {
        if let problem = record.problem {
            throw ImportRowError(
                file: file, line: record.line, column: problem.column, columnName: headerName(problem.column - 1),
                message: problem.message)
        }
        guard record.fields.count == mapping.header.count else {
            throw ImportRowError(
                file: file, line: record.line, column: nil, columnName: nil,
                message: "the row has \(record.fields.count) fields but the header has \(mapping.header.count) (an unquoted comma or a missing quote?)")
        }
        var row: [String?] = []
        row.reserveCapacity(FocusColumns.all.count)
        for (index, column) in FocusColumns.all.enumerated() {
            var position: Int?
            for candidate in mapping.sources[index] where !record.fields[candidate].isEmpty {
                position = candidate
                break
            }
            guard let position else {
                if column.kind == .json {
                    row.append("{}")
                } else if column.required {
                    let at = mapping.sources[index].first
                    throw ImportRowError(
                        file: file, line: record.line, column: at.map { $0 + 1 }, columnName: at.map(headerName) ?? column.focusNames[0],
                        message: "\(column.focusNames[0]) is empty but required")
                } else {
                    row.append(nil)
                }
                continue
            }
            let text = record.fields[position]
            switch column.kind {
            case .text:
                row.append(text)
            case .timestamp:
                guard let value = FieldParsers.timestamp(text) else {
                    throw error(record, position, "\(Self.quote(text)) is not a timestamp (expected e.g. 2024-01-01T00:00:00Z)")
                }
                row.append(value)
            case .decimal:
                guard let value = FieldParsers.decimal(text) else {
                    throw error(record, position, "\(Self.quote(text)) is not a decimal number (expected e.g. 12.3456, no thousands separators or currency signs)")
                }
                row.append(value)
            case .json:
                guard let value = FieldParsers.jsonObject(text) else {
                    throw error(record, position, "\(Self.quote(text)) is not a JSON object (expected e.g. {\"team\":\"payments\"})")
                }
                row.append(value)
            }
        }
        return row
    }

    private func error(_ record: CSVRecord, _ position: Int, _ message: String) -> ImportRowError {
        ImportRowError(file: file, line: record.line, column: position + 1, columnName: headerName(position), message: message)
    }

    private func headerName(_ position: Int) -> String? {
        mapping.header.indices.contains(position) ? mapping.header[position] : nil
    }

    /// The value in quotes, shortened to 60 characters.
    static func quote(_ text: String) -> String {
        "\"" + (text.count > 60 ? String(text.prefix(57)) + "..." : text) + "\""
    }
}
