/// `insufficient_data`: the usage needed to judge a resource is missing or too thin. Says what is
/// missing and never guesses (a resource without usage data is never called idle).
enum InsufficientDataRule {
    /// What is missing for a decision needing `requiredDays` days with data; empty when enough.
    static func missing(_ ctx: ResourceContext, requiredDays: Int) -> [String] {
        guard let usage = ctx.usage, usage.sampleCount > 0 else {
            return ["no utilisation samples in the window"]
        }
        var missing: [String] = []
        let coverage = ctx.coverage ?? 0
        let minimum = ctx.policy.dataQuality.minimumCoverage
        if coverage < minimum {
            missing.append("coverage \(NumberText.percent(coverage, digits: 1)) of the window, \(NumberText.percent(minimum, digits: 0)) needed")
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
        let text = missing.joined(separator: "; ")
        return ctx.finding(
            .insufficientData, action: .collectData, recommended: "collect utilisation metrics",
            evidence: ctx.evidence(formula: "missing: \(text)"),
            monthlySavings: 0, remainingCostFactor: 1, confidence: .low,
            reason: "Not enough usage data to judge \(purpose): \(text).")
    }
}
