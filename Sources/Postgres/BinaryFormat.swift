import Foundation

// PostgreSQL's binary format of the types costreport reads from queries that ask for it
// (`Query.withBinaryResults()`): each decoder gives what `decode(text:)` gives for the same
// value's text (tests compare them on a real server).

/// The OIDs of the built-in types whose binary format costreport reads (pg_type.dat).
@usableFromInline
enum TypeOID {
    static let bool: UInt32 = 16, bytea: UInt32 = 17, name: UInt32 = 19, int8: UInt32 = 20, int2: UInt32 = 21
    static let int4: UInt32 = 23, text: UInt32 = 25, float8: UInt32 = 701, bpchar: UInt32 = 1042
    static let varchar: UInt32 = 1043, timestamptz: UInt32 = 1184, jsonb: UInt32 = 3802
    static let int2Array: UInt32 = 1005, int4Array: UInt32 = 1007, int8Array: UInt32 = 1016, float8Array: UInt32 = 1022
    /// The array types `Array.decode(binary:type:)` reads.
    @usableFromInline static let arrays: Set<UInt32> = [int2Array, int4Array, int8Array, float8Array]

    static let names: [UInt32: String] = [
        bool: "boolean", bytea: "bytea", name: "name", int8: "bigint", int2: "smallint", int4: "integer", text: "text",
        float8: "double precision", bpchar: "character", varchar: "character varying", timestamptz: "timestamptz",
        jsonb: "jsonb", 700: "real", 1700: "numeric", 1114: "timestamp", 1082: "date", 114: "json",
        int2Array: "smallint[]", int4Array: "integer[]", int8Array: "bigint[]", float8Array: "double precision[]",
    ]

    /// A signed big-endian integer of 2, 4 or 8 bytes (int2, int4, int8).
    static func integer(_ bytes: UnsafeBufferPointer<UInt8>, type: UInt32) -> Int64? {
        switch (type, bytes.count) {
        case (int2, 2): return Int64(Int16(bitPattern: UInt16(bigEndian: bytes)))
        case (int4, 4): return Int64(Int32(bitPattern: UInt32(bigEndian: bytes)))
        case (int8, 8): return Int64(bitPattern: UInt64(bigEndian: bytes))
        default: return nil
        }
    }
}

extension FixedWidthInteger where Self: UnsignedInteger {
    /// The big-endian integer of exactly `MemoryLayout<Self>.size` bytes (a binary-format value,
    /// or a field of a `Bytea` record).
    @inlinable
    init<Bytes: Collection<UInt8>>(bigEndian bytes: Bytes) {
        self = bytes.reduce(0) { $0 << 8 | Self($1) }
    }
}

extension String {
    /// text, character varying, character and name: their binary format is their text; jsonb:
    /// a version byte (1) and the text jsonb_out writes.
    public static func decode(binary: UnsafeBufferPointer<UInt8>, type: UInt32) -> String? {
        if type == TypeOID.jsonb {
            return binary.first == 1 ? decode(text: UnsafeBufferPointer(rebasing: binary.dropFirst())) : nil
        }
        return [TypeOID.text, TypeOID.varchar, TypeOID.bpchar, TypeOID.name].contains(type) ? decode(text: binary) : nil
    }
}

extension Int {
    /// smallint, integer and bigint.
    public static func decode(binary: UnsafeBufferPointer<UInt8>, type: UInt32) -> Int? {
        TypeOID.integer(binary, type: type).map { Int($0) }
    }
}

extension Double {
    /// double precision bit for bit (its text, the shortest that reads back, gives the same
    /// double; every NaN is `.nan`); smallint, integer and bigint rounded to the nearest double,
    /// as strtod rounds their digits. Not real: its shortest text read as a double is not the
    /// float widened.
    public static func decode(binary: UnsafeBufferPointer<UInt8>, type: UInt32) -> Double? {
        if type == TypeOID.float8 {
            guard binary.count == 8 else { return nil }
            let value = Double(bitPattern: UInt64(bigEndian: binary))
            return value.isNaN ? .nan : value  // as the text NaN reads, whatever the NaN's sign and payload
        }
        return TypeOID.integer(binary, type: type).map { Double($0) }
    }
}

extension Bool {
    public static func decode(binary: UnsafeBufferPointer<UInt8>, type: UInt32) -> Bool? {
        guard type == TypeOID.bool, binary.count == 1, binary[0] <= 1 else { return nil }
        return binary[0] == 1
    }
}

extension Date {
    /// timestamptz: microseconds since 2000-01-01 UTC, added up as `UTCText.parseTimestamp` adds
    /// the value's text (whole seconds, then each digit of the fraction), so both give the same
    /// `Date`; ±infinity is nil, as its text is.
    public static func decode(binary: UnsafeBufferPointer<UInt8>, type: UInt32) -> Date? {
        guard type == TypeOID.timestamptz, binary.count == 8 else { return nil }
        return Date(postgresMicroseconds: Int64(bitPattern: UInt64(bigEndian: binary)))
    }

    /// A timestamptz's microseconds since 2000-01-01 UTC (its binary format), nil for ±infinity.
    init?(postgresMicroseconds micros: Int64) {
        guard micros != .max, micros != .min else { return nil }
        let (quotient, remainder) = micros.quotientAndRemainder(dividingBy: 1_000_000)
        let (wholeSeconds, fraction) = remainder < 0 ? (quotient - 1, remainder + 1_000_000) : (quotient, remainder)
        var seconds = Double(wholeSeconds + 946_684_800)
        var scale = 0.1
        var divisor: Int64 = 100_000
        while divisor > 0 {
            seconds += Double(fraction / divisor % 10) * scale
            scale /= 10
            divisor /= 10
        }
        self.init(timeIntervalSince1970: seconds)
    }
}

extension Array where Element: PostgresArrayElement {
    /// A one-dimensional array of int2, int4, int8 or float8 without NULL elements (counted from 1,
    /// as the text decoder requires: other bounds print as `[0:1]={…}`), in array_send's
    /// format: the number of dimensions, a has-NULLs flag and the element type (int4 each), the
    /// length and lower bound of the dimension, then each element's length (int4) and value in
    /// its own binary format. Inlinable, like the text decoder, so that callers specialise it.
    @inlinable
    public static func decode(binary: UnsafeBufferPointer<UInt8>, type: UInt32) -> [Element]? {
        guard TypeOID.arrays.contains(type), binary.count >= 12 else { return nil }
        func int32(at offset: Int) -> Int { Int(Int32(bitPattern: UInt32(bigEndian: UnsafeBufferPointer(rebasing: binary[offset..<offset + 4])))) }
        let dimensions = int32(at: 0)
        let elementType = UInt32(truncatingIfNeeded: int32(at: 8))
        if dimensions == 0 { return binary.count == 12 ? [] : nil }
        // One dimension counted from 1 and no NULL element, as the text decoder reads them.
        guard dimensions == 1, int32(at: 4) == 0, binary.count >= 20, int32(at: 16) == 1 else { return nil }
        let count = int32(at: 12)
        guard count >= 0, count <= (binary.count - 20) / 4 else { return nil }  // each element takes 4 bytes or more
        var values: [Element] = []
        values.reserveCapacity(count)
        var offset = 20
        for _ in 0..<count {
            guard offset + 4 <= binary.count else { return nil }
            let length = int32(at: offset)
            offset += 4
            guard length >= 0, offset + length <= binary.count,
                  let value = Element.decode(binary: UnsafeBufferPointer(rebasing: binary[offset..<offset + length]), type: elementType)
            else { return nil }
            values.append(value)
            offset += length
        }
        return offset == binary.count ? values : nil
    }
}
