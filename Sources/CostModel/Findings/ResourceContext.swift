import Foundation

/// Everything the rules know about one resource, derived once: ownership, the tier's rules,
/// usage, cost and catalog size.
struct ResourceContext {
    let resource: Resource
    let ownership: Ownership
    /// The tier, validated to 1...4; nil when unknown.
    let tier: Int?
    let tierPolicy: TierPolicy
    let usage: UsageSummary?
    let window: ReportWindow
    let policy: FindingsPolicy
    let catalog: CatalogIndex
    /// Catalog entry of the current instance type, if known.
    let currentType: InstanceType?
    /// Billing currency (empty when the resource has no charges in the window).
    let currency: String
    /// Effective cost per month (0 without charges).
    let monthlyCost: Decimal

    var windowDays: Double { window.seconds / 86_400 }
    var coverage: Double? {
        guard let usage, window.seconds > 0 else { return nil }
        return usage.coveredSeconds / window.seconds
    }
    var daysWithData: Int? { usage?.days.count }
    var lastActiveAt: Date? { resource.lastActiveAt ?? usage?.lastSample }
    var state: ResourceState { resource.state ?? "" }
    var isTier1: Bool { tier == 1 }
    /// The current-generation families that replace the current type's family when it is a
    /// previous generation (`ModernizeSettings`); nil for current-generation types. Right-sizing
    /// and `modernize` then pick only from these.
    var replacementFamilies: [String]? {
        currentType.flatMap { policy.modernize.replacements(provider: $0.providerName, family: CatalogIndex.family(of: $0)) }
    }

    /// Whole days from `date` to the end of the window (nil when `date` is nil).
    func daysBeforeWindowEnd(_ date: Date?) -> Double? {
        date.map { window.end.timeIntervalSince($0) / 86_400 }
    }

    /// Evidence with the usage facts filled in; `finding` appends the saving's steps.
    func evidence(
        _ steps: [EvidenceStep], percentileName: String? = nil, percentileValue: Double? = nil,
        recommendedSize: SizeQuote? = nil
    ) -> FindingEvidence {
        FindingEvidence(
            windowDays: windowDays, daysWithData: daysWithData, samples: usage?.sampleCount,
            coverage: coverage, percentileName: percentileName, percentileValue: percentileValue,
            peak: usage?.cpuMax, lastActiveAt: lastActiveAt, currentSize: currentType.map(SizeQuote.init),
            recommendedSize: recommendedSize, steps: steps)
    }

    /// Confidence of a finding judged from usage (rule in `DataQualitySettings`).
    var usageConfidence: FindingLevel {
        guard let coverage, let days = daysWithData else { return .low }
        let enoughDays = days >= tierPolicy.minimumWindowDays
        if enoughDays && coverage >= policy.dataQuality.highConfidenceCoverage { return .high }
        if enoughDays && coverage >= policy.dataQuality.minimumCoverage { return .medium }
        return .low
    }

    /// What the resource is now: its size with its list price, else kind, class and size.
    var currentDescription: String {
        if let currentType { return SizeQuote(currentType).description }
        var parts = [resource.kind.rawValue]
        if let type = resource.instanceType { parts.append(type) }
        if let storageClass = resource.storageClass { parts.append(storageClass) }
        if let gib = resource.storageGiB { parts.append("\(NumberText.decimal(gib)) GiB") }
        if let state = resource.state { parts.append(state.rawValue) }
        return parts.joined(separator: ", ")
    }

    /// The monthly cost as a formula value.
    var monthlyCostValue: EvidenceValue { .money(monthlyCost, currency: currency) }

    /// An action that leaves `factor` of the cost:
    /// `saving = 280.32 USD × (1 − 0.5) = 140.16 USD/month`.
    func saving(leaving factor: Decimal) -> SavingComputation {
        let saving = monthlyCost * (1 - factor)
        return SavingComputation(monthlySavings: saving, remainingCostFactor: factor, steps: [
            "saving = \(monthlyCostValue) × (1 − \(.rounded(factor, digits: 4))) = \(.money(saving, currency: currency))/month",
        ])
    }

    /// A finding; its saving and remaining cost factor come from `saving`, whose steps end the formula.
    func finding(
        _ kind: FindingKind, action: FindingAction, recommended: String, evidence: FindingEvidence,
        saving: SavingComputation, confidence: FindingLevel, reason: String
    ) -> Finding {
        var evidence = evidence
        evidence.steps += saving.steps
        return Finding(
            resourceId: resource.id, kind: kind, action: action, ownership: ownership,
            current: currentDescription, recommended: recommended, evidence: evidence,
            monthlyCost: FindingsPrecision.normalized(monthlyCost),
            monthlySavings: FindingsPrecision.normalized(saving.monthlySavings),
            remainingCostFactor: saving.remainingCostFactor,
            currency: currency, confidence: confidence, risk: RiskEffort.risk(kind, tier: tier),
            effort: RiskEffort.effort(kind, tier: tier),
            needsApproval: isTier1 && [.rightSize, .upsize, .modernize, .autoscale].contains(action), reason: reason)
    }

    /// The action for an idle resource: `delete` when the tier allows it, else `stop` (compute and
    /// databases) when allowed, else `investigate` (always for tier 1).
    var idleAction: FindingAction {
        if !isTier1 && tierPolicy.allows(.delete) { return .delete }
        if !isTier1 && resource.kind.isMachine && tierPolicy.allows(.stop) && state != .stopped { return .stop }
        return .investigate
    }
}
