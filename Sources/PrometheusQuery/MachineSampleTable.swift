import Foundation

/// The machine samples of one chunk: the values of each measure by resource and interval, merged
/// into `usage_samples` rows. Points whose value is NaN or ±Inf are left out and counted; series
/// whose resource label is not a known resource are not kept (their values are counted).
public struct MachineSampleTable: Sendable {
    public let chunk: Chunk
    public let resourceLabel: String
    /// Values by resource: `intervalCount × UsageColumn.allCases.count`, row-major by interval.
    private var values: [String: [String?]] = [:]
    /// The statistics so far.
    public private(set) var statistics = SampleStatistics()

    public init(chunk: Chunk, resourceLabel: String) {
        self.chunk = chunk
        self.resourceLabel = resourceLabel
    }

    /// Adds one measure's series.
    /// - Parameter isKnown: whether a label value is a `resources.resource_id`.
    /// - Throws: `PrometheusQueryError` when two series carry the same resource (the query does
    ///   not aggregate by the resource label) or a point lies off the chunk's steps.
    public mutating func add(
        _ series: [QueryResponse.Series], measure: MeasureQuery, isKnown: (String) -> Bool
    ) throws {
        let columns = UsageColumn.allCases.count
        var seen = Set<String>()
        for item in series {
            guard let resource = item.metric[resourceLabel] else {
                statistics.seriesWithoutLabel += 1
                continue
            }
            guard seen.insert(resource).inserted else {
                throw PrometheusQueryError(
                    policyKey: measure.policyKey,
                    message: "two series have \(resourceLabel)=\"\(resource)\": aggregate the query by \(resourceLabel) (e.g. avg by (\(resourceLabel)) (...))")
            }
            guard isKnown(resource) else {
                statistics.unknownResources[resource, default: 0] += item.values.count
                continue
            }
            statistics.series += 1
            var row = values[resource] ?? Array(repeating: nil, count: chunk.intervalCount * columns)
            statistics.nonFiniteValues += try chunk.forEachFinitePoint(item.values, policyKey: measure.policyKey) { interval, text, number in
                row[interval * columns + measure.column.rawValue] = text
                statistics.points += 1
            }
            values[resource] = row
        }
    }

    /// The resources that have at least one value, sorted.
    public var resources: [String] {
        values.filter { $0.value.contains { $0 != nil } }.keys.sorted()
    }

    /// The `usage_samples` columns of the rows `forEachRow` emits, in order.
    public static let columnNames = ["resource_id", "sampled_at", "interval_seconds"] + UsageColumn.allCases.map(\.columnName)

    /// Calls `emit` with each `usage_samples` row (the values of `columnNames`, text, nil for
    /// NULL): resources sorted, intervals in time order, intervals without any value left out.
    /// - Parameter timestamp: `sampled_at` as text for a date.
    public func forEachRow(timestamp: (Date) -> String, _ emit: ([String?]) throws -> Void) rethrows {
        let columns = UsageColumn.allCases.count
        let interval = String(chunk.stepSeconds)
        let times = (0..<chunk.intervalCount).map {
            timestamp(chunk.start.addingTimeInterval(Double($0 * chunk.stepSeconds)))
        }
        for resource in values.keys.sorted() {
            guard let row = values[resource] else { continue }
            for index in 0..<chunk.intervalCount {
                let base = index * columns
                let cpu = row[base], memory = row[base + 1], network = row[base + 2]
                if cpu == nil && memory == nil && network == nil { continue }
                try emit([resource, times[index], interval, cpu, memory, network])
            }
        }
    }
}

/// What a chunk's (or a whole import's) answers held.
public struct SampleStatistics: Sendable, Hashable {
    /// Series kept (one per resource and measure).
    public var series = 0
    /// Finite values kept.
    public var points = 0
    /// NaN, +Inf and -Inf values left out.
    public var nonFiniteValues = 0
    /// Series without the resource label, left out.
    public var seriesWithoutLabel = 0
    /// Label values that are not in `resources`, with their number of points (not written).
    public var unknownResources: [String: Int] = [:]

    public init() {}

    public mutating func merge(_ other: SampleStatistics) {
        series += other.series
        points += other.points
        nonFiniteValues += other.nonFiniteValues
        seriesWithoutLabel += other.seriesWithoutLabel
        unknownResources.merge(other.unknownResources, uniquingKeysWith: +)
    }

    /// Up to `limit` unknown label values, sorted.
    public func unknownExamples(limit: Int = 10) -> [String] {
        Array(unknownResources.keys.sorted().prefix(limit))
    }
}
