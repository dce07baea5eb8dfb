/// Who owns a resource or a charge, after the attribution rules (inventory, then tags, then
/// unallocated). Produced by attribution, consumed by findings and the reports.
public struct Ownership: Sendable, Hashable, Codable {
    /// Service name, or `Ownership.unallocated` when unknown.
    public var service: String
    /// Team name, or `Ownership.unallocated` when unknown.
    public var team: String
    /// 1...4, or nil when unknown (the report shows `(untiered)`).
    public var tier: Int?
    public var environment: String?
    /// Where the service came from.
    public var source: Source

    /// `labels` and `namespace` are containers': their pod labels, or policy
    /// `kubernetes.namespace_owners`.
    public enum Source: String, Sendable, Hashable, Codable {
        case inventory, tags, unallocated, shared, labels, namespace
    }

    public static let unallocated = "(unallocated)"
    public static let shared = "(shared)"
    public static let untiered = "(untiered)"

    public init(service: String, team: String, tier: Int?, environment: String?, source: Source) {
        self.service = service; self.team = team; self.tier = tier
        self.environment = environment; self.source = source
    }

    /// The tier as the report prints it: `1`...`4` or `(untiered)`.
    public var tierLabel: String { tier.map(String.init) ?? Ownership.untiered }
}
