/// The capacity runway forecast (`capacity.csv`): a least-squares line through the weekly p95 of
/// CPU and memory, extended to the scaling matrix's thresholds (`ScalingMatrix`).
public struct CapacitySettings: Sendable, Hashable, Codable {
    /// Percentile rank of each week's utilisation, percent (default 95).
    public var percentile: Double = 95
    /// Full weeks with data needed for a trend (default 3).
    public var minimumWeeks: Int = 3
    /// A trend below this rise per week, fraction of capacity, counts as flat: no date is
    /// forecast (default 0.01 = one percentage point a week; week-to-week noise of a steady
    /// resource stays below it).
    public var minimumWeeklyTrend: Double = 0.01
    /// ... and so does a line that explains less than this share of the weekly values' variance,
    /// R² (default 0.8): noise, not growth.
    public var minimumFit: Double = 0.8
    /// Crossings further away than this many days are left empty (default 365).
    public var horizonDays: Double = 365

    public init() {}

    enum CodingKeys: String, CodingKey {
        case percentile, minimumWeeks = "minimum_weeks", minimumWeeklyTrend = "minimum_weekly_trend"
        case horizonDays = "horizon_days", minimumFit = "minimum_fit"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = CapacitySettings()
        percentile = try c.setting(.percentile, default: d.percentile, rule: "a percentile rank in (0, 100]", isValid: SettingRule.percentRank)
        minimumWeeks = try c.setting(.minimumWeeks, default: d.minimumWeeks, rule: "at least 2 weeks") { $0 >= 2 }
        minimumWeeklyTrend = try c.setting(.minimumWeeklyTrend, default: d.minimumWeeklyTrend, rule: "a fraction > 0", isValid: SettingRule.positive)
        minimumFit = try c.setting(.minimumFit, default: d.minimumFit, rule: "a fraction 0...1", isValid: SettingRule.fraction)
        horizonDays = try c.setting(.horizonDays, default: d.horizonDays, rule: "days > 0", isValid: SettingRule.positive)
    }
}
