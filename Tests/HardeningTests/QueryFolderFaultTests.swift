import BillingStore
import CostModel
import Foundation
import Postgres
import ReportJob
import Testing

@Suite("A broken queries/ folder")
struct QueryFolderFaultTests {
    typealias Line = HardeningDatabase.Line

    func failure(_ replacing: [String: String?]) throws -> String {
        let db = try HardeningDatabase.make("queries")
        defer { db.drop() }
        try db.bill(Line())
        try db.resource("i-1")
        try db.catalog("m5.large", vcpus: 2, memory: 8, hourly: "0.096")
        let queries = try TemporaryFolder.queries(replacing: replacing)
        do {
            _ = try db.run(queries: queries)
        } catch {
            return String(describing: error)
        }
        throw FixtureError("the run succeeded")
    }

    @Test func aFailingQueryNamesItsFileAndTheServerError() throws {
        let text = try failure(["charges.sql": "SELECT 1 / 0 AS billing_account_id WHERE $1::timestamptz < $2::timestamptz"])
        #expect(text.contains("charges.sql"), "\(text)")
        #expect(text.contains("division by zero"), "\(text)")
        #expect(text.contains("22012"), "\(text)")
    }

    @Test func aMissingColumnNamesTheFileAndTheColumn() throws {
        let text = try failure(["resources.sql": "SELECT resource_id, service FROM resources"])
        #expect(text.contains("resources.sql"), "\(text)")
        #expect(text.contains("\"kind\""), "\(text)")
        #expect(text.contains("resource_id, service"), "it lists what the query returns: \(text)")
    }

    @Test func aWronglyTypedColumnNamesTheFileTheColumnAndTheType() throws {
        let sql = "SELECT provider_name, region_id, instance_type, family, 'many' AS vcpus, memory_gib, arch, on_demand_hourly, currency FROM instance_types"
        let text = try failure(["instance_types.sql": sql])
        #expect(text.contains("instance_types.sql"), "\(text)")
        #expect(text.contains("\"vcpus\""), "\(text)")
        #expect(text.contains("numeric"), "\(text)")
    }

    @Test func anAbsentFileIsNamed() throws {
        let text = try failure(["usage_histograms.sql": nil])
        #expect(text.contains("usage_histograms.sql"), "\(text)")
        #expect(text.contains("missing"), "\(text)")
    }

    @Test func aQueryThatWritesIsRefusedByTheReadOnlySnapshot() throws {
        let text = try failure(["resources.sql": "DELETE FROM resources WHERE false RETURNING resource_id, kind"])
        #expect(text.contains("resources.sql"), "\(text)")
        #expect(text.contains("read-only"), "\(text)")
    }
}
