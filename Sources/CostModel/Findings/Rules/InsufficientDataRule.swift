/// `insufficient_data`: the usage needed to judge a resource is missing or too thin. Says what is
/// missing and never guesses (a resource without usage data is never called idle).
enum InsufficientDataRule {
    /// What is missing for a decision needing `requiredDays` days with data; empty when enough.
    static func missing(_ ctx: ResourceContext, requiredDays: Int) -> [EvidenceStep] {
        guard let usage = ctx.usage, usage.sampleCount > 0 else {
            return ["no utilisation samples in the window"]
        }
        var missing: [EvidenceStep] = []
        let coverage = ctx.coverage ?? 0
        let minimum = ctx.policy.dataQuality.minimumCoverage
        if coverage < minimum {
            missing.append("coverage \(.percent(coverage, digits: 1)) of the window, \(.percent(minimum, digits: 0)) needed")
        }
        if usage.days.count < requiredDays {
            missing.append("\(usage.days.count) days with data, \(requiredDays) needed")
        }
        return missing
    }

    /// The finding, or nil when nothing is missing.
    static func evaluate(_ ctx: ResourceContext, requiredDays: Int, purpose: String) -> Finding? {
        let missing = missing(ctx, requiredDays: requiredDays)
        guard !missing.isEmpty else { return nil }
        var steps = missing
        steps[0].terms.insert(.words("missing: "), at: 0)
        return ctx.finding(
            .insufficientData, action: .collectData, recommended: "collect utilisation metrics",
            evidence: ctx.evidence(steps), saving: .none, confidence: .low,
            reason: "Not enough usage data to judge \(purpose): \(FormulaText.render(missing)).")
    }
}
