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
        var files = [
            FinanceCSVFile(name: "cost_by_service.csv", contents: costByService(result)),
            FinanceCSVFile(name: "cost_by_team.csv", contents: costByTeam(result)),
            FinanceCSVFile(name: "cost_by_tier.csv", contents: costByTier(result)),
            FinanceCSVFile(name: "cost_daily.csv", contents: costDaily(result)),
            FinanceCSVFile(name: "reconciliation.csv", contents: reconciliation(result)),
            FinanceCSVFile(name: "untagged_spenders.csv", contents: untaggedSpenders(result)),
            FinanceCSVFile(name: "anomalies.csv", contents: anomalies(result)),
        ]
        if let clusters = result.clusters, !clusters.isEmpty {
            files.append(FinanceCSVFile(name: "cost_by_workload.csv", contents: costByWorkload(clusters)))
        }
        return files
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
