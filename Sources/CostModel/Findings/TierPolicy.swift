/// The rules of one tier (DESIGN.md §3). Every setting has a unit and a per-tier default; a key
/// missing from the policy file keeps the default of its tier.
public struct TierPolicy: Sendable, Hashable, Codable {
    /// Percentile rank of CPU used for sizing, in percent (tier 1: 99, 2: 95, 3: 95, 4: 90).
    public var sizingPercentile: Double
    /// Size on the CPU of service hours only (tier 2: true, others false). The usage query
    /// computes that histogram for `FindingsPolicy.usageQueryServiceHours` (tier 2's hours).
    public var sizingInServiceHours: Bool
    /// Target CPU utilisation after right-sizing, fraction 0...1 (tier 1: 0.50, 2: 0.65, 3 and 4: 0.80).
    public var targetUtilization: Double
    /// Days with usage data needed before sizing or calling a resource idle (tier 1: 30, others 14).
    public var minimumWindowDays: Int
    /// Headroom added to the memory maximum when sizing, fraction (default 0.15 = 15%).
    public var memoryBuffer: Double
    /// Never recommend fewer vCPUs than the observed CPU peak needs (tier 1: true, others false).
    public var neverBelowPeak: Bool
    /// Service hours; off hours are candidates for a schedule (tier 2: 07:00-19:00 Mon-Fri,
    /// tier 4: 08:00-18:00 Mon-Fri, tiers 1 and 3: none, i.e. 24/7).
    public var serviceHours: ServiceHours?
    /// Actions this tier may be recommended. Tier 1 may never be deleted (idle becomes
    /// `investigate`) nor moved to spot; the decoder rejects those for tier 1.
    public var allowedActions: [FindingAction]

    public init(
        sizingPercentile: Double, sizingInServiceHours: Bool = false, targetUtilization: Double,
        minimumWindowDays: Int, memoryBuffer: Double = 0.15, neverBelowPeak: Bool = false,
        serviceHours: ServiceHours? = nil, allowedActions: [FindingAction]
    ) {
        self.sizingPercentile = sizingPercentile; self.sizingInServiceHours = sizingInServiceHours
        self.targetUtilization = targetUtilization; self.minimumWindowDays = minimumWindowDays
        self.memoryBuffer = memoryBuffer; self.neverBelowPeak = neverBelowPeak
        self.serviceHours = serviceHours; self.allowedActions = allowedActions
    }

    /// Whether `action` may be recommended in this tier.
    public func allows(_ action: FindingAction) -> Bool { allowedActions.contains(action) }

    /// Tier 1, critical 24/7: p99 over >= 30 days, target 50%, never below the peak; no delete, no spot.
    public static let tier1 = TierPolicy(
        sizingPercentile: 99, targetUtilization: 0.50, minimumWindowDays: 30, neverBelowPeak: true,
        allowedActions: [.investigate, .rightSize, .upsize, .commit, .changeStorageClass, .collectData, .modernize, .autoscale])
    /// Tier 2, business hours: p95 within service hours, target 65%, 07:00-19:00 Mon-Fri.
    public static let tier2 = TierPolicy(
        sizingPercentile: 95, sizingInServiceHours: true, targetUtilization: 0.65, minimumWindowDays: 14,
        serviceHours: ServiceHours(startHour: 7, endHour: 19),
        allowedActions: [.delete, .investigate, .stop, .schedule, .rightSize, .upsize, .changeStorageClass, .collectData, .modernize, .autoscale])
    /// Tier 3, batch / analytics: p95, target 80%, spot.
    public static let tier3 = TierPolicy(
        sizingPercentile: 95, targetUtilization: 0.80, minimumWindowDays: 14,
        allowedActions: [.delete, .investigate, .stop, .moveToSpot, .rightSize, .upsize, .changeStorageClass, .collectData, .modernize])
    /// Tier 4, development: p90, target 80%, shut down outside 08:00-18:00 Mon-Fri, spot.
    public static let tier4 = TierPolicy(
        sizingPercentile: 90, targetUtilization: 0.80, minimumWindowDays: 14,
        serviceHours: ServiceHours(startHour: 8, endHour: 18),
        allowedActions: [.delete, .investigate, .stop, .schedule, .moveToSpot, .rightSize, .upsize, .changeStorageClass, .collectData, .modernize])

    /// The built-in default of tier 1...4 (tier 2's for anything else).
    public static func defaults(forTier tier: Int) -> TierPolicy {
        switch tier {
        case 1: return .tier1
        case 3: return .tier3
        case 4: return .tier4
        default: return .tier2
        }
    }

    enum CodingKeys: String, CodingKey {
        case sizingPercentile = "sizing_percentile", sizingInServiceHours = "sizing_in_service_hours"
        case targetUtilization = "target_utilization", minimumWindowDays = "minimum_window_days"
        case memoryBuffer = "memory_buffer", neverBelowPeak = "never_below_peak"
        case serviceHours = "service_hours", allowedActions = "allowed_actions"
    }

    /// Decodes with tier 2's defaults for missing keys.
    public init(from decoder: Decoder) throws {
        try self.init(from: decoder, defaults: .tier2)
    }

    /// Decodes with `defaults` for missing keys.
    public init(from decoder: Decoder, defaults: TierPolicy) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        sizingPercentile = try c.setting(.sizingPercentile, default: defaults.sizingPercentile,
                                         rule: "a percentile rank in (0, 100]", isValid: SettingRule.percentRank)
        sizingInServiceHours = try c.setting(.sizingInServiceHours, default: defaults.sizingInServiceHours)
        targetUtilization = try c.setting(.targetUtilization, default: defaults.targetUtilization,
                                          rule: "a fraction in (0, 1]") { SettingRule.fraction($0) && $0 > 0 }
        minimumWindowDays = try c.setting(.minimumWindowDays, default: defaults.minimumWindowDays,
                                          rule: "at least 1 day") { $0 >= 1 }
        memoryBuffer = try c.setting(.memoryBuffer, default: defaults.memoryBuffer,
                                     rule: "a non-negative fraction", isValid: SettingRule.nonNegative)
        neverBelowPeak = try c.setting(.neverBelowPeak, default: defaults.neverBelowPeak)
        if c.contains(.serviceHours), try c.decodeNil(forKey: .serviceHours) == false {
            serviceHours = try c.decode(ServiceHours.self, forKey: .serviceHours)
        } else if c.contains(.serviceHours) {
            serviceHours = nil
        } else {
            serviceHours = defaults.serviceHours
        }
        allowedActions = try c.setting(.allowedActions, default: defaults.allowedActions)
    }
}
