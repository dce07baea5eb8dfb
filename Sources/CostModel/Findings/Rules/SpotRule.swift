import Foundation

/// `spot`: compute of a tier that allows spot (3 and 4 by default, never 1) on on-demand pricing.
enum SpotRule {
    static func evaluate(_ ctx: ResourceContext) -> Finding? {
        guard ctx.resource.kind == .compute, !ctx.isTier1, ctx.tierPolicy.allows(.moveToSpot),
              ctx.resource.pricingModel == .onDemand else { return nil }
        let discount = ctx.policy.spot.discount(forProvider: ctx.resource.providerName)
        guard discount > 0 else { return nil }
        let formula = "spot discount \(NumberText.decimal(discount)) (\(ctx.resource.providerName ?? "default")); "
            + "saving = \(NumberText.money(ctx.monthlyCost, ctx.currency)) × \(NumberText.decimal(discount)) = "
            + "\(NumberText.money(ctx.monthlyCost * discount, ctx.currency))/month"
        return ctx.finding(
            .spot, action: .moveToSpot, recommended: "spot capacity (interruptible work only)",
            evidence: ctx.evidence(formula: formula),
            remainingCostFactor: 1 - discount, confidence: .medium,
            reason: "Tier \(ctx.ownership.tierLabel) compute on on-demand pricing; spot fits interruptible work only (it can be reclaimed at short notice).")
    }
}
