/// When a resource counts as unused (idle). Comparisons: "under" is strict (<), "at least" is >=.
public struct UnusedThresholds: Sendable, Hashable, Codable {
    /// A day is idle when its mean CPU is under this fraction (default 0.02 = 2%).
    public var cpuDailyAverageMax: Double = 0.02
    /// ... and its network traffic (in + out) is under this many bytes (default 5,000,000 = 5 MB).
    public var networkBytesPerDayMax: Double = 5_000_000
    /// Share of the days with data that must be idle, fraction (default 0.90).
    public var idleDayShare: Double = 0.90
    /// Days with data needed before calling compute or a database idle (default 14).
    public var minimumWindowDays: Int = 14
    /// A database must also have had no open connection on each of its last N days with data (default 7).
    public var databaseNoConnectionDays: Int = 7
    /// A volume unattached for at least this many days is unused (default 7).
    public var volumeUnattachedDays: Int = 7
    /// A load balancer with fewer requests than this on each day... (default 100 requests/day)
    public var loadBalancerRequestsPerDay: Double = 100
    /// ... of its last N days with data is unused (default 7).
    public var loadBalancerDays: Int = 7
    /// Compute or a database stopped for at least this many days that still pays (storage) is unused (default 14).
    public var stoppedDays: Int = 14

    public init() {}

    enum CodingKeys: String, CodingKey {
        case cpuDailyAverageMax = "cpu_daily_average_max", networkBytesPerDayMax = "network_bytes_per_day_max"
        case idleDayShare = "idle_day_share", minimumWindowDays = "minimum_window_days"
        case databaseNoConnectionDays = "database_no_connection_days", volumeUnattachedDays = "volume_unattached_days"
        case loadBalancerRequestsPerDay = "load_balancer_requests_per_day", loadBalancerDays = "load_balancer_days"
        case stoppedDays = "stopped_days"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = UnusedThresholds()
        cpuDailyAverageMax = try c.setting(.cpuDailyAverageMax, default: d.cpuDailyAverageMax, rule: "a fraction 0...1", isValid: SettingRule.fraction)
        networkBytesPerDayMax = try c.setting(.networkBytesPerDayMax, default: d.networkBytesPerDayMax, rule: "bytes >= 0", isValid: SettingRule.nonNegative)
        idleDayShare = try c.setting(.idleDayShare, default: d.idleDayShare, rule: "a fraction 0...1", isValid: SettingRule.fraction)
        minimumWindowDays = try c.setting(.minimumWindowDays, default: d.minimumWindowDays, rule: "at least 1 day") { $0 >= 1 }
        databaseNoConnectionDays = try c.setting(.databaseNoConnectionDays, default: d.databaseNoConnectionDays, rule: "at least 1 day") { $0 >= 1 }
        volumeUnattachedDays = try c.setting(.volumeUnattachedDays, default: d.volumeUnattachedDays, rule: "days >= 0") { $0 >= 0 }
        loadBalancerRequestsPerDay = try c.setting(.loadBalancerRequestsPerDay, default: d.loadBalancerRequestsPerDay, rule: "requests >= 0", isValid: SettingRule.nonNegative)
        loadBalancerDays = try c.setting(.loadBalancerDays, default: d.loadBalancerDays, rule: "at least 1 day") { $0 >= 1 }
        stoppedDays = try c.setting(.stoppedDays, default: d.stoppedDays, rule: "days >= 0") { $0 >= 0 }
    }
}
