/// What a finding is about. Raw values are the `kind` column of `recommendations.csv`.
public enum FindingKind: String, Sendable, Hashable, Codable, CaseIterable {
    case unused
    case overProvisioned = "over_provisioned"
    case underProvisioned = "under_provisioned"
    case schedule
    case spot
    case commitment
    case storageClass = "storage_class"
    case insufficientData = "insufficient_data"
    case autoscale
    case modernize
    /// The unused part of an existing reservation or savings plan (FOCUS status `Unused`).
    case unusedCommitment = "unused_commitment"

    /// Roadmap phase: 1 quick wins (unused, storage class; insufficient data is collected there
    /// too), 2 schedules, spot and autoscaling, 3 right-sizing and modernising, 4 commitments (new
    /// ones and the unused part of existing ones).
    public var phase: Int {
        switch self {
        case .unused, .storageClass, .insufficientData: return 1
        case .schedule, .spot, .autoscale: return 2
        case .overProvisioned, .underProvisioned, .modernize: return 3
        case .commitment, .unusedCommitment: return 4
        }
    }
}

/// What to do. Raw values are the `action` column of the CSV files and of `allowed_actions`.
public enum FindingAction: String, Sendable, Hashable, Codable, CaseIterable {
    case delete, investigate, stop, schedule
    case moveToSpot = "move_to_spot"
    case rightSize = "right_size"
    case upsize, commit
    case changeStorageClass = "change_storage_class"
    case collectData = "collect_data"
    /// Move a previous-generation type to its current replacement.
    case modernize
    /// Put a fixed fleet in an autoscaling group.
    case autoscale
    /// A container's CPU / memory requests (and memory limit) in its pod spec.
    case setRequests = "set_requests"
    /// Whole nodes a cluster can do without once its requests are set (the plan's cluster step).
    case removeNodes = "remove_nodes"

    /// Whether findings with this action count in the plan: `investigate` and `collect_data`
    /// are listed but never priced into the plan totals.
    public var isPlanned: Bool { self != .investigate && self != .collectData }
}

/// A three-step grade used for confidence, risk and effort, ordered low < medium < high.
public enum FindingLevel: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case low, medium, high

    /// 1 low, 2 medium, 3 high.
    public var rank: Int {
        switch self {
        case .low: return 1
        case .medium: return 2
        case .high: return 3
        }
    }

    public static func < (a: Self, b: Self) -> Bool { a.rank < b.rank }
}
