/// A `bytea` value, read from PostgreSQL's hex text format (`\x0a1b…`; the run sets
/// `bytea_output` to hex). Queries pack fixed-size records into one with `int2send`, `int4send`
/// and `float8send`, which PostgreSQL prints and costreport parses far faster than arrays of
/// numbers; the accessors read those big-endian fields back.
public struct Bytea: PostgresDecodable, Sendable, Equatable {
    public let bytes: [UInt8]

    public init(bytes: [UInt8]) { self.bytes = bytes }

    public static var postgresTypeName: String { "bytea (hex)" }

    public static func decode(text: UnsafeBufferPointer<UInt8>) -> Bytea? {
        guard text.count >= 2, text.count % 2 == 0, text[0] == UInt8(ascii: "\\"), text[1] == UInt8(ascii: "x") else { return nil }
        var bytes = [UInt8](repeating: 0, count: (text.count - 2) / 2)
        for index in bytes.indices {
            guard let high = hexDigit(text[2 + 2 * index]), let low = hexDigit(text[3 + 2 * index]) else { return nil }
            bytes[index] = high << 4 | low
        }
        return Bytea(bytes: bytes)
    }

    private static func hexDigit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// The `int2send` value at `offset`.
    public func int16(at offset: Int) -> Int {
        Int(Int16(bitPattern: UInt16(bytes[offset]) << 8 | UInt16(bytes[offset + 1])))
    }

    /// The `int4send` value at `offset`.
    public func int32(at offset: Int) -> Int {
        Int(Int32(bitPattern: UInt32(bigEndianBytes: bytes[offset..<offset + 4])))
    }

    /// The `float8send` value at `offset` (bit for bit).
    public func float64(at offset: Int) -> Double {
        Double(bitPattern: UInt64(bigEndianBytes: bytes[offset..<offset + 8]))
    }
}

extension FixedWidthInteger where Self: UnsignedInteger {
    fileprivate init(bigEndianBytes bytes: ArraySlice<UInt8>) {
        self = bytes.reduce(0) { $0 << 8 | Self($1) }
    }
}
