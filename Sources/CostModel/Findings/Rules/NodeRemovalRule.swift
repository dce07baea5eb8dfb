import CivilTime
import Foundation

/// The plan's cluster step (`over_provisioned`, action `remove_nodes`, resource `k8s://CLUSTER`):
/// the whole nodes a cluster can do without once its requests are set as recommended.
///
/// 1. Demand per UTC hour, after the recommended requests: Σ over the cluster's containers of
///    `max(new request × pod-seconds, usage × seconds) ÷ 3600`, CPU in cores and memory in GiB (a
///    container without a finding keeps its current request; no request counts as 0).
/// 2. The busiest hour: the largest CPU demand and the largest memory demand over the window
///    (each its own hour).
/// 3. Capacity: the vCPUs and GiB of the cluster's nodes (those its containers ran on, sized in the
///    inventory or the catalog).
/// 4. Nodes are removed one at a time, most expensive first (ties by id), skipping any whose
///    removal would leave less CPU or memory than the busiest hour needs; only nodes with charges
///    in the cluster's main currency (the one of most nodes) are candidates.
/// Saving: the removed nodes' monthly effective cost. Nothing is removed → no step.
enum NodeRemovalRule {
    static func evaluate(
        cluster: String, containers: [ContainerUsageSummary], newRequests: [ContainerKey: RequestChange],
        rates: [String: NodeRate], window: ReportWindow, policy: FindingsPolicy, owner: (String) -> Ownership
    ) -> Finding? {
        let nodes = Set(containers.flatMap(\.nodeSeconds.keys)).compactMap { rates[$0] }.sorted { $0.nodeId < $1.nodeId }
        guard !nodes.isEmpty else { return nil }
        var nodesByCurrency: [String: Int] = [:]
        for node in nodes { nodesByCurrency[node.currency, default: 0] += 1 }
        guard let currency = nodesByCurrency.max(by: { ($0.value, $1.key) < ($1.value, $0.key) })?.key else { return nil }

        var cpuByHour: [Date: Double] = [:], memoryByHour: [Date: Double] = [:]
        for container in containers {
            let change = newRequests[container.key]
            let cpu = change?.cpuCores ?? container.current.cpuRequestCores ?? 0
            let memory = change?.memoryBytes ?? container.current.memoryRequestBytes ?? 0
            for hour in container.hours {
                cpuByHour[hour.hour, default: 0] += max(cpu * hour.podSeconds, hour.cpuCoreSeconds) / 3600
                memoryByHour[hour.hour, default: 0] += max(memory * hour.podSeconds, hour.memoryByteSeconds) / 3600 / RequestRounding.bytesPerGiB
            }
        }
        guard let cpuPeak = cpuByHour.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }),
              let memoryPeak = memoryByHour.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }) else { return nil }

        let capacityCPU = nodes.reduce(Decimal(0)) { $0 + $1.vcpus }
        let capacityMemory = nodes.reduce(Decimal(0)) { $0 + $1.memoryGiB }
        let neededCPU = Self.thousandthsUp(cpuPeak.value), neededMemory = Self.thousandthsUp(memoryPeak.value)
        var leftCPU = capacityCPU, leftMemory = capacityMemory
        var removed: [NodeRate] = []
        let candidates = nodes.filter { $0.currency == currency }
            .sorted { $0.monthlyCost != $1.monthlyCost ? $0.monthlyCost > $1.monthlyCost : $0.nodeId < $1.nodeId }
        for node in candidates where leftCPU - node.vcpus >= neededCPU && leftMemory - node.memoryGiB >= neededMemory {
            leftCPU -= node.vcpus; leftMemory -= node.memoryGiB
            removed.append(node)
        }
        guard !removed.isEmpty else { return nil }

        let monthlyCost = candidates.reduce(Decimal(0)) { $0 + $1.monthlyCost }
        let saving = removed.reduce(Decimal(0)) { $0 + $1.monthlyCost }
        let factor = monthlyCost > 0 ? 1 - saving / monthlyCost : 1
        let changed = containers.filter { newRequests[$0.key] != nil }.count
        var steps: [EvidenceStep] = [
            "busiest hour after \(changed) containers' recommended requests: \(.number(cpuPeak.value, digits: 3)) cores "
                + "(\(UTCText.timestamp(cpuPeak.key))), \(.number(memoryPeak.value, digits: 3)) GiB (\(UTCText.timestamp(memoryPeak.key)))",
            "\(nodes.count) nodes: \(.exact(capacityCPU)) vCPU, \(.exact(capacityMemory)) GiB",
        ]
        for node in removed {
            steps.append("remove \(node.nodeId) (\(.exact(node.vcpus)) vCPU, \(.exact(node.memoryGiB)) GiB, "
                + "\(.money(node.monthlyCost, currency: currency))/month)")
        }
        steps.append("left \(.exact(leftCPU)) vCPU ≥ \(.exact(neededCPU)), \(.exact(leftMemory)) GiB ≥ \(.exact(neededMemory))")
        steps.append("saving = \(removed.map { NumberText.money($0.monthlyCost, currency) }.joined(separator: " + ")) = "
            + "\(.money(saving, currency: currency))/month")
        let hours = Set(cpuByHour.keys).count
        let windowHours = max(1, (window.seconds / 3600).rounded(.up))
        let coverage = min(1, Double(hours) / windowHours)
        let confidence: FindingLevel = coverage >= policy.dataQuality.highConfidenceCoverage ? .high
            : coverage >= policy.dataQuality.minimumCoverage ? .medium : .low
        let first = removed[0]
        let ownership = owner(first.nodeId)
        let tier = ownership.tier.flatMap(TierNormalizer.validated)
        var finding = Finding(
            resourceId: ContainerKey.clusterResourceId(cluster), kind: .overProvisioned, action: .removeNodes,
            ownership: ownership,
            current: "\(nodes.count) nodes, \(NumberText.decimal(capacityCPU)) vCPU, \(NumberText.decimal(capacityMemory)) GiB",
            recommended: "remove \(removed.count) node\(removed.count == 1 ? "" : "s"): \(removed.map(\.nodeId).joined(separator: ", "))",
            evidence: FindingEvidence(
                windowDays: window.seconds / 86_400, coverage: coverage, percentileName: "busiest hour CPU cores",
                percentileValue: cpuPeak.value, steps: steps),
            monthlyCost: FindingsPrecision.normalized(monthlyCost), monthlySavings: FindingsPrecision.normalized(saving),
            remainingCostFactor: factor, currency: currency, confidence: confidence,
            risk: RiskEffort.risk(.overProvisioned, tier: tier), effort: RiskEffort.effort(.overProvisioned, tier: tier),
            needsApproval: tier == 1,
            reason: "After the recommended requests the busiest hour still fits on \(nodes.count - removed.count) of the "
                + "\(nodes.count) nodes; drain and remove the rest (or lower the node pool's size).")
        finding.removesResources = removed.map(\.nodeId)
        return finding
    }

    /// `value` rounded up to 1/1000 after dropping float noise below 1e-6 (16.0000000001 → 16).
    static func thousandthsUp(_ value: Double) -> Decimal {
        Decimal(Int(((value * 1e6).rounded() / 1000).rounded(.up))) / 1000
    }
}
