import Foundation

/// The cost measures of one slice of the bill, in one currency (never mixed).
///
/// FOCUS semantics: `billedCost` is what the invoice charges (commitment purchases carry their fee,
/// usage covered by a commitment carries 0); `effectiveCost` is amortised (purchases carry 0, covered
/// usage carries its share of the commitment). Summing each measure over all charges therefore counts
/// nothing twice.
public struct CostAmounts: Sendable, Hashable {
    /// FOCUS BilledCost, in the currency.
    public var billedCost: Decimal
    /// FOCUS EffectiveCost (amortised, after discounts), in the currency.
    public var effectiveCost: Decimal
    /// FOCUS ListCost, in the currency.
    public var listCost: Decimal
    /// Credits and refunds: the billed cost of credit charges (see `ChargeGroup.isCreditOrRefund`),
    /// normally negative. Already included in `billedCost`; shown on its own.
    public var credits: Decimal

    public static let zero = CostAmounts(billedCost: 0, effectiveCost: 0, listCost: 0, credits: 0)

    public init(billedCost: Decimal, effectiveCost: Decimal, listCost: Decimal, credits: Decimal = 0) {
        self.billedCost = billedCost; self.effectiveCost = effectiveCost
        self.listCost = listCost; self.credits = credits
    }

    /// The measures of one charge group.
    public init(charge: ChargeGroup) {
        self.init(
            billedCost: charge.billedCost, effectiveCost: charge.effectiveCost, listCost: charge.listCost,
            credits: charge.isCreditOrRefund ? charge.billedCost : 0)
    }

    public static func + (a: CostAmounts, b: CostAmounts) -> CostAmounts {
        CostAmounts(
            billedCost: .exactSum(a.billedCost, b.billedCost), effectiveCost: .exactSum(a.effectiveCost, b.effectiveCost),
            listCost: .exactSum(a.listCost, b.listCost), credits: .exactSum(a.credits, b.credits))
    }

    public static func += (a: inout CostAmounts, b: CostAmounts) { a = a + b }

    /// The measures as an array in a fixed order (billed, effective, list, credits), for splitting.
    var measures: [Decimal] { [billedCost, effectiveCost, listCost, credits] }

    init(measures: [Decimal]) {
        self.init(billedCost: measures[0], effectiveCost: measures[1], listCost: measures[2], credits: measures[3])
    }
}

extension ChargeGroup {
    /// A credit or refund: charge category `Credit`, or any charge with a negative billed or
    /// effective cost (refunds, negative `Adjustment`s).
    public var isCreditOrRefund: Bool {
        chargeCategory == .credit || Decimal.isLess(billedCost, 0) || Decimal.isLess(effectiveCost, 0)
    }

    /// True when the charge has no resource (empty or nil `resource_id`): shared cost.
    public var isShared: Bool {
        guard let id = resourceId else { return true }
        // An id that starts with an ASCII letter, digit or sign (nearly all) is not blank.
        if let first = id.utf8.first, first > 0x20, first < 0x80 { return false }
        return id.unicodeScalars.allSatisfy { CharacterSet.whitespaces.contains($0) }
    }
}
