import CostModel
import Foundation
import Postgres

extension BillingStore {
    /// CPU and memory histograms per resource and full week of `window` (weeks counted back from
    /// its end; queries/usage_weekly_histograms.sql, or usage_days_rollup.sql), for the capacity forecast.
    public func weeklyUsage(in window: ReportWindow, settings: UsageQuerySettings) throws -> [String: [WeeklyUsage]] {
        if let rollups { return try usageDays(rollups.usageDays, hourCodes: rollups.usageHourCodes, in: window, settings: settings, weekly: true).weekly }
        let query = queries.usageWeeklyHistograms
        return try timed(query) {
            var weeks: [String: [Date: WeeklyUsage]] = [:]
            let rows = try connection.query(query, [.timestamp(window.start), .timestamp(window.end), .int(settings.buckets)]) { row in
                let id = try row.decode(String.self, "resource_id")
                let start = try row.decode(Date.self, "week_start")
                let histogram = try row.decode(String?.self, "histogram")
                guard histogram == "cpu" || histogram == "memory" else {
                    throw PostgresError(
                        .decoding, message: "column \"histogram\" in row \(row.rowNumber) is \(histogram ?? "NULL"), expected cpu or memory",
                        queryName: query.name)
                }
                let counts = try Self.bucketCounts(row, query: query)
                let part: WritableKeyPath<WeeklyUsage, UtilizationHistogram> = histogram == "cpu" ? \.cpu : \.memory
                if !counts.isEmpty {
                    // Mutated in place: a copy of the week would copy both histograms for every row.
                    weeks[id, default: [:]][start, default: WeeklyUsage(empty: start, buckets: settings.buckets)][keyPath: part].add(counts)
                }
            }
            return (WeeklyUsage.sorted(&weeks), rows)
        }
    }

    /// Requests served per resource in `window` (queries/requests.sql or its rollup twin).
    public func requests(in window: ReportWindow) throws -> [String: Double] {
        let query = rollups?.requests ?? queries.requests
        return try timed(query) {
            var result: [String: Double] = [:]
            let rows = try connection.query(query, Self.windowBinds(window)) { row in
                result[try row.decode(String.self, "resource_id")] = try row.decode(Double?.self, "requests") ?? 0
            }
            return (result, rows)
        }
    }
}

extension WeeklyUsage {
    /// Each resource's weeks in order, taken out of `weeks` one resource at a time (the histograms
    /// are then not held twice).
    static func sorted(_ weeks: inout [String: [Date: WeeklyUsage]]) -> [String: [WeeklyUsage]] {
        var sorted: [String: [WeeklyUsage]] = [:]
        for id in Array(weeks.keys) { sorted[id] = inOrder(weeks.removeValue(forKey: id)!) }
        return sorted
    }

    /// One resource's weeks by start.
    static func inOrder(_ weeks: [Date: WeeklyUsage]) -> [WeeklyUsage] {
        weeks.values.sorted { $0.weekStart < $1.weekStart }
    }

    /// A week with empty histograms.
    init(empty weekStart: Date, buckets: Int) {
        self.init(weekStart: weekStart, cpu: UtilizationHistogram(bucketCount: buckets), memory: UtilizationHistogram(bucketCount: buckets))
    }
}
