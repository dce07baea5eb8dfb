import Foundation

/// Spot (preemptible) pricing: interruptible work only.
public struct SpotSettings: Sendable, Hashable, Codable {
    /// Discount of spot against on-demand, fraction, keyed by provider name (as in
    /// `resources.provider_name`, compared case-insensitively) with `default` for any other
    /// provider (default `{default: 0.60}`).
    public var discounts: [String: Double] = ["default": 0.60]

    public init() {}

    enum CodingKeys: String, CodingKey { case discounts }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        discounts = try c.setting(.discounts, default: ["default": 0.60], rule: "fractions 0...1 by provider") {
            $0.values.allSatisfy(SettingRule.fraction)
        }
    }

    /// The discount for `provider` (case-insensitive), else `default`, else 0.
    public func discount(forProvider provider: String?) -> Decimal {
        let key = provider?.lowercased()
        let value = discounts.first { $0.key.lowercased() == key }?.value
            ?? discounts.first { $0.key.lowercased() == "default" }?.value ?? 0
        return Decimal(settingValue: value)
    }
}
