import Foundation

/// How an import range is cut into requests. The range `[start, end)` holds
/// ⌊(end − start) / step⌋ intervals; interval `i` starts at `start + i × step` and its value is the
/// one Prometheus evaluates at the interval's end (a rate over the window ending there, a gauge's
/// latest value there), so `sampled_at` is the start of the interval the value describes.
/// Chunks are whole UTC days at most (one day of points per series bounds each response, however
/// long the range) and never more than 11,000 points per series (Prometheus' limit).
public struct ChunkPlan: Sendable, Hashable {
    /// Prometheus refuses a range query with more points per series than this.
    public static let maximumPointsPerSeries = 11_000

    public let start: Date
    public let stepSeconds: Int
    /// Intervals in the whole range.
    public let intervalCount: Int
    /// Intervals per chunk (the last chunk may have fewer).
    public let intervalsPerChunk: Int

    /// - Parameter chunkSeconds: the longest chunk, seconds (default one day).
    public init(start: Date, end: Date, stepSeconds: Int, chunkSeconds: Int = 86_400) {
        precondition(stepSeconds > 0 && chunkSeconds > 0)
        self.start = start
        self.stepSeconds = stepSeconds
        let seconds = Int(end.timeIntervalSince(start).rounded(.down))
        intervalCount = max(0, seconds / stepSeconds)
        intervalsPerChunk = min(Self.maximumPointsPerSeries, max(1, chunkSeconds / stepSeconds))
    }

    public var chunkCount: Int { (intervalCount + intervalsPerChunk - 1) / intervalsPerChunk }

    /// The chunks in time order.
    public var chunks: [Chunk] {
        (0..<chunkCount).map { index in
            let first = index * intervalsPerChunk
            return Chunk(
                index: index, start: start.addingTimeInterval(Double(first * stepSeconds)),
                intervalCount: min(intervalsPerChunk, intervalCount - first), stepSeconds: stepSeconds)
        }
    }
}

/// One request's worth of the range: `intervalCount` intervals from `start`.
public struct Chunk: Sendable, Hashable {
    public let index: Int
    /// The first interval's start (`sampled_at` of the first sample).
    public let start: Date
    public let intervalCount: Int
    public let stepSeconds: Int

    /// The end of the last interval: samples of the chunk have `start <= sampled_at < end`.
    public var end: Date { start.addingTimeInterval(Double(intervalCount * stepSeconds)) }
    /// The first evaluation time sent as the range query's `start` (the end of the first interval).
    public var queryStart: Date { start.addingTimeInterval(Double(stepSeconds)) }
    /// The last evaluation time, the range query's `end`.
    public var queryEnd: Date { end }

    /// The interval a point evaluated at `timestamp` (Unix seconds) describes, or nil when it is
    /// not one of this chunk's evaluation times.
    public func intervalIndex(evaluatedAt timestamp: Double) -> Int? {
        let offset = (timestamp - queryStart.timeIntervalSince1970) / Double(stepSeconds)
        let index = offset.rounded()
        guard abs(offset - index) < 1e-6, index >= 0, index < Double(intervalCount) else { return nil }
        return Int(index)
    }
}

extension Chunk {
    /// Calls `body` with the interval and the value of each finite point of a series (value as
    /// Prometheus wrote it, and as a number); returns how many NaN or ±Inf values it left out.
    /// - Throws: `PrometheusQueryError` naming `policyKey` when a point lies off the chunk's steps.
    public func forEachFinitePoint(
        _ points: [QueryResponse.Point], policyKey: String, _ body: (_ interval: Int, _ text: String, _ value: Double) -> Void
    ) throws -> Int {
        var nonFinite = 0
        for point in points {
            guard let interval = intervalIndex(evaluatedAt: point.time) else {
                throw PrometheusQueryError(
                    policyKey: policyKey,
                    message: "a point at \(point.time) is not one of the requested steps (\(stepSeconds) s from \(queryStart.timeIntervalSince1970))")
            }
            guard let number = Double(point.value), number.isFinite else {
                nonFinite += 1
                continue
            }
            body(interval, point.value, number)
        }
        return nonFinite
    }
}
