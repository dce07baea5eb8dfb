import CostModel
import Foundation
import Postgres

extension BillingStore {
    /// CPU and memory histograms per resource and full week of `window` (weeks counted back from
    /// its end; queries/usage_weekly_histograms.sql or its rollup twin), for the capacity forecast.
    public func weeklyUsage(in window: ReportWindow, settings: UsageQuerySettings) throws -> [String: [WeeklyUsage]] {
        let query = rollups?.usageWeeklyHistograms ?? queries.usageWeeklyHistograms
        return try timed(query) {
            // The rollup histograms were built with costreport.rollup_settings' buckets: only the window is bound.
            let binds: [Bind] = rollups != nil ? [.timestamp(window.start), .timestamp(window.end)]
                : [.timestamp(window.start), .timestamp(window.end), .int(settings.buckets)]
            var weeks: [String: [Date: WeeklyUsage]] = [:]
            let rows = try connection.query(query, binds) { row in
                let id = try row.decode(String.self, "resource_id")
                let start = try row.decode(Date.self, "week_start")
                // A rollup row holds a resource-day's CPU and memory histograms, a raw row one bucket of one.
                let counts: [(part: WritableKeyPath<WeeklyUsage, UtilizationHistogram>, counts: [(bucket: Int, samples: Int)])]
                if row.columns.names.contains("cpu") {
                    counts = try [(\.cpu, "cpu"), (\.memory, "memory")].map { ($0.0, try Self.packedBucketCounts(row, column: $0.1, query: query)) }
                } else {
                    let histogram = try row.decode(String?.self, "histogram")
                    guard histogram == "cpu" || histogram == "memory" else {
                        throw PostgresError(
                            .decoding, message: "column \"histogram\" in row \(row.rowNumber) is \(histogram ?? "NULL"), expected cpu or memory",
                            queryName: query.name)
                    }
                    counts = [(histogram == "cpu" ? \.cpu : \.memory, try Self.bucketCounts(row, query: query))]
                }
                for (part, bucketCounts) in counts where !bucketCounts.isEmpty {
                    // Mutated in place: a copy of the week would copy both histograms for every row.
                    let empty = { WeeklyUsage(
                        weekStart: start, cpu: UtilizationHistogram(bucketCount: settings.buckets),
                        memory: UtilizationHistogram(bucketCount: settings.buckets)) }
                    weeks[id, default: [:]][start, default: empty()][keyPath: part].add(bucketCounts)
                }
            }
            return (weeks.mapValues { $0.values.sorted { $0.weekStart < $1.weekStart } }, rows)
        }
    }

    /// Requests served per resource in `window` (queries/requests.sql or its rollup twin).
    public func requests(in window: ReportWindow) throws -> [String: Double] {
        let query = rollups?.requests ?? queries.requests
        return try timed(query) {
            var result: [String: Double] = [:]
            let rows = try connection.query(query, [.timestamp(window.start), .timestamp(window.end)]) { row in
                result[try row.decode(String.self, "resource_id")] = try row.decode(Double?.self, "requests") ?? 0
            }
            return (result, rows)
        }
    }
}
