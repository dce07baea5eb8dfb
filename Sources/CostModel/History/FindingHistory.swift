import Foundation

/// A finding as a previous run recorded it (in the `costreport` schema, or read back from the
/// previous report folder's `recommendations.csv`).
public struct RecordedFinding: Sendable, Hashable {
    public var findingId: String
    public var resourceId: String
    public var kind: String
    public var action: String
    /// UTC midnight of the as-of date of the first run that reported it.
    public var firstSeen: Date
    /// The resource's effective cost per month, in `currency`.
    public var monthlyCost: Decimal
    /// The saving claimed per month, in `currency`.
    public var monthlySavings: Decimal
    public var currency: String

    public init(findingId: String, resourceId: String, kind: String, action: String, firstSeen: Date,
                monthlyCost: Decimal, monthlySavings: Decimal, currency: String) {
        self.findingId = findingId; self.resourceId = resourceId; self.kind = kind; self.action = action
        self.firstSeen = firstSeen; self.monthlyCost = monthlyCost; self.monthlySavings = monthlySavings
        self.currency = currency
    }
}

/// The previous run to compare with, wherever it was read from.
public struct PreviousRun: Sendable, Hashable {
    public var runId: String
    /// UTC midnight of its as-of date.
    public var asOf: Date
    public var findings: [RecordedFinding]

    public init(runId: String, asOf: Date, findings: [RecordedFinding]) {
        self.runId = runId; self.asOf = asOf; self.findings = findings
    }
}

/// How each finding relates to the previous run's findings.
public struct FindingHistory: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable, Codable { case new, persisting, resolved }

    public struct Entry: Sendable, Hashable {
        public var findingId: String
        public var resourceId: String
        public var kind: String
        public var status: Status
        /// Days since the finding was first reported (0 for new ones).
        public var ageDays: Int
        /// Savings the previous run claimed for it (monthly, in `currency`).
        public var monthlySavings: Decimal
        public var currency: String
        /// For resolved findings: how much the resource's monthly effective cost actually dropped
        /// (previous run's monthly cost minus this run's; nil when not known).
        public var realisedMonthlySavings: Decimal?

        public init(findingId: String, resourceId: String, kind: String, status: Status, ageDays: Int,
                    monthlySavings: Decimal, currency: String, realisedMonthlySavings: Decimal? = nil) {
            self.findingId = findingId; self.resourceId = resourceId; self.kind = kind; self.status = status
            self.ageDays = ageDays; self.monthlySavings = monthlySavings; self.currency = currency
            self.realisedMonthlySavings = realisedMonthlySavings
        }
    }

    /// Whether a previous run was found to compare with.
    public var hasPrevious: Bool
    /// The previous run's id, when there is one.
    public var previousRunId: String?
    public var entries: [Entry]

    public init(hasPrevious: Bool = false, previousRunId: String? = nil, entries: [Entry] = []) {
        self.hasPrevious = hasPrevious; self.previousRunId = previousRunId; self.entries = entries
    }

    /// The entry of a current finding.
    public func entry(for findingId: String) -> Entry? { entries.first { $0.findingId == findingId } }
}

extension FindingHistory {
    /// Compares this run's findings with the previous run's: new, persisting (with age in days)
    /// or resolved, and for resolved findings the realised saving: how much the resource's
    /// monthly effective cost actually dropped (previous monthly cost − `currentMonthlyCost`,
    /// when positive). Pure.
    public static func compare(current: [Finding], previous: PreviousRun?, asOf: Date,
                               currentMonthlyCost: [String: Decimal]) -> FindingHistory {
        guard let previous else {
            return FindingHistory(hasPrevious: false, entries: current.map { entry($0, status: .new, ageDays: 0) })
        }
        let before = Dictionary(previous.findings.map { ($0.findingId, $0) }, uniquingKeysWith: { first, _ in first })
        var entries: [Entry] = current.map { finding in
            guard let old = before[finding.id] else { return entry(finding, status: .new, ageDays: 0) }
            return entry(finding, status: .persisting, ageDays: days(from: old.firstSeen, to: asOf))
        }
        let currentIds = Set(current.map(\.id))
        for old in previous.findings where !currentIds.contains(old.findingId) {
            let drop = old.monthlyCost - (currentMonthlyCost[old.resourceId] ?? 0)
            entries.append(Entry(
                findingId: old.findingId, resourceId: old.resourceId, kind: old.kind, status: .resolved,
                ageDays: days(from: old.firstSeen, to: asOf), monthlySavings: old.monthlySavings, currency: old.currency,
                realisedMonthlySavings: drop > 0 ? drop : 0))
        }
        return FindingHistory(hasPrevious: true, previousRunId: previous.runId, entries: entries)
    }

    /// This run's findings as history records; first seen is carried over from the previous run.
    public static func records(of findings: [Finding], asOf: Date, previous: PreviousRun?) -> [RecordedFinding] {
        let firstSeen = Dictionary((previous?.findings ?? []).map { ($0.findingId, $0.firstSeen) }, uniquingKeysWith: { first, _ in first })
        return findings.map { finding in
            RecordedFinding(
                findingId: finding.id, resourceId: finding.resourceId, kind: finding.kind.rawValue, action: finding.action.rawValue,
                firstSeen: firstSeen[finding.id] ?? asOf, monthlyCost: FindingsPrecision.normalized(finding.monthlyCost),
                monthlySavings: FindingsPrecision.normalized(finding.monthlySavings), currency: finding.currency)
        }
    }

    private static func entry(_ finding: Finding, status: Status, ageDays: Int) -> Entry {
        Entry(findingId: finding.id, resourceId: finding.resourceId, kind: finding.kind.rawValue, status: status,
              ageDays: ageDays, monthlySavings: finding.monthlySavings, currency: finding.currency)
    }

    /// Whole days between two UTC midnights (never negative).
    static func days(from start: Date, to end: Date) -> Int {
        max(0, Int((end.timeIntervalSince(start) / 86_400).rounded()))
    }
}
