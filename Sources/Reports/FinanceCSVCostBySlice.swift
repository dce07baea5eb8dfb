import CostModel
import Foundation

extension FinanceCSV {
    /// `cost_by_tier.csv`: one row per currency and tier.
    ///
    /// Columns, in order:
    /// - `tier` (text): `1`...`4`, `(untiered)`, or `(shared)` for shared cost kept unsplit
    /// - `billing_currency` (ISO 4217 code)
    /// - `billed_cost`, `effective_cost`, `list_cost` (currency units)
    /// - `credits` (currency units, normally <= 0): included in `billed_cost`
    /// - `share_of_effective_cost` (fraction 0...1, 6 decimals, of the currency's effective cost;
    ///   empty when that total is 0)
    ///
    /// Rows: by billing_currency, then tier 1, 2, 3, 4, `(untiered)`, `(shared)`.
    public static func costByTier(_ result: AttributionResult) -> String {
        slices(result.byTier, keyColumn: "tier")
    }

    /// `cost_by_team.csv`: one row per currency and team.
    ///
    /// Columns, in order:
    /// - `team` (text): the team, `(unallocated)` or `(shared)`
    /// - `billing_currency` (ISO 4217 code)
    /// - `billed_cost`, `effective_cost`, `list_cost` (currency units)
    /// - `credits` (currency units, normally <= 0): included in `billed_cost`
    /// - `share_of_effective_cost` (fraction 0...1, 6 decimals; empty when the currency's total is 0)
    ///
    /// Rows: by billing_currency, effective_cost descending, team.
    public static func costByTeam(_ result: AttributionResult) -> String {
        slices(result.byTeam, keyColumn: "team")
    }

    static func slices(_ slices: [CostSlice], keyColumn: String) -> String {
        render(
            header: [keyColumn, "billing_currency", "billed_cost", "effective_cost", "list_cost", "credits",
                     "share_of_effective_cost"],
            rows: slices.map { slice in
                [.text(slice.key), .text(slice.currency), amount(slice.amounts.billedCost),
                 amount(slice.amounts.effectiveCost), amount(slice.amounts.listCost), amount(slice.amounts.credits),
                 amount(slice.shareOfEffectiveCost)]
            })
    }
}
