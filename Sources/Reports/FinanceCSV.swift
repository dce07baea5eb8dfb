import CostModel
import Foundation

/// A rendered finance CSV file: its name in the report folder and its UTF-8 text.
public struct FinanceCSVFile: Sendable, Hashable {
    public var name: String
    public var contents: String
}

/// The finance CSV exports of an attribution result. Every file: RFC 4180 (CRLF, quoted when
/// needed), UTF-8, a header row with FOCUS column names where FOCUS has one, a fixed column order,
/// a fixed row order, amounts as plain numbers with `.` (never formatted, never neutralised), text
/// neutralised against formulas, data rows only (no totals). Pure and deterministic.
public enum FinanceCSV {
    /// All finance files, in a fixed order.
    public static func files(for result: AttributionResult) -> [FinanceCSVFile] {
        renderers(for: result).map { FinanceCSVFile(name: $0.name, contents: $0.render()) }
    }

    /// Each file's name and what renders it, in the order of `files(for:)`: to render them on
    /// several threads.
    public static func renderers(for result: AttributionResult) -> [(name: String, render: () -> String)] {
        var renderers: [(name: String, render: () -> String)] = [
            ("cost_by_service.csv", { costByService(result) }),
            ("cost_by_team.csv", { costByTeam(result) }),
            ("cost_by_tier.csv", { costByTier(result) }),
            ("cost_daily.csv", { costDaily(result) }),
            ("reconciliation.csv", { reconciliation(result) }),
            ("untagged_spenders.csv", { untaggedSpenders(result) }),
            ("anomalies.csv", { anomalies(result) }),
        ]
        if let clusters = result.clusters, !clusters.isEmpty {
            renderers.append(("cost_by_workload.csv", { costByWorkload(clusters) }))
        }
        return renderers
    }

    /// An amount cell: plain decimal text (`Money.plain`).
    static func amount(_ value: Decimal) -> CSVWriter.Cell { .number(Money.plain(value)) }

    /// An optional amount cell: empty when nil.
    static func amount(_ value: Decimal?) -> CSVWriter.Cell { .number(value.map { Money.plain($0) }) }

    /// An integer cell.
    static func integer(_ value: Int) -> CSVWriter.Cell { .number(String(value)) }

    /// Renders the header and the rows.
    static func render(header: [String], rows: [[CSVWriter.Cell]]) -> String {
        var writer = CSVWriter(header: header)
        for row in rows { writer.appendRow(row) }
        return writer.output
    }
}
