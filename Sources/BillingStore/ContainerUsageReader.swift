import CostModel
import Foundation
import Postgres

extension BillingStore {
    /// Container statistics over `window` for the request findings: queries/container_usage.sql
    /// (days, nodes, request sets), container_cpu_histogram.sql (CPU bucket counts) and
    /// container_hours.sql (pods and usage per hour). Rows are streamed; memory grows with
    /// containers × (days + hours), never with samples.
    public func containerUsage(in window: ReportWindow, buckets: Int = CoreHistogram.defaultBuckets) throws -> [ContainerUsageSummary] {
        var builders: [ContainerKey: ContainerUsageBuilder] = [:]
        let bounds = Self.windowBinds(window)
        let usage = rollups?.containerUsage ?? queries.containerUsage
        try timedQuery(usage) {
            try connection.query(usage, bounds) { row in
                let key = try Self.containerKey(row)
                try builders[key, default: ContainerUsageBuilder(key: key, buckets: buckets)].add(usage: row, query: usage)
            }
        }
        // The rollups hold the counts for the default number of buckets only.
        let rolledUpHistogram = buckets == CoreHistogram.defaultBuckets ? rollups?.containerCPUHistogram : nil
        let histogram = rolledUpHistogram ?? queries.containerCPUHistogram
        try timedQuery(histogram) {
            try connection.query(histogram, bounds + (rolledUpHistogram == nil ? [.int(buckets)] : [])) { row in
                let key = try Self.containerKey(row)
                if rolledUpHistogram != nil {  // a container-day's occupied buckets, added up here
                    let (occupied, counts) = try Self.dayBuckets(row, query: histogram)
                    Self.add(occupied, counts, to: &builders[key, default: ContainerUsageBuilder(key: key, buckets: buckets)].summary.cpuHistogram)
                    return
                }
                guard let bucket = try row.decode(Int?.self, "bucket") else { return }
                builders[key, default: ContainerUsageBuilder(key: key, buckets: buckets)].summary.cpuHistogram
                    .add(bucket: bucket, count: try row.decode(Int.self, "samples"))
            }
        }
        // The rollup's hour arrays in binary format: 190 K doubles printed and parsed back otherwise.
        let hours = rollups?.containerHours.withBinaryResults() ?? queries.containerHours
        try timedQuery(hours) {
            try connection.query(hours, bounds) { row in
                let key = try Self.containerKey(row)
                let read = row.columns.names.contains("hours") ? try Self.dayOfHours(row, query: hours) : [try Self.hour(row)]
                builders[key, default: ContainerUsageBuilder(key: key, buckets: buckets)].summary.hours.append(contentsOf: read)
            }
        }
        return builders.values.map { builder in
            var summary = builder.finished()
            // Labels that are not a JSON object count as none and are reported, as in the allocation.
            summary.labels = builder.labelsText.map { tags(text: $0, query: usage, column: "labels") } ?? [:]
            return summary
        }.sorted { $0.key < $1.key }
    }

    private func timedQuery(_ query: Query, _ body: () throws -> Int) throws {
        let start = Date()
        let rows = try body()
        onQuery(query.name, rows, Date().timeIntervalSince(start))
    }

    /// A row of queries/container_hours.sql: one container's hour.
    private static func hour(_ row: Row) throws -> ContainerHour {
        ContainerHour(
            hour: try row.decode(Date.self, "hour"), podSeconds: try row.decode(Double.self, "pod_seconds"),
            cpuCoreSeconds: try row.decode(Double.self, "cpu_core_seconds"),
            memoryByteSeconds: try row.decode(Double.self, "memory_byte_seconds"),
            minPods: try row.decode(Int.self, "min_pods"), maxPods: try row.decode(Int.self, "max_pods"))
    }

    /// A row of container_hours_rollup.sql: one container's day, its hours as arrays of one element per hour.
    /// - Throws: `PostgresError` naming the query and row when the arrays differ in length or an
    ///   hour is outside 0...23.
    private static func dayOfHours(_ row: Row, query: Query) throws -> [ContainerHour] {
        let day = try row.decode(Date.self, "day")
        let hours = try row.decode([Int].self, "hours")
        let minPods = try row.decode([Int].self, "hour_min_pods"), maxPods = try row.decode([Int].self, "hour_max_pods")
        let podSeconds = try row.decode([Double].self, "hour_pod_seconds")
        let cpu = try row.decode([Double].self, "hour_cpu_core_seconds")
        let memory = try row.decode([Double].self, "hour_memory_byte_seconds")
        guard [minPods.count, maxPods.count, podSeconds.count, cpu.count, memory.count].allSatisfy({ $0 == hours.count }) else {
            throw PostgresError(
                .decoding, message: "the hour arrays in row \(row.rowNumber) differ in length (hours has \(hours.count) elements)",
                hint: "return one element per hour in each hour_ array, in the order of hours, as the header of \(query.name) says",
                queryName: query.name)
        }
        return try hours.indices.map { index in
            guard (0..<24).contains(hours[index]) else {
                throw PostgresError(
                    .decoding, message: "column \"hours\" in row \(row.rowNumber) names hour \(hours[index]), outside 0...23",
                    hint: "return the UTC hours of the day, as the header of \(query.name) says", queryName: query.name)
            }
            return ContainerHour(
                hour: day.addingTimeInterval(Double(hours[index]) * 3600), podSeconds: podSeconds[index],
                cpuCoreSeconds: cpu[index], memoryByteSeconds: memory[index], minPods: minPods[index], maxPods: maxPods[index])
        }
    }

    /// A row of container_cpu_histogram_rollup.sql: one container's day, its occupied buckets and
    /// their samples as two arrays.
    /// - Throws: `PostgresError` naming the query and row when the arrays differ in length or a
    ///   count is negative.
    private static func dayBuckets(_ row: Row, query: Query) throws -> (buckets: [Int], counts: [Int]) {
        let buckets = try row.decode([Int].self, "cpu_buckets"), counts = try row.decode([Int].self, "cpu_counts")
        guard buckets.count == counts.count else {
            throw PostgresError(
                .decoding, message: "cpu_buckets and cpu_counts in row \(row.rowNumber) differ in length (\(buckets.count) and \(counts.count) elements)",
                hint: "return one count per bucket, as the header of \(query.name) says", queryName: query.name)
        }
        guard counts.allSatisfy({ $0 >= 0 }) else { throw negativeSamples(row: row, column: "cpu_counts", query: query) }
        return (buckets, counts)
    }

    /// Adds a day's buckets to `histogram` (one dictionary access per row, not per bucket).
    private static func add(_ buckets: [Int], _ counts: [Int], to histogram: inout CoreHistogram) {
        for (bucket, count) in zip(buckets, counts) { histogram.add(bucket: bucket, count: count) }
    }

    private static func containerKey(_ row: Row) throws -> ContainerKey {
        ContainerKey(
            cluster: try row.decode(String.self, "cluster"), namespace: try row.decode(String.self, "namespace"),
            workloadKind: try row.decode(String.self, "workload_kind"), workload: try row.decode(String.self, "workload"),
            container: try row.decode(String.self, "container"))
    }
}

/// Folds the rows of queries/container_usage.sql into one container's summary.
struct ContainerUsageBuilder {
    var summary: ContainerUsageSummary
    /// The request set seen last (by its last sample) and when.
    private var latest: (at: Date, requests: ContainerRequests)?
    /// The pod labels' JSON text: the greatest seen, so the choice does not depend on row order.
    private(set) var labelsText: String?

    init(key: ContainerKey, buckets: Int) {
        summary = ContainerUsageSummary(key: key, cpuHistogram: CoreHistogram(bucketCount: buckets))
    }

    mutating func add(usage row: Row, query: Query) throws {
        let requests = ContainerRequests(
            cpuRequestCores: try row.decode(Double?.self, "cpu_request_cores"),
            memoryRequestBytes: try row.decode(Double?.self, "memory_request_bytes"),
            cpuLimitCores: try row.decode(Double?.self, "cpu_limit_cores"),
            memoryLimitBytes: try row.decode(Double?.self, "memory_limit_bytes"))
        let seconds = try row.decode(Double.self, "pod_seconds")
        let first = try row.decode(Date.self, "first_sample"), last = try row.decode(Date.self, "last_sample")
        summary.samples += try row.decode(Int.self, "samples")
        summary.podSeconds += seconds
        summary.days.insert(try row.decode(Date.self, "day"))
        summary.firstSample = min(summary.firstSample ?? first, first)
        summary.lastSample = max(summary.lastSample ?? last, last)
        if latest.map({ last > $0.at }) ?? true { latest = (last, requests) }
        summary.cpuUsageMin = Self.pick(summary.cpuUsageMin, try row.decode(Double?.self, "cpu_usage_min"), min)
        summary.cpuUsageMax = Self.pick(summary.cpuUsageMax, try row.decode(Double?.self, "cpu_usage_max"), max)
        summary.cpuOverRequestSeconds += try row.decode(Double.self, "cpu_over_request_seconds")
        summary.cpuComparedSeconds += try row.decode(Double.self, "cpu_compared_seconds")
        let memoryMax = try row.decode(Double?.self, "memory_usage_max")
        summary.memoryUsageMax = Self.pick(summary.memoryUsageMax, memoryMax, max)
        if let memoryMax, let limit = requests.memoryLimitBytes, limit > 0 {
            summary.memoryLimitRatioMax = Self.pick(summary.memoryLimitRatioMax, memoryMax / limit, max)
        }
        let node = try row.decode(String?.self, "node_resource_id") ?? ContainerUsageSummary.unknownNode
        summary.nodeSeconds[node, default: 0] += seconds
        if let text = try row.decode(String?.self, "labels"), text > (labelsText ?? "") { labelsText = text }
    }

    func finished() -> ContainerUsageSummary {
        var result = summary
        result.current = latest?.requests ?? ContainerRequests()
        result.hours.sort { $0.hour < $1.hour }
        return result
    }

    private static func pick(_ a: Double?, _ b: Double?, _ choose: (Double, Double) -> Double) -> Double? {
        switch (a, b) {
        case let (a?, b?): return choose(a, b)
        default: return a ?? b
        }
    }
}
