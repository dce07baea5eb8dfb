import Foundation

/// `commitment`: compute of a tier that allows commitments (1 by default) on on-demand pricing
/// that ran at least `minimumRunningShare` of the window: commit the baseline that remains after
/// right-sizing (`priceRatio` of the sizing finding, 1 without one).
enum CommitmentRule {
    static func evaluate(_ ctx: ResourceContext, priceRatio: Decimal) -> Finding? {
        guard ctx.resource.kind == .compute, ctx.tierPolicy.allows(.commit),
              ctx.resource.pricingModel == .onDemand,
              let running = ctx.coverage else { return nil }
        let settings = ctx.policy.commitment
        guard running >= settings.minimumRunningShare else { return nil }
        let discount = Decimal(settingValue: settings.discount)
        let baseline = ctx.monthlyCost * priceRatio
        let formula = "ran \(NumberText.percent(running, digits: 1)) of the window >= \(NumberText.percent(settings.minimumRunningShare, digits: 0)); "
            + "baseline after right-sizing = \(NumberText.money(ctx.monthlyCost, ctx.currency)) × \(NumberText.decimal(priceRatio, digits: 4)) = "
            + "\(NumberText.money(baseline, ctx.currency)); saving = \(NumberText.decimal(discount)) × baseline = "
            + "\(NumberText.money(baseline * discount, ctx.currency))/month"
        return ctx.finding(
            .commitment, action: .commit, recommended: "commit the baseline (\(settings.term))",
            evidence: ctx.evidence(formula: formula, percentileName: "running share", percentileValue: running),
            monthlySavings: baseline * discount, remainingCostFactor: 1 - discount, confidence: ctx.usageConfidence,
            reason: "Runs around the clock on on-demand pricing; a \(settings.term) commitment on the right-sized baseline is cheaper.")
    }
}
