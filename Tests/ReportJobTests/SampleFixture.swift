import BillingStore
import CostModel
import Foundation
import Logging
import Postgres
import ReportJob
import SampleBilling
import SampleSetup
import TestSupport

/// The sample organisation loaded once into its own database, shared by the read-only tests.
/// Its data ends at a fixed date so the window and the assertions never depend on the clock.
enum SampleFixture {
    static let end = Date(timeIntervalSince1970: 1_793_491_200)  // 2026-11-01T00:00:00Z
    static let window = ReportWindow(start: end.addingTimeInterval(-30 * 86_400), end: end)

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let queries = repository.appendingPathComponent("queries")
    static let schema = repository.appendingPathComponent("sample-billing/schema.sql")
    static let catalog = repository.appendingPathComponent("sample-billing/instance-types-aws-us-east-1.csv")

    static var options: SampleOptions { SampleOptions(end: end) }

    /// The loaded database (created on first use).
    static let database: Result<TestDatabase, Error> = Result {
        let database = try TestDatabase.create("sample")
        try load(into: database)
        return database
    }

    /// A loaded copy that nothing connects to, cloned by `freshDatabase()`.
    static let template: Result<TestDatabase, Error> = Result {
        let database = try TestDatabase.create("sampletemplate")
        try load(into: database)
        return database
    }

    /// A private copy of the loaded sample (fast: PostgreSQL copies the template's files), for
    /// tests that take the run lock, write history or change data.
    static func freshDatabase(_ label: String) throws -> TestDatabase {
        try TestDatabase.create(label, template: template.get().name)
    }

    static func load(into database: TestDatabase) throws {
        _ = try SampleDatabase.load(
            ConnectionOptions(conninfo: database.conninfo), sample: options, catalogFile: catalog,
            schemaFile: schema, replace: false, logger: Logger(label: "test"))
    }

    static let organisation: SampleOrganisation = {
        let text = try! String(contentsOf: catalog, encoding: .utf8)
        return SampleOrganisation(options: options, catalog: try! InstanceCatalogCSV.parse(text))
    }()

    /// A report configuration on `database`, writing into a fresh temporary folder.
    static func configuration(_ database: TestDatabase, out: URL? = nil, window: ReportWindow = window) -> ReportConfiguration {
        let output = out ?? FileManager.default.temporaryDirectory.appendingPathComponent("costreport-test-\(UUID().uuidString)")
        return ReportConfiguration(
            connection: ConnectionOptions(conninfo: database.conninfo), window: window, outputDirectory: output,
            queriesDirectory: queries, policy: PolicyFile(), policyText: Handoff("(defaults)"), runId: "test-\(UUID().uuidString.prefix(8))",
            startedAt: end.addingTimeInterval(3 * 3600))
    }
}

