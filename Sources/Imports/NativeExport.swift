import CSVParsing
import CivilTime
import Contract
import CostModel
import Foundation

/// One `billing_line_items` row mapped from a provider's own export (AWS CUR, Azure cost details):
/// column name (snake_case, DESIGN §2 and §2.1) -> text, a column that is absent is NULL. Money
/// and quantities are decimal text PostgreSQL's `numeric` reads exactly; timestamps are
/// `YYYY-MM-DD HH:MM:SS+00:00`; `tags` is a JSON object.
public struct MappedBillingRow: Sendable, Hashable {
    public var values: [String: String] = [:]

    public init() {}

    public subscript(column: String) -> String? {
        get { values[column] }
        set { values[column] = newValue }
    }

    /// The row in `BillingLineItemsTable` order, nil for NULL (what `FileImport` stages).
    public var columns: [String?] { Self.names.map { values[$0] } }

    static let names = BillingLineItemsTable.table.columns.map(\.name)
}

/// Where the columns a native mapper reads sit in one file's header: names match exactly or
/// ignoring case and surrounding spaces; the first of several accepted spellings present wins.
struct NativeHeader {
    let header: [String]
    private let positions: [String: Int]
    private(set) var used = Set<Int>()

    init(header: [String]) {
        self.header = header
        var positions: [String: Int] = [:]
        for (index, name) in header.enumerated() {
            let key = name.trimmingCharacters(in: .whitespaces).lowercased()
            if positions[key] == nil { positions[key] = index }
        }
        self.positions = positions
    }

    /// The position of the first of `names` in the header, marking it used.
    mutating func position(_ names: [String]) -> Int? {
        for name in names {
            if let position = positions[name.lowercased()] {
                used.insert(position)
                return position
            }
        }
        return nil
    }

    /// Marks a column read by other means (e.g. one tag column per key).
    mutating func markUsed(_ position: Int) { used.insert(position) }

    /// Headers no column reads, in file order.
    var ignoredColumns: [String] { header.indices.filter { !used.contains($0) }.map { header[$0] } }
}

/// The cells of one record with the file, line and header needed to name a bad value.
struct NativeCells {
    let record: CSVRecord
    let header: [String]
    let file: String

    /// - Throws: `ImportRowError` when the record has a CSV syntax problem or not one field per header cell.
    init(record: CSVRecord, header: [String], file: String) throws {
        if let problem = record.problem {
            throw ImportRowError(
                file: file, line: record.line, column: problem.column,
                columnName: header.indices.contains(problem.column - 1) ? header[problem.column - 1] : nil, message: problem.message)
        }
        guard record.fields.count == header.count else {
            throw ImportRowError(
                file: file, line: record.line, column: nil, columnName: nil,
                message: "the row has \(record.fields.count) fields but the header has \(header.count) (an unquoted comma or a missing quote?)")
        }
        self.record = record
        self.header = header
        self.file = file
    }

    /// The cell at `position`, nil when the column is absent or the cell empty.
    func text(_ position: Int?) -> String? {
        guard let position, position < record.fields.count else { return nil }
        let text = record.fields[position]
        return text.isEmpty ? nil : text
    }

    /// A decimal cell as text PostgreSQL reads exactly (exponent notation kept); nil when empty.
    /// - Throws: `ImportRowError` naming the column when the cell is not a decimal number.
    func decimalText(_ position: Int?) throws -> String? {
        guard let text = text(position) else { return nil }
        guard let value = FieldParsers.decimal(text) else {
            throw error(position, "\(FieldParsers.quote(text)) is not a decimal number (expected e.g. 12.3456 or 1.5E-7, no thousands separators or currency signs)")
        }
        return value
    }

    /// A decimal cell as a Decimal (for sums and differences); nil when empty.
    func decimal(_ position: Int?) throws -> Decimal? {
        guard let text = try decimalText(position) else { return nil }
        guard let value = NativeText.exactDecimal(text) else {
            throw error(position, "\(FieldParsers.quote(text)) has more significant digits than an exact decimal holds (38)")
        }
        return value
    }

    /// A timestamp cell normalised for `timestamptz`; nil when empty.
    func timestamp(_ position: Int?) throws -> String? {
        guard let text = text(position) else { return nil }
        guard let value = FieldParsers.timestamp(text) else {
            throw error(position, "\(FieldParsers.quote(text)) is not a timestamp (expected e.g. 2024-09-01T00:00:00Z)")
        }
        return value
    }

    /// A row error at `position` (the whole row when nil).
    func error(_ position: Int?, _ message: String) -> ImportRowError {
        ImportRowError(
            file: file, line: record.line, column: position.map { $0 + 1 },
            columnName: position.flatMap { header.indices.contains($0) ? header[$0] : nil }, message: message)
    }

    /// A required cell is empty or its column absent.
    func missing(_ position: Int?, _ name: String, _ why: String) -> ImportRowError {
        ImportRowError(
            file: file, line: record.line, column: position.map { $0 + 1 },
            columnName: position.flatMap { header.indices.contains($0) ? header[$0] : nil } ?? name,
            message: "\(name) is empty but \(why)")
    }
}

/// Text helpers of the native mappers.
enum NativeText {
    private static let posix = Locale(identifier: "en_US_POSIX")

    /// The exact Decimal of a decimal text (`1.5E-7` included), nil beyond 38 significant digits.
    static func exactDecimal(_ text: String) -> Decimal? {
        guard let value = Decimal(string: text, locale: posix), !value.isNaN else { return nil }
        // Decimal(string:) rounds beyond its 38-digit mantissa: accept only when nothing was lost.
        let digits = text.utf8.prefix { $0 != 69 && $0 != 101 }.filter { $0 >= 48 && $0 <= 57 }
        let significant = digits.drop { $0 == 48 }.reversed().drop { $0 == 48 }.count
        return significant <= 38 ? value : nil
    }

    /// A date cell: `M/D/YYYY` (US style, as Azure exports write it: month first), `YYYY-MM-DD`, or
    /// an ISO timestamp at UTC midnight (`2024-09-03T00:00:00.0000000Z`). Returns the day count
    /// since 1970-01-01, nil when the text is none of these.
    static func day(_ text: String) -> Int64? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.contains("/") {
            var parts = trimmed.split(separator: "/", omittingEmptySubsequences: false)
            // Some exports append a midnight time: `9/3/2024 12:00:00 AM`.
            if let last = parts.last, let space = last.firstIndex(of: " ") {
                let time = last[last.index(after: space)...].trimmingCharacters(in: .whitespaces)
                guard time == "12:00:00 AM" || time == "00:00:00" || time == "0:00" || time == "00:00" else { return nil }
                parts[parts.count - 1] = last[..<space]
            }
            guard parts.count == 3, let month = Int(parts[0]), let day = Int(parts[1]), let year = Int(parts[2]),
                  parts[2].count == 4, (1...2).contains(parts[0].count), (1...2).contains(parts[1].count),
                  // FieldParsers checks the calendar (month 1-12, the month's length, leap years).
                  FieldParsers.timestamp(CivilCalendar.pad(year, 4) + "-" + CivilCalendar.pad(month) + "-" + CivilCalendar.pad(day)) != nil
            else { return nil }
            return CivilCalendar.days(year: year, month: month, day: day)
        }
        guard let stamp = FieldParsers.timestamp(trimmed) else { return nil }
        // `YYYY-MM-DD HH:MM:SS[.f]+HH:MM`: only midnight UTC is a day.
        let bytes = Array(stamp.utf8)
        let time = String(decoding: bytes[11..<19], as: UTF8.self)
        let rest = String(decoding: bytes[19...], as: UTF8.self)
        guard time == "00:00:00", rest.hasSuffix("+00:00"), rest.dropLast(6).allSatisfy({ $0 == "." || $0 == "0" }) else { return nil }
        guard let year = Int(String(decoding: bytes[0..<4], as: UTF8.self)), let month = Int(String(decoding: bytes[5..<7], as: UTF8.self)),
              let day = Int(String(decoding: bytes[8..<10], as: UTF8.self)) else { return nil }
        return CivilCalendar.days(year: year, month: month, day: day)
    }

    /// The UTC midnight of a day count as a `timestamptz` text.
    static func midnight(_ days: Int64) -> String {
        let (year, month, day) = CivilCalendar.date(days: days)
        return CivilCalendar.pad(year, 4) + "-" + CivilCalendar.pad(month) + "-" + CivilCalendar.pad(day) + " 00:00:00+00:00"
    }
}
