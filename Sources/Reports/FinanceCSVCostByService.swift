import CostModel
import Foundation

extension FinanceCSV {
    /// `cost_by_service.csv`: one row per currency, service, team, tier and environment.
    ///
    /// Columns, in order:
    /// - `service` (text): the owning service, `(unallocated)` or `(shared)`
    /// - `team` (text): the owning team, `(unallocated)` or `(shared)`
    /// - `tier` (text): `1`...`4` or `(untiered)`
    /// - `environment` (text): the environment, empty when unknown
    /// - `billing_currency` (ISO 4217 code)
    /// - `billed_cost` (currency units): invoiced cost, shared cost received included
    /// - `effective_cost` (currency units): amortised cost, shared cost received included
    /// - `list_cost` (currency units)
    /// - `credits` (currency units, normally <= 0): billed cost of credits and refunds, included in `billed_cost`
    /// - `shared_cost_received` (currency units): effective cost received from splitting shared cost
    ///
    /// Rows: by billing_currency, effective_cost descending, then service, team, tier, environment.
    public static func costByService(_ result: AttributionResult) -> String {
        render(
            header: ["service", "team", "tier", "environment", "billing_currency", "billed_cost", "effective_cost",
                     "list_cost", "credits", "shared_cost_received"],
            rows: result.rows.map { row in
                [.text(row.service), .text(row.team), .text(row.tierLabel), .text(row.environment),
                 .text(row.currency), amount(row.amounts.billedCost), amount(row.amounts.effectiveCost),
                 amount(row.amounts.listCost), amount(row.amounts.credits),
                 amount(row.sharedCostReceived.effectiveCost)]
            })
    }
}
