import Foundation
import Postgres

/// Values made from some columns of a result's rows, remembered by the bytes of those columns: a
/// row whose columns hold the same bytes as an earlier row's gets the earlier row's value, found
/// with one hash of those bytes instead of decoding the columns (and hashing the texts made).
/// The raw charges query (and the rollup's pending days) repeats each set of dimensions day after
/// day (188 K rows but 7 K sets at 15-minute samples, BENCHMARKS.md), and the groups of one set
/// share its one `ChargeDimensions`; the usage days repeat each resource id (110 K rows, 1 K
/// resources).
struct RowBytesCache<Value> {
    /// The columns a value is made from: two rows get the same value when these hold the same bytes.
    let columns: [String]

    init(columns: [String]) { self.columns = columns }

    /// A value made before: its columns' bytes (each column's length, or -1 for NULL, then its
    /// bytes), the value, and the next entry whose bytes have the same hash (-1 for none).
    private struct Entry {
        var bytes: [UInt8]
        var value: Value
        var next: Int
    }

    private var entries: [Entry] = []
    /// The last entry added for each hash; earlier ones with that hash follow `next`.
    private var latestWithHash: [UInt64: Int] = [:]
    /// Bounds the memory of a result with few repeated values.
    private let limit = 100_000
    /// Per cache, so that which rows collide cannot be chosen in advance.
    private let seed = UInt64.random(in: .min ... .max)
    /// The indexes of `columns` in `indexed`, the result's columns.
    private var indexes: [Int32] = []
    private var indexed: Columns?
    /// The current row's values of `columns` (nil for NULL), reused from row to row.
    private var values: [UnsafeBufferPointer<UInt8>?] = []

    /// The row's value: that of an earlier row with the same bytes, or `make(row)`'s. A value
    /// that `make` does not call cacheable (tags that are not a JSON object, counted per row in
    /// the diagnostics) is made again on every row.
    mutating func value(of row: Row, make: (Row) throws -> (value: Value, cacheable: Bool)) throws -> Value {
        if indexed !== row.columns {
            indexes = try columns.map { try row.columns.index(of: $0) }
            indexed = row.columns
        }
        values.removeAll(keepingCapacity: true)
        var hash = seed
        for index in indexes {
            let value = row.value(at: index)
            values.append(value)
            hash = Self.hash(value, into: hash)
        }
        var candidate = latestWithHash[hash] ?? -1
        while candidate >= 0 {
            if Self.equal(entries[candidate].bytes, values) { return entries[candidate].value }
            candidate = entries[candidate].next
        }
        let made = try make(row)
        if made.cacheable && entries.count < limit {
            entries.append(Entry(bytes: Self.bytes(of: values), value: made.value, next: latestWithHash[hash] ?? -1))
            latestWithHash[hash] = entries.count - 1
        }
        return made.value
    }

    /// `hash` with a value's length (or NULL) and bytes mixed in, eight bytes at a time.
    private static func hash(_ value: UnsafeBufferPointer<UInt8>?, into hash: UInt64) -> UInt64 {
        guard let value else { return mix(hash, UInt64.max) }
        var hash = mix(hash, UInt64(value.count))
        guard let base = value.baseAddress else { return hash }
        let raw = UnsafeRawPointer(base)
        var offset = 0
        while offset + 8 <= value.count {
            hash = mix(hash, raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            offset += 8
        }
        var tail: UInt64 = 0
        while offset < value.count {
            tail = tail << 8 | UInt64(value[offset])
            offset += 1
        }
        return mix(hash, tail)
    }

    /// One multiply-and-fold step (as in wyhash): every input bit reaches every output bit.
    @inline(__always)
    private static func mix(_ hash: UInt64, _ word: UInt64) -> UInt64 {
        let product = (hash ^ word).multipliedFullWidth(by: 0x9E37_79B9_7F4A_7C15)
        return product.high ^ product.low
    }

    /// Whether `bytes` (as `bytes(of:)` wrote them) hold exactly `values`.
    private static func equal(_ bytes: [UInt8], _ values: [UnsafeBufferPointer<UInt8>?]) -> Bool {
        bytes.withUnsafeBytes { stored in
            var offset = 0
            for value in values {
                guard offset + 4 <= stored.count else { return false }
                let length = Int(Int32(littleEndian: stored.loadUnaligned(fromByteOffset: offset, as: Int32.self)))
                offset += 4
                guard let value else {
                    if length != -1 { return false }
                    continue
                }
                guard length == value.count, offset + length <= stored.count else { return false }
                if length > 0, memcmp(stored.baseAddress! + offset, value.baseAddress!, length) != 0 { return false }
                offset += length
            }
            return offset == stored.count
        }
    }

    /// Each value's length (or -1 for NULL) and bytes, one after the other.
    private static func bytes(of values: [UnsafeBufferPointer<UInt8>?]) -> [UInt8] {
        var bytes: [UInt8] = []
        for value in values {
            withUnsafeBytes(of: Int32(value?.count ?? -1).littleEndian) { bytes.append(contentsOf: $0) }
            if let value { bytes.append(contentsOf: value) }
        }
        return bytes
    }
}
