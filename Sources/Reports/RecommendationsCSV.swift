import CivilTime
import CostModel
import Foundation

/// `recommendations.csv`: one row per finding.
///
/// Columns, in this order:
/// - `finding_id`: stable id (same resource and kind → same id every night)
/// - `resource_id`, `kind` (unused, over_provisioned, under_provisioned, schedule, spot,
///   commitment, storage_class, insufficient_data), `action` (delete, investigate, stop, schedule,
///   move_to_spot, right_size, upsize, commit, change_storage_class, collect_data, set_requests,
///   remove_nodes)
/// - `service`, `team`, `tier` (1...4 or `(untiered)`), `environment`
/// - `current`, `recommended`: sizes with their list prices, classes or actions
/// - `window_days` (report window, days), `samples`, `coverage` (fraction 0...1, 4 decimals)
/// - `percentile` (the statistic used, e.g. `p95 CPU in service hours`), `percentile_value`
///   (its value, 4 decimals; a fraction for utilisation, cores for containers), `peak` (CPU peak
///   fraction; cores for containers)
/// - `last_active_at`: ISO 8601 UTC (`2026-11-03T12:00:00Z`), empty when unknown
/// - `monthly_cost`, `monthly_savings`: per month of 730 hours, rounded to the currency's minor
///   unit, unformatted; savings are negative when the change adds cost
/// - `billing_currency`, `confidence`, `risk`, `effort` (low, medium, high), `phase` (1...4)
/// - `formula`: the computation with its numbers; `reason`: one sentence
///
/// Rows are sorted by phase, then monthly savings descending, then finding id.
public enum RecommendationsCSV {
    public static let header = [
        "finding_id", "resource_id", "kind", "action", "service", "team", "tier", "environment",
        "current", "recommended", "window_days", "samples", "coverage", "percentile", "percentile_value",
        "peak", "last_active_at", "monthly_cost", "monthly_savings", "billing_currency", "confidence",
        "risk", "effort", "phase", "formula", "reason",
    ]

    public static func render(_ findings: [Finding]) -> String {
        var csv = CSVWriter(header: header)
        for finding in sorted(findings) {
            let e = finding.evidence
            let digits = Money.minorUnitDigits(finding.currency)
            csv.appendRow([
                .text(finding.id), .text(finding.resourceId), .text(finding.kind.rawValue),
                .text(finding.action.rawValue), .text(finding.ownership.service), .text(finding.ownership.team),
                .text(finding.ownership.tierLabel), .text(finding.ownership.environment),
                .text(finding.current), .text(finding.recommended),
                .number(fixed(e.windowDays, 2)), .number(e.samples.map(String.init)),
                .number(e.coverage.map { fixed($0, 4) }), .text(e.percentileName),
                .number(e.percentileValue.map { fixed($0, 4) }), .number(e.peak.map { fixed($0, 4) }),
                .text(e.lastActiveAt.map(UTCText.timestamp)),
                .number(Money.plain(finding.monthlyCost, scale: digits)),
                .number(Money.plain(finding.monthlySavings, scale: digits)),
                .text(finding.currency), .text(finding.confidence.rawValue), .text(finding.risk.rawValue),
                .text(finding.effort.rawValue), .number(String(finding.phase)), .text(e.formula), .text(finding.reason),
            ])
        }
        return csv.output
    }

    /// Phase, then monthly savings descending, then finding id.
    public static func sorted(_ findings: [Finding]) -> [Finding] {
        findings.sorted { a, b in
            if a.phase != b.phase { return a.phase < b.phase }
            if a.monthlySavings != b.monthlySavings { return a.monthlySavings > b.monthlySavings }
            return a.id < b.id
        }
    }

    /// A Double with exactly `digits` decimals, locale independent.
    static func fixed(_ value: Double, _ digits: Int) -> String {
        guard value.isFinite else { return "" }
        return Money.plain(Decimal(string: String(format: "%.\(digits)f", value)) ?? 0, scale: digits)
    }

}
