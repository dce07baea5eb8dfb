import CostModel
import Foundation
import Postgres

extension BillingStore {
    /// Commitment rows and eligible on-demand usage per day in `window` (queries/commitments.sql or
    /// its rollup twin), streamed into utilisation per commitment and coverage per billing account.
    public func commitments(in window: ReportWindow) throws -> Commitments {
        let query = rollups?.commitments ?? queries.commitments
        return try timed(query) {
            var days: [CommitmentDay] = []
            let rows = try connection.query(query, Self.windowBinds(window)) { row in
                days.append(CommitmentDay(
                    billingAccountId: try row.decode(String.self, "billing_account_id"),
                    currency: try row.decode(String.self, "billing_currency"),
                    commitmentId: try row.decode(String?.self, "commitment_discount_id"),
                    commitmentType: try row.decode(String?.self, "commitment_discount_type"),
                    status: try row.decode(CommitmentDiscountStatus?.self, "commitment_discount_status"),
                    day: try row.decode(Date.self, "charge_day"),
                    effectiveCost: try row.decode(Decimal.self, "effective_cost"),
                    listCost: try row.decode(Decimal.self, "list_cost")))
            }
            return (Commitments.summarize(days, window: window), rows)
        }
    }
}
