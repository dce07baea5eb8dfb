import Foundation

/// Commitments (reserved instances / savings plans) on a stable tier-1 baseline.
public struct CommitmentSettings: Sendable, Hashable, Codable {
    /// The resource must have run at least this share of the window's hours, fraction (default 0.95).
    public var minimumRunningShare: Double = 0.95
    /// Discount of the commitment against on-demand, fraction (default 0.30).
    public var discount: Double = 0.30
    /// What is bought, for the recommendation text (default "1-year, no upfront").
    public var term: String = "1-year, no upfront"

    public init() {}

    enum CodingKeys: String, CodingKey {
        case minimumRunningShare = "minimum_running_share", discount, term
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = CommitmentSettings()
        minimumRunningShare = try c.setting(.minimumRunningShare, default: d.minimumRunningShare, rule: "a fraction 0...1", isValid: SettingRule.fraction)
        discount = try c.setting(.discount, default: d.discount, rule: "a fraction 0...1", isValid: SettingRule.fraction)
        term = try c.setting(.term, default: d.term)
    }
}
