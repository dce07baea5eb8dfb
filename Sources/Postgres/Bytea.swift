import Foundation

/// A `bytea` value, read from PostgreSQL's hex text format (`\x0a1b…`; the run sets
/// `bytea_output` to hex). Queries pack fixed-size records into one with `int2send`, `int4send`
/// and `float8send`, which PostgreSQL prints and costreport parses far faster than arrays of
/// numbers; the accessors read those big-endian fields back.
public struct Bytea: PostgresDecodable, Sendable, Equatable {
    public let bytes: [UInt8]

    public var byteCount: Int { bytes.count }

    public init(bytes: [UInt8]) { self.bytes = bytes }

    public static var postgresTypeName: String { "bytea (hex)" }

    public static func decode(text: UnsafeBufferPointer<UInt8>) -> Bytea? {
        guard text.count >= 2, text.count % 2 == 0, text[0] == UInt8(ascii: "\\"), text[1] == UInt8(ascii: "x") else { return nil }
        let count = (text.count - 2) / 2
        // Every digit's value ORed together: 16 or more when one was not a hex digit (0xFF).
        var digitsSeen: UInt8 = 0
        let bytes = hexValues.withUnsafeBufferPointer { values in
            [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
                for index in 0..<count {
                    let high = values[Int(text[2 + 2 * index])], low = values[Int(text[3 + 2 * index])]
                    digitsSeen |= high | low
                    buffer[index] = high << 4 | low
                }
                initialized = count
            }
        }
        return digitsSeen < 16 ? Bytea(bytes: bytes) : nil
    }

    /// bytea in binary format: the bytes themselves.
    public static func decode(binary: UnsafeBufferPointer<UInt8>, type: UInt32) -> Bytea? {
        type == TypeOID.bytea ? Bytea(bytes: Array(binary)) : nil
    }

    /// Each byte's value as a hex digit (0...15), or 0xFF.
    private static let hexValues: [UInt8] = (0...255).map { byte in
        switch UInt8(byte) {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt8(byte) - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt8(byte) - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt8(byte) - UInt8(ascii: "A") + 10
        default: return 0xFF
        }
    }

    /// The `int2send` value at `offset`.
    @inlinable
    public func int16(at offset: Int) -> Int {
        Int(Int16(bitPattern: UInt16(bigEndian: bytes[offset..<offset + 2])))
    }

    /// The `int4send` value at `offset`.
    @inlinable
    public func int32(at offset: Int) -> Int {
        Int(Int32(bitPattern: UInt32(bigEndian: bytes[offset..<offset + 4])))
    }

    /// The `float8send` value at `offset` (bit for bit).
    @inlinable
    public func float64(at offset: Int) -> Double {
        Double(bitPattern: UInt64(bigEndian: bytes[offset..<offset + 8]))
    }
}

/// A `bytea` of a binary-format result read where libpq holds it, without a copy: valid only
/// inside the closure that receives its row, like the row (the usage days made five copies per
/// row before; BENCHMARKS.md). Callers keep `offset` inside whole records.
public struct ByteaView {
    public let bytes: UnsafeRawBufferPointer

    @inlinable public var byteCount: Int { bytes.count }

    /// The `int2send` value at `offset`.
    @inlinable
    public func int16(at offset: Int) -> Int {
        Int(Int16(bitPattern: UInt16(bigEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt16.self))))
    }

    /// The `int4send` value at `offset`.
    @inlinable
    public func int32(at offset: Int) -> Int {
        Int(Int32(bitPattern: UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))))
    }

    /// The `float8send` value at `offset` (bit for bit).
    @inlinable
    public func float64(at offset: Int) -> Double {
        Double(bitPattern: UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
    }

    /// The `int8send` value at `offset`.
    @inlinable
    public func int64(at offset: Int) -> Int64 {
        Int64(bitPattern: UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
    }

    /// The `float4send` value at `offset`, widened exactly as PostgreSQL's `real::double precision` does.
    @inlinable
    public func float32(at offset: Int) -> Double {
        Double(Float(bitPattern: UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))))
    }

    /// The `timestamptz_send` value at `offset`, as a binary-format timestamptz column reads
    /// (`Date.decode(binary:type:)`); nil for ±infinity.
    public func timestamp(at offset: Int) -> Date? {
        Date(postgresMicroseconds: int64(at: offset))
    }
}

extension Row {
    /// The value of `column`, a `bytea` in a binary-format result (`Query.withBinaryResults()`),
    /// in place.
    /// - Throws: `PostgresError` naming the query, column and row when the value is NULL or not a
    ///   binary `bytea`.
    public func byteaView(_ column: String) throws -> ByteaView {
        let index = try columns.index(of: column)
        guard let bytes = value(at: index) else {
            throw PostgresError(
                .decoding, message: "column \"\(column)\" is NULL in row \(rowNumber), expected bytea",
                hint: "make the query return a value (e.g. coalesce) or fix the data", queryName: queryName)
        }
        guard columns.binary[Int(index)] else {
            throw PostgresError(
                .decoding, message: "column \"\(column)\" in row \(rowNumber) came in text format, so it cannot be read in place",
                hint: "read the query with Query.withBinaryResults() (a costreport defect: please report it)", queryName: queryName)
        }
        let type = columns.types[Int(index)]
        guard type == TypeOID.bytea else {
            throw invalidBinaryValue(column, type: type, byteCount: bytes.count, typeName: Bytea.postgresTypeName)
        }
        return ByteaView(bytes: UnsafeRawBufferPointer(bytes))
    }
}
