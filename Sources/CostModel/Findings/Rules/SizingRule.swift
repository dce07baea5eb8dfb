import Foundation

/// The outcome of sizing one compute or database resource.
struct SizingOutcome {
    var finding: Finding
    /// Recommended hourly ÷ current hourly: the factor applied to the cost by the size change.
    var priceRatio: Decimal
}

/// `under_provisioned` (sustained high utilisation: next size up, added cost as a negative
/// saving) and `over_provisioned` (the tier's percentile fits a cheaper catalog size).
/// Needs the catalog entry of the current size and sufficient usage (the caller checks that).
enum SizingRule {
    static func evaluate(_ ctx: ResourceContext) -> SizingOutcome? {
        underProvisioned(ctx) ?? overProvisioned(ctx)
    }

    static func underProvisioned(_ ctx: ResourceContext) -> SizingOutcome? {
        guard let usage = ctx.usage, let current = ctx.currentType, ctx.tierPolicy.allows(.upsize) else { return nil }
        let t = ctx.policy.underProvisioned
        let cpu = usage.cpu.percentile(t.cpuPercentile, top: usage.cpuMax)
        let cpuHot = (cpu ?? 0) > t.cpuAbove
        let memoryHot = (usage.memoryMax ?? 0) > t.memoryMaxAbove
        guard cpuHot || memoryHot else { return nil }
        let pName = "p\(NumberText.decimal(t.cpuPercentile)) CPU"
        var steps: [EvidenceStep] = [
            "\(pName) \(.percent(cpu ?? 0, digits: 1)) vs \(.percent(t.cpuAbove, digits: 0))",
            "memory max \(.percent(usage.memoryMax ?? 0, digits: 1)) vs \(.percent(t.memoryMaxAbove, digits: 0))",
        ]
        guard let larger = ctx.catalog.nextSizeUp(from: current, needsCPU: cpuHot, needsMemory: memoryHot,
                                                  families: ctx.replacementFamilies) else {
            steps.append("no larger size in family \(CatalogIndex.family(of: current))")
            let finding = ctx.finding(
                .underProvisioned, action: .upsize, recommended: "scale out (no larger size in the family)",
                evidence: ctx.evidence(steps, percentileName: pName, percentileValue: cpu),
                saving: .none, confidence: ctx.usageConfidence,
                reason: "Sustained high utilisation risks the service level; there is no larger size in the family.")
            return SizingOutcome(finding: finding, priceRatio: 1)
        }
        let ratio = priceRatio(larger, current, into: &steps, lead: "→ \(larger.name)")
        let addedCost = ctx.monthlyCost * (ratio - 1)
        let saving = SavingComputation(monthlySavings: -addedCost, remainingCostFactor: ratio, steps: [
            "added cost = \(ctx.monthlyCostValue) × (\(.rounded(ratio, digits: 4)) − 1) = \(.money(addedCost, currency: ctx.currency))/month",
        ])
        let finding = ctx.finding(
            .underProvisioned, action: .upsize, recommended: SizeQuote(larger).description,
            evidence: ctx.evidence(steps, percentileName: pName, percentileValue: cpu, recommendedSize: SizeQuote(larger)),
            saving: saving, confidence: ctx.usageConfidence,
            reason: cpuHot
                ? "CPU stays above \(NumberText.percent(t.cpuAbove, digits: 0)) (\(pName)), a risk to the service level; move up one size."
                : "Memory peaks above \(NumberText.percent(t.memoryMaxAbove, digits: 0)), a risk to the service level; move up one size.")
        return SizingOutcome(finding: finding, priceRatio: ratio)
    }

    static func overProvisioned(_ ctx: ResourceContext) -> SizingOutcome? {
        guard let usage = ctx.usage, let current = ctx.currentType, ctx.tierPolicy.allows(.rightSize) else { return nil }
        let tier = ctx.tierPolicy
        let serviceHoursOnly = tier.sizingInServiceHours && usage.cpuInServiceHours.total > 0
        let histogram = serviceHoursOnly ? usage.cpuInServiceHours : usage.cpu
        guard let cpuP = histogram.percentile(tier.sizingPercentile, top: usage.cpuMax) else { return nil }
        let pName = "p\(NumberText.decimal(tier.sizingPercentile)) CPU" + (serviceHoursOnly ? " in service hours" : "")
        let vcpus = current.vcpus
        let vcpusD = NSDecimalNumber(decimal: vcpus).doubleValue
        var neededVcpu = cpuP * vcpusD / tier.targetUtilization
        var steps: [EvidenceStep] = [
            "needed vCPU = \(pName) \(.number(cpuP, digits: 3)) × \(.exact(vcpus)) vCPU ÷ \(.number(tier.targetUtilization)) = \(.number(neededVcpu))",
        ]
        if tier.neverBelowPeak {
            let peak = (usage.cpuMax ?? 1) * vcpusD
            if peak > neededVcpu {
                neededVcpu = peak
                steps.append("peak \(.number(usage.cpuMax ?? 1, digits: 3)) × \(.exact(vcpus)) vCPU = \(.number(peak)) (never below the peak)")
            }
        }
        let neededMemory: Double
        let memoryD = NSDecimalNumber(decimal: current.memoryGiB).doubleValue
        if let memoryMax = usage.memoryMax {
            neededMemory = memoryMax * memoryD * (1 + tier.memoryBuffer)
            steps.append("needed memory = max \(.number(memoryMax, digits: 3)) × \(.exact(current.memoryGiB)) GiB × "
                + "\(.number(1 + tier.memoryBuffer)) = \(.number(neededMemory)) GiB")
        } else {
            neededMemory = memoryD
            steps.append("no memory metric: keep \(.exact(current.memoryGiB)) GiB")
        }
        guard let smaller = ctx.catalog.cheapestCovering(
            vcpus: decimal(neededVcpu), memoryGiB: decimal(neededMemory), replacing: current,
            allowOtherFamilies: ctx.policy.allowOtherFamilies,
            families: ctx.replacementFamilies) else { return nil }
        // A previous generation whose pick is no smaller is not over-provisioned: that is `modernize`.
        if ctx.replacementFamilies != nil && smaller.vcpus >= current.vcpus && smaller.memoryGiB >= current.memoryGiB { return nil }
        let lead: EvidenceStep = "→ \(smaller.name) (\(.exact(smaller.vcpus)) vCPU, \(.exact(smaller.memoryGiB)) GiB)"
        let ratio = priceRatio(smaller, current, into: &steps, lead: lead.joined(by: " "))
        let finding = ctx.finding(
            .overProvisioned, action: .rightSize, recommended: SizeQuote(smaller).description,
            evidence: ctx.evidence(steps, percentileName: pName, percentileValue: cpuP, recommendedSize: SizeQuote(smaller)),
            saving: ctx.saving(leaving: ratio), confidence: ctx.usageConfidence,
            reason: "\(pName) of \(NumberText.percent(cpuP, digits: 1)) fits \(smaller.name) at the tier's "
                + "\(NumberText.percent(tier.targetUtilization, digits: 0)) target" + (ctx.isTier1 ? "; tier 1: needs the owner's approval." : "."))
        return SizingOutcome(finding: finding, priceRatio: ratio)
    }

    /// `new ÷ current` hourly list price; appends `lead` (the new size) and
    /// `price ratio 0.192 ÷ 0.384 = 0.5` to `steps`.
    private static func priceRatio(_ new: InstanceType, _ current: InstanceType, into steps: inout [EvidenceStep],
                                   lead: EvidenceStep) -> Decimal {
        let ratio = new.onDemandHourly / current.onDemandHourly
        steps.append(lead)
        steps.append("price ratio \(.exact(new.onDemandHourly)) ÷ \(.exact(current.onDemandHourly)) = \(.rounded(ratio, digits: 4))")
        return ratio
    }

    /// A needed quantity as Decimal, rounded up to 1/1000 so float noise never undercuts a size.
    private static func decimal(_ value: Double) -> Decimal {
        Decimal((value * 1000).rounded(.up)) / 1000
    }
}
