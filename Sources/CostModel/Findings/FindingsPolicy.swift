import Foundation

/// Every setting of the findings and the plan, with its unit and default (DESIGN.md §3-4).
/// Decoded from the policy file: a missing key keeps its default, an invalid value throws a
/// `DecodingError` naming the key. `FindingsPolicy.default` is the built-in policy.
public struct FindingsPolicy: Sendable, Hashable, Codable {
    /// Per-tier rules (sizing, service hours, allowed actions).
    public var tiers: TierPolicies = TierPolicies()
    /// Resources with no tier (or a tier outside 1...4) follow the rules of this tier (default 2:
    /// important, business hours; they are also listed in the data-quality section).
    public var untieredRulesTier: Int = 2
    /// IANA time zone of service hours and of the hour-of-week profile (default "UTC").
    public var timeZone: String = "UTC"
    /// Hours in a month for monthly amounts (default 730).
    public var hoursPerMonth: Double = 730
    /// Allow right-sizing into another family of the same architecture (default false).
    public var allowOtherFamilies: Bool = false
    /// Idle thresholds.
    public var unused: UnusedThresholds = UnusedThresholds()
    /// Under-provisioning thresholds.
    public var underProvisioned: UnderProvisionedThresholds = UnderProvisionedThresholds()
    /// Off-hours schedules.
    public var schedule: ScheduleSettings = ScheduleSettings()
    /// Spot discounts.
    public var spot: SpotSettings = SpotSettings()
    /// Commitments.
    public var commitment: CommitmentSettings = CommitmentSettings()
    /// The unused part of existing commitments.
    public var unusedCommitment: UnusedCommitmentSettings = UnusedCommitmentSettings()
    /// Storage classes.
    public var storage: StorageSettings = StorageSettings()
    /// Insufficient data and confidence.
    public var dataQuality: DataQualitySettings = DataQualitySettings()
    /// Previous-generation families and their replacements (`modernize`).
    public var modernize: ModernizeSettings = ModernizeSettings()
    /// Fixed fleets that should autoscale.
    public var autoscale: AutoscaleSettings = AutoscaleSettings()
    /// The scaling matrix (scale-out thresholds, minimum machines): autoscale and capacity.
    public var scaling: ScalingMatrix = ScalingMatrix()
    /// The capacity runway forecast.
    public var capacity: CapacitySettings = CapacitySettings()

    public init() {}

    /// The built-in policy.
    public static let `default` = FindingsPolicy()

    /// The rules for a resource of `tier` (nil or outside 1...4: `untieredRulesTier`'s rules).
    public func tierPolicy(for tier: Int?) -> TierPolicy {
        if let tier, let policy = tiers[tier] { return policy }
        return tiers[untieredRulesTier] ?? tiers.tier2
    }

    /// The service hours the usage query must use for `UsageSummary.cpuInServiceHours`: tier 2's
    /// (07:00-19:00 Mon-Fri by default), evaluated in `timeZone`.
    public var usageQueryServiceHours: ServiceHours {
        tiers.tier2.serviceHours ?? ServiceHours(startHour: 0, endHour: 24, workdays: [1, 2, 3, 4, 5, 6, 7])
    }

    /// `hoursPerMonth` as a Decimal.
    public var hoursPerMonthDecimal: Decimal { Decimal(settingValue: hoursPerMonth) }

    enum CodingKeys: String, CodingKey {
        case tiers, untieredRulesTier = "untiered_rules_tier", timeZone = "time_zone"
        case hoursPerMonth = "hours_per_month", allowOtherFamilies = "allow_other_families"
        case unused, underProvisioned = "under_provisioned", schedule, spot, commitment, storage
        case unusedCommitment = "unused_commitment"
        case dataQuality = "data_quality", modernize, autoscale, scaling, capacity
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = FindingsPolicy()
        tiers = try c.setting(.tiers, default: d.tiers)
        untieredRulesTier = try c.setting(.untieredRulesTier, default: d.untieredRulesTier, rule: "a tier 1...4") { (1...4).contains($0) }
        timeZone = try c.setting(.timeZone, default: d.timeZone, rule: "an IANA time zone") { TimeZone(identifier: $0) != nil }
        hoursPerMonth = try c.setting(.hoursPerMonth, default: d.hoursPerMonth, rule: "hours > 0", isValid: SettingRule.positive)
        allowOtherFamilies = try c.setting(.allowOtherFamilies, default: d.allowOtherFamilies)
        unused = try c.setting(.unused, default: d.unused)
        underProvisioned = try c.setting(.underProvisioned, default: d.underProvisioned)
        schedule = try c.setting(.schedule, default: d.schedule)
        spot = try c.setting(.spot, default: d.spot)
        commitment = try c.setting(.commitment, default: d.commitment)
        unusedCommitment = try c.setting(.unusedCommitment, default: d.unusedCommitment)
        storage = try c.setting(.storage, default: d.storage)
        dataQuality = try c.setting(.dataQuality, default: d.dataQuality)
        modernize = try c.setting(.modernize, default: d.modernize)
        autoscale = try c.setting(.autoscale, default: d.autoscale)
        scaling = try c.setting(.scaling, default: d.scaling)
        capacity = try c.setting(.capacity, default: d.capacity)
    }
}
