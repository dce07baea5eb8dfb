import CivilTime
import CostModel
import Foundation

extension FinanceCSV {
    /// `anomalies.csv`: days on which a service's effective cost rose above its baseline.
    ///
    /// Columns, in order:
    /// - `charge_date` (`YYYY-MM-DD`, UTC), `service` (text), `billing_currency` (ISO 4217 code)
    /// - `effective_cost` (currency units): the day's effective cost
    /// - `baseline_mean` (currency units): mean daily effective cost of the baseline days
    /// - `baseline_standard_deviation` (currency units, 4 decimals): population standard deviation
    /// - `excess_over_mean` (currency units): effective_cost − baseline_mean
    /// - `baseline_days` (days)
    ///
    /// Rows: by billing_currency, charge_date, service.
    public static func anomalies(_ result: AttributionResult) -> String {
        render(
            header: ["charge_date", "service", "billing_currency", "effective_cost", "baseline_mean",
                     "baseline_standard_deviation", "excess_over_mean", "baseline_days"],
            rows: result.anomalies.map { anomaly in
                [.text(UTCText.day(anomaly.day)), .text(anomaly.service), .text(anomaly.currency),
                 amount(anomaly.effectiveCost), amount(anomaly.baselineMean),
                 amount(standardDeviation(anomaly.baselineStandardDeviation)),
                 amount(anomaly.excessOverMean), integer(anomaly.baselineDays)]
            })
    }

    /// The standard deviation as a Decimal with 4 decimals (nil if not finite).
    static func standardDeviation(_ value: Double) -> Decimal? {
        guard value.isFinite else { return nil }
        return Money.rounded(Decimal(value), scale: 4)
    }
}
