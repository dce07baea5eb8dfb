import CostModel
import Foundation

/// `plan.csv`: the de-duplicated optimisation plan, one row per step, in plan order.
///
/// Columns, in this order:
/// - `step`: 1-based position; `phase`: 1 quick wins, 2 schedules and spot, 3 right-sizing,
///   4 commitments
/// - `finding_id`, `resource_id`, `action`, `service`, `team`
/// - `marginal_monthly_savings`: what this step saves per month after the earlier steps of the
///   same resource, rounded to the currency's minor unit (negative when it adds cost)
/// - `cumulative_monthly_savings`: running sum of the rounded `marginal_monthly_savings` of the
///   same currency up to this row, so the column adds up exactly in a spreadsheet
/// - `billing_currency`
///
/// `investigate` and `collect_data` findings are not plan steps (see `recommendations.csv`).
public enum PlanCSV {
    public static let header = [
        "step", "phase", "finding_id", "resource_id", "action", "service", "team",
        "marginal_monthly_savings", "cumulative_monthly_savings", "billing_currency",
    ]

    public static func render(_ plan: Plan) -> String {
        var csv = CSVWriter(header: header)
        var running: [String: Decimal] = [:]
        for step in plan.steps.sorted(by: { $0.step < $1.step }) {
            let digits = Money.minorUnitDigits(step.currency)
            let marginal = Money.rounded(step.marginalMonthlySavings, scale: digits)
            running[step.currency, default: 0] += marginal
            csv.appendRow([
                .number(String(step.step)), .number(String(step.phase)), .text(step.findingId),
                .text(step.resourceId), .text(step.action.rawValue), .text(step.ownership.service),
                .text(step.ownership.team), .number(Money.plain(marginal, scale: digits)),
                .number(Money.plain(running[step.currency] ?? 0, scale: digits)), .text(step.currency),
            ])
        }
        return csv.output
    }
}
