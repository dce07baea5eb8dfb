import BillingStore
import Foundation
import Imports
import Logging
@_spi(UncheckedSQL) import Postgres
@testable import ReportJob
import Testing
import TestSupport

/// The report over a reference database and over another layout of the same data (month
/// partitions, shards): every CSV must be the same to the byte.
enum SameReport {
    /// A dry run without history on `database`.
    static func run(_ database: TestDatabase, policy: PolicyFile = PolicyFile()) throws -> RunOutcome {
        var configuration = SampleFixture.configuration(database)
        configuration.dryRun = true
        configuration.useHistory = false
        configuration.policy = policy
        return try ReportPipeline.run(configuration, logger: Logger(label: "test"))
    }

    static func expectSameCSVs(_ reference: RunOutcome, _ other: RunOutcome, sourceLocation: SourceLocation = #_sourceLocation) {
        let csv = reference.files.filter { $0.name.hasSuffix(".csv") }
        #expect(csv.count >= 8, sourceLocation: sourceLocation)
        #expect(Set(csv.map(\.name)) == Set(other.files.filter { $0.name.hasSuffix(".csv") }.map(\.name)), sourceLocation: sourceLocation)
        for file in csv {
            #expect(other.files.first { $0.name == file.name }?.contents == file.contents, "\(file.name) differs", sourceLocation: sourceLocation)
        }
    }

    static func count(_ connection: Connection, _ sql: String) throws -> Int {
        try connection.all(Query(uncheckedName: "count", sql: sql)) { try $0.decode(Int.self, "n") }.first ?? -1
    }
}

/// `costreport db init --partitioned`: the two big tables partitioned by month, the partitions
/// created by the writers, the default partition's warning, retention by dropping a month.
@Suite("Month-partitioned tables")
struct PartitionedTableTests {
    static let logger = Logger(label: "test")

    /// A database initialised with `--partitioned` and loaded with the sample.
    static func partitionedSample(_ label: String) throws -> TestDatabase {
        let database = try TestDatabase.create(label)
        try DatabaseSetup.initialise(
            ConnectionOptions(conninfo: database.conninfo), schemaFile: SampleFixture.schema, partitioned: true, logger: logger)
        try SampleFixture.load(into: database)
        return database
    }

    @Test func theSampleReportOnMonthPartitionsEqualsTheUnpartitionedOneToTheByte() throws {
        let database = try Self.partitionedSample("partsample")
        defer { database.drop() }
        let connection = try database.connect()
        // The sample spans 60 days ending 2026-11-01: September and October partitions (some
        // billing rows start a day earlier), each table's rows all in month partitions.
        let partitions = try connection.all(Query(name: "partitions", """
            SELECT c.relname::text AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
            WHERE i.inhparent IN ('usage_samples'::regclass, 'billing_line_items'::regclass) ORDER BY 1
            """)) { try $0.decode(String.self, "name") }
        #expect(partitions.contains("usage_samples_2026_09") && partitions.contains("usage_samples_2026_10"))
        #expect(partitions.contains("billing_line_items_2026_10") && partitions.contains("usage_samples_default"))
        #expect(try SameReport.count(connection, "SELECT count(*) AS n FROM ONLY usage_samples_default") == 0)
        #expect(try SameReport.count(connection, "SELECT count(*) AS n FROM ONLY billing_line_items_default") == 0)
        #expect(try SameReport.count(connection, "SELECT count(*) AS n FROM ONLY usage_samples") == 0)
        #expect(try SameReport.count(connection, "SELECT count(*) AS n FROM usage_samples") > 100_000)

        let reference = try SameReport.run(try SampleFixture.database.get())
        let partitioned = try SameReport.run(database)
        SameReport.expectSameCSVs(reference, partitioned)

        // The rollups work on partitioned tables: built from the rows, then kept by the triggers
        // through a write that creates a new month partition.
        try RollupTests.install(database)
        let withRollups = try SameReport.run(database)
        #expect(withRollups.model.run.dataSources.contains { $0.hasPrefix("charges and usage from the rollup tables") })
        SameReport.expectSameCSVs(reference, withRollups)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("partition-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let usage = folder.appendingPathComponent("usage.csv")
        try """
            resource_id,sampled_at,interval_seconds,cpu_utilization,memory_utilization
            i-part-1,2026-10-31T23:55:00Z,300,0.5,0.25
            i-part-1,2026-11-01T00:00:00Z,300,0.75,
            i-part-2,2026-12-31T23:55:00Z,300,0.1,0.9

            """.write(to: usage, atomically: true, encoding: .utf8)
        let summary = try FileImport<UsageFormat>.importFile(usage, connection: connection, settings: ImportSettings(), logger: Self.logger)
        #expect(summary.rowsLoaded == 3)
        #expect(try SameReport.count(connection, "SELECT count(*) AS n FROM usage_samples_2026_11") == 1)
        #expect(try SameReport.count(connection, "SELECT count(*) AS n FROM usage_samples_2026_12") == 1)
        #expect(try SameReport.count(connection, "SELECT count(*) AS n FROM ONLY usage_samples_default") == 0)
        let (raw, rollup) = try RollupTests.readBothWays(connection)
        #expect(raw.1.contains { $0.resourceId == "i-part-1" })
        RollupTests.expectSameFigures(raw, rollup)
    }

    @Test func checkWarnsAboutRowsInTheDefaultPartitionAndDbInitMovesThem() throws {
        let database = try Self.partitionedSample("partdefault")
        defer { database.drop() }
        let connection = try database.connect()
        // A writer that is not costreport (psql, an ETL) leaves rows of a month without a partition
        // in the default partition.
        try connection.execute(Query(name: "stray rows", """
            INSERT INTO usage_samples (resource_id, sampled_at, interval_seconds, cpu_utilization)
            VALUES ('i-stray', '2027-03-04 05:00:00+00', 300, 0.5), ('i-stray', '2027-03-31 23:59:59+00', 300, 0.25)
            """))
        var configuration = SampleFixture.configuration(database)
        configuration.useHistory = false
        let check = try DatabaseCheck.run(configuration, logger: Self.logger)
        #expect(check.defaultPartitionRows.map(\.table) == ["usage_samples"] && check.defaultPartitionRows.map(\.rows) == [2])
        #expect(check.lines.contains { $0.hasPrefix("warning default_partition_rows: the default partition of usage_samples holds 2 rows") })

        try DatabaseSetup.initialise(
            ConnectionOptions(conninfo: database.conninfo), schemaFile: SampleFixture.schema, partitioned: true, logger: Self.logger)
        #expect(try SameReport.count(connection, "SELECT count(*) AS n FROM usage_samples_2027_03") == 2)
        #expect(try SameReport.count(connection, "SELECT count(*) AS n FROM ONLY usage_samples_default") == 0)
        #expect(try DatabaseCheck.run(configuration, logger: Self.logger).defaultPartitionRows.isEmpty)

        // Retention: dropping a month removes exactly its rows and nothing else.
        let before = try SameReport.count(connection, "SELECT count(*) AS n FROM usage_samples")
        let september = try SameReport.count(connection, """
            SELECT count(*) AS n FROM usage_samples WHERE sampled_at >= '2026-09-01 00:00:00+00' AND sampled_at < '2026-10-01 00:00:00+00'
            """)
        #expect(september > 0)
        try connection.execute(Query(name: "retention", "DROP TABLE usage_samples_2026_09"))
        #expect(try SameReport.count(connection, "SELECT count(*) AS n FROM usage_samples") == before - september)
    }

    @Test func anUnpartitionedTableIsRefusedWithWhatToDo() throws {
        let database = try TestDatabase.create("partrefused")
        defer { database.drop() }
        let options = ConnectionOptions(conninfo: database.conninfo)
        try DatabaseSetup.initialise(options, schemaFile: SampleFixture.schema, logger: Self.logger)
        #expect {
            try DatabaseSetup.initialise(options, schemaFile: SampleFixture.schema, partitioned: true, logger: Self.logger)
        } throws: { error in
            "\(error)".contains("billing_line_items exists and is not partitioned by range on charge_period_start")
                && "\(error)".contains("docs/scale-out.md")
        }
    }
}
