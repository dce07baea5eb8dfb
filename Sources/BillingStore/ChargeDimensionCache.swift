import CostModel
import Foundation
import Postgres

/// The charge dimensions met so far in one result, by the bytes of their columns: a row whose
/// dimension columns hold the same bytes as an earlier row's has the same dimensions, found with
/// one hash of those bytes instead of decoding nine columns (and hashing five texts and the tags).
/// The charges query repeats each set day after day (188 K rows but 7 K sets at 15-minute samples,
/// BENCHMARKS.md), and the groups of one set share its one `ChargeDimensions`.
struct ChargeDimensionCache {
    /// The columns a set is decoded from: two rows are the same set when these hold the same bytes.
    let columns: [String]

    init(columns: [String]) { self.columns = columns }

    /// Each column's length (or -1 for NULL) and bytes, one after the other.
    private struct Key: Hashable {
        var bytes: [UInt8]
        func hash(into hasher: inout Hasher) { bytes.withUnsafeBytes { hasher.combine(bytes: $0) } }
        /// With `memcmp` (`Array`'s `==` compares element by element).
        static func == (a: Key, b: Key) -> Bool {
            a.bytes.count == b.bytes.count && a.bytes.withUnsafeBytes { x in
                b.bytes.withUnsafeBytes { y in memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0 }
            }
        }
    }

    private var key = Key(bytes: [])
    private var known: [Key: ChargeDimensions] = [:]
    /// Bounds the memory of a result with few repeated sets.
    private let limit = 100_000
    /// The indexes of `columns` in `indexed`, the result's columns.
    private var indexes: [Int32] = []
    private var indexed: Columns?

    /// The row's dimensions: those of an earlier row with the same bytes, or `decode(row)`'s.
    /// A set that `decode` does not call cacheable (tags that are not a JSON object, counted per
    /// row in the diagnostics) is decoded on every row.
    mutating func dimensions(
        of row: Row, decode: (Row) throws -> (dimensions: ChargeDimensions, cacheable: Bool)
    ) throws -> ChargeDimensions {
        if indexed !== row.columns {
            indexes = try columns.map { try row.columns.index(of: $0) }
            indexed = row.columns
        }
        key.bytes.removeAll(keepingCapacity: true)
        for index in indexes {
            if let value = row.value(at: index) {
                Self.append(Int32(value.count), to: &key.bytes)
                key.bytes.append(contentsOf: value)
            } else {
                Self.append(-1, to: &key.bytes)
            }
        }
        if let found = known[key] { return found }
        let decoded = try decode(row)
        if decoded.cacheable && known.count < limit { known[key] = decoded.dimensions }
        return decoded.dimensions
    }

    private static func append(_ length: Int32, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: length.littleEndian) { bytes.append(contentsOf: $0) }
    }
}
