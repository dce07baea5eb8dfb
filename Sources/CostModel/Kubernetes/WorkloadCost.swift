import Foundation

/// One row of `cost_by_workload.csv`: a workload with one owner in one currency, or a cluster's
/// idle capacity (`workload` = `(cluster idle)`, no namespace or kind) for one node owner.
public struct WorkloadCost: Sendable, Hashable {
    public var currency: String
    public var cluster: String
    /// Nil for the idle row.
    public var namespace: String?
    public var kind: String?
    /// The workload's name, or `(cluster idle)`.
    public var workload: String
    public var service: String
    public var team: String
    public var tier: Int?
    public var environment: String?
    /// The CPU and memory parts of the node cost it got (idle spread onto it included), in the currency.
    public var cpuCost: CostAmounts
    public var memoryCost: CostAmounts
    /// Requests, usage and what it held; zero for the idle row.
    public var usage: WorkloadUsageTotals

    public var amounts: CostAmounts { cpuCost + memoryCost }
    public var isIdle: Bool { namespace == nil }
    public var tierLabel: String { tier.map(String.init) ?? Ownership.untiered }

    /// Currency, cluster, workloads before the idle rows, effective cost descending, namespace,
    /// kind, workload, service, team, tier (untiered last), environment.
    static func order(_ a: WorkloadCost, _ b: WorkloadCost) -> Bool {
        if a.currency != b.currency { return a.currency < b.currency }
        if a.cluster != b.cluster { return a.cluster < b.cluster }
        if a.isIdle != b.isIdle { return !a.isIdle }
        if a.amounts.effectiveCost != b.amounts.effectiveCost { return a.amounts.effectiveCost > b.amounts.effectiveCost }
        let keyA: [String] = [a.namespace ?? "", a.kind ?? "", a.workload, a.service, a.team]
        let keyB: [String] = [b.namespace ?? "", b.kind ?? "", b.workload, b.service, b.team]
        if keyA != keyB { return keyA.lexicographicallyPrecedes(keyB) }
        let tierA: Int = a.tier ?? 99
        let tierB: Int = b.tier ?? 99
        if tierA != tierB { return tierA < tierB }
        return (a.environment ?? "") < (b.environment ?? "")
    }
}

/// A node whose cost was split over containers: its cost, the idle part, what containers held.
public struct NodeCost: Sendable, Hashable {
    public var currency: String
    public var node: NodeUsageTotals
    /// All charges of the node in the window.
    public var amounts: CostAmounts
    /// The effective cost no container held (before `proportional` spreads it), in the currency.
    public var idleEffectiveCost: Decimal
    public var allocatedEffectiveCost: Decimal { amounts.effectiveCost - idleEffectiveCost }
}

/// What the report shows of container allocation: the rows of `cost_by_workload.csv` and the nodes.
public struct ClusterCosts: Sendable {
    public var settings: ContainerAllocationSettings
    /// Sorted by `WorkloadCost.order`.
    public var workloads: [WorkloadCost]
    /// Sorted by currency, cluster, node.
    public var nodes: [NodeCost]

    public var isEmpty: Bool { workloads.isEmpty && nodes.isEmpty }
}

extension ChargeAggregation {
    /// The workload rows and nodes of the split node charges, with the allocation's usage totals.
    func clusterCosts(_ allocation: ContainerAllocation) -> ClusterCosts {
        struct UsageKey: Hashable { var workload: WorkloadKey; var currency: String; var owner: OwnerKey }
        var usageByKey: [UsageKey: WorkloadUsageTotals] = [:]
        for (key, usage) in allocation.workloads {
            guard let currency = key.currency else { continue }
            let owner = OwnerKey(service: key.owner.service, team: key.owner.team, tier: key.owner.tier, environment: key.owner.environment)
            var sum = usageByKey[UsageKey(workload: key.workload, currency: currency, owner: owner)] ?? WorkloadUsageTotals()
            sum.merge(usage)
            usageByKey[UsageKey(workload: key.workload, currency: currency, owner: owner)] = sum
        }
        var rows: [WorkloadCost] = []
        for (key, cost) in workloadCosts {
            let owner = key.owner
            let usage = key.workload.flatMap {
                usageByKey.removeValue(forKey: UsageKey(workload: $0, currency: key.currency, owner: owner))
            } ?? WorkloadUsageTotals()
            rows.append(WorkloadCost(
                currency: key.currency, cluster: key.cluster, namespace: key.workload?.namespace, kind: key.workload?.kind,
                workload: key.workload?.name ?? Ownership.clusterIdle, service: owner.service, team: owner.team,
                tier: owner.tier, environment: owner.environment, cpuCost: cost.cpu, memoryCost: cost.memory, usage: usage))
        }
        // Workloads in a billed currency that got no money (e.g. only on nodes whose capacity is unknown).
        for (key, usage) in usageByKey {
            rows.append(WorkloadCost(
                currency: key.currency, cluster: key.workload.cluster, namespace: key.workload.namespace, kind: key.workload.kind,
                workload: key.workload.name, service: key.owner.service, team: key.owner.team, tier: key.owner.tier,
                environment: key.owner.environment, cpuCost: .zero, memoryCost: .zero, usage: usage))
        }
        let nodes = nodeCosts.compactMap { key, value -> NodeCost? in
            guard let totals = allocation.nodes[key.node] else { return nil }
            return NodeCost(currency: key.currency, node: totals, amounts: value.amounts, idleEffectiveCost: value.idleEffective)
        }.sorted { ($0.currency, $0.node.cluster, $0.node.nodeResourceId) < ($1.currency, $1.node.cluster, $1.node.nodeResourceId) }
        return ClusterCosts(settings: allocation.settings, workloads: rows.sorted(by: WorkloadCost.order), nodes: nodes)
    }
}
