import Foundation

/// The `kubernetes` section of the policy file: who owns a namespace, and how a node's cost is
/// split between CPU and memory (DESIGN.md §2.2). Decoding: a missing key keeps its default; an
/// invalid value throws a `DecodingError` naming the key.
public struct KubernetesPolicy: Sendable, Hashable, Codable {
    /// Owners of containers whose pod labels do not name them, by namespace. Default: none.
    public var namespaceOwners: [String: NamespaceOwner]
    /// Weight of one vCPU-hour when a node's cost is split into a CPU and a memory part
    /// (a number >= 0; OpenCost's default CPU price). Default: 0.031611.
    public var cpuHourlyWeight: Decimal
    /// Weight of one GiB-hour of memory in that split (a number >= 0; OpenCost's default RAM
    /// price). Default: 0.004237. The two weights may not both be 0.
    public var memoryGibHourlyWeight: Decimal
    /// Where a node's idle cost goes: `separate` (a `(cluster idle)` row per cluster owned by the
    /// node's team), `proportional` (spread over the node's containers) or `node_owner`. Default: separate.
    public var idle: IdleCostPolicy = .separate
    /// A `set_requests` finding lowers a request only when the recommendation is at least this
    /// share below it (0...1; 0 lowers on any difference), so requests already close to their use
    /// are not churned for a few MiB. Raising (under-provisioned) is never held back. Default: 0.10.
    public var minimumRequestReduction: Double = KubernetesPolicy.defaultMinimumRequestReduction

    /// The settings container allocation runs with.
    public var allocationSettings: ContainerAllocationSettings {
        ContainerAllocationSettings(cpuHourlyWeight: cpuHourlyWeight, memoryGibHourlyWeight: memoryGibHourlyWeight, idle: idle)
    }

    public static let defaultCPUHourlyWeight = Decimal(string: "0.031611")!
    public static let defaultMemoryGibHourlyWeight = Decimal(string: "0.004237")!
    public static let defaultMinimumRequestReduction = 0.10

    public init(
        namespaceOwners: [String: NamespaceOwner] = [:],
        cpuHourlyWeight: Decimal = KubernetesPolicy.defaultCPUHourlyWeight,
        memoryGibHourlyWeight: Decimal = KubernetesPolicy.defaultMemoryGibHourlyWeight,
        idle: IdleCostPolicy = .separate,
        minimumRequestReduction: Double = KubernetesPolicy.defaultMinimumRequestReduction
    ) {
        self.namespaceOwners = namespaceOwners
        self.cpuHourlyWeight = cpuHourlyWeight; self.memoryGibHourlyWeight = memoryGibHourlyWeight
        self.idle = idle
        self.minimumRequestReduction = minimumRequestReduction
    }

    enum CodingKeys: String, CodingKey {
        case namespaceOwners = "namespace_owners", cpuHourlyWeight = "cpu_hourly_weight"
        case memoryGibHourlyWeight = "memory_gib_hourly_weight", idle
        case minimumRequestReduction = "minimum_request_reduction"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        namespaceOwners = try c.decodeIfPresent([String: NamespaceOwner].self, forKey: .namespaceOwners) ?? [:]
        if let blank = namespaceOwners.keys.first(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            throw DecodingError.dataCorruptedError(
                forKey: .namespaceOwners, in: c,
                debugDescription: "invalid namespace '\(blank)' in 'namespace_owners': a namespace name may not be blank")
        }
        cpuHourlyWeight = try Self.weight(c, .cpuHourlyWeight) ?? Self.defaultCPUHourlyWeight
        memoryGibHourlyWeight = try Self.weight(c, .memoryGibHourlyWeight) ?? Self.defaultMemoryGibHourlyWeight
        if let text = try c.decodeIfPresent(String.self, forKey: .idle) {
            guard let mode = IdleCostPolicy(rawValue: text) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .idle, in: c,
                    debugDescription: "invalid value for 'idle': '\(text)'; expected separate, proportional or node_owner")
            }
            idle = mode
        }
        if let reduction = try c.decodeIfPresent(Double.self, forKey: .minimumRequestReduction) {
            guard reduction.isFinite, (0...1).contains(reduction) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .minimumRequestReduction, in: c,
                    debugDescription: "invalid value for 'minimum_request_reduction': \(reduction); expected a share from 0 to 1, e.g. 0.10")
            }
            minimumRequestReduction = reduction
        }
        guard cpuHourlyWeight > 0 || memoryGibHourlyWeight > 0 else {
            throw DecodingError.dataCorruptedError(
                forKey: .cpuHourlyWeight, in: c,
                debugDescription: "invalid value for 'cpu_hourly_weight' and 'memory_gib_hourly_weight': they may not both be 0")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(namespaceOwners, forKey: .namespaceOwners)
        try c.encode(NSDecimalNumber(decimal: cpuHourlyWeight).doubleValue, forKey: .cpuHourlyWeight)
        try c.encode(NSDecimalNumber(decimal: memoryGibHourlyWeight).doubleValue, forKey: .memoryGibHourlyWeight)
        try c.encode(idle.rawValue, forKey: .idle)
        try c.encode(minimumRequestReduction, forKey: .minimumRequestReduction)
    }

    /// A weight written as a number or a decimal string; nil when missing.
    private static func weight(_ c: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys) throws -> Decimal? {
        guard c.contains(key), try !c.decodeNil(forKey: key) else { return nil }
        let value: Decimal?
        if let text = try? c.decode(String.self, forKey: key) {
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            value = trimmed.wholeMatch(of: /[0-9]+(\.[0-9]+)?/) == nil
                ? nil : Decimal(string: trimmed, locale: Locale(identifier: "en_US_POSIX"))
        } else {
            let number = try c.decode(Double.self, forKey: key)
            value = number.isFinite && number >= 0 ? Decimal(settingValue: number) : nil
        }
        guard let value else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: c, debugDescription: "invalid value for '\(key.stringValue)': must be a number >= 0")
        }
        return value
    }
}

/// Who owns the containers of one namespace when their pod labels do not say (policy
/// `kubernetes.namespace_owners.NAMESPACE`). Every field is optional; a missing one stays unknown.
public struct NamespaceOwner: Sendable, Hashable, Codable {
    public var service: String?
    public var team: String?
    /// 1...4; the policy file may also write a tier the way tags do (`tier-1`, `critical`).
    public var tier: Int?
    public var environment: String?

    public init(service: String? = nil, team: String? = nil, tier: Int? = nil, environment: String? = nil) {
        self.service = service; self.team = team; self.tier = tier; self.environment = environment
    }

    enum CodingKeys: String, CodingKey { case service, team, tier, environment }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        service = try c.decodeIfPresent(String.self, forKey: .service).flatMap(OwnershipResolver.nonBlank)
        team = try c.decodeIfPresent(String.self, forKey: .team).flatMap(OwnershipResolver.nonBlank)
        environment = try c.decodeIfPresent(String.self, forKey: .environment).flatMap(OwnershipResolver.nonBlank)
        guard c.contains(.tier), try !c.decodeNil(forKey: .tier) else { tier = nil; return }
        let written = try (try? c.decode(Int.self, forKey: .tier)).map(String.init) ?? c.decode(String.self, forKey: .tier)
        guard let parsed = TierNormalizer.tier(from: written) else {
            throw DecodingError.dataCorruptedError(
                forKey: .tier, in: c, debugDescription: "invalid value for 'tier': '\(written)' is not a tier 1...4")
        }
        tier = parsed
    }
}
