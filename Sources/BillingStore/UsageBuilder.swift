import CostModel
import Foundation
import Postgres

/// One row of queries/usage_hourly.sql.
struct HourlyUsage {
    var hour: Date
    var isoWeekday: Int
    var hourOfDay: Int
    var samples: Int
    var invalidSamples: Int
    var coveredSeconds: Double
    var cpuSeconds: Double
    var cpuWeighted: Double?
    var cpuMax: Double?
    var memoryMax: Double?
    var networkBytes: Double?
    var diskIopsSum: Double?
    var diskIopsSamples: Int
    var requests: Double?
    var connectionsMax: Double?
    var firstSample: Date?
    var lastSample: Date?

    init(_ row: Row) throws {
        hour = try row.decode(Date.self, "hour")
        isoWeekday = try row.decode(Int.self, "iso_weekday")
        hourOfDay = try row.decode(Int.self, "hour_of_day")
        samples = try row.decode(Int.self, "samples")
        invalidSamples = try row.decode(Int.self, "invalid_samples")
        coveredSeconds = try row.decode(Double?.self, "covered_seconds") ?? 0
        cpuSeconds = try row.decode(Double?.self, "cpu_seconds") ?? 0
        cpuWeighted = try row.decode(Double?.self, "cpu_weighted")
        cpuMax = try row.decode(Double?.self, "cpu_max")
        memoryMax = try row.decode(Double?.self, "memory_max")
        networkBytes = try row.decode(Double?.self, "network_bytes")
        diskIopsSum = try row.decode(Double?.self, "disk_iops_sum")
        diskIopsSamples = try row.decode(Int?.self, "disk_iops_samples") ?? 0
        requests = try row.decode(Double?.self, "requests")
        connectionsMax = try row.decode(Double?.self, "connections_max")
        firstSample = try row.decode(Date?.self, "first_sample")
        lastSample = try row.decode(Date?.self, "last_sample")
    }
}

/// Folds hourly rows of one resource into its `UsageSummary`: UTC days and the hour-of-week
/// profile keep sums (CPU time-weighted), so the means are exact whatever the order of the hours.
struct UsageBuilder {
    var summary: UsageSummary
    private var days: [Date: DayTotals] = [:]
    private var weekHours: [Int: (samples: Int, cpuWeighted: Double, cpuSeconds: Double)] = [:]

    private struct DayTotals {
        var samples = 0
        var coveredSeconds = 0.0
        var cpuWeighted = 0.0
        var cpuSeconds = 0.0
        var cpuMax: Double?
        var networkBytes: Double?
        var diskIopsSum = 0.0
        var diskIopsSamples = 0
        var requests: Double?
        var connectionsMax: Double?
    }

    init(id: String, buckets: Int) {
        summary = UsageSummary(
            resourceId: id, cpu: UtilizationHistogram(bucketCount: buckets),
            cpuInServiceHours: UtilizationHistogram(bucketCount: buckets), memory: UtilizationHistogram(bucketCount: buckets))
    }

    mutating func add(hour row: HourlyUsage) {
        summary.sampleCount += row.samples
        summary.coveredSeconds += row.coveredSeconds
        summary.invalidSamples += row.invalidSamples
        summary.cpuMax = Self.maximum(summary.cpuMax, row.cpuMax)
        summary.memoryMax = Self.maximum(summary.memoryMax, row.memoryMax)
        if let first = row.firstSample { summary.firstSample = min(summary.firstSample ?? first, first) }
        if let last = row.lastSample { summary.lastSample = max(summary.lastSample ?? last, last) }

        let day = Date(timeIntervalSince1970: (row.hour.timeIntervalSince1970 / 86_400).rounded(.down) * 86_400)
        var totals = days[day] ?? DayTotals()
        totals.samples += row.samples
        totals.coveredSeconds += row.coveredSeconds
        totals.cpuWeighted += row.cpuWeighted ?? 0
        totals.cpuSeconds += row.cpuSeconds
        totals.cpuMax = Self.maximum(totals.cpuMax, row.cpuMax)
        totals.networkBytes = Self.sum(totals.networkBytes, row.networkBytes)
        totals.diskIopsSum += row.diskIopsSum ?? 0
        totals.diskIopsSamples += row.diskIopsSamples
        totals.requests = Self.sum(totals.requests, row.requests)
        totals.connectionsMax = Self.maximum(totals.connectionsMax, row.connectionsMax)
        days[day] = totals

        let slot = row.isoWeekday * 24 + row.hourOfDay
        let previous = weekHours[slot] ?? (0, 0, 0)
        weekHours[slot] = (previous.samples + row.samples, previous.cpuWeighted + (row.cpuWeighted ?? 0),
                           previous.cpuSeconds + row.cpuSeconds)
    }

    func finished() -> UsageSummary {
        var result = summary
        result.days = days.keys.sorted().map { day in
            let t = days[day]!
            return DailyUsage(
                day: day, samples: t.samples, coveredSeconds: t.coveredSeconds,
                cpuAverage: t.cpuSeconds > 0 ? t.cpuWeighted / t.cpuSeconds : nil, cpuMax: t.cpuMax,
                networkBytes: t.networkBytes,
                diskIopsAverage: t.diskIopsSamples > 0 ? t.diskIopsSum / Double(t.diskIopsSamples) : nil,
                requests: t.requests, connectionsMax: t.connectionsMax)
        }
        result.hourOfWeek = weekHours.keys.sorted().map { slot in
            let t = weekHours[slot]!
            return HourOfWeekUsage(isoWeekday: slot / 24, hour: slot % 24, samples: t.samples,
                                   cpuAverage: t.cpuSeconds > 0 ? t.cpuWeighted / t.cpuSeconds : nil)
        }
        return result
    }

    private static func maximum(_ a: Double?, _ b: Double?) -> Double? {
        switch (a, b) {
        case let (a?, b?): return max(a, b)
        default: return a ?? b
        }
    }

    private static func sum(_ a: Double?, _ b: Double?) -> Double? {
        switch (a, b) {
        case let (a?, b?): return a + b
        default: return a ?? b
        }
    }
}
