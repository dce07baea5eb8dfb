import BillingStore
import CostModel
import PrometheusQuery

/// The policy file: one file (YAML), read once at start-up. Every section and setting is optional;
/// what is missing takes its documented default (`costreport config defaults` prints them all).
public struct PolicyFile: Sendable, Codable, Hashable {
    /// The nightly run: statement timeout, retention, retries.
    public var job: JobSettings = JobSettings()
    /// Cost attribution: tag keys, shared cost, anomalies.
    public var attribution: AttributionPolicy = AttributionPolicy()
    /// Findings and the plan: tiers, thresholds, discounts.
    public var findings: FindingsPolicy = .default
    /// `costreport import prometheus`: the server and the PromQL templates.
    public var prometheus: PrometheusSettings = PrometheusSettings()
    /// Containers on shared nodes: namespace owners, the CPU / memory split of a node's cost.
    public var kubernetes: KubernetesPolicy = KubernetesPolicy()

    public init() {}

    enum CodingKeys: String, CodingKey { case job, attribution, findings, prometheus, kubernetes }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        job = try c.decodeIfPresent(JobSettings.self, forKey: .job) ?? JobSettings()
        attribution = try c.decodeIfPresent(AttributionPolicy.self, forKey: .attribution) ?? AttributionPolicy()
        findings = try c.decodeIfPresent(FindingsPolicy.self, forKey: .findings) ?? .default
        prometheus = try c.decodeIfPresent(PrometheusSettings.self, forKey: .prometheus) ?? PrometheusSettings()
        kubernetes = try c.decodeIfPresent(KubernetesPolicy.self, forKey: .kubernetes) ?? KubernetesPolicy()
    }
}

extension PolicyFile {
    /// What the usage statistics are computed with: the time zone and service hours of the
    /// findings policy, 200 histogram buckets (0.5 percentage points each).
    public var usageQuerySettings: UsageQuerySettings {
        let serviceHours = findings.usageQueryServiceHours
        return UsageQuerySettings(
            timeZone: findings.timeZone, serviceHoursStart: serviceHours.startHour,
            serviceHoursEnd: serviceHours.endHour, buckets: 200)
    }
}
