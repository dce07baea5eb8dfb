/// When usage data is too thin to judge, and how confidence is graded.
///
/// Confidence of a usage-based finding: **high** when coverage >= `highConfidenceCoverage` and the
/// days with data reach the tier's `minimum_window_days`; **medium** when coverage >=
/// `minimumCoverage` and the days reach the requirement; **low** otherwise. Findings read from
/// the inventory alone (unattached volume, unassociated IP, stopped instance, storage class of a
/// volume or snapshot) are **high**; insufficient-data findings are **low**.
public struct DataQualitySettings: Sendable, Hashable, Codable {
    /// Coverage (covered seconds ÷ window seconds) under this is insufficient data (default 0.70).
    public var minimumCoverage: Double = 0.70
    /// Coverage needed for high confidence (default 0.90).
    public var highConfidenceCoverage: Double = 0.90

    public init() {}

    enum CodingKeys: String, CodingKey {
        case minimumCoverage = "minimum_coverage", highConfidenceCoverage = "high_confidence_coverage"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = DataQualitySettings()
        minimumCoverage = try c.setting(.minimumCoverage, default: d.minimumCoverage, rule: "a fraction 0...1", isValid: SettingRule.fraction)
        highConfidenceCoverage = try c.setting(.highConfidenceCoverage, default: d.highConfidenceCoverage, rule: "a fraction 0...1", isValid: SettingRule.fraction)
    }
}
