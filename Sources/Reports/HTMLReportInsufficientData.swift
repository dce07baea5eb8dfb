import CostModel
import Foundation

extension HTMLReport {
    /// `insufficient_data` findings grouped by what is missing: a billing-only import gives one per
    /// resource, hundreds of rows that say the same thing.
    struct InsufficientDataGroup {
        enum Reason: Int, CaseIterable {
            case noSamples, tooLittle

            var title: String {
                switch self {
                case .noSamples: return "No utilisation samples in the window"
                case .tooLittle: return "Too little utilisation data (coverage or days with data below the tier's minimum)"
                }
            }
            var anchor: String { self == .noSamples ? "insufficient-no-samples" : "insufficient-too-little" }
        }

        var reason: Reason
        var findings: [Finding]

        /// Monthly cost per currency of the group's resources.
        var monthlyCost: [String: Decimal] {
            findings.reduce(into: [:]) { if !$1.currency.isEmpty { $0[$1.currency, default: 0] += $1.monthlyCost } }
        }

        /// The groups with findings, no samples first.
        static func groups(_ context: HTMLReportContext) -> [InsufficientDataGroup] {
            let findings = context.findings(of: .insufficientData)
            return Reason.allCases.compactMap { reason in
                let members = findings.filter { ($0.evidence.samples ?? 0) == 0 ? reason == .noSamples : reason == .tooLittle }
                return members.isEmpty ? nil : InsufficientDataGroup(reason: reason, findings: members)
            }
        }

        /// `383 resources · 12,345.67 USD per month`.
        func summary(_ context: HTMLReportContext) -> String {
            let money = context.currencies.compactMap { currency in monthlyCost[currency].map { ReportText.money($0, currency) } }
            return "\(DisplayFormat.integer(findings.count)) \(findings.count == 1 ? "resource" : "resources")"
                + (money.isEmpty ? "" : " · \(money.joined(separator: ", ")) per month")
        }
    }

    /// One line per reason with the money it represents, each with its resources in a collapsed table.
    static func insufficientDataGroups(_ context: HTMLReportContext) -> HTMLFragment {
        let groups = InsufficientDataGroup.groups(context)
        guard !groups.isEmpty else { return .empty }
        var parts: [HTMLFragment] = ["""
            <h3>Not judged: insufficient data</h3>
            <p>These resources were not judged (never called idle or oversized without data); the CSV lists each one.</p>

            """]
        for group in groups {
            let rows = group.findings.map { finding -> [HTMLTable.Cell] in
                [.plain(finding.resourceId), .plain(finding.ownership.service), .plain(finding.ownership.team),
                 .plain(ReportText.tier(finding.ownership.tierLabel), sortKey: finding.ownership.tierLabel),
                 ReportText.moneyCell(finding.monthlyCost, finding.currency), .plain(finding.reason)]
            }
            let table = HTMLTable(
                id: group.reason.anchor, caption: group.reason.title,
                columns: [HTMLTable.Column("Resource"), HTMLTable.Column("Service", isFilterable: true),
                          HTMLTable.Column("Team", isFilterable: true), HTMLTable.Column("Tier"), .number("Monthly cost"),
                          HTMLTable.Column("What is missing")],
                rows: rows)
            parts.append("""
                <details class="insufficient-group"><summary><strong>\(group.reason.title)</strong>: \(group.summary(context))</summary>
                \(table.render())</details>

                """)
        }
        return .joined(parts)
    }

    /// The data-quality lines: what is missing, the money it represents and how to load metrics.
    static func insufficientData(_ context: HTMLReportContext) -> HTMLFragment {
        let groups = InsufficientDataGroup.groups(context)
        guard !groups.isEmpty else { return "<p>Every resource checked had enough usage data.</p>\n" }
        let items = groups.map { group -> HTMLFragment in
            "<li><a href=\"#\(group.reason.anchor)\">\(group.reason.title)</a>: \(group.summary(context))</li>"
        }
        var parts: [HTMLFragment] = ["<p>Resources not judged for lack of usage data:</p>\n<ul class=\"insufficient-summary\">\(HTMLFragment.joined(items))</ul>\n"]
        if groups.contains(where: { $0.reason == .noSamples }) {
            parts.append("""
                <p class="warning-note"><strong>Load utilisation metrics</strong> to judge them: \
                <code>costreport import usage FILE.csv</code> (one row per resource and interval: resource_id, sampled_at, \
                interval_seconds, cpu_utilization, memory_utilization, …), or fill <code>usage_samples</code> from your \
                monitoring; the next report judges every resource with enough samples.</p>

                """)
        }
        return .joined(parts)
    }
}
