import Foundation
import Postgres

/// A resource's measures of one UTC day: the columns of a 'day' row of queries/usage_daily.sql,
/// or the packed `measures` (and `requests`) of a row of usage_days_rollup.sql.
struct DayMeasures {
    var samples: Int
    var invalidSamples: Int
    var coveredSeconds: Double
    /// The seconds of the samples with a CPU value, and their CPU × seconds (0 without any).
    var cpuSeconds: Double
    var cpuWeighted: Double
    var cpuMax: Double?
    var memoryMax: Double?
    var networkBytes: Double?
    var diskIopsSum: Double
    var diskIopsSamples: Int
    var requests: Double?
    var connectionsMax: Double?
    var firstSample: Date?
    var lastSample: Date?

    /// The measures of a 'day' row of usage_daily.sql, decoded in the order of its columns.
    init(columnsOf row: Row) throws {
        samples = try row.decode(Int.self, "samples")
        cpuSeconds = try row.decode(Double?.self, "cpu_seconds") ?? 0
        cpuWeighted = try row.decode(Double?.self, "cpu_weighted") ?? 0
        invalidSamples = try row.decode(Int?.self, "invalid_samples") ?? 0
        coveredSeconds = try row.decode(Double?.self, "covered_seconds") ?? 0
        cpuMax = try row.decode(Double?.self, "cpu_max")
        memoryMax = try row.decode(Double?.self, "memory_max")
        networkBytes = try row.decode(Double?.self, "network_bytes")
        diskIopsSum = try row.decode(Double?.self, "disk_iops_sum") ?? 0
        diskIopsSamples = try row.decode(Int?.self, "disk_iops_samples") ?? 0
        requests = try row.decode(Double?.self, "requests")
        connectionsMax = try row.decode(Double?.self, "connections_max")
        firstSample = try row.decode(Date?.self, "first_sample")
        lastSample = try row.decode(Date?.self, "last_sample")
    }

    /// The size of usage_days_rollup.sql's `measures`.
    static let packedSize = 82

    /// The measures of a row of usage_days_rollup.sql: its `measures` column (82 bytes laid out
    /// as the query's header says; a measure whose bit is set in the leading mask is NULL) and
    /// its `requests`. Each value is the one the separate column gave before it was packed: the
    /// integers and float8s bit for bit, the float4s widened as `real::double precision` widens.
    /// - Throws: `PostgresError` naming `query`, the row and the column when `measures` is not
    ///   82 bytes or a count is negative.
    init(packedIn row: Row, query: Query) throws {
        let packed = try row.byteaView("measures")
        guard packed.byteCount == Self.packedSize else {
            throw PostgresError(
                .decoding, message: "column \"measures\" in row \(row.rowNumber) holds \(packed.byteCount) bytes, not the \(Self.packedSize) of a day's measures",
                hint: "pack the measures as the header of \(query.name) says", queryName: query.name)
        }
        let nulls = packed.int16(at: 0)
        func ifPresent(_ bit: Int, _ value: Double) -> Double? { nulls & bit == 0 ? value : nil }
        samples = packed.int32(at: 2)
        invalidSamples = packed.int32(at: 6)
        coveredSeconds = Double(packed.int64(at: 10))
        cpuSeconds = Double(packed.int64(at: 18))
        cpuWeighted = packed.float64(at: 26)
        cpuMax = ifPresent(4, packed.float32(at: 34))
        memoryMax = ifPresent(8, packed.float32(at: 38))
        networkBytes = ifPresent(16, packed.float64(at: 42))
        diskIopsSum = packed.float64(at: 50)
        diskIopsSamples = packed.int32(at: 58)
        connectionsMax = ifPresent(64, packed.float32(at: 62))
        firstSample = packed.timestamp(at: 66)
        lastSample = packed.timestamp(at: 74)
        requests = try row.decode(Double?.self, "requests")
        guard samples >= 0, invalidSamples >= 0, diskIopsSamples >= 0 else {
            throw BillingStore.negativeSamples(row: row, column: "measures", query: query)
        }
    }

    /// `cpuWeighted ÷ cpuSeconds`, nil without CPU seconds.
    var cpuAverage: Double? { Self.cpuAverage(seconds: cpuSeconds, weighted: cpuWeighted) }

    /// The time-weighted CPU average of samples covering `seconds` with `weighted` CPU × seconds.
    static func cpuAverage(seconds: Double, weighted: Double) -> Double? { seconds > 0 ? weighted / seconds : nil }

    /// `diskIopsSum ÷ diskIopsSamples`, nil without samples.
    var diskIopsAverage: Double? { diskIopsSamples > 0 ? diskIopsSum / Double(diskIopsSamples) : nil }
}
