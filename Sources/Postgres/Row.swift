internal import CLibpq
import CivilTime
import Foundation

/// Owns one `PGresult` and frees it.
@usableFromInline
final class ResultHandle {
    let pointer: OpaquePointer
    init(_ pointer: OpaquePointer) { self.pointer = pointer }
    deinit { PQclear(pointer) }
}

/// Column names of a result, and the query's name (for errors). A class: every row of a result
/// refers to one instance (a struct's four references were retained and released for each row).
public final class Columns: @unchecked Sendable {  // one result, one thread: `expected` is not shared
    public let names: [String]
    /// Per column: whether its values come in binary format, and its type's OID.
    @usableFromInline let binary: [Bool]
    @usableFromInline let types: [UInt32]
    @usableFromInline let queryName: String
    /// The column after the one found last. Readers mostly decode a row's columns in the query's
    /// order, so that name is compared first (the scan below was 5 % of a report's CPU).
    private var expected = 0

    init(result: OpaquePointer, queryName: String) {
        names = (0..<PQnfields(result)).map { String(cString: PQfname(result, $0)) }
        binary = (0..<PQnfields(result)).map { PQfformat(result, $0) == 1 }
        types = (0..<PQnfields(result)).map { UInt32(PQftype(result, $0)) }
        self.queryName = queryName
    }

    /// The index of the column `name`; an error naming the query when the result has none.
    public func index(of name: String) throws -> Int32 {
        let guess = expected
        if guess < names.count && names[guess] == name {
            expected = guess + 1
            return Int32(guess)
        }
        // A linear scan: results have a few dozen columns at most, and comparing short names is
        // several times faster than hashing them (measured: hashing was 10 % of a report's CPU).
        guard let index = names.firstIndex(of: name) else {
            throw PostgresError(
                .decoding,
                message: "the result has no column \"\(name)\" (it returns: \(names.joined(separator: ", ")))",
                hint: "make the query return a column named \(name), as its header comment says",
                queryName: queryName)
        }
        expected = index + 1
        return Int32(index)
    }
}

/// A value type that can be decoded from PostgreSQL's text format (and from its binary format,
/// for the queries that ask for it: `Query.withBinaryResults()`).
public protocol PostgresDecodable {
    /// The type's name in decoding errors.
    static var postgresTypeName: String { get }
    /// Decodes the text of a non-NULL value; nil when it is not valid for the type.
    static func decode(text: UnsafeBufferPointer<UInt8>) -> Self?
    /// Decodes a non-NULL value in the binary format of the PostgreSQL type `type` (an OID); nil
    /// when the bytes are not a value of that type, or it is not a type this decoder reads in
    /// binary. Equal to what `decode(text:)` makes of the same value's text.
    static func decode(binary: UnsafeBufferPointer<UInt8>, type: UInt32) -> Self?
}

extension PostgresDecodable {
    public static func decode(binary: UnsafeBufferPointer<UInt8>, type: UInt32) -> Self? { nil }
}

/// One row of a result, valid only inside the closure that receives it (its `PGresult` is freed
/// when the closure returns).
public struct Row {
    @usableFromInline let result: OpaquePointer
    @usableFromInline let rowIndex: Int32
    /// 1-based number of the row in the whole result stream (for error messages).
    public let rowNumber: Int
    public let columns: Columns
    @usableFromInline var queryName: String { columns.queryName }

    init(result: OpaquePointer, rowIndex: Int32, rowNumber: Int, columns: Columns) {
        self.result = result; self.rowIndex = rowIndex; self.rowNumber = rowNumber; self.columns = columns
    }

    /// True when the column's value is NULL.
    public func isNull(_ column: String) throws -> Bool {
        try rawValue(column) == nil
    }

    /// The value of `column`; NULL is an error naming the query, column and row.
    @inlinable
    public func decode<T: PostgresDecodable>(_ type: T.Type, _ column: String) throws -> T {
        guard let value = try decode(T?.self, column) else {
            throw PostgresError(
                .decoding, message: "column \"\(column)\" is NULL in row \(rowNumber), expected \(T.postgresTypeName)",
                hint: "make the query return a value (e.g. coalesce) or fix the data", queryName: queryName)
        }
        return value
    }

    /// The value of `column`, nil for NULL.
    @inlinable
    public func decode<T: PostgresDecodable>(_ type: T?.Type, _ column: String) throws -> T? {
        let index = try columns.index(of: column)
        guard let bytes = value(at: index) else { return nil }
        if columns.binary[Int(index)] {
            guard let decoded = T.decode(binary: bytes, type: columns.types[Int(index)]) else {
                throw invalidBinaryValue(column, type: columns.types[Int(index)], byteCount: bytes.count, typeName: T.postgresTypeName)
            }
            return decoded
        }
        guard let decoded = T.decode(text: bytes) else {
            throw invalidValue(column, text: bytes, typeName: T.postgresTypeName)
        }
        return decoded
    }

    /// The bytes of the column's value (text, or binary for a query that asked for it); nil for
    /// NULL. Valid while the row is.
    @usableFromInline
    func rawValue(_ column: String) throws -> UnsafeBufferPointer<UInt8>? {
        value(at: try columns.index(of: column))
    }

    /// The bytes of the value at column `index` (from `columns.index(of:)`), text or binary as
    /// the query asked; nil for NULL. Valid while the row is.
    public func value(at index: Int32) -> UnsafeBufferPointer<UInt8>? {
        if PQgetisnull(result, rowIndex, index) == 1 { return nil }
        let length = Int(PQgetlength(result, rowIndex, index))
        let bytes = UnsafeRawPointer(PQgetvalue(result, rowIndex, index)!)
        return UnsafeBufferPointer(start: bytes.assumingMemoryBound(to: UInt8.self), count: length)
    }

    @usableFromInline
    func invalidBinaryValue(_ column: String, type: UInt32, byteCount: Int, typeName: String) -> PostgresError {
        let returned = TypeOID.names[type].map { "a \($0)" } ?? "of type OID \(type)"
        return PostgresError(
            .decoding,
            message: "column \"\(column)\" in row \(rowNumber) is \(returned) (\(byteCount) bytes in binary format), not a valid \(typeName)",
            hint: "this query's rows are read in binary format: return the column with the type its header comment names (cast it)",
            queryName: queryName)
    }

    @usableFromInline
    func invalidValue(_ column: String, text: UnsafeBufferPointer<UInt8>, typeName: String) -> PostgresError {
        let shown = String(decoding: UnsafeBufferPointer(rebasing: text.prefix(80)), as: UTF8.self)
        return PostgresError(
            .decoding,
            message: "column \"\(column)\" in row \(rowNumber) is not a valid \(typeName): \"\(shown)\"",
            hint: "cast the column to the type the query's header comment names", queryName: queryName)
    }
}

extension String: PostgresDecodable {
    public static var postgresTypeName: String { "text" }
    public static func decode(text: UnsafeBufferPointer<UInt8>) -> String? {
        // ASCII is valid UTF-8: `String(decoding:)` is then exact, and several times faster than
        // the generic validation (5 % of a report's CPU went to its type metadata lookups).
        if text.allSatisfy({ $0 < 0x80 }) { return String(decoding: text, as: UTF8.self) }
        return String(validating: text, as: UTF8.self)
    }
}

extension Int: PostgresDecodable {
    public static var postgresTypeName: String { "integer" }
    public static func decode(text: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !text.isEmpty else { return nil }
        var value = 0
        var index = 0
        let negative = text[0] == 45
        if negative || text[0] == 43 { index = 1 }
        guard index < text.count else { return nil }
        while index < text.count {
            let byte = text[index]
            guard byte >= 48, byte <= 57 else { return nil }
            let (multiplied, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (added, overflow2) = multiplied.addingReportingOverflow(Int(byte - 48))
            guard !overflow1, !overflow2 else { return nil }
            value = added
            index += 1
        }
        return negative ? -value : value
    }
}

/// A number that can be an element of a decoded array (its text never needs quotes in an array).
public protocol PostgresArrayElement: PostgresDecodable {}
extension Int: PostgresArrayElement {}
extension Double: PostgresArrayElement {}

/// A one-dimensional array of numbers without NULL elements, as PostgreSQL writes it: `{1,-2,3}`.
extension Array: PostgresDecodable where Element: PostgresArrayElement {
    public static var postgresTypeName: String { "\(Element.postgresTypeName)[]" }
    /// Inlinable, so that the callers' modules specialise it (unspecialised, the generic appends
    /// cost ~1 µs per element).
    @inlinable
    public static func decode(text: UnsafeBufferPointer<UInt8>) -> [Element]? {
        guard text.count >= 2, text.first == UInt8(ascii: "{"), text.last == UInt8(ascii: "}") else { return nil }
        guard text.count > 2 else { return [] }
        var values: [Element] = []
        var start = 1
        for index in 1..<text.count where text[index] == UInt8(ascii: ",") || index == text.count - 1 {
            guard let value = Element.decode(text: UnsafeBufferPointer(rebasing: text[start..<index])) else { return nil }
            values.append(value)
            start = index + 1
        }
        return values
    }
}

extension Double: PostgresDecodable {
    public static var postgresTypeName: String { "double precision" }
    /// Accepts PostgreSQL's `NaN`, `Infinity` and `-Infinity` spellings as well as numbers (digits,
    /// sign, point and exponent only, as float8out writes them). Parsed with `strtod` from a stack
    /// copy: a `String` per value cost a heap allocation for most doubles. costreport never calls
    /// `setlocale`, so the decimal separator is the C locale's point; under another locale a value
    /// with a point would not be read to its end and would be refused, never misread.
    public static func decode(text: UnsafeBufferPointer<UInt8>) -> Double? {
        switch text.count {
        case 3 where text.elementsEqual("NaN".utf8): return .nan
        case 8 where text.elementsEqual("Infinity".utf8): return .infinity
        case 9 where text.elementsEqual("-Infinity".utf8): return -.infinity
        case 1...64: break
        default: return nil
        }
        guard text.allSatisfy({ (48...57).contains($0) || $0 == 43 || $0 == 45 || $0 == 46 || $0 == 69 || $0 == 101 }) else {
            return nil
        }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: text.count + 1) { buffer -> Double? in
            for index in text.indices { buffer[index] = CChar(bitPattern: text[index]) }
            buffer[text.count] = 0
            var end: UnsafeMutablePointer<CChar>?
            let value = strtod(buffer.baseAddress!, &end)
            return end == buffer.baseAddress! + text.count ? value : nil
        }
    }
}

extension Bool: PostgresDecodable {
    public static var postgresTypeName: String { "boolean" }
    public static func decode(text: UnsafeBufferPointer<UInt8>) -> Bool? {
        guard text.count == 1 else { return nil }
        switch text[0] {
        case 116: return true
        case 102: return false
        default: return nil
        }
    }
}

extension Decimal: PostgresDecodable {
    public static var postgresTypeName: String { "numeric" }

    private static let posix = Locale(identifier: "en_US_POSIX")

    /// Exact: read from the numeric's text. `NaN` and values beyond Decimal's 38 significant digits
    /// are errors (never rounded silently).
    public static func decode(text: UnsafeBufferPointer<UInt8>) -> Decimal? {
        if let fast = decodeShort(text) { return fast }
        // The whole text must be one number (Decimal(string:) would read "12.3.4" as 12.3 and "-" as 0).
        guard let string = String(validating: text, as: UTF8.self),
              string.range(of: #"^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$"#, options: .regularExpression) != nil
        else { return nil }
        var trimmed = string
        if trimmed.contains("."), !trimmed.contains(where: { $0 == "e" || $0 == "E" }) {
            while trimmed.hasSuffix("0") { trimmed.removeLast() }
            if trimmed.hasSuffix(".") { trimmed.removeLast() }
        }
        let mantissaPart = trimmed.split(whereSeparator: { $0 == "e" || $0 == "E" }).first ?? ""
        let significant = mantissaPart.filter(\.isNumber).drop { $0 == "0" }.count
        guard significant <= 38 else { return nil }
        return Decimal(string: trimmed, locale: posix)
    }

    /// The common case without allocation: an optional sign, up to 18 digits and a decimal point.
    private static func decodeShort(_ text: UnsafeBufferPointer<UInt8>) -> Decimal? {
        guard !text.isEmpty else { return nil }
        var end = text.count
        if text.contains(46) {  // trailing zeros after the point carry no value
            while end > 1, text[end - 1] == 48 { end -= 1 }
        }
        guard end <= 20 else { return nil }
        var index = 0
        var negative = false
        if text[0] == 45 { negative = true; index = 1 } else if text[0] == 43 { index = 1 }
        var mantissa: UInt64 = 0
        var digits = 0
        var fractionDigits = 0
        var seenPoint = false
        while index < end {
            let byte = text[index]
            if byte == 46 {
                if seenPoint { return nil }
                seenPoint = true
            } else if byte >= 48 && byte <= 57 {
                mantissa = mantissa * 10 + UInt64(byte - 48)
                digits += 1
                if seenPoint { fractionDigits += 1 }
            } else {
                return nil
            }
            index += 1
        }
        guard digits > 0, digits <= 18 else { return nil }
        return Decimal(sign: negative ? .minus : .plus, exponent: -fractionDigits, significand: Decimal(mantissa))
    }
}

extension Date: PostgresDecodable {
    public static var postgresTypeName: String { "timestamptz" }
    public static func decode(text: UnsafeBufferPointer<UInt8>) -> Date? { UTCText.parseTimestamp(text) }
}

/// A JSON object of tags, decoded into `[String: String]`. Numbers and booleans become their JSON
/// text; nested values are kept as JSON text. A value that is not a JSON object does not decode.
public struct Tags: PostgresDecodable, Sendable, Hashable {
    public var values: [String: String]

    public init(_ values: [String: String]) { self.values = values }

    public static var postgresTypeName: String { "jsonb object" }

    /// Parses JSON text; nil when it is not a JSON object.
    public static func parse(_ text: String) -> Tags? {
        var copy = text
        return copy.withUTF8 { decode(text: $0) }
    }

    public static func decode(text: UnsafeBufferPointer<UInt8>) -> Tags? {
        guard let object = try? JSONDecoder().decode([String: TagValue].self, from: Data(text)) else { return nil }
        return Tags(object.compactMapValues(\.text))
    }
}

/// One JSON value of a tags object: strings kept, numbers and booleans as their text, NULL dropped,
/// arrays and objects as compact JSON text.
private enum TagValue: Decodable {
    case value(String?)

    var text: String? { if case .value(let text) = self { return text } else { return nil } }

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .value(nil) }
        else if let string = try? container.decode(String.self) { self = .value(string) }
        else if let bool = try? container.decode(Bool.self) { self = .value(bool ? "true" : "false") }
        else if let number = try? container.decode(Decimal.self) { self = .value(number.description) }
        else if let array = try? container.decode([TagValue].self) {
            self = .value("[" + array.map { $0.text.map { "\"\($0)\"" } ?? "null" }.joined(separator: ",") + "]")
        } else if let object = try? container.decode([String: TagValue].self) {
            let pairs = object.keys.sorted().map { "\"\($0)\":" + (object[$0]?.text.map { "\"\($0)\"" } ?? "null") }
            self = .value("{" + pairs.joined(separator: ",") + "}")
        } else { self = .value(nil) }
    }
}
