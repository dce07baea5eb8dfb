import Foundation

/// Builds the de-duplicated plan from the findings.
///
/// Per resource, the path is: an `unused` finding with `delete` or `stop` alone (nothing after a
/// delete); otherwise `storage_class`, then the larger of `schedule` and `spot`, then `autoscale`
/// (a fleet), then `over_provisioned`, `under_provisioned` or else `modernize`, then `commitment`.
/// The machines of a fleet with an `autoscale` step keep only their storage-class steps. The remaining monthly cost starts
/// at the resource's monthly cost and each step multiplies it by its `remainingCostFactor`; a
/// step's marginal saving is `remaining × (1 − factor)`, so it never exceeds the finding's own
/// saving (it is capped at that saving, so Decimal's last-digit noise on repeating fractions can
/// never make the plan claim more). A step that adds cost (upsize) is counted at its full stand-alone amount, never
/// discounted by earlier steps, so the plan total never exceeds the sum of the findings.
///
/// Containers: `set_requests` findings are listed but not counted (freed requests save money only
/// when whole nodes go); each cluster's `remove_nodes` step counts the nodes it removes, and those
/// nodes' own findings are dropped.
public enum PlanBuilder {
    public static func build(_ findings: [Finding]) -> Plan {
        var exclusions: [PlanExclusion] = []
        var sumOfFindings: [String: Decimal] = [:]
        var byResource: [String: [Finding]] = [:]
        var removedBy: [String: String] = [:]
        for finding in findings where finding.action == .removeNodes && !finding.currency.isEmpty {
            for resource in finding.removesResources { removedBy[resource] = finding.resourceId }
        }
        for finding in findings {
            if !finding.action.isPlanned {
                exclusions.append(PlanExclusion(findingId: finding.id, reason: "\(finding.action.rawValue) findings are listed, not planned"))
            } else if finding.currency.isEmpty {
                exclusions.append(PlanExclusion(findingId: finding.id, reason: "no charges in the window"))
            } else if finding.action == .setRequests {
                exclusions.append(PlanExclusion(
                    findingId: finding.id,
                    reason: "container requests free capacity, not money, until whole nodes go: the plan counts its cluster's remove_nodes step"))
            } else if let cluster = removedBy[finding.resourceId] {
                exclusions.append(PlanExclusion(findingId: finding.id, reason: "the node is removed by \(cluster)'s remove_nodes step"))
            } else {
                sumOfFindings[finding.currency, default: 0] += finding.monthlySavings
                byResource[finding.resourceId, default: []].append(finding)
            }
        }

        // A machine of a fleet that autoscales keeps only its storage-class step: the fleet's
        // step already prices its count, and its size, schedule or commitment would count twice.
        var fleetOf: [String: String] = [:]
        for finding in byResource.values.joined() where finding.kind == .autoscale {
            for member in finding.members { fleetOf[member] = finding.resourceId }
        }
        for (member, fleet) in fleetOf {
            let (kept, dropped) = (byResource[member] ?? []).reduce(into: ([Finding](), [Finding]())) {
                if $1.kind == .storageClass { $0.0.append($1) } else { $0.1.append($1) }
            }
            byResource[member] = kept.isEmpty ? nil : kept
            exclusions += dropped.map { PlanExclusion(findingId: $0.id, reason: "the fleet \(fleet) autoscales instead") }
        }

        var unordered: [PlanStep] = []
        for resourceId in byResource.keys.sorted() {
            let (path, superseded) = path(for: byResource[resourceId] ?? [])
            exclusions += superseded
            var remaining = path.first?.monthlyCost ?? 0
            for finding in path {
                let marginal = finding.monthlySavings < 0
                    ? finding.monthlySavings
                    : min(FindingsPrecision.normalized(remaining * (1 - finding.remainingCostFactor)), finding.monthlySavings)
                remaining *= finding.remainingCostFactor
                unordered.append(PlanStep(
                    step: 0, findingId: finding.id, resourceId: finding.resourceId, kind: finding.kind,
                    action: finding.action, ownership: finding.ownership, currency: finding.currency,
                    marginalMonthlySavings: marginal, cumulativeMonthlySavings: 0, phase: finding.phase,
                    needsApproval: finding.needsApproval))
            }
        }

        let ordered = unordered.sorted { a, b in
            if a.phase != b.phase { return a.phase < b.phase }
            if a.marginalMonthlySavings != b.marginalMonthlySavings { return a.marginalMonthlySavings > b.marginalMonthlySavings }
            return a.findingId < b.findingId
        }
        var running: [String: Decimal] = [:]
        var steps: [PlanStep] = []
        for (index, var step) in ordered.enumerated() {
            running[step.currency, default: 0] += step.marginalMonthlySavings
            step.step = index + 1
            step.cumulativeMonthlySavings = running[step.currency] ?? 0
            steps.append(step)
        }

        let phases = (1...4).map { number -> PlanPhase in
            let inPhase = steps.filter { $0.phase == number }
            let monthly = totals(inPhase)
            return PlanPhase(number: number, title: PlanPhase.title(number), stepCount: inPhase.count,
                             monthlySavings: monthly, annualSavings: monthly.mapValues { $0 * 12 })
        }
        let monthlyTotal = totals(steps)
        return Plan(
            steps: steps, phases: phases, sumOfFindings: sumOfFindings, monthlyTotal: monthlyTotal,
            annualTotal: monthlyTotal.mapValues { $0 * 12 },
            exclusions: exclusions.sorted { $0.findingId < $1.findingId })
    }

    /// The ordered path of one resource's plannable findings, and the findings it leaves out.
    static func path(for findings: [Finding]) -> (path: [Finding], superseded: [PlanExclusion]) {
        let byKind = Dictionary(findings.map { ($0.kind, $0) }, uniquingKeysWith: { first, _ in first })
        var path: [Finding] = []
        if let unused = byKind[.unused] {
            path = [unused]
        } else {
            if let storage = byKind[.storageClass] { path.append(storage) }
            switch (byKind[.schedule], byKind[.spot]) {
            case let (schedule?, spot?): path.append(spot.monthlySavings > schedule.monthlySavings ? spot : schedule)
            case let (schedule?, nil): path.append(schedule)
            case let (nil, spot?): path.append(spot)
            case (nil, nil): break
            }
            if let autoscale = byKind[.autoscale] { path.append(autoscale) }
            // Right-sizing a previous generation picks from its current replacements, so it
            // already modernises: one instance-type change per resource.
            if let sizing = byKind[.overProvisioned] ?? byKind[.underProvisioned] ?? byKind[.modernize] { path.append(sizing) }
            if let commitment = byKind[.commitment] { path.append(commitment) }
        }
        let chosen = Set(path.map(\.id))
        let superseded = findings.filter { !chosen.contains($0.id) }.map { finding in
            PlanExclusion(findingId: finding.id, reason: byKind[.unused] != nil
                ? "the resource is deleted in the plan"
                : finding.kind == .modernize ? "right-sizing picks from the current generation"
                : "a larger alternative for the same resource is planned")
        }
        return (path, superseded)
    }

    private static func totals(_ steps: [PlanStep]) -> [String: Decimal] {
        var result: [String: Decimal] = [:]
        for step in steps { result[step.currency, default: 0] += step.marginalMonthlySavings }
        return result
    }
}
