import CivilTime
import CostModel
import Foundation

extension FinanceCSV {
    /// `cost_daily.csv`: one row per UTC day, service, tier and currency. Shared cost is not split per
    /// day; it appears as service `(shared)`, tier `(untiered)`.
    ///
    /// Columns, in order:
    /// - `charge_date` (`YYYY-MM-DD`, UTC): the day of `charge_period_start`
    /// - `service` (text), `tier` (`1`...`4` or `(untiered)`)
    /// - `billing_currency` (ISO 4217 code)
    /// - `billed_cost`, `effective_cost` (currency units)
    ///
    /// Rows: by billing_currency, charge_date, service, tier.
    public static func costDaily(_ result: AttributionResult) -> String {
        render(
            header: ["charge_date", "service", "tier", "billing_currency", "billed_cost", "effective_cost"],
            rows: result.daily.map { day in
                [.text(UTCText.day(day.day)), .text(day.service), .text(day.tierLabel), .text(day.currency),
                 amount(day.billedCost), amount(day.effectiveCost)]
            })
    }
}
