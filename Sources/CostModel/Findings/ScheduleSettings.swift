/// When compute can be switched off outside service hours.
public struct ScheduleSettings: Sendable, Hashable, Codable {
    /// Every off-hours hour of the week must have a mean CPU under this fraction (default 0.05 = 5%).
    public var offHoursCpuMax: Double = 0.05
    /// Share of the off-hours hour-of-week slots that must have samples (default 0.90); fewer means
    /// the resource is probably stopped off hours already, or the profile is too thin to judge.
    public var minimumOffHoursSlotShare: Double = 0.90

    public init() {}

    enum CodingKeys: String, CodingKey {
        case offHoursCpuMax = "off_hours_cpu_max", minimumOffHoursSlotShare = "minimum_off_hours_slot_share"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = ScheduleSettings()
        offHoursCpuMax = try c.setting(.offHoursCpuMax, default: d.offHoursCpuMax, rule: "a fraction 0...1", isValid: SettingRule.fraction)
        minimumOffHoursSlotShare = try c.setting(.minimumOffHoursSlotShare, default: d.minimumOffHoursSlotShare, rule: "a fraction 0...1", isValid: SettingRule.fraction)
    }
}
