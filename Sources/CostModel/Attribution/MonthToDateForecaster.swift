import Foundation

/// Month-to-date effective cost and a run-rate forecast to month end, per currency.
///
/// Period: `[1st of the as-of month, asOf)` in UTC. Forecast = MTD effective cost ÷ elapsed days ×
/// days in the month, rounded to the currency's minor unit (a straight-line run rate: it assumes the
/// rest of the month costs what the elapsed days cost on average). When `asOf` is the 1st, no day
/// has elapsed and there is no forecast. Charges outside the period are ignored with a diagnostic.
enum MonthToDateForecaster {
    static func forecast(_ input: MonthToDateInput) -> (forecasts: [MonthToDateForecast], diagnostics: [Diagnostic]) {
        let asOf = UTCDays.startOfDay(input.asOf)
        let monthStart = UTCDays.monthStart(of: asOf)
        let elapsed = UTCDays.days(from: monthStart, to: asOf)
        let daysInMonth = UTCDays.daysInMonth(of: asOf)
        var sums: [String: CostAmounts] = [:]
        var outside = 0
        for charge in input.charges {
            guard charge.day >= monthStart, charge.day < asOf else { outside += 1; continue }
            sums[charge.currency, default: .zero] += CostAmounts(charge: charge)
        }
        let forecasts = sums.keys.sorted().map { currency -> MonthToDateForecast in
            let amounts = sums[currency]!
            let forecast = elapsed > 0
                ? Money.roundedToMinorUnit(amounts.effectiveCost / Decimal(elapsed) * Decimal(daysInMonth), currency: currency)
                : nil
            return MonthToDateForecast(
                currency: currency, monthStart: monthStart, asOf: asOf, elapsedDays: elapsed,
                daysInMonth: daysInMonth, effectiveCost: amounts.effectiveCost, billedCost: amounts.billedCost,
                forecastEffectiveCost: forecast)
        }
        var diagnostics: [Diagnostic] = []
        if outside > 0 {
            diagnostics.append(Diagnostic(
                .info, code: "mtd_charges_outside_period",
                "\(outside) month-to-date charge groups fall outside [\(monthStart), \(asOf)) and were ignored."))
        }
        return (forecasts, diagnostics)
    }
}
