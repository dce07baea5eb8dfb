import Foundation

/// A resource planted in the sample organisation with a known expected result, so tests (and
/// readers of sample-billing/README.md) can check the reporter against it by resource id.
public struct PlantedCase: Sendable, Hashable {
    /// The resource id (in `resources`, or only in the bill for untagged and absent resources).
    public let resourceId: String
    public let expectation: Expectation
    /// Why: what the resource looks like and which rule it meets or just misses.
    public let note: String

    public init(resourceId: String, expectation: Expectation, note: String) {
        self.resourceId = resourceId; self.expectation = expectation; self.note = note
    }
}

/// What the reporter must say about a planted resource.
public enum Expectation: Sendable, Hashable {
    /// A finding of this kind: `unused`, `over_provisioned`, `under_provisioned`, `schedule`, `spot`,
    /// `commitment`, `storage_class`, `insufficient_data`, `modernize`, `autoscale` (an autoscale
    /// finding's resource id is its fleet, `fleet://SERVICE/REGION/TYPE`) or `unused_commitment`
    /// (its resource id is the commitment's `commitment_discount_id`).
    case finding(String)
    /// Must NOT get a finding of the named kind: it sits just on the healthy side of that rule.
    case healthy(lookAlikeOf: String)
    /// Billed, absent from `resources` and without tags: among the top untagged spenders.
    case untagged
    /// The service's daily effective cost jumps on `day` (a UTC midnight): an anomaly.
    case costSpike(service: String, day: Date)
    /// `capacity.csv` forecasts the day its `metric` (`cpu` or `memory`) reaches the threshold.
    case capacityRunway(metric: String)
    /// `capacity.csv` has no date for it: its trend is flat.
    case flatTrend
}

/// The finding kinds of issue 4, as the reporter writes them.
public enum FindingKind {
    public static let unused = "unused"
    public static let overProvisioned = "over_provisioned"
    public static let underProvisioned = "under_provisioned"
    public static let schedule = "schedule"
    public static let spot = "spot"
    public static let commitment = "commitment"
    public static let storageClass = "storage_class"
    public static let insufficientData = "insufficient_data"
    public static let modernize = "modernize"
    public static let autoscale = "autoscale"
    public static let unusedCommitment = "unused_commitment"

    /// The kinds of issue 4, in its order.
    public static let issue4 = [
        unused, overProvisioned, underProvisioned, schedule, spot, commitment, storageClass, insufficientData,
    ]
    /// Every kind: issue 4's, then issue 17's.
    public static let all = issue4 + [modernize, autoscale, unusedCommitment]
}
