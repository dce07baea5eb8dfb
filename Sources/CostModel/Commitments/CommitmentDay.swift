import Foundation

/// One row of `queries/commitments.sql`: the effective and list cost of one UTC day for one
/// commitment and status, or of the usage a commitment could have covered but did not
/// (`commitmentId` nil: eligible on-demand usage, as the query defines it).
public struct CommitmentDay: Sendable, Hashable {
    public var billingAccountId: String
    public var currency: String
    /// `commitment_discount_id`; nil for eligible on-demand usage.
    public var commitmentId: String?
    /// `commitment_discount_type`, e.g. `Savings Plan` (nil when the bill does not say).
    public var commitmentType: String?
    /// `Used`, `Unused`, or nil (the purchase's fee rows; eligible on-demand usage).
    public var status: CommitmentDiscountStatus?
    /// UTC midnight of the rows' `charge_period_start`.
    public var day: Date
    /// Sum of `effective_cost` (amortised), in `currency`.
    public var effectiveCost: Decimal
    /// Sum of `list_cost` (the on-demand equivalent), in `currency`.
    public var listCost: Decimal

    public init(billingAccountId: String, currency: String, commitmentId: String?, commitmentType: String?,
                status: CommitmentDiscountStatus?, day: Date, effectiveCost: Decimal, listCost: Decimal) {
        self.billingAccountId = billingAccountId; self.currency = currency; self.commitmentId = commitmentId
        self.commitmentType = commitmentType; self.status = status; self.day = day
        self.effectiveCost = effectiveCost; self.listCost = listCost
    }
}
