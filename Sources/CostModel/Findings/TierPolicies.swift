/// The policies of tiers 1...4, keyed `"1"`...`"4"` in the policy file. A missing tier, or a
/// missing key inside one, keeps that tier's built-in default.
public struct TierPolicies: Sendable, Hashable, Codable {
    public var tier1: TierPolicy = .tier1
    public var tier2: TierPolicy = .tier2
    public var tier3: TierPolicy = .tier3
    public var tier4: TierPolicy = .tier4

    public init() {}

    enum CodingKeys: String, CodingKey {
        case tier1 = "1", tier2 = "2", tier3 = "3", tier4 = "4"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func decode(_ key: CodingKeys, _ defaults: TierPolicy) throws -> TierPolicy {
            guard c.contains(key), try !c.decodeNil(forKey: key) else { return defaults }
            return try TierPolicy(from: c.superDecoder(forKey: key), defaults: defaults)
        }
        tier1 = try decode(.tier1, .tier1)
        tier2 = try decode(.tier2, .tier2)
        tier3 = try decode(.tier3, .tier3)
        tier4 = try decode(.tier4, .tier4)
        for forbidden in [FindingAction.delete, .moveToSpot, .stop] where tier1.allows(forbidden) {
            throw DecodingError.dataCorruptedError(
                forKey: .tier1, in: c,
                debugDescription: "invalid value for '1.allowed_actions': tier 1 may not allow '\(forbidden.rawValue)'")
        }
        guard tier1.neverBelowPeak else {
            throw DecodingError.dataCorruptedError(
                forKey: .tier1, in: c,
                debugDescription: "invalid value for '1.never_below_peak': tier 1 is never sized below its observed peak")
        }
    }

    /// The policy of tier 1...4; nil for anything else.
    public subscript(tier: Int) -> TierPolicy? {
        switch tier {
        case 1: return tier1
        case 2: return tier2
        case 3: return tier3
        case 4: return tier4
        default: return nil
        }
    }
}
