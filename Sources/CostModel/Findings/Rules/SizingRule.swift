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
        var formula = "\(pName) \(NumberText.percent(cpu ?? 0, digits: 1)) vs \(NumberText.percent(t.cpuAbove, digits: 0)); "
            + "memory max \(NumberText.percent(usage.memoryMax ?? 0, digits: 1)) vs \(NumberText.percent(t.memoryMaxAbove, digits: 0))"
        guard let larger = ctx.catalog.nextSizeUp(from: current, needsCPU: cpuHot, needsMemory: memoryHot) else {
            formula += "; no larger size in family \(CatalogIndex.family(of: current))"
            let finding = ctx.finding(
                .underProvisioned, action: .upsize, recommended: "scale out (no larger size in the family)",
                evidence: ctx.evidence(formula: formula, percentileName: pName, percentileValue: cpu),
                monthlySavings: 0, remainingCostFactor: 1, confidence: ctx.usageConfidence,
                reason: "Sustained high utilisation risks the service level; there is no larger size in the family.")
            return SizingOutcome(finding: finding, priceRatio: 1)
        }
        let ratio = larger.onDemandHourly / current.onDemandHourly
        formula += "; → \(larger.name); price ratio \(NumberText.decimal(larger.onDemandHourly)) ÷ \(NumberText.decimal(current.onDemandHourly)) = "
            + "\(NumberText.decimal(ratio, digits: 4)); added cost = \(NumberText.money(ctx.monthlyCost, ctx.currency)) × "
            + "(\(NumberText.decimal(ratio, digits: 4)) − 1) = \(NumberText.money(ctx.monthlyCost * (ratio - 1), ctx.currency))/month"
        let finding = ctx.finding(
            .underProvisioned, action: .upsize, recommended: SizeQuote(larger).description,
            evidence: ctx.evidence(formula: formula, percentileName: pName, percentileValue: cpu, recommendedSize: SizeQuote(larger)),
            remainingCostFactor: ratio, confidence: ctx.usageConfidence,
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
        var formula = "needed vCPU = \(pName) \(NumberText.decimal(cpuP, digits: 3)) × \(NumberText.decimal(vcpus)) vCPU ÷ "
            + "\(NumberText.decimal(tier.targetUtilization)) = \(NumberText.decimal(neededVcpu))"
        if tier.neverBelowPeak {
            let peak = (usage.cpuMax ?? 1) * vcpusD
            if peak > neededVcpu {
                neededVcpu = peak
                formula += "; peak \(NumberText.decimal(usage.cpuMax ?? 1, digits: 3)) × \(NumberText.decimal(vcpus)) vCPU = \(NumberText.decimal(peak)) (never below the peak)"
            }
        }
        let neededMemory: Double
        let memoryD = NSDecimalNumber(decimal: current.memoryGiB).doubleValue
        if let memoryMax = usage.memoryMax {
            neededMemory = memoryMax * memoryD * (1 + tier.memoryBuffer)
            formula += "; needed memory = max \(NumberText.decimal(memoryMax, digits: 3)) × \(NumberText.decimal(current.memoryGiB)) GiB × "
                + "\(NumberText.decimal(1 + tier.memoryBuffer)) = \(NumberText.decimal(neededMemory)) GiB"
        } else {
            neededMemory = memoryD
            formula += "; no memory metric: keep \(NumberText.decimal(current.memoryGiB)) GiB"
        }
        guard let smaller = ctx.catalog.cheapestCovering(
            vcpus: decimal(neededVcpu), memoryGiB: decimal(neededMemory), replacing: current,
            allowOtherFamilies: ctx.policy.allowOtherFamilies) else { return nil }
        let ratio = smaller.onDemandHourly / current.onDemandHourly
        formula += " → \(smaller.name) (\(NumberText.decimal(smaller.vcpus)) vCPU, \(NumberText.decimal(smaller.memoryGiB)) GiB); "
            + "price ratio \(NumberText.decimal(smaller.onDemandHourly)) ÷ \(NumberText.decimal(current.onDemandHourly)) = "
            + "\(NumberText.decimal(ratio, digits: 4)); " + ctx.savingText(factor: ratio)
        let finding = ctx.finding(
            .overProvisioned, action: .rightSize, recommended: SizeQuote(smaller).description,
            evidence: ctx.evidence(formula: formula, percentileName: pName, percentileValue: cpuP, recommendedSize: SizeQuote(smaller)),
            remainingCostFactor: ratio, confidence: ctx.usageConfidence,
            reason: "\(pName) of \(NumberText.percent(cpuP, digits: 1)) fits \(smaller.name) at the tier's "
                + "\(NumberText.percent(tier.targetUtilization, digits: 0)) target" + (ctx.isTier1 ? "; tier 1: needs the owner's approval." : "."))
        return SizingOutcome(finding: finding, priceRatio: ratio)
    }

    /// A needed quantity as Decimal, rounded up to 1/1000 so float noise never undercuts a size.
    private static func decimal(_ value: Double) -> Decimal {
        Decimal((value * 1000).rounded(.up)) / 1000
    }
}
