import Foundation

/// Everything the findings need, all pure values.
public struct FindingsInput: Sendable {
    public var window: ReportWindow
    /// The inventory.
    public var resources: [Resource]
    /// Ownership by resource id, from attribution. A resource missing here falls back to its
    /// inventory columns (service, team, tier, environment).
    public var ownership: [String: Ownership]
    /// Usage by resource id; a missing entry means no usage data at all.
    public var usage: [String: UsageSummary]
    /// Charge groups of the window (only those naming a resource are used).
    public var charges: [ChargeGroup]
    /// The instance-type catalog.
    public var catalog: [InstanceType]
    /// Utilisation of the commitments in the window (`unused_commitment`).
    public var commitments: [CommitmentUtilization]
    /// Containers on shared nodes (`container_usage_samples`, aggregated); empty without clusters.
    public var containers: [ContainerUsageSummary]
    /// Namespace owners and the CPU / memory split of a node's cost.
    public var kubernetes: KubernetesPolicy
    /// The attribution tag keys, read from pod labels too.
    public var tagKeys: AttributionTagKeys

    public init(
        window: ReportWindow, resources: [Resource], ownership: [String: Ownership],
        usage: [String: UsageSummary], charges: [ChargeGroup], catalog: [InstanceType],
        commitments: [CommitmentUtilization] = [],
        containers: [ContainerUsageSummary] = [], kubernetes: KubernetesPolicy = KubernetesPolicy(),
        tagKeys: AttributionTagKeys = AttributionTagKeys()
    ) {
        self.window = window; self.resources = resources; self.ownership = ownership
        self.usage = usage; self.charges = charges; self.catalog = catalog; self.commitments = commitments
        self.containers = containers; self.kubernetes = kubernetes; self.tagKeys = tagKeys
    }
}

/// The findings, the de-duplicated plan built from them, and the data problems met on the way.
public struct FindingsResult: Sendable {
    /// Sorted by resource id, then phase, then kind.
    public var findings: [Finding]
    public var plan: Plan
    public var diagnostics: [Diagnostic]
    /// Each resource's charges of the window summed per currency (`ResourceCost.byResource`), as
    /// the findings priced them.
    public var resourceCosts: [String: [String: ResourceCost]] = [:]
}

/// Runs every rule over every resource and builds the plan.
///
/// Per resource (deleted resources are skipped):
/// - compute and databases: stopped ones are only checked for "stopped but paying"; running ones
///   need sufficient usage (else `insufficient_data`, plus `spot` which needs no usage); an idle
///   resource gets only `unused`; otherwise sizing (under- before over-provisioned; a previous
///   generation sizes into its current replacements), `modernize` (also without usage),
///   `schedule`, `spot` and `commitment` on the baseline left after sizing or modernising;
/// - fleets: same-type compute of one service in tiers 1 and 2, after all resources (`autoscale`);
/// - commitments: the unused part of each (`unused_commitment`, from `FindingsInput.commitments`);
/// - volumes: unattached, storage class; IP addresses: unassociated; load balancers: traffic (needs
///   usage); object storage: access (needs usage); snapshots (`Resource.isSnapshot`): age.
public enum FindingEngine {
    public static func run(_ input: FindingsInput, policy: FindingsPolicy) -> FindingsResult {
        let costs = ResourceCost.byResource(input.charges)
        let catalog = CatalogIndex(input.catalog)
        var findings: [Finding] = []
        var diagnostics: [Diagnostic] = []
        var untiered: [String] = []
        var unknownTypes: [String: [String]] = [:]
        var unpriced: [String] = []
        var machines: [ResourceContext] = []

        for resource in input.resources.sorted(by: { $0.id < $1.id }) {
            if resource.state == .deleted { continue }
            let ownership = input.ownership[resource.id] ?? fallbackOwnership(resource)
            let tier = ownership.tier.flatMap { (1...4).contains($0) ? $0 : nil }
            if tier == nil { untiered.append(resource.id) }
            let resourceCosts = costs[resource.id] ?? [:]
            if resourceCosts.count > 1 {
                diagnostics.append(Diagnostic(
                    .warning, code: "mixed_currency_resource",
                    "Resource \(resource.id) is billed in \(resourceCosts.keys.sorted().joined(separator: ", ")); its findings are priced in the currency with the most billing lines only."))
            }
            let primary = ResourceCost.primary(resourceCosts)
            let currentType = catalog.type(of: resource)
            if let name = resource.instanceType, currentType == nil,
               resource.kind.isMachine {
                unknownTypes[name, default: []].append(resource.id)
            }
            let ctx = ResourceContext(
                resource: resource, ownership: ownership, tier: tier, tierPolicy: policy.tierPolicy(for: tier),
                usage: input.usage[resource.id], window: input.window, policy: policy, catalog: catalog,
                currentType: currentType, currency: primary?.currency ?? currentType?.currency ?? "",
                monthlyCost: primary?.monthlyEffectiveCost(window: input.window, hoursPerMonth: policy.hoursPerMonthDecimal) ?? 0)
            if resource.kind == .compute { machines.append(ctx) }
            let found = evaluate(ctx)
            if primary == nil, found.contains(where: { $0.action.isPlanned }) { unpriced.append(resource.id) }
            findings += found
        }

        findings += AutoscaleRule.evaluate(machines, policy: policy)
        findings += UnusedCommitmentRule.evaluate(input.commitments, window: input.window, policy: policy, ownership: input.ownership)

        if !untiered.isEmpty {
            diagnostics.append(Diagnostic(
                .info, code: "untiered_default_rules",
                "\(untiered.count) resources have no tier and were judged by the rules of tier \(policy.untieredRulesTier) (e.g. \(sample(untiered)))."))
        }
        for (name, ids) in unknownTypes.sorted(by: { $0.key < $1.key }) {
            diagnostics.append(Diagnostic(
                .warning, code: "instance_type_not_in_catalog",
                "Instance type \(name) is not in the catalog for its provider and region, so \(ids.count) resources (e.g. \(sample(ids))) cannot be right-sized; add it to instance_types."))
        }
        if !unpriced.isEmpty {
            diagnostics.append(Diagnostic(
                .warning, code: "finding_without_cost",
                "\(unpriced.count) resources with findings have no charges in the window (e.g. \(sample(unpriced))), so their savings are 0 and they are left out of the plan."))
        }
        let containers = ContainerFindings.run(input, policy: policy, costs: costs, catalog: catalog)
        findings += containers.findings
        diagnostics += containers.diagnostics
        findings.sort { ($0.resourceId, $0.phase, $0.kind.rawValue) < ($1.resourceId, $1.phase, $1.kind.rawValue) }
        return FindingsResult(findings: findings, plan: PlanBuilder.build(findings), diagnostics: diagnostics, resourceCosts: costs)
    }

    /// The findings of one resource.
    static func evaluate(_ ctx: ResourceContext) -> [Finding] {
        if ctx.resource.isSnapshot {
            return [StorageClassRule.snapshot(ctx)].compactMap { $0 }
        }
        switch ctx.resource.kind {
        case .compute, .database:
            return evaluateMachine(ctx)
        case .volume:
            return [UnusedRule.unattachedVolume(ctx), StorageClassRule.volume(ctx)].compactMap { $0 }
        case .ipAddress:
            return [UnusedRule.unassociatedAddress(ctx)].compactMap { $0 }
        case .loadBalancer:
            if let missing = InsufficientDataRule.evaluate(
                ctx, requiredDays: ctx.policy.unused.loadBalancerDays, purpose: "its traffic") { return [missing] }
            return [UnusedRule.idleLoadBalancer(ctx)].compactMap { $0 }
        case .objectStorage:
            guard (ctx.resource.storageClass ?? "").lowercased() == ctx.policy.storage.objectStorageHotClass.lowercased() else { return [] }
            if let missing = InsufficientDataRule.evaluate(
                ctx, requiredDays: ctx.tierPolicy.minimumWindowDays, purpose: "how often it is read") { return [missing] }
            return [StorageClassRule.objectStorage(ctx)].compactMap { $0 }
        default:
            return []
        }
    }

    private static func evaluateMachine(_ ctx: ResourceContext) -> [Finding] {
        if ctx.state == .stopped { return [UnusedRule.stopped(ctx)].compactMap { $0 } }
        let required = max(ctx.tierPolicy.minimumWindowDays, ctx.policy.unused.minimumWindowDays)
        if let missing = InsufficientDataRule.evaluate(ctx, requiredDays: required, purpose: "its utilisation") {
            return [missing, SpotRule.evaluate(ctx), ModernizeRule.evaluate(ctx)].compactMap { $0 }
        }
        if let idle = UnusedRule.idle(ctx) { return [idle] }
        let sizing = SizingRule.evaluate(ctx)
        let modernize = ModernizeRule.evaluate(ctx)
        return [
            sizing?.finding, modernize, ScheduleRule.evaluate(ctx), SpotRule.evaluate(ctx),
            CommitmentRule.evaluate(ctx, priceRatio: sizing?.priceRatio ?? modernize?.remainingCostFactor ?? 1),
        ].compactMap { $0 }
    }

    static func fallbackOwnership(_ resource: Resource) -> Ownership {
        Ownership(
            service: resource.service ?? Ownership.unallocated, team: resource.team ?? Ownership.unallocated,
            tier: resource.tier, environment: resource.environment,
            source: resource.service == nil ? .unallocated : .inventory)
    }

    private static func sample(_ ids: [String]) -> String {
        ids.prefix(3).joined(separator: ", ") + (ids.count > 3 ? ", ..." : "")
    }
}

extension Resource {
    /// Snapshots have no kind of their own in the contract (`kind` is one of compute, database,
    /// volume, load_balancer, ip_address, object_storage, other): a snapshot is a resource of kind
    /// `snapshot`, or of kind `other` whose `storage_class` or `resource_type` tag says `snapshot`.
    public var isSnapshot: Bool {
        if kind == .snapshot { return true }
        guard kind == .other || !kind.isContractKind else { return false }
        return storageClass?.lowercased() == "snapshot" || tags["resource_type"]?.lowercased() == "snapshot"
    }
}
