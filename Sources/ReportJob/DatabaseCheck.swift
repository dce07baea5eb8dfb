import BillingStore
import CostModel
import Foundation
import Logging
import Postgres
import Reports

/// `costreport check`: connects, runs every query of the folder inside one read-only snapshot
/// (each one decoded into the contract's columns, so a missing or wrongly typed column fails
/// naming the file and the column), and reports data-quality figures. Writes nothing.
public enum DatabaseCheck {
    public struct QueryResult: Sendable {
        public var name: String
        public var rows: Int
        public var seconds: Double
    }

    public struct Report: Sendable {
        public var target: String
        public var queries: [QueryResult]
        public var model: ReportModel
        /// Rows in the default partition of a table partitioned by month (their months have no
        /// partition of their own), per table.
        public var defaultPartitionRows: [(table: String, rows: Int)] = []

        /// Lines for the terminal.
        public var lines: [String] {
            var lines = ["connected: \(target)"] + model.run.dataSources.dropFirst().map { "read: \($0)" }
            for query in queries {
                lines.append("ok   \(query.name): \(query.rows) rows in \(String(format: "%.3f", query.seconds)) s")
            }
            for total in model.attribution.totals {
                let share = total.amounts.effectiveCost == 0 ? Decimal(0) : total.unallocated.effectiveCost / total.amounts.effectiveCost
                lines.append("bill \(total.currency): effective \(Money.plain(total.amounts.effectiveCost)), billed \(Money.plain(total.amounts.billedCost)), \(total.lineItems) line items, unallocated \(Money.plain(Money.rounded(share * 100, scale: 2)))%")
            }
            for coverage in model.attribution.tagCoverage {
                lines.append("tags \(coverage.currency): \(Money.plain(Money.rounded((coverage.share(coverage.withAll) ?? 0) * 100, scale: 2)))% of effective cost has a known service, team and tier")
            }
            lines.append("resources \(model.findings.findings.filter { $0.kind == .insufficientData }.count) with insufficient usage data")
            for diagnostic in model.diagnostics {
                lines.append("\(diagnostic.severity.rawValue) \(diagnostic.code): \(diagnostic.message)")
            }
            for (table, rows) in defaultPartitionRows {
                lines.append("warning default_partition_rows: the default partition of \(table) holds \(rows) rows, of months without their own partition (written around costreport's imports); run `costreport db init --partitioned` to move them into month partitions")
            }
            return lines
        }
    }

    public static func run(_ configuration: ReportConfiguration, logger: Logger) throws -> Report {
        let queries = try QueryFolder(directory: configuration.queriesDirectory)
        let snapshot = try Snapshot(options: configuration.connection, settings: configuration.policy.job, logger: logger, takeLock: false)
        let store = BillingStore(connection: snapshot.connection, queries: queries)
        var results: [QueryResult] = []
        store.onQuery = { results.append(QueryResult(name: $0, rows: $1, seconds: $2)) }
        let loaded = try ReportPipeline.load(store, configuration: configuration)
        let defaultRows = try MonthPartitions(connection: snapshot.connection).defaultPartitionRows()
        try snapshot.finish()
        let model = ReportPipeline.analyse(loaded, configuration: configuration, dataSources: [snapshot.connection.target, loaded.source])
        var seen = Set<String>()
        let unique = results.filter { seen.insert($0.name).inserted }
        return Report(target: snapshot.connection.target, queries: unique, model: model, defaultPartitionRows: defaultRows)
    }
}
