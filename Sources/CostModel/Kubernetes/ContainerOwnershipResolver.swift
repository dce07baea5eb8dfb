/// Resolves who owns a container on a shared node (DESIGN.md §2.2), field by field:
/// 1. its pod labels, with the attribution tag keys in priority order (`AttributionTagKeys`); the
///    service also from `app.kubernetes.io/name`, then `app.kubernetes.io/part-of`, after those keys;
/// 2. then its namespace's entry in policy `kubernetes.namespace_owners`;
/// 3. what is still unknown is `(unallocated)` (service, team), untiered (tier) or nil (environment).
///
/// Labels match keys as tags do (`OwnershipResolver.lookup`: exact case first, then any case). A
/// tier label that `TierNormalizer` does not know yields an `unknown_tier` diagnostic naming the
/// value and the container, and the namespace's tier (if any) is used instead.
public struct ContainerOwnershipResolver: Sendable {
    public var tagKeys: AttributionTagKeys
    public var namespaceOwners: [String: NamespaceOwner]

    /// Kubernetes' recommended labels naming the application, read for the service after the
    /// configured service keys.
    public static let serviceLabels = ["app.kubernetes.io/name", "app.kubernetes.io/part-of"]

    public init(tagKeys: AttributionTagKeys = AttributionTagKeys(), namespaceOwners: [String: NamespaceOwner] = [:]) {
        self.tagKeys = tagKeys; self.namespaceOwners = namespaceOwners
    }

    /// The resolver of `policy`'s namespace owners with the attribution tag keys `tagKeys`.
    public init(tagKeys: AttributionTagKeys, policy: KubernetesPolicy) {
        self.init(tagKeys: tagKeys, namespaceOwners: policy.namespaceOwners)
    }

    /// The owner of a container in `namespace` whose pod has `labels`, plus the data problems
    /// found on the way. `container` names it in diagnostics (e.g. `k8s://prod/shop/Deployment/web/app`).
    public func resolve(
        namespace: String, labels: [String: String], container: String
    ) -> (ownership: Ownership, diagnostics: [Diagnostic]) {
        let sets = [labels]
        let namespaceOwner = namespaceOwners[namespace]
        var diagnostics: [Diagnostic] = []

        let labelService = OwnershipResolver.lookup(tagKeys.service + Self.serviceLabels, in: sets)
        let service = labelService ?? namespaceOwner?.service
        let source: Ownership.Source = labelService != nil ? .labels : service != nil ? .namespace : .unallocated

        let team = OwnershipResolver.lookup(tagKeys.team, in: sets) ?? namespaceOwner?.team
        let environment = OwnershipResolver.lookup(tagKeys.environment, in: sets) ?? namespaceOwner?.environment

        var tier: Int?
        if let text = OwnershipResolver.lookup(tagKeys.tier, in: sets) {
            tier = TierNormalizer.tier(from: text)
            if tier == nil {
                diagnostics.append(Diagnostic(
                    .warning, code: "unknown_tier",
                    "Container \(container) has tier label '\(text)', which is not a known tier spelling; its namespace's tier is used, else it is untiered."))
            }
        }
        tier = tier ?? namespaceOwner?.tier

        let ownership = Ownership(
            service: service ?? Ownership.unallocated, team: team ?? Ownership.unallocated,
            tier: tier, environment: environment, source: source)
        return (ownership, diagnostics)
    }
}
