import CostModel
import Foundation
import Postgres

/// Builds one resource's `UsageSummary` from the rows of queries/usage_daily.sql (its days and
/// its hour-of-week profile) and of queries/usage_histograms.sql (bucket counts), or from those
/// of usage_days_rollup.sql (a day's measures, hours and histograms).
struct UsageBuilder {
    var summary: UsageSummary
    private var days: [DailyUsage] = []
    private var weekHours: [HourOfWeekUsage] = []
    /// The hour-of-week profile folded from the hour arrays of rollup day rows, by local ISO
    /// weekday × 24 + hour.
    /// Indexed by hour code (ISO weekday × 24 + hour, below 192); filled on the first rollup row.
    private var weekHourSums: [(samples: Int, cpuSeconds: Int, cpuWeighted: Double)?] = []

    /// Room for a day per UTC day of `window` is made at once (grown day by day, each resource's
    /// days were copied at every doubling).
    init(id: String, buckets: Int, window: ReportWindow) {
        summary = UsageSummary(
            resourceId: id, cpu: UtilizationHistogram(bucketCount: buckets),
            cpuInServiceHours: UtilizationHistogram(bucketCount: buckets), memory: UtilizationHistogram(bucketCount: buckets))
        days.reserveCapacity(window.dayCount + 1)
    }

    /// Adds one row of usage_daily.sql: a day (which also feeds the window totals) or an hour of the week.
    mutating func add(_ row: Row, query: Query) throws {
        switch try row.decode(String.self, "grain") {
        case "day":
            addMeasures(try DayMeasures(columnsOf: row), day: try row.decode(Date.self, "day"))
        case "week_hour":
            let samples = try row.decode(Int.self, "samples")
            let cpuSeconds = try row.decode(Double?.self, "cpu_seconds") ?? 0
            let cpuWeighted = try row.decode(Double?.self, "cpu_weighted") ?? 0
            weekHours.append(HourOfWeekUsage(
                isoWeekday: try row.decode(Int.self, "iso_weekday"), hour: try row.decode(Int.self, "hour_of_day"),
                samples: samples, cpuAverage: DayMeasures.cpuAverage(seconds: cpuSeconds, weighted: cpuWeighted)))
        case let other:
            throw PostgresError(
                .decoding, message: "column \"grain\" in row \(row.rowNumber) is \(other), expected day or week_hour",
                queryName: query.name)
        }
    }

    /// Adds one row of usage_days_rollup.sql: the day's measures, its hours and its histograms.
    mutating func addDay(_ row: Row, day: Date, hourCodes: [Int], query: Query, cpu: PackedBuckets, memory: PackedBuckets,
                         cpuInServiceHours: PackedBuckets) throws {
        addMeasures(try DayMeasures(packedIn: row, query: query), day: day)
        try addHours(row, codes: hourCodes, query: query)
        cpu.add(to: &summary.cpu)
        memory.add(to: &summary.memory)
        cpuInServiceHours.add(to: &summary.cpuInServiceHours)
    }

    /// A day's measures, which also feed the window's totals.
    private mutating func addMeasures(_ measures: DayMeasures, day: Date) {
        days.append(DailyUsage(
            day: day, samples: measures.samples, coveredSeconds: measures.coveredSeconds, cpuAverage: measures.cpuAverage,
            cpuMax: measures.cpuMax, networkBytes: measures.networkBytes, diskIopsAverage: measures.diskIopsAverage,
            requests: measures.requests, connectionsMax: measures.connectionsMax))
        summary.invalidSamples += measures.invalidSamples
        summary.memoryMax = Self.maximum(summary.memoryMax, measures.memoryMax)
        summary.sampleCount += measures.samples
        summary.coveredSeconds += measures.coveredSeconds
        summary.cpuMax = Self.maximum(summary.cpuMax, measures.cpuMax)
        if let first = measures.firstSample { summary.firstSample = min(summary.firstSample ?? first, first) }
        if let last = measures.lastSample { summary.lastSample = max(summary.lastSample ?? last, last) }
    }

    /// The hours of a row of usage_days_rollup.sql: per UTC hour with samples an 18-byte
    /// record of `hour_data` (hour, samples, CPU seconds, CPU-weighted seconds), added up here
    /// per hour of the week by the day's `codes` (per UTC hour, its local ISO weekday × 24 + hour,
    /// from 24 to 191: `BillingStore.hourCodes`).
    private mutating func addHours(_ row: Row, codes: [Int], query: Query) throws {
        if weekHourSums.isEmpty { weekHourSums = Array(repeating: nil, count: 192) }
        try row.forEachPackedHour(recordSize: 18, query: query) { hour, offset, data in
            let code = codes[hour]
            let sums = weekHourSums[code] ?? (0, 0, 0)
            weekHourSums[code] = (
                sums.samples + data.int32(at: offset + 2), sums.cpuSeconds + data.int32(at: offset + 6),
                sums.cpuWeighted + data.float64(at: offset + 10))
        }
    }

    /// The summaries of `builders` by resource id, each builder dropped as soon as it is finished
    /// (a resource's days are then not held twice).
    static func finish(_ builders: inout [String: UsageBuilder]) -> [UsageSummary] {
        builders.keys.sorted().map { builders.removeValue(forKey: $0)!.finished() }
    }

    func finished() -> UsageSummary {
        var result = summary
        result.days = days.sorted { $0.day < $1.day }
        let folded = weekHourSums.enumerated().compactMap { code, sums in
            sums.map {
                HourOfWeekUsage(
                    isoWeekday: code / 24, hour: code % 24, samples: $0.samples,
                    cpuAverage: $0.cpuSeconds > 0 ? $0.cpuWeighted / Double($0.cpuSeconds) : nil)
            }
        }
        result.hourOfWeek = (weekHours + folded).sorted { ($0.isoWeekday, $0.hour) < ($1.isoWeekday, $1.hour) }
        return result
    }

    private static func maximum(_ a: Double?, _ b: Double?) -> Double? {
        switch (a, b) {
        case let (a?, b?): return max(a, b)
        default: return a ?? b
        }
    }
}
