@testable import BillingStore
import CivilTime
import Foundation
import Logging
@_spi(UncheckedSQL) import Postgres
@testable import ReportJob
import Testing
import TestSupport

/// A coordinator and two shard servers (three throwaway clusters: the test server holds the
/// coordinator's database, two servers of the test's own the shards), set up by `db shards`, the
/// sample loaded through the coordinator into hash foreign partitions.
@Suite("Sharded with postgres_fdw", .serialized)
struct ShardTests {
    static let logger = Logger(label: "test")

    @Test func theReportThroughTheCoordinatorEqualsTheSingleServerOneAndTheShardsAggregate() throws {
        let shards = [try TemporaryServer(), try TemporaryServer()]
        defer { shards.forEach { $0.stop() } }
        let coordinator = try TestDatabase.create("coordinator")
        defer { coordinator.drop() }
        let options = ConnectionOptions(conninfo: coordinator.conninfo)
        let lines = try DatabaseSetup.shards(
            options, shards: shards.map { ConnectionOptions(conninfo: $0.conninfo) }, schemaFile: SampleFixture.schema, logger: Self.logger)
        #expect(lines.contains { $0.hasPrefix("usage_samples_shard_2: usage_samples rows with hash(resource_id) % 2 = 1") })
        #expect(lines.contains("statistics usage_samples_shard_1_usage_samples_resource_cpu_bucket"), "\(lines)")
        // No rollups on a coordinator: `db init` leaves them out, and installed ones are not read.
        #expect(try DatabaseSetup.installRollupsIfMissing(options, file: RollupTests.rollupFile, policy: PolicyFile(), logger: Self.logger)
            .hasPrefix("no rollups on a sharded coordinator"))
        try SampleFixture.load(into: coordinator)

        // The rows are on the shards, split by resource, none on the coordinator.
        let connection = try coordinator.connect()
        let total = try SameReport.count(connection, "SELECT count(*) AS n FROM usage_samples")
        var onShards = 0
        for shard in shards {
            let server = try Connection(ConnectionOptions(conninfo: shard.conninfo))
            let rows = try SameReport.count(server, "SELECT count(*) AS n FROM usage_samples")
            #expect(rows > 10_000, "each shard holds part of the samples")
            #expect(try SameReport.count(server, "SELECT count(*) AS n FROM billing_line_items") > 1_000)
            onShards += rows
        }
        #expect(total == onShards && total > 100_000)
        #expect(try SameReport.count(connection, """
            SELECT count(*) AS n FROM pg_class WHERE relname IN ('usage_samples_shard_1', 'usage_samples_shard_2') AND relkind = 'f'
            """) == 2)

        // Every CSV to the byte.
        let reference = try SameReport.run(try SampleFixture.database.get())
        let sharded = try SameReport.run(coordinator)
        SameReport.expectSameCSVs(reference, sharded)
        #expect(sharded.model.run.dataSources.contains { $0.hasSuffix("aggregated on the shards") })
        #expect(!sharded.model.diagnostics.contains { $0.code == "rollups_hint" || $0.code == "rollups_unused" })

        // Every aggregate over the big tables is computed on the shards: in the run's own session
        // settings, each query's plan has one remote aggregation per shard and per GROUP BY, and no
        // plain foreign scan (no usage_samples or billing row travels to the coordinator).
        let session = RunSession(connection: connection)
        try session.beginSnapshot(statementTimeoutSeconds: 60, workMemMegabytes: 64)
        let store = BillingStore(connection: connection, queries: try QueryFolder(directory: SampleFixture.queries))
        let plans = try store.explainBigTableQueries(in: SampleFixture.window, settings: PolicyFile().usageQuerySettings)
        try session.endSnapshot()
        #expect(plans.map(\.query) == [
            "charges.sql", "usage_daily.sql", "usage_histograms.sql", "usage_weekly_histograms.sql", "requests.sql", "commitments.sql",
            "node_charges.sql",
        ])
        let groupBys = [
            "charges.sql": 1, "usage_daily.sql": 2, "usage_histograms.sql": 2, "usage_weekly_histograms.sql": 2, "requests.sql": 1,
            "commitments.sql": 1, "node_charges.sql": 1,
        ]
        for (query, plan) in plans {
            let lines = plan.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            let remoteAggregates = lines.filter { $0.hasPrefix("Relations: Aggregate on") }
            let remoteSQL = lines.filter { $0.hasPrefix("Remote SQL:") }
            #expect(remoteAggregates.count == 2 * groupBys[query]!, "\(query): one remote aggregation per shard and GROUP BY\n\(plan)")
            #expect(!remoteSQL.isEmpty && remoteSQL.allSatisfy { $0.contains(" GROUP BY ") }, "\(query): every remote query aggregates\n\(plan)")
            #expect(!lines.contains { $0.contains("Foreign Scan on ") }, "\(query): a plain foreign scan fetches rows\n\(plan)")
        }

        // A shard down: exit 69, one line naming the foreign server, the previous report intact.
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("shard-report-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let arguments = ["report", "--db", coordinator.conninfo, "--from", "2026-10-02", "--to", "2026-11-01", "--out", out.path, "--no-history"]
        let published = try CostReportBinary.run(arguments, in: SampleFixture.repository)
        #expect(published.status == 0, "\(published.stderr)")
        let folder = out.appendingPathComponent("2026-10-31")
        let before = try Self.contents(of: folder)
        #expect(before["cost_by_service.csv"] != nil)
        try shards[1].shutDown()
        let failed = try CostReportBinary.run(arguments, in: SampleFixture.repository)
        #expect(failed.status == 69)
        #expect(failed.errorLines.count == 1 && failed.errorLines.first?.contains("costreport_shard_2") == true, "\(failed.stderr)")
        #expect(failed.errorLines.first?.contains("the previous report is intact") == true)
        #expect(try Self.contents(of: folder) == before)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: out.appendingPathComponent("latest").path) == "2026-10-31")
    }

    /// Rollups installed on a coordinator anyway (`costreport db rollups --db COORDINATOR`) are not
    /// read: the report falls back to the raw tables, which the shards aggregate, and says why.
    @Test func rollupsOnACoordinatorAreNotRead() {
        let settings = PolicyFile().usageQuerySettings
        var status = RollupStatus(
            timeZone: settings.timeZone, serviceHoursStart: settings.serviceHoursStart, serviceHoursEnd: settings.serviceHoursEnd,
            buckets: settings.buckets, rebuiltAt: SampleFixture.end, enabledTriggers: RollupStatus.expectedTriggers, pendingDays: 0)
        #expect(status.unusableReason(for: SampleFixture.window, settings: settings) == nil)
        status.foreignPartitions = 4
        #expect(status.unusableReason(for: SampleFixture.window, settings: settings)?.hasPrefix(
            "billing_line_items and usage_samples are sharded (4 postgres_fdw partitions)") == true)
    }

    /// The files of a report folder by name.
    static func contents(of folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            files[name] = try Data(contentsOf: folder.appendingPathComponent(name))
        }
        return files
    }
}
