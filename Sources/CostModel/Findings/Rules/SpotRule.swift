import Foundation

/// `spot`: compute of a tier that allows spot (3 and 4 by default, never 1) on on-demand pricing.
enum SpotRule {
    static func evaluate(_ ctx: ResourceContext) -> Finding? {
        guard ctx.resource.kind == .compute, !ctx.isTier1, ctx.tierPolicy.allows(.moveToSpot),
              ctx.resource.pricingModel == .onDemand else { return nil }
        let discount = ctx.policy.spot.discount(forProvider: ctx.resource.providerName)
        guard discount > 0 else { return nil }
        let monthlySaving = ctx.monthlyCost * discount
        let saving = SavingComputation(monthlySavings: monthlySaving, remainingCostFactor: 1 - discount, steps: [
            "saving = \(ctx.monthlyCostValue) × \(.exact(discount)) = \(.money(monthlySaving, currency: ctx.currency))/month",
        ])
        return ctx.finding(
            .spot, action: .moveToSpot, recommended: "spot capacity (interruptible work only)",
            evidence: ctx.evidence(["spot discount \(.exact(discount)) (\(ctx.resource.providerName ?? "default"))"]),
            saving: saving, confidence: .medium,
            reason: "Tier \(ctx.ownership.tierLabel) compute on on-demand pricing; spot fits interruptible work only (it can be reclaimed at short notice).")
    }
}
