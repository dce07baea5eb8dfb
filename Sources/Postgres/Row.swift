internal import CLibpq
import Foundation

/// Owns one `PGresult` and frees it.
final class ResultHandle {
    let pointer: OpaquePointer
    init(_ pointer: OpaquePointer) { self.pointer = pointer }
    deinit { PQclear(pointer) }
}

/// Column names of a result, resolved to indexes once per query.
public struct Columns: Sendable {
    public let names: [String]
    private let indexByName: [String: Int32]

    init(result: OpaquePointer) {
        let count = PQnfields(result)
        var names: [String] = []
        var indexByName: [String: Int32] = [:]
        for index in 0..<count {
            let name = String(cString: PQfname(result, index))
            names.append(name)
            if indexByName[name] == nil { indexByName[name] = index }
        }
        self.names = names
        self.indexByName = indexByName
    }

    func index(of name: String, queryName: String) throws -> Int32 {
        guard let index = indexByName[name] else {
            throw PostgresError(
                .decoding,
                message: "the result has no column \"\(name)\" (it returns: \(names.joined(separator: ", ")))",
                hint: "make the query return a column named \(name), as its header comment says",
                queryName: queryName)
        }
        return index
    }
}

/// A value type that can be decoded from PostgreSQL's text format.
public protocol PostgresDecodable {
    /// The type's name in decoding errors.
    static var postgresTypeName: String { get }
    /// Decodes the text of a non-NULL value; nil when it is not valid for the type.
    static func decode(text: UnsafeBufferPointer<UInt8>) -> Self?
}

/// One row of a result, valid only inside the closure that receives it.
public struct Row {
    let result: ResultHandle
    let rowIndex: Int32
    /// 1-based number of the row in the whole result stream (for error messages).
    public let rowNumber: Int
    public let columns: Columns
    let queryName: String

    /// True when the column's value is NULL.
    public func isNull(_ column: String) throws -> Bool {
        let index = try columns.index(of: column, queryName: queryName)
        return PQgetisnull(result.pointer, rowIndex, index) == 1
    }

    /// The value of `column`; NULL is an error naming the query, column and row.
    public func decode<T: PostgresDecodable>(_ type: T.Type, _ column: String) throws -> T {
        guard let value = try decode(T?.self, column) else {
            throw PostgresError(
                .decoding, message: "column \"\(column)\" is NULL in row \(rowNumber), expected \(T.postgresTypeName)",
                hint: "make the query return a value (e.g. coalesce) or fix the data", queryName: queryName)
        }
        return value
    }

    /// The value of `column`, nil for NULL.
    public func decode<T: PostgresDecodable>(_ type: T?.Type, _ column: String) throws -> T? {
        let index = try columns.index(of: column, queryName: queryName)
        if PQgetisnull(result.pointer, rowIndex, index) == 1 { return nil }
        let length = Int(PQgetlength(result.pointer, rowIndex, index))
        let bytes = PQgetvalue(result.pointer, rowIndex, index)!
        let decoded = bytes.withMemoryRebound(to: UInt8.self, capacity: length) {
            T.decode(text: UnsafeBufferPointer(start: $0, count: length))
        }
        guard let decoded else {
            let text = String(decoding: UnsafeBufferPointer(start: UnsafeRawPointer(bytes).assumingMemoryBound(to: UInt8.self), count: min(length, 80)), as: UTF8.self)
            throw PostgresError(
                .decoding,
                message: "column \"\(column)\" in row \(rowNumber) is not a valid \(T.postgresTypeName): \"\(text)\"",
                hint: "cast the column to the type the query's header comment names", queryName: queryName)
        }
        return decoded
    }
}

extension String: PostgresDecodable {
    public static var postgresTypeName: String { "text" }
    public static func decode(text: UnsafeBufferPointer<UInt8>) -> String? {
        String(validating: text, as: UTF8.self)
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

extension Double: PostgresDecodable {
    public static var postgresTypeName: String { "double precision" }
    /// Accepts PostgreSQL's `NaN`, `Infinity` and `-Infinity` spellings as well as numbers.
    public static func decode(text: UnsafeBufferPointer<UInt8>) -> Double? {
        guard let string = String(validating: text, as: UTF8.self) else { return nil }
        switch string {
        case "NaN": return .nan
        case "Infinity": return .infinity
        case "-Infinity": return -.infinity
        default: return Double(string)
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
    /// Exact: read from the numeric's text. `NaN` and values beyond Decimal's 38 digits are errors.
    public static func decode(text: UnsafeBufferPointer<UInt8>) -> Decimal? {
        guard let string = String(validating: text, as: UTF8.self), !string.isEmpty else { return nil }
        guard string.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-" || $0 == "+" || $0 == "e" || $0 == "E") }) else { return nil }
        let significantDigits = string.filter(\.isNumber).drop { $0 == "0" }.count
        // Decimal holds 38 significant digits; refuse silently losing precision.
        guard significantDigits <= 38 || string.contains(where: { $0 == "e" || $0 == "E" }) else {
            return exactlyRepresentable(string)
        }
        return Decimal(string: string, locale: Locale(identifier: "en_US_POSIX"))
    }

    /// Values with more than 38 digits survive only when the extra digits are trailing zeros.
    private static func exactlyRepresentable(_ string: String) -> Decimal? {
        var trimmed = string
        if trimmed.contains(".") {
            while trimmed.hasSuffix("0") { trimmed.removeLast() }
            if trimmed.hasSuffix(".") { trimmed.removeLast() }
        }
        let significant = trimmed.filter(\.isNumber).drop { $0 == "0" }.reversed().drop { $0 == "0" }.count
        guard significant <= 38 else { return nil }
        return Decimal(string: trimmed, locale: Locale(identifier: "en_US_POSIX"))
    }
}

extension Date: PostgresDecodable {
    public static var postgresTypeName: String { "timestamptz" }
    public static func decode(text: UnsafeBufferPointer<UInt8>) -> Date? { Timestamp.parse(text) }
}

/// A JSON object of tags, decoded into `[String: String]`. Numbers and booleans become their JSON
/// text; nested values are kept as JSON text. A value that is not a JSON object does not decode.
public struct Tags: PostgresDecodable, Sendable, Hashable {
    public var values: [String: String]

    public init(_ values: [String: String]) { self.values = values }

    public static var postgresTypeName: String { "jsonb object" }

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
