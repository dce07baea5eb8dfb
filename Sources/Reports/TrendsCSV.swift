import CostModel
import Foundation

/// `unit_costs.csv` and `capacity.csv` (DESIGN.md §5).
public enum TrendsCSV {
    /// `unit_costs.csv`: one row per service and currency whose resources reported requests.
    ///
    /// Columns, in order: `service`, `billing_currency`, `effective_cost` (currency units, the
    /// service's effective cost in the window as in `cost_by_service.csv`), `requests` (count),
    /// `cost_per_1000_requests` and `previous_cost_per_1000_requests` (currency units per 1,000
    /// requests, unrounded: a busy API costs fractions of a cent; the previous one empty without
    /// requests or cost in the previous window). Rows: by service, currency.
    public static func unitCosts(_ rows: [UnitCost]) -> String {
        var csv = CSVWriter(header: [
            "service", "billing_currency", "effective_cost", "requests", "cost_per_1000_requests",
            "previous_cost_per_1000_requests",
        ])
        for row in rows {
            csv.appendRow([
                .text(row.service), .text(row.currency), .number(Money.plain(row.effectiveCost)),
                .number(count(row.requests)), .number(Money.plain(row.costPer1000Requests)),
                .number(row.previousCostPer1000Requests.map { Money.plain($0) }),
            ])
        }
        return csv.output
    }

    /// `capacity.csv`: the capacity runway, a forecast.
    ///
    /// Columns, in order: `resource_id`, `service`, `tier` (`1`-`4` or `(untiered)`), `metric`
    /// (`cpu` or `memory`), `current_p95` (fraction, the last full week's p95, 4 decimals),
    /// `weekly_trend` (fraction per week of the least-squares line through the weekly p95, 6
    /// decimals, negative when falling), `threshold` (fraction, the scaling matrix's: 0.70 CPU,
    /// 0.80 memory), `days_to_threshold` (days from the window's end until the line reaches the
    /// threshold, 1 decimal; 0 when above it; empty when flat, falling or beyond the horizon).
    /// Rows: tier 1 first, then the nearest crossing, resource id, metric.
    public static func capacity(_ rows: [CapacityForecast]) -> String {
        var csv = CSVWriter(header: [
            "resource_id", "service", "tier", "metric", "current_p95", "weekly_trend", "threshold", "days_to_threshold",
        ])
        for row in rows {
            csv.appendRow([
                .text(row.resourceId), .text(row.ownership.service), .text(row.ownership.tierLabel), .text(row.metric.rawValue),
                .number(RecommendationsCSV.fixed(row.currentP95, 4)), .number(RecommendationsCSV.fixed(row.weeklyTrend, 6)),
                .number(RecommendationsCSV.fixed(row.threshold, 2)),
                .number(row.daysToThreshold.map { RecommendationsCSV.fixed($0, 1) }),
            ])
        }
        return csv.output
    }

    /// A request count: whole numbers as integers, otherwise up to 6 decimals.
    static func count(_ value: Double) -> String {
        guard value.isFinite else { return "" }
        return Money.plain(Decimal(string: String(format: "%.6f", value)) ?? 0)
    }
}
