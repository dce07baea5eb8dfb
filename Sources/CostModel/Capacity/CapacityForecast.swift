import Foundation

/// One row of `capacity.csv`: where one resource's CPU or memory is heading. A forecast, not a
/// measurement: the weekly p95 values and the fitted line are its inputs.
public struct CapacityForecast: Sendable, Hashable {
    public enum Metric: String, Sendable, Hashable, CaseIterable {
        case cpu, memory
    }

    public var resourceId: String
    public var ownership: Ownership
    public var metric: Metric
    /// The p95 of the last full week, fraction.
    public var currentP95: Double
    /// Slope of the fitted line, fraction of capacity per week (negative when falling).
    public var weeklyTrend: Double
    /// The scaling matrix's threshold for the metric, fraction.
    public var threshold: Double
    /// Days from the window's end until the fitted line reaches the threshold (0 when it already
    /// has); nil when the trend is flat, falling or the crossing is beyond the horizon.
    public var daysToThreshold: Double?
    /// The weekly p95 values the line was fitted to, oldest first.
    public var weeklyP95: [Double]
    /// The fitted value at the window's end, fraction.
    public var fittedAtEnd: Double

    /// Tier 1 first (untiered last), then the nearest crossing (none last), resource, metric.
    public static func reportOrder(_ a: CapacityForecast, _ b: CapacityForecast) -> Bool {
        let ta = a.ownership.tier ?? 99, tb = b.ownership.tier ?? 99
        if ta != tb { return ta < tb }
        switch (a.daysToThreshold, b.daysToThreshold) {
        case let (x?, y?) where x != y: return x < y
        case (.some, nil): return true
        case (nil, .some): return false
        default: break
        }
        if a.resourceId != b.resourceId { return a.resourceId < b.resourceId }
        return a.metric.rawValue < b.metric.rawValue
    }
}

/// Builds the capacity forecasts from weekly histograms.
public enum CapacityForecaster {
    /// Forecasts per resource and metric, in `CapacityForecast.reportOrder`.
    ///
    /// Only full weeks inside `window` with samples count (weeks end at the window's end); a metric
    /// needs `settings.minimumWeeks` of them. x is the middle of each week in days before the window's
    /// end (negative), y the week's p95; the fitted value at x = 0 and the slope give
    /// `days = (threshold − fitted) ÷ slope per day` when the slope per week is at least
    /// `minimumWeeklyTrend` and the line's R² at least `minimumFit`.
    public static func forecasts(
        weekly: [String: [WeeklyUsage]], resources: [Resource], ownership: [String: Ownership],
        window: ReportWindow, settings: CapacitySettings, scaling: ScalingMatrix
    ) -> [CapacityForecast] {
        var result: [CapacityForecast] = []
        for resource in resources where weekly[resource.id] != nil {
            let owner = ownership[resource.id] ?? Ownership(
                service: resource.service ?? Ownership.unallocated, team: resource.team ?? Ownership.unallocated,
                tier: resource.tier.flatMap { (1...4).contains($0) ? $0 : nil }, environment: resource.environment,
                source: .inventory)
            let weeks = (weekly[resource.id] ?? [])
                .filter { $0.weekStart >= window.start && $0.weekStart.addingTimeInterval(7 * 86_400) <= window.end }
                .sorted { $0.weekStart < $1.weekStart }
            for metric in CapacityForecast.Metric.allCases {
                let threshold = metric == .cpu ? scaling.cpuAbove : scaling.memoryAbove
                let points: [(x: Double, y: Double)] = weeks.compactMap { week in
                    let histogram = metric == .cpu ? week.cpu : week.memory
                    guard let p95 = histogram.percentile(settings.percentile) else { return nil }
                    let middle = week.weekStart.addingTimeInterval(3.5 * 86_400)
                    return (middle.timeIntervalSince(window.end) / 86_400, p95)
                }
                guard points.count >= settings.minimumWeeks, let line = LeastSquaresLine.fit(points) else { continue }
                let fitted = line.value(at: 0)
                let weeklyTrend = line.slope * 7
                var days: Double?
                if weeklyTrend >= settings.minimumWeeklyTrend && line.rSquared >= settings.minimumFit {
                    let crossing = fitted >= threshold ? 0 : (threshold - fitted) / line.slope
                    days = crossing <= settings.horizonDays ? crossing : nil
                }
                result.append(CapacityForecast(
                    resourceId: resource.id, ownership: owner, metric: metric, currentP95: points.last!.y,
                    weeklyTrend: weeklyTrend, threshold: threshold, daysToThreshold: days,
                    weeklyP95: points.map(\.y), fittedAtEnd: fitted))
            }
        }
        return result.sorted(by: CapacityForecast.reportOrder)
    }
}
