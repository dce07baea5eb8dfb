import Foundation

/// `autoscale`: a service's fleet of same-type compute machines, in a tier that may autoscale
/// (1 and 2 by default), whose hourly demand swings (peak ÷ trough of the hour-of-week profile ≥
/// `minimumSwing`) while the machine count stays fixed (every member ran ≥ `minimumRunningShare`
/// of the window). Saving = fleet cost × (1 − mean needed ÷ current count), `FleetScaling`.
/// The finding's resource id is `fleet://SERVICE/REGION/TYPE`; `Finding.members` lists the machines.
enum AutoscaleRule {
    /// Fleets among `contexts` (every resource the engine judged), one finding each.
    static func evaluate(_ contexts: [ResourceContext], policy: FindingsPolicy) -> [Finding] {
        let settings = policy.autoscale
        var fleets: [String: [ResourceContext]] = [:]
        for ctx in contexts {
            guard ctx.resource.kind == .compute, ctx.state != .stopped, let tier = ctx.tier,
                  settings.tiers.contains(tier), ctx.tierPolicy.allows(.autoscale),
                  let type = ctx.currentType, ctx.ownership.service != Ownership.unallocated else { continue }
            fleets[fleetId(service: ctx.ownership.service, region: type.regionId, type: type.name), default: []].append(ctx)
        }
        return fleets.keys.sorted().compactMap { id in
            evaluate(fleet: id, members: fleets[id]!.sorted { $0.resource.id < $1.resource.id }, policy: policy)
        }
    }

    static func fleetId(service: String, region: String, type: String) -> String {
        "fleet://\(service)/\(region)/\(type)"
    }

    private static func evaluate(fleet id: String, members: [ResourceContext], policy: FindingsPolicy) -> Finding? {
        let settings = policy.autoscale
        guard members.count >= settings.minimumFleetSize, let first = members.first, let type = first.currentType,
              members.allSatisfy({ ($0.coverage ?? 0) >= settings.minimumRunningShare }),
              Set(members.map(\.currency)).count == 1, !first.currency.isEmpty else { return nil }
        let vcpus = NSDecimalNumber(decimal: type.vcpus).doubleValue
        guard let scaling = FleetScaling.compute(
            members: members.map { ($0.usage?.hourOfWeek ?? [], $0.usage?.memoryMax) }, vcpus: vcpus,
            scaling: policy.scaling),
            scaling.hours >= 7 * 24 * 9 / 10, scaling.swing >= settings.minimumSwing,
            scaling.meanNeeded < Double(scaling.count) else { return nil }
        let monthlyCost = members.reduce(Decimal(0)) { $0 + $1.monthlyCost }
        let factor = scaling.remainingCostFactor
        let matrix = policy.scaling
        let rule = matrix.ruleText(minimum: max(matrix.minimumMachines, scaling.memoryFloor), maximum: max(scaling.maximumNeeded, matrix.minimumMachines))
        let swingText: EvidenceValue = scaling.swing.isFinite ? .number(scaling.swing) : .name("∞")
        let saving = monthlyCost * (1 - factor)
        let steps: [EvidenceStep] = [
            "\(scaling.count) × \(type.name) (\(.number(vcpus)) vCPU) run all week",
            "demand (cores used summed over the fleet) peak \(.number(scaling.peakDemand)) ÷ trough \(.number(scaling.troughDemand)) = "
                + "\(swingText) ≥ \(.number(settings.minimumSwing))",
            "needed per hour = max(\(matrix.minimumMachines), memory \(scaling.memoryFloor), ⌈demand ÷ (\(.number(vcpus)) × "
                + "\(.number(matrix.cpuAbove)))⌉)",
            "mean needed \(.number(scaling.meanNeeded)) of \(scaling.count) over \(scaling.hours) hours",
            "saving = \(.money(monthlyCost, currency: first.currency)) × (1 − \(.rounded(factor, digits: 4))) = "
                + "\(.money(saving, currency: first.currency))/month",
        ]
        let coverage = members.compactMap(\.coverage).min()
        var finding = Finding(
            resourceId: id, kind: .autoscale, action: .autoscale, ownership: first.ownership,
            current: "\(scaling.count) × \(SizeQuote(type).description), fixed",
            recommended: "autoscaling group: \(rule)",
            evidence: FindingEvidence(
                windowDays: first.windowDays, daysWithData: members.compactMap(\.daysWithData).min(),
                samples: members.reduce(0) { $0 + ($1.usage?.sampleCount ?? 0) }, coverage: coverage,
                percentileName: "peak ÷ trough of hourly demand", percentileValue: scaling.swing.isFinite ? scaling.swing : nil,
                currentSize: SizeQuote(type), steps: steps),
            monthlyCost: FindingsPrecision.normalized(monthlyCost),
            monthlySavings: FindingsPrecision.normalized(saving), remainingCostFactor: factor,
            currency: first.currency, confidence: members.map(\.usageConfidence).min() ?? .low,
            risk: RiskEffort.risk(.autoscale, tier: first.tier), effort: RiskEffort.effort(.autoscale, tier: first.tier),
            needsApproval: first.isTier1,
            reason: "The fleet's demand swings \(swingText.text)× over the week while \(scaling.count) machines run all the time; "
                + "an autoscaling group needs \(NumberText.decimal(scaling.meanNeeded)) on average.")
        finding.members = members.map(\.resource.id)
        return finding
    }
}
