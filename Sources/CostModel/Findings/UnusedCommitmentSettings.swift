import Foundation

/// `unused_commitment`: when the unused part of a reservation or savings plan is worth acting on.
public struct UnusedCommitmentSettings: Sendable, Hashable, Codable {
    /// Unused ÷ the commitment's amortised cost in the window at or above which it is reported,
    /// fraction (default 0.05: a commitment used 95 % or more is left alone).
    public var minimumUnusedShare: Double = 0.05

    public init() {}

    enum CodingKeys: String, CodingKey {
        case minimumUnusedShare = "minimum_unused_share"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = UnusedCommitmentSettings()
        minimumUnusedShare = try c.setting(.minimumUnusedShare, default: d.minimumUnusedShare, rule: "a fraction in (0, 1]") {
            SettingRule.fraction($0) && $0 > 0
        }
    }
}
