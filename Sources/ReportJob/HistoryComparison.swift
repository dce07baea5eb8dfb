import BillingStore
import CostModel
import Foundation
import Reports

/// Compares this run's findings with the previous run's: new, persisting (with age in days) or
/// resolved, and for resolved findings the realised saving: how much the resource's monthly
/// effective cost actually dropped (previous monthly cost − this run's, when positive).
enum HistoryComparison {
    /// A finding of a previous run, wherever it was read from (the database or the previous report folder).
    struct Previous {
        var runId: String
        var asOf: Date
        var findings: [RunHistoryStore.RecordedFinding]
    }

    static func compare(current: [Finding], previous: Previous?, asOf: Date, currentMonthlyCost: [String: Decimal]) -> FindingHistory {
        guard let previous else {
            return FindingHistory(hasPrevious: false, entries: current.map {
                FindingHistory.Entry(findingId: $0.id, resourceId: $0.resourceId, kind: $0.kind.rawValue, status: .new,
                                     ageDays: 0, monthlySavings: $0.monthlySavings, currency: $0.currency)
            })
        }
        let before = Dictionary(previous.findings.map { ($0.findingId, $0) }, uniquingKeysWith: { first, _ in first })
        var entries: [FindingHistory.Entry] = current.map { finding in
            if let old = before[finding.id] {
                return FindingHistory.Entry(
                    findingId: finding.id, resourceId: finding.resourceId, kind: finding.kind.rawValue, status: .persisting,
                    ageDays: days(from: old.firstSeen, to: asOf), monthlySavings: finding.monthlySavings, currency: finding.currency)
            }
            return FindingHistory.Entry(findingId: finding.id, resourceId: finding.resourceId, kind: finding.kind.rawValue,
                                        status: .new, ageDays: 0, monthlySavings: finding.monthlySavings, currency: finding.currency)
        }
        let currentIds = Set(current.map(\.id))
        for old in previous.findings where !currentIds.contains(old.findingId) {
            let now = currentMonthlyCost[old.resourceId] ?? 0
            let drop = old.monthlyCost - now
            entries.append(FindingHistory.Entry(
                findingId: old.findingId, resourceId: old.resourceId, kind: old.kind, status: .resolved,
                ageDays: days(from: old.firstSeen, to: asOf), monthlySavings: old.monthlySavings, currency: old.currency,
                realisedMonthlySavings: drop > 0 ? drop : 0))
        }
        return FindingHistory(hasPrevious: true, previousRunId: previous.runId, entries: entries)
    }

    /// The findings of this run as history records (first seen carried over from the previous run).
    static func records(of findings: [Finding], history: FindingHistory, asOf: Date, previous: Previous?) -> [RunHistoryStore.RecordedFinding] {
        let firstSeen = Dictionary((previous?.findings ?? []).map { ($0.findingId, $0.firstSeen) }, uniquingKeysWith: { first, _ in first })
        return findings.map { finding in
            RunHistoryStore.RecordedFinding(
                findingId: finding.id, resourceId: finding.resourceId, kind: finding.kind.rawValue, action: finding.action.rawValue,
                firstSeen: firstSeen[finding.id] ?? asOf, monthlyCost: FindingsPrecision.normalized(finding.monthlyCost),
                monthlySavings: FindingsPrecision.normalized(finding.monthlySavings), currency: finding.currency)
        }
    }

    static func days(from start: Date, to end: Date) -> Int {
        max(0, Int((end.timeIntervalSince(start) / 86_400).rounded()))
    }
}
