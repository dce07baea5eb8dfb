/// The scaling matrix's rules: when an autoscaling group adds a machine. `autoscale` sizes fleets
/// with it and the capacity forecast measures headroom against it.
public struct ScalingMatrix: Sendable, Hashable, Codable {
    /// Scale out when CPU stays above this fraction (default 0.70)...
    public var cpuAbove: Double = 0.70
    /// ... for this many minutes (default 5).
    public var cpuMinutes: Int = 5
    /// Scale out when memory stays above this fraction (default 0.80)...
    public var memoryAbove: Double = 0.80
    /// ... for this many minutes (default 3).
    public var memoryMinutes: Int = 3
    /// Machines an autoscaling group never goes below (default 2).
    public var minimumMachines: Int = 2

    public init() {}

    enum CodingKeys: String, CodingKey {
        case cpuAbove = "cpu_above", cpuMinutes = "cpu_minutes", memoryAbove = "memory_above"
        case memoryMinutes = "memory_minutes", minimumMachines = "minimum_machines"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = ScalingMatrix()
        cpuAbove = try c.setting(.cpuAbove, default: d.cpuAbove, rule: "a fraction in (0, 1]") { SettingRule.fraction($0) && $0 > 0 }
        cpuMinutes = try c.setting(.cpuMinutes, default: d.cpuMinutes, rule: "at least 1 minute") { $0 >= 1 }
        memoryAbove = try c.setting(.memoryAbove, default: d.memoryAbove, rule: "a fraction in (0, 1]") { SettingRule.fraction($0) && $0 > 0 }
        memoryMinutes = try c.setting(.memoryMinutes, default: d.memoryMinutes, rule: "at least 1 minute") { $0 >= 1 }
        minimumMachines = try c.setting(.minimumMachines, default: d.minimumMachines, rule: "at least 1 machine") { $0 >= 1 }
    }

    /// The rule in the matrix's words: `min 2, max 6; scale out at CPU > 70 % for 5 minutes or memory > 80 % for 3 minutes`.
    public func ruleText(minimum: Int, maximum: Int) -> String {
        "min \(minimum), max \(maximum); scale out at CPU > \(NumberText.percent(cpuAbove, digits: 0).dropLast()) % for \(cpuMinutes) minutes "
            + "or memory > \(NumberText.percent(memoryAbove, digits: 0).dropLast()) % for \(memoryMinutes) minutes"
    }
}

/// `autoscale`: when a fixed fleet should follow its demand instead.
public struct AutoscaleSettings: Sendable, Hashable, Codable {
    /// Peak ÷ trough of the fleet's hour-of-week demand at or above which it swings (default 2).
    public var minimumSwing: Double = 2
    /// Each machine must have run at least this share of the window: the count is fixed (default 0.95).
    public var minimumRunningShare: Double = 0.95
    /// Machines of the same type a service needs to count as a fleet (default 3).
    public var minimumFleetSize: Int = 3
    /// Tiers whose fleets may autoscale (default 1 and 2; tiers 3 and 4 have spot and schedules).
    public var tiers: [Int] = [1, 2]

    public init() {}

    enum CodingKeys: String, CodingKey {
        case minimumSwing = "minimum_swing", minimumRunningShare = "minimum_running_share"
        case minimumFleetSize = "minimum_fleet_size", tiers
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = AutoscaleSettings()
        minimumSwing = try c.setting(.minimumSwing, default: d.minimumSwing, rule: "a ratio >= 1") { $0.isFinite && $0 >= 1 }
        minimumRunningShare = try c.setting(.minimumRunningShare, default: d.minimumRunningShare, rule: "a fraction 0...1", isValid: SettingRule.fraction)
        minimumFleetSize = try c.setting(.minimumFleetSize, default: d.minimumFleetSize, rule: "at least 2 machines") { $0 >= 2 }
        tiers = try c.setting(.tiers, default: d.tiers, rule: "tiers 1...4") { $0.allSatisfy { (1...4).contains($0) } }
    }
}
