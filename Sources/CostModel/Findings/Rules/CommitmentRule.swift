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
        let monthlySaving = baseline * discount
        let saving = SavingComputation(monthlySavings: monthlySaving, remainingCostFactor: 1 - discount, steps: [
            "baseline after right-sizing = \(ctx.monthlyCostValue) × \(.rounded(priceRatio, digits: 4)) = \(.money(baseline, currency: ctx.currency))",
            "saving = \(.exact(discount)) × baseline = \(.money(monthlySaving, currency: ctx.currency))/month",
        ])
        return ctx.finding(
            .commitment, action: .commit, recommended: "commit the baseline (\(settings.term))",
            evidence: ctx.evidence(["ran \(.percent(running, digits: 1)) of the window >= \(.percent(settings.minimumRunningShare, digits: 0))"],
                                   percentileName: "running share", percentileValue: running),
            saving: saving, confidence: ctx.usageConfidence,
            reason: "Runs around the clock on on-demand pricing; a \(settings.term) commitment on the right-sized baseline is cheaper.")
    }
}
