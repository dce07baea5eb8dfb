import Foundation

/// One recommendation for one resource, with its evidence and monthly savings.
public struct Finding: Sendable, Hashable {
    /// Stable id: `FindingID.make(resourceId:kind:)`, the same every night.
    public var id: String
    public var resourceId: String
    public var kind: FindingKind
    public var action: FindingAction
    public var ownership: Ownership
    /// What is there now, e.g. `m5.2xlarge (8 vCPU, 32 GiB, 0.384 USD/h list)` or `gp2 volume, 500 GiB`.
    public var current: String
    /// What to do instead, e.g. `m5.large (...)`, `delete`, `gp3`.
    public var recommended: String
    public var evidence: FindingEvidence
    /// The resource's effective cost per month: effective cost in the window ÷ window hours × hours per month.
    public var monthlyCost: Decimal
    /// Monthly saving of this finding on its own, unrounded (negative when it adds cost).
    public var monthlySavings: Decimal
    /// Fraction of the resource's cost left after the action (delete 0, schedule 1 − off-hours
    /// share, right-size the price ratio, upsize > 1, ...). The plan chains these factors.
    public var remainingCostFactor: Decimal
    /// Billing currency of `monthlyCost` and `monthlySavings` (empty when the resource has no charges).
    public var currency: String
    public var confidence: FindingLevel
    public var risk: FindingLevel
    public var effort: FindingLevel
    /// Roadmap phase 1...4 (`FindingKind.phase`).
    public var phase: Int
    /// Tier 1 changes need an owner's approval before they are made.
    public var needsApproval: Bool
    /// One sentence: why.
    public var reason: String
    /// For a finding about a group (an `autoscale` fleet): the resources it acts on. The plan
    /// leaves their own sizing, schedule, spot, modernize and commitment findings out.
    public var members: [String] = []
    /// Resources this finding takes away whole (a cluster's `remove_nodes` step: the nodes); the
    /// plan drops their own findings so no saving is counted twice.
    public var removesResources: [String] = []

    public init(
        resourceId: String, kind: FindingKind, action: FindingAction, ownership: Ownership, current: String,
        recommended: String, evidence: FindingEvidence, monthlyCost: Decimal, monthlySavings: Decimal,
        remainingCostFactor: Decimal, currency: String, confidence: FindingLevel, risk: FindingLevel,
        effort: FindingLevel, needsApproval: Bool, reason: String
    ) {
        self.id = FindingID.make(resourceId: resourceId, kind: kind)
        self.resourceId = resourceId; self.kind = kind; self.action = action; self.ownership = ownership
        self.current = current; self.recommended = recommended; self.evidence = evidence
        self.monthlyCost = monthlyCost; self.monthlySavings = monthlySavings
        self.remainingCostFactor = remainingCostFactor; self.currency = currency
        self.confidence = confidence; self.risk = risk; self.effort = effort; self.phase = kind.phase
        self.needsApproval = needsApproval; self.reason = reason
    }
}
