import CostModel
import Foundation

extension FinanceCSV {
    /// `untagged_spenders.csv`: resources whose service, team or tier is unknown, top N per currency.
    ///
    /// Columns, in order:
    /// - `resource_id` (text)
    /// - `billing_currency` (ISO 4217 code)
    /// - `effective_cost`, `billed_cost` (currency units): of the resource's charges with a missing field
    /// - `missing` (text): the unknown fields, `;`-separated, from `service;team;tier`
    /// - `service`, `team` (text): what is known (`(unallocated)` when not)
    /// - `in_inventory` (`true`/`false`): whether the resource is in the inventory
    ///
    /// Rows: by billing_currency, effective_cost descending, resource_id.
    public static func untaggedSpenders(_ result: AttributionResult) -> String {
        render(
            header: ["resource_id", "billing_currency", "effective_cost", "billed_cost", "missing", "service", "team",
                     "in_inventory"],
            rows: result.untaggedSpenders.map { spender in
                [.text(spender.resourceId), .text(spender.currency), amount(spender.effectiveCost),
                 amount(spender.billedCost), .text(spender.missing.joined(separator: ";")), .text(spender.service),
                 .text(spender.team), .text(spender.inInventory ? "true" : "false")]
            })
    }
}
