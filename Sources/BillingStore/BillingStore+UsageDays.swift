import CivilTime
import CostModel
import Foundation
import Postgres

extension BillingStore {
    /// Reads usage_days_rollup.sql (a row per resource and day from `costreport.usage_days`) into
    /// what usage_daily.sql and usage_histograms.sql give (`usage`) and, when `weekly`, what
    /// usage_weekly_histograms.sql gives (`weekly`: the CPU and memory histograms of the days of the
    /// full weeks counted back from the window's end, per week). One pass over the rollup instead of
    /// three (BENCHMARKS.md).
    func usageDays(_ query: Query, hourCodes codesQuery: Query, in window: ReportWindow, settings: UsageQuerySettings,
                   weekly: Bool) throws -> (usage: [UsageSummary], weekly: [String: [WeeklyUsage]]) {
        let hourCodes = try self.hourCodes(codesQuery, in: window, settings: settings)
        return try timed(query) {
            // Per resource, in the order met: its builder (nil once finished) and its full weeks (by start).
            var builders: [UsageBuilder?] = []
            var weeks: [[Date: WeeklyUsage]] = []
            var indexOfId: [String: Int] = [:]
            var resources = RowBytesCache<Int>(columns: ["resource_id"])
            let fullWeeks = FullWeeks(window)
            // In binary format: PostgreSQL printing the doubles, timestamps and packed records in
            // text and the job parsing them back was half of the query's time (BENCHMARKS.md).
            let rows = try connection.query(query.withBinaryResults(), Self.windowBinds(window)) { row in
                let resource = try resources.value(of: row) { row in
                    let id = try row.decode(String.self, "resource_id")
                    if let known = indexOfId[id] { return (known, true) }
                    indexOfId[id] = builders.count
                    builders.append(UsageBuilder(id: id, buckets: settings.buckets, window: window))
                    weeks.append([:])
                    return (builders.count - 1, true)
                }
                let day = try row.decode(Date.self, "day")
                let dayIndex = window.dayIndex(of: day)
                guard hourCodes.indices.contains(dayIndex), let codes = hourCodes[dayIndex] else {
                    throw PostgresError(
                        .decoding, message: "row \(row.rowNumber) is of \(UTCText.day(day)), a day \(codesQuery.name) returned no hour codes for",
                        hint: "return the days of the window, as the header of \(query.name) says", queryName: query.name)
                }
                let cpu = try PackedBuckets(row, column: "cpu", query: query)
                let memory = try PackedBuckets(row, column: "memory", query: query)
                let serviceHours = try PackedBuckets(row, column: "cpu_service_hours", query: query)
                // Mutated in place: a copy of the builder (or week) would copy its histograms for every row.
                try builders[resource]!.addDay(
                    row, day: day, hourCodes: codes, query: query, cpu: cpu, memory: memory, cpuInServiceHours: serviceHours)
                if weekly, !(cpu.isEmpty && memory.isEmpty), let start = fullWeeks.weekStart(of: day) {
                    weeks[resource][start, default: WeeklyUsage(empty: start, buckets: settings.buckets)].add(cpu: cpu, memory: memory)
                }
            }
            var usage: [UsageSummary] = []
            var weekly: [String: [WeeklyUsage]] = [:]
            for (id, index) in indexOfId.sorted(by: { $0.key < $1.key }) {
                usage.append(builders[index]!.finished())
                builders[index] = nil  // its days and histograms freed at once
                if !weeks[index].isEmpty { weekly[id] = WeeklyUsage.inOrder(weeks[index]) }
                weeks[index] = [:]
            }
            return ((usage, weekly), rows)
        }
    }
}

extension BillingStore {
    /// usage_hour_codes_rollup.sql's codes (local ISO weekday × 24 + hour of each UTC hour), by
    /// UTC day of the window (the index: days from its start); nil for a day it did not return.
    func hourCodes(_ query: Query, in window: ReportWindow, settings: UsageQuerySettings) throws -> [[Int]?] {
        try timed(query) {
            var codes: [[Int]?] = Array(repeating: nil, count: window.dayCount)
            let rows = try connection.query(query.withBinaryResults(), Self.usageDailyBinds(window, settings)) { row in
                let day = try row.decode(Date.self, "day")
                let index = window.dayIndex(of: day)
                let packed = try row.byteaView("hour_codes")
                guard packed.byteCount == 48, (0..<24).allSatisfy({ (24..<192).contains(packed.int16(at: 2 * $0)) }) else {
                    throw PostgresError(
                        .decoding, message: "column \"hour_codes\" in row \(row.rowNumber) is not 24 codes from 24 to 191 (ISO weekday × 24 + hour) of 2 bytes each",
                        hint: "pack each code as int2send(extract(isodow) * 24 + extract(hour)), as usage_hour_codes_rollup.sql does",
                        queryName: query.name)
                }
                guard codes.indices.contains(index), day == window.start.addingTimeInterval(Double(index) * 86_400) else {
                    throw PostgresError(
                        .decoding, message: "row \(row.rowNumber) is of \(UTCText.timestamp(day)), not a UTC midnight of the window",
                        hint: "return a row per UTC day of the window, as the header of \(query.name) says", queryName: query.name)
                }
                codes[index] = (0..<24).map { Int(packed.int16(at: 2 * $0)) }
            }
            return (codes, rows)
        }
    }
}

extension ReportWindow {
    /// The UTC days the window touches, counted from its start (a partial last day counts).
    var dayCount: Int { Int((end.timeIntervalSince(start) / 86_400).rounded(.up)) }

    /// The index of the day of `day` among `dayCount`, counted from the window's start.
    func dayIndex(of day: Date) -> Int { Int((day.timeIntervalSince(start) / 86_400).rounded(.down)) }
}

/// The full weeks of a window counted back from its end, as usage_weekly_histograms.sql counts
/// them (`date_bin('7 days', day, end)` for the days from `end − 7 days × ⌊length ÷ 7 days⌋`).
struct FullWeeks {
    let start: Date
    let end: Date
    private static let week: TimeInterval = 7 * 86_400

    init(_ window: ReportWindow) {
        end = window.end
        start = end.addingTimeInterval(-Self.week * (window.end.timeIntervalSince(window.start) / Self.week).rounded(.down))
    }

    /// The start of the week `day` lies in; nil before the first full week or from `end` on.
    func weekStart(of day: Date) -> Date? {
        guard day >= start, day < end else { return nil }
        return start.addingTimeInterval(Self.week * (day.timeIntervalSince(start) / Self.week).rounded(.down))
    }
}

/// A histogram column of usage_days_rollup.sql: per occupied bucket a 6-byte record (int2 bucket,
/// int4 samples), checked once for whole records and non-negative samples, then added to
/// histograms without an intermediate array.
struct PackedBuckets {
    /// The row's bytes, read in place: a `PackedBuckets` lives only while its row does.
    private let packed: ByteaView

    /// - Throws: `PostgresError` naming the query, row and column when the bytes are not whole
    ///   records or a count is negative.
    init(_ row: Row, column: String, query: Query) throws {
        packed = try row.packedRecords(
            column, recordSize: 6, query: query,
            hint: "pack each bucket as int2send(bucket) || int4send(samples), as the header of \(query.name) says")
        for offset in stride(from: 0, to: packed.byteCount, by: 6) where packed.int32(at: offset + 2) < 0 {
            throw BillingStore.negativeSamples(row: row, column: column, query: query)
        }
    }

    var isEmpty: Bool { packed.byteCount == 0 }

    func add(to histogram: inout UtilizationHistogram) {
        for offset in stride(from: 0, to: packed.byteCount, by: 6) {
            histogram.add(bucket: packed.int16(at: offset), count: packed.int32(at: offset + 2))
        }
    }
}

extension WeeklyUsage {
    mutating func add(cpu: PackedBuckets, memory: PackedBuckets) {
        cpu.add(to: &self.cpu)
        memory.add(to: &self.memory)
    }
}
