import Foundation

/// The container side of the findings: request findings per container (`ContainerRequestRule`)
/// and one node-removal step per cluster (`NodeRemovalRule`), priced at the nodes' own rates.
enum ContainerFindings {
    struct Result {
        var findings: [Finding] = []
        var diagnostics: [Diagnostic] = []
    }

    static func run(
        _ input: FindingsInput, policy: FindingsPolicy, costs: [String: [String: ResourceCost]], catalog: CatalogIndex
    ) -> Result {
        guard !input.containers.isEmpty else { return Result() }
        var result = Result()
        let resolver = ContainerOwnershipResolver(tagKeys: input.tagKeys, policy: input.kubernetes)
        let resources = Dictionary(input.resources.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var rates: [String: NodeRate] = [:]
        var unsized: Set<String> = []
        for node in Set(input.containers.flatMap(\.nodeSeconds.keys)) where node != ContainerUsageSummary.unknownNode {
            guard let resource = resources[node], let cost = ResourceCost.primary(costs[node] ?? [:]) else { continue }
            let type = catalog.type(of: resource)
            guard let vcpus = resource.vcpus ?? type?.vcpus, let memory = resource.memoryGiB ?? type?.memoryGiB,
                  let rate = NodeRate(
                    nodeId: node, currency: cost.currency,
                    monthlyCost: cost.monthlyEffectiveCost(window: input.window, hoursPerMonth: policy.hoursPerMonthDecimal),
                    vcpus: vcpus, memoryGiB: memory, hoursPerMonth: policy.hoursPerMonthDecimal, policy: input.kubernetes)
            else { unsized.insert(node); continue }
            rates[node] = rate
        }
        if !unsized.isEmpty {
            result.diagnostics.append(Diagnostic(
                .warning, code: "node_without_size",
                "\(unsized.count) nodes with charges have no vCPU or memory size in the inventory or the catalog (e.g. \(unsized.sorted().prefix(3).joined(separator: ", "))), so the containers on them are not priced and they are never removed by the plan; fill resources.vcpus and memory_gib."))
        }

        var ownerProblems: Set<Diagnostic> = []
        var newRequests: [ContainerKey: RequestChange] = [:]
        for summary in input.containers.sorted(by: { $0.key < $1.key }) {
            let (ownership, problems) = resolver.resolve(
                namespace: summary.key.namespace, labels: summary.labels, container: summary.key.resourceId)
            ownerProblems.formUnion(problems)
            let tier = ownership.tier.flatMap(TierNormalizer.validated)
            let ctx = ContainerContext(
                summary: summary, ownership: ownership, tier: tier, tierPolicy: policy.tierPolicy(for: tier),
                policy: policy, minimumReduction: input.kubernetes.minimumRequestReduction, window: input.window,
                rate: rate(of: summary, rates: rates, policy: input.kubernetes))
            guard let evaluated = ContainerRequestRule.evaluate(ctx) else { continue }
            result.findings.append(evaluated.finding)
            if let change = evaluated.change { newRequests[summary.key] = change }
        }
        result.diagnostics += ownerProblems.sorted { $0.message < $1.message }

        let byCluster = Dictionary(grouping: input.containers, by: \.key.cluster)
        for cluster in byCluster.keys.sorted() {
            let nodeOwner: (String) -> Ownership = { input.ownership[$0] ?? resources[$0].map(FindingEngine.fallbackOwnership)
                ?? Ownership(service: Ownership.unallocated, team: Ownership.unallocated, tier: nil, environment: nil, source: .unallocated) }
            if let finding = NodeRemovalRule.evaluate(
                cluster: cluster, containers: byCluster[cluster] ?? [], newRequests: newRequests, rates: rates,
                window: input.window, policy: policy, owner: nodeOwner) {
                result.findings.append(finding)
            }
        }
        return result
    }

    /// The container's price: its nodes' rates weighted by its pod-seconds on each, in the
    /// currency holding most of those pod-seconds; nil when no node of it is priced.
    static func rate(of summary: ContainerUsageSummary, rates: [String: NodeRate], policy: KubernetesPolicy) -> ContainerRate? {
        let priced = summary.nodeSeconds.compactMap { node, seconds in rates[node].map { ($0, seconds) } }
            .sorted { $0.0.nodeId < $1.0.nodeId }
        var secondsByCurrency: [String: Double] = [:]
        for (rate, seconds) in priced { secondsByCurrency[rate.currency, default: 0] += seconds }
        guard let currency = secondsByCurrency.max(by: { ($0.value, $1.key) < ($1.value, $0.key) })?.key else { return nil }
        let used = priced.filter { $0.0.currency == currency && $0.1 > 0 }
        guard !used.isEmpty else { return nil }
        let total = Decimal(settingValue: used.reduce(0) { $0 + $1.1 })
        var perCore: Decimal = 0, perGiB: Decimal = 0
        for (rate, seconds) in used {
            let weight = Decimal(settingValue: seconds) / total
            perCore += rate.perCoreHour * weight
            perGiB += rate.perGiBHour * weight
        }
        perCore = FindingsPrecision.normalized(perCore); perGiB = FindingsPrecision.normalized(perGiB)
        let step: EvidenceStep
        if used.count == 1, let node = used.first?.0 {
            step = "node \(node.nodeId) \(.money(node.monthlyCost, currency: currency))/month, \(.exact(node.vcpus)) vCPU, "
                + "\(.exact(node.memoryGiB)) GiB split by \(.exact(policy.cpuHourlyWeight)) per vCPU-hour : "
                + "\(.exact(policy.memoryGibHourlyWeight)) per GiB-hour → \(.rounded(perCore, digits: 6)) \(currency) per core-hour, "
                + "\(.rounded(perGiB, digits: 6)) \(currency) per GiB-hour"
        } else {
            step = "\(used.count) nodes (\(used.map(\.0.nodeId).joined(separator: ", "))) weighted by pod-seconds, each split by "
                + "\(.exact(policy.cpuHourlyWeight)) per vCPU-hour : \(.exact(policy.memoryGibHourlyWeight)) per GiB-hour → "
                + "\(.rounded(perCore, digits: 6)) \(currency) per core-hour, \(.rounded(perGiB, digits: 6)) \(currency) per GiB-hour"
        }
        return ContainerRate(currency: currency, perCoreHour: perCore, perGiBHour: perGiB, steps: [step])
    }
}
