import Foundation

/// `modernize`: a compute or database resource on a previous-generation family (the provider's
/// own classification, `ModernizeSettings`) whose current-generation replacement of the same
/// architecture covers its vCPU and memory and is cheaper in the catalog. Needs no utilisation:
/// saving = monthly cost × (1 − new hourly ÷ current hourly).
enum ModernizeRule {
    static func evaluate(_ ctx: ResourceContext) -> Finding? {
        guard ctx.resource.kind.isMachine, let current = ctx.currentType, let families = ctx.replacementFamilies,
              ctx.tierPolicy.allows(.modernize) else { return nil }
        guard let newer = ctx.catalog.cheapestCovering(
            vcpus: current.vcpus, memoryGiB: current.memoryGiB, replacing: current, allowOtherFamilies: false,
            families: families) else { return nil }
        let ratio = newer.onDemandHourly / current.onDemandHourly
        let steps: [EvidenceStep] = [
            "\(CatalogIndex.family(of: current)) is a previous generation at \(current.providerName)",
            "cheapest current replacement (\(families.joined(separator: ", "))) with at least \(.exact(current.vcpus)) vCPU and "
                + "\(.exact(current.memoryGiB)) GiB: \(newer.name)",
            "price ratio \(.exact(newer.onDemandHourly)) ÷ \(.exact(current.onDemandHourly)) = \(.rounded(ratio, digits: 4))",
        ]
        return ctx.finding(
            .modernize, action: .modernize, recommended: SizeQuote(newer).description,
            evidence: ctx.evidence(steps, recommendedSize: SizeQuote(newer)),
            saving: ctx.saving(leaving: ratio), confidence: .high,
            reason: "\(current.name) is a previous-generation type; \(newer.name) has at least its vCPU and memory for less"
                + (ctx.isTier1 ? "; tier 1: needs the owner's approval." : "."))
    }
}
