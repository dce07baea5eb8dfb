import Foundation

/// One step of the plan: one finding, priced on what the earlier steps of its resource left.
public struct PlanStep: Sendable, Hashable {
    /// 1-based position in the plan.
    public var step: Int
    public var findingId: String
    public var resourceId: String
    public var kind: FindingKind
    public var action: FindingAction
    public var ownership: Ownership
    public var currency: String
    /// Saving of this step after the earlier steps of the same resource, per month (unrounded;
    /// negative when it adds cost).
    public var marginalMonthlySavings: Decimal
    /// Running total of the marginal savings of this currency up to and including this step.
    public var cumulativeMonthlySavings: Decimal
    public var phase: Int
    /// Tier 1 right-sizing: the owner must approve.
    public var needsApproval: Bool
}

/// A phase of the roadmap with its savings per currency.
public struct PlanPhase: Sendable, Hashable {
    /// 1 quick wins, 2 schedules and spot, 3 right-sizing, 4 commitments.
    public var number: Int
    public var title: String
    public var stepCount: Int
    /// Sum of the marginal monthly savings of the phase's steps, per currency.
    public var monthlySavings: [String: Decimal]
    /// `monthlySavings` × 12, per currency.
    public var annualSavings: [String: Decimal]

    /// Titles of the four phases.
    public static func title(_ number: Int) -> String {
        switch number {
        case 1: return "Quick wins: unused resources and storage classes"
        case 2: return "Schedules and spot"
        case 3: return "Right-sizing (tier 1 needs the owner's approval)"
        default: return "Commitments on the optimised baseline"
        }
    }
}

/// A finding the plan does not price, and why.
public struct PlanExclusion: Sendable, Hashable {
    public var findingId: String
    public var reason: String
}

/// The de-duplicated optimisation plan: at most one path per resource (delete; else storage
/// class, schedule or spot, right-size or upsize, commit), each step priced on what the previous
/// steps left. `investigate` and `collect_data` findings, and findings of resources without
/// charges, are listed as exclusions and never counted in the totals. Amounts are per currency
/// and never summed across currencies.
public struct Plan: Sendable, Hashable {
    public var steps: [PlanStep]
    /// Phases 1...4, always all four (empty phases have no steps and no savings).
    public var phases: [PlanPhase]
    /// Plain sum of the monthly savings of the plannable findings (not `investigate` or
    /// `collect_data`), per currency: what the findings claim if each were done alone.
    public var sumOfFindings: [String: Decimal]
    /// The de-duplicated monthly total of the plan, per currency; never above `sumOfFindings`.
    public var monthlyTotal: [String: Decimal]
    /// `monthlyTotal` × 12.
    public var annualTotal: [String: Decimal]
    public var exclusions: [PlanExclusion]
}
