/// The tag keys that are read, in priority order, when the inventory does not name a resource's
/// owner. Keys match case-insensitively (an exact-case match wins); empty values count as missing.
public struct AttributionTagKeys: Sendable, Hashable, Codable {
    /// Keys naming the owning service. Default: `["service", "app", "application"]`.
    public var service: [String]
    /// Keys naming the owning team. Default: `["team", "owner"]`.
    public var team: [String]
    /// Keys naming the tier (normalised by `TierNormalizer`). Default: `["tier"]`.
    public var tier: [String]
    /// Keys naming the environment. Default: `["env", "environment"]`.
    public var environment: [String]

    public static let defaultService = ["service", "app", "application"]
    public static let defaultTeam = ["team", "owner"]
    public static let defaultTier = ["tier"]
    public static let defaultEnvironment = ["env", "environment"]

    public init(
        service: [String] = AttributionTagKeys.defaultService,
        team: [String] = AttributionTagKeys.defaultTeam,
        tier: [String] = AttributionTagKeys.defaultTier,
        environment: [String] = AttributionTagKeys.defaultEnvironment
    ) {
        self.service = service; self.team = team; self.tier = tier; self.environment = environment
    }

    enum CodingKeys: String, CodingKey { case service, team, tier, environment }

    /// Missing keys use the defaults; an empty or blank tag key throws.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func keys(_ key: CodingKeys, default value: [String]) throws -> [String] {
            guard let decoded = try container.decodeIfPresent([String].self, forKey: key) else { return value }
            if decoded.contains(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
                throw DecodingError.dataCorruptedError(
                    forKey: key, in: container,
                    debugDescription: "tag key list '\(key.stringValue)' contains an empty key")
            }
            return decoded
        }
        service = try keys(.service, default: Self.defaultService)
        team = try keys(.team, default: Self.defaultTeam)
        tier = try keys(.tier, default: Self.defaultTier)
        environment = try keys(.environment, default: Self.defaultEnvironment)
    }
}
