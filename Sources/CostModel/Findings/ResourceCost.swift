import Foundation

/// Amounts inside findings and the plan are kept to this many decimal places (far below any
/// currency's minor unit), so that sums are exact and do not depend on the order of addition;
/// rounding to the minor unit happens only at output.
public enum FindingsPrecision {
    public static let scale = 10

    /// `amount` at the internal precision.
    public static func normalized(_ amount: Decimal) -> Decimal { Money.rounded(amount, scale: scale) }
}

/// A resource's cost over the window in one currency: all its charge categories.
public struct ResourceCost: Sendable, Hashable {
    public var currency: String
    /// Sum of `effective_cost`.
    public var effectiveCost: Decimal
    /// Sum of `billed_cost`.
    public var billedCost: Decimal
    /// Number of billing lines.
    public var lineCount: Int

    public init(currency: String, effectiveCost: Decimal = 0, billedCost: Decimal = 0, lineCount: Int = 0) {
        self.currency = currency; self.effectiveCost = effectiveCost; self.billedCost = billedCost
        self.lineCount = lineCount
    }

    /// Costs per resource id and currency, summed from the charge groups that name a resource.
    public static func byResource(_ charges: [ChargeGroup]) -> [String: [String: ResourceCost]] {
        // Summed per charge set first, keyed by its instance (a set's days share one: no text is
        // hashed per charge), then per resource and currency. The sums are exact, so the grouping
        // does not change them.
        var setIndex: [ObjectIdentifier: Int] = [:]
        var sets: [(dimensions: ChargeDimensions, cost: ResourceCost)] = []
        for charge in charges where charge.resourceId != nil {
            let set = ObjectIdentifier(charge.dimensions)
            if let index = setIndex[set] {
                sets[index].cost.add(charge)
            } else {
                setIndex[set] = sets.count
                sets.append((charge.dimensions, ResourceCost(currency: charge.currency)))
                sets[sets.count - 1].cost.add(charge)
            }
        }
        var result: [String: [String: ResourceCost]] = [:]
        for (dimensions, cost) in sets {
            result[dimensions.resourceId!, default: [:]][dimensions.currency, default: ResourceCost(currency: dimensions.currency)]
                .add(cost)
        }
        return result
    }

    private mutating func add(_ charge: ChargeGroup) {
        effectiveCost = .exactSum(effectiveCost, charge.effectiveCost)
        billedCost = .exactSum(billedCost, charge.billedCost)
        lineCount += charge.lineCount
    }

    private mutating func add(_ other: ResourceCost) {
        effectiveCost = .exactSum(effectiveCost, other.effectiveCost)
        billedCost = .exactSum(billedCost, other.billedCost)
        lineCount += other.lineCount
    }

    /// The currency a resource's findings are priced in: its only currency, or, when the bill
    /// mixes currencies for one resource, the one with the most billing lines (ties: the
    /// alphabetically first code). Amounts are never converted or summed across currencies.
    public static func primary(_ costs: [String: ResourceCost]) -> ResourceCost? {
        costs.values.max { a, b in
            a.lineCount != b.lineCount ? a.lineCount < b.lineCount : a.currency > b.currency
        }
    }

    /// Effective cost per month: effective cost ÷ window hours × hours per month (unrounded).
    public func monthlyEffectiveCost(window: ReportWindow, hoursPerMonth: Decimal) -> Decimal {
        let windowSeconds = Int(window.seconds.rounded())
        guard windowSeconds > 0 else { return 0 }
        return effectiveCost * Decimal(3600) / Decimal(windowSeconds) * hoursPerMonth
    }
}
