import Foundation

/// Finds days on which a service's daily effective cost rises above its own recent normal.
///
/// For each day `d` of the window and each (currency, service): the baseline is the
/// `anomalyBaselineDays` days before `d`. A day is reported when
/// `cost(d) > mean + anomalySigma × sd` and `cost(d) − mean > anomalyMinimumAmount`, where mean and
/// the population standard deviation sd are taken over the baseline days. Days without cost count
/// as 0 inside the baseline; a service with no cost at all in the baseline is not tested that day.
/// The baseline may reach into the previous window (its charges are an input); a day whose baseline
/// would start before the previous window is not tested. Shared cost is not part of any service's
/// series. Amounts are Decimal; only mean/sd comparisons use Double.
struct AnomalyDetector {
    var sigma: Double
    var baselineDays: Int
    var minimumAmount: Decimal

    struct SeriesKey: Hashable { var currency: String; var service: String }

    /// - Parameters:
    ///   - series: effective cost per (currency, service) per UTC day.
    ///   - window: the days tested.
    ///   - coverageStart: the first day that data covers (the previous window's start).
    func detect(series: [SeriesKey: [Date: Decimal]], window: ReportWindow, coverageStart: Date) -> [CostAnomaly] {
        let firstDay = UTCDays.startOfDay(window.start)
        let dayCount = UTCDays.days(from: firstDay, to: window.end)
        var anomalies: [CostAnomaly] = []
        for (key, costs) in series {
            let digits = Money.minorUnitDigits(key.currency)
            // Each day's cost as a Double once (a baseline day is in `baselineDays` baselines).
            let doubles = costs.mapValues(Self.double)
            for offset in 0..<max(dayCount, 0) {
                let day = UTCDays.adding(days: offset, to: firstDay)
                let baselineStart = UTCDays.adding(days: -baselineDays, to: day)
                guard baselineStart >= coverageStart else { continue }
                let baselineDates = (0..<baselineDays).map { UTCDays.adding(days: $0, to: baselineStart) }
                let values = baselineDates.map { doubles[$0] ?? 0 }
                guard values.contains(where: { $0 != 0 }) else { continue }  // a Decimal is 0 exactly when its Double is
                let amount = costs[day] ?? 0
                let mean = values.reduce(0, +) / Double(baselineDays)
                let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(baselineDays)
                let sd = variance.squareRoot()
                // The exact mean (a Decimal division) only for a day the Double test flags.
                guard (doubles[day] ?? 0) > mean + sigma * sd else { continue }
                let exactMean = baselineDates.reduce(Decimal(0)) { .exactSum($0, costs[$1] ?? 0) } / Decimal(baselineDays)
                guard amount - exactMean > minimumAmount else { continue }
                anomalies.append(CostAnomaly(
                    currency: key.currency, service: key.service, day: day, effectiveCost: amount,
                    baselineMean: Money.rounded(exactMean, scale: digits + 2),
                    baselineStandardDeviation: sd, baselineDays: baselineDays))
            }
        }
        return anomalies.sorted { ($0.currency, $0.day, $0.service) < ($1.currency, $1.day, $1.service) }
    }

    static func double(_ value: Decimal) -> Double { NSDecimalNumber(decimal: value).doubleValue }
}
