/// Previous-generation instance families, per provider, as the provider itself classifies them,
/// each with the current-generation families that replace it (what `modernize` may recommend and
/// what right-sizing picks from for such a resource). The table is data, not a guess from the
/// name: an m5 is current generation and never flagged, even where an m7i would be cheaper.
///
/// AWS: the families the Amazon EC2 Instance Types guide lists under "Previous generation
/// instances" (docs.aws.amazon.com/ec2/latest/instancetypes/pg.html, as of 2026: A1, C1, C3, C4,
/// G3, I2, M1, M2, M3, M4, P2, P3, R3, R4, T1), with the upgrade paths of aws.amazon.com/ec2/previous-generation
/// and the same-purpose current families (general purpose → M, compute → C, memory → R, ...).
/// T2 is **current** generation for AWS (DescribeInstanceTypes reports `CurrentGeneration: true`)
/// and is not flagged. The replacement must also have the same architecture, cover the vCPU and
/// memory and be cheaper in the catalog: A1 (arm64) can only move to Graviton families.
///
/// Other providers: add a table under the provider's name in `findings.modernize.previous_generations`.
public enum PreviousGenerations {
    /// AWS previous-generation family → current-generation replacement families.
    public static let aws: [String: [String]] = [
        "a1": ["m6g", "m7g", "m8g"],
        "c1": ["c5", "c5a", "c6i", "c6a", "c7i", "c7a"],
        "c3": ["c5", "c5a", "c6i", "c6a", "c7i", "c7a"],
        "c4": ["c5", "c5a", "c6i", "c6a", "c7i", "c7a"],
        "g3": ["g4dn", "g5", "g6"],
        "i2": ["i3", "i4i", "i7i"],
        "m1": ["m5", "m5a", "m6i", "m6a", "m7i", "m7a"],
        "m2": ["r5", "r5a", "r6i", "r6a", "r7i", "r7a"],
        "m3": ["m5", "m5a", "m6i", "m6a", "m7i", "m7a"],
        "m4": ["m5", "m5a", "m6i", "m6a", "m7i", "m7a"],
        "p2": ["g4dn", "g5", "g6"],
        "p3": ["p4d", "p5"],
        "r3": ["r5", "r5a", "r6i", "r6a", "r7i", "r7a"],
        "r4": ["r5", "r5a", "r6i", "r6a", "r7i", "r7a"],
        "t1": ["t3", "t3a"],
    ]

    /// The built-in tables by provider name (as in `provider_name`; FOCUS exports say `AWS`).
    public static let builtIn: [String: [String: [String]]] = ["AWS": aws, "Amazon Web Services": aws]
}

/// `modernize`: previous-generation families with a cheaper current equivalent.
public struct ModernizeSettings: Sendable, Hashable, Codable {
    /// Provider name (compared case-insensitively) → previous-generation family → replacement
    /// families (default: the AWS table of `PreviousGenerations`). A provider missing here is never
    /// flagged.
    public var previousGenerations: [String: [String: [String]]] = PreviousGenerations.builtIn

    public init() {}

    enum CodingKeys: String, CodingKey { case previousGenerations = "previous_generations" }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        previousGenerations = try c.setting(.previousGenerations, default: PreviousGenerations.builtIn,
                                            rule: "families by provider, each with a non-empty list of replacement families") {
            $0.values.allSatisfy { $0.values.allSatisfy { !$0.isEmpty } }
        }
    }

    /// The replacement families of `family` at `provider`, or nil when it is current generation
    /// (or the provider has no table). Case-insensitive.
    public func replacements(provider: String?, family: String) -> [String]? {
        guard let provider = provider?.lowercased() else { return nil }
        let table = previousGenerations.first { $0.key.lowercased() == provider }?.value
        return table?.first { $0.key.lowercased() == family.lowercased() }?.value.map { $0.lowercased() }
    }
}
