import Foundation

/// `unused_commitment`: per commitment (`commitment_discount_id`), the effective cost of its rows
/// with `commitment_discount_status = 'Unused'` in the window; reported when unused ÷ (used +
/// unused) is at least `UnusedCommitmentSettings.minimumUnusedShare`. The monthly amount is the
/// unused cost scaled to a month (÷ window hours × hours per month). Action `investigate`: resize
/// or exchange the commitment, or move work onto it (it is listed, not priced into the plan).
enum UnusedCommitmentRule {
    static func evaluate(_ commitments: [CommitmentUtilization], window: ReportWindow, policy: FindingsPolicy,
                         ownership: [String: Ownership]) -> [Finding] {
        commitments.compactMap { evaluate($0, window: window, policy: policy, ownership: ownership) }
    }

    static func evaluate(_ commitment: CommitmentUtilization, window: ReportWindow, policy: FindingsPolicy,
                         ownership: [String: Ownership]) -> Finding? {
        let threshold = Decimal(settingValue: policy.unusedCommitment.minimumUnusedShare)
        let windowSeconds = Int(window.seconds.rounded())
        guard commitment.unused > 0, commitment.total > 0, windowSeconds > 0,
              commitment.unusedShare >= threshold else { return nil }
        let currency = commitment.currency
        let windowHours = Decimal(windowSeconds) / 3600
        let hours = policy.hoursPerMonthDecimal
        let monthlyCost = commitment.total * hours / windowHours
        let monthlyUnused = commitment.unused * hours / windowHours
        let share = commitment.unusedShare
        let usedDays = commitment.days.filter { $0.unused > 0 }.count
        let steps: [EvidenceStep] = [
            "unused \(.money(commitment.unused, currency: currency)) of \(.money(commitment.total, currency: currency)) "
                + "(used \(.money(commitment.used, currency: currency))) in the window = \(.rounded(share * 100, digits: 2))% "
                + "≥ \(.percent(policy.unusedCommitment.minimumUnusedShare, digits: 2)); unused on \(usedDays) of \(commitment.days.count) days",
            "monthly cost = \(.money(commitment.total, currency: currency)) ÷ \(.rounded(windowHours, digits: 2)) h × "
                + "\(.exact(policy.hoursPerMonthDecimal)) h = \(.money(monthlyCost, currency: currency))",
            "unused per month = \(.money(commitment.unused, currency: currency)) ÷ \(.rounded(windowHours, digits: 2)) h × "
                + "\(.exact(policy.hoursPerMonthDecimal)) h = \(.money(monthlyUnused, currency: currency))/month",
        ]
        let owner = ownership[commitment.commitmentId] ?? Ownership(
            service: Ownership.unallocated, team: Ownership.unallocated, tier: nil, environment: nil, source: .unallocated)
        let type = commitment.commitmentType ?? "commitment"
        return Finding(
            resourceId: commitment.commitmentId, kind: .unusedCommitment, action: .investigate, ownership: owner,
            current: "\(type), \(NumberText.decimal((1 - share) * 100, digits: 1))% used (account \(commitment.billingAccountId))",
            recommended: "resize or exchange the commitment, or move work onto it",
            evidence: FindingEvidence(
                windowDays: window.seconds / 86_400, percentileName: "unused share",
                percentileValue: NSDecimalNumber(decimal: share).doubleValue, steps: steps),
            monthlyCost: FindingsPrecision.normalized(monthlyCost),
            monthlySavings: FindingsPrecision.normalized(monthlyUnused), remainingCostFactor: 1 - share,
            currency: currency, confidence: .high, risk: RiskEffort.risk(.unusedCommitment, tier: owner.tier),
            effort: RiskEffort.effort(.unusedCommitment, tier: owner.tier), needsApproval: false,
            reason: "\(NumberText.decimal(share * 100, digits: 1))% of the \(type)'s amortised cost in the window paid for "
                + "nothing (FOCUS status Unused): resize or exchange it, or move eligible on-demand usage onto it.")
    }
}
