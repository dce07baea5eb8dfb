/// When a resource is under-provisioned (a risk to its SLO): strict "above" comparisons.
public struct UnderProvisionedThresholds: Sendable, Hashable, Codable {
    /// Percentile rank of CPU checked, percent (default 95).
    public var cpuPercentile: Double = 95
    /// Under-provisioned when that CPU percentile is above this fraction (default 0.80).
    public var cpuAbove: Double = 0.80
    /// ... or when the memory maximum is above this fraction (default 0.90).
    public var memoryMaxAbove: Double = 0.90

    public init() {}

    enum CodingKeys: String, CodingKey {
        case cpuPercentile = "cpu_percentile", cpuAbove = "cpu_above", memoryMaxAbove = "memory_max_above"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = UnderProvisionedThresholds()
        cpuPercentile = try c.setting(.cpuPercentile, default: d.cpuPercentile, rule: "a percentile rank in (0, 100]", isValid: SettingRule.percentRank)
        cpuAbove = try c.setting(.cpuAbove, default: d.cpuAbove, rule: "a fraction 0...1", isValid: SettingRule.fraction)
        memoryMaxAbove = try c.setting(.memoryMaxAbove, default: d.memoryMaxAbove, rule: "a fraction 0...1", isValid: SettingRule.fraction)
    }
}
