import CSVParsing
import CivilTime
import CostModel
import Foundation
import Postgres

/// With `--no-history` (read-only replicas), the previous run is read from the report folder
/// instead of the database: `<out>/latest/recommendations.csv`. Its findings' first-seen dates
/// are unknown, so ages count from that report's date (a lower bound).
enum PreviousReport {
    static func read(outputDirectory: URL, before asOf: Date) -> PreviousRun? {
        let latest = outputDirectory.appendingPathComponent("latest")
        let folderName = latest.resolvingSymlinksInPath().lastPathComponent
        guard Publisher.isDateFolder(folderName), let previousAsOf = UTCText.parseDay(folderName), previousAsOf < asOf,
              let text = try? String(contentsOf: latest.appendingPathComponent("recommendations.csv"), encoding: .utf8)
        else { return nil }
        var rows: [[String]] = []
        var reader = CSVReader()
        reader.feed(Array(text.utf8)) { rows.append($0.fields) }
        reader.finish { rows.append($0.fields) }
        guard let header = rows.first else { return nil }
        func column(_ name: String) -> Int? { header.firstIndex(of: name) }
        guard let id = column("finding_id"), let resource = column("resource_id"), let kind = column("kind"),
              let action = column("action"), let cost = column("monthly_cost"), let savings = column("monthly_savings"),
              let currency = column("billing_currency") else { return nil }
        let findings = rows.dropFirst().compactMap { cells -> RecordedFinding? in
            guard cells.count == header.count else { return nil }
            return RecordedFinding(
                findingId: cells[id], resourceId: cells[resource], kind: cells[kind], action: cells[action],
                firstSeen: previousAsOf, monthlyCost: Decimal(string: cells[cost]) ?? 0,
                monthlySavings: Decimal(string: cells[savings]) ?? 0, currency: cells[currency])
        }
        return PreviousRun(runId: "report \(folderName)", asOf: previousAsOf, findings: findings)
    }
}

