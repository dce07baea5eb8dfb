import BillingStore
import Imports
import Foundation
import Postgres
import ReportJob
import SampleBilling
import SampleSetup
import Testing

@Suite(.serialized) struct FocusImportIntegrationTests {
    typealias F = ImportFixtures

    static func importFocus(_ files: [URL], _ connection: Connection, onError: OnRowError = .stop) throws -> [ImportFileSummary] {
        try files.map { try FileImport<FocusFormat>.importFile($0, connection: connection, settings: ImportSettings(onError: onError), logger: F.logger) }
    }

    @Test func importsBothProvidersCreditPurchaseAndGzipWithExactSums() throws {
        let (database, connection) = try F.database("focussums")
        defer { database.drop() }
        let plain = try F.write(F.focus10Text, name: "focus10.csv")
        let gzipped = try F.write(F.focus12Text, name: "focus12.csv.gz")
        let summaries = try Self.importFocus([plain, gzipped], connection)
        #expect(summaries.map(\.rowsLoaded) == [5, 2])
        #expect(summaries.map(\.rowsSkipped) == [0, 0])

        let expectedBilled = F.sum(F.focus10Rows, "BilledCost") + Decimal(string: "3.5333333333")!
        let expectedEffective = F.sum(F.focus10Rows, "EffectiveCost") + Decimal(string: "3.5333333333")!
        #expect(try F.scalarDecimal(connection, Query(name: "sum", "SELECT sum(billed_cost) AS value FROM billing_line_items")) == expectedBilled)
        #expect(try F.scalarDecimal(connection, Query(name: "sum", "SELECT sum(effective_cost) AS value FROM billing_line_items")) == expectedEffective)
        #expect(try F.scalarDecimal(connection, Query(name: "credit", "SELECT sum(billed_cost) AS value FROM billing_line_items WHERE charge_category = 'Credit'")) == -150)
        #expect(try F.scalarDecimal(connection, Query(name: "purchase", "SELECT sum(billed_cost) AS value FROM billing_line_items WHERE charge_category = 'Purchase' AND commitment_discount_id IS NOT NULL")) == 2000)

        let providers = try connection.all(Query(name: "providers", "SELECT DISTINCT provider_name FROM billing_line_items ORDER BY 1")) { try $0.decode(String.self, "provider_name") }
        #expect(providers == ["AWS", "Google Cloud", "Microsoft"])
        // The +02:00 offset is converted, the description keeps its comma, quote and line break, empty -> NULL, empty Tags -> {}.
        #expect(try F.count(connection, Query(name: "tz", "SELECT count(*) AS value FROM billing_line_items WHERE charge_period_start = '2024-09-03 00:00:00+00'")) == 4)
        #expect(try F.count(connection, Query(name: "desc", "SELECT count(*) AS value FROM billing_line_items WHERE charge_description = E'$0.384 per On Demand Linux m5.2xlarge, \"boxed\"\\nInstance Hour'")) == 1)
        #expect(try F.count(connection, Query(name: "nulls", "SELECT count(*) AS value FROM billing_line_items WHERE contracted_cost IS NULL AND resource_id IS NULL")) == 2)
        #expect(try F.count(connection, Query(name: "tags", "SELECT count(*) AS value FROM billing_line_items WHERE tags = '{}'::jsonb")) == 4)
        #expect(try F.count(connection, Query(name: "tags", "SELECT count(*) AS value FROM billing_line_items WHERE tags->>'team' = 'storefront'")) == 1)
    }

    @Test func reimportIsIdempotent() throws {
        let (database, connection) = try F.database("focusreimport")
        defer { database.drop() }
        let plain = try F.write(F.focus10Text, name: "focus10.csv")
        _ = try Self.importFocus([plain], connection)
        let sumQuery = Query(name: "sum", "SELECT sum(billed_cost) AS value FROM billing_line_items")
        let countQuery = Query(name: "count", "SELECT count(*) AS value FROM billing_line_items")
        let firstSum = try F.scalarDecimal(connection, sumQuery)
        let again = try Self.importFocus([plain], connection)
        #expect(again[0].rowsReplaced == 5)
        #expect(try F.scalarDecimal(connection, sumQuery) == firstSum)
        #expect(try F.count(connection, countQuery) == 5)
        #expect(try F.count(connection, Query(name: "resources", "SELECT count(*) AS value FROM resources")) == 3)
    }

    static var textWithBadRow: String {
        var bad = F.awsUsage
        bad["BilledCost"] = "12,34"
        bad["ResourceId"] = "i-bad"
        let rows = F.focus10Rows.map(F.focus10Row)
        return ([F.focus10Header.joined(separator: ",")] + [rows[0], F.focus10Row(bad)] + rows.dropFirst()).joined(separator: "\n") + "\n"
    }

    @Test func badRowWithStopLoadsNothing() throws {
        let (database, connection) = try F.database("focusstop")
        defer { database.drop() }
        let file = try F.write(Self.textWithBadRow, name: "bad.csv")
        do {
            _ = try Self.importFocus([file], connection)
            Issue.record("the bad row was accepted")
        } catch let error as ImportRowError {
            // Row 1 is a quoted description over two lines, so the bad row starts on line 4.
            #expect(error.line == 4)
            #expect(error.column == F.focus10Header.firstIndex(of: "BilledCost")! + 1)
            #expect(error.description.contains("bad.csv line 4, column 2 (BilledCost)"))
        }
        #expect(try F.count(connection, Query(name: "count", "SELECT count(*) AS value FROM billing_line_items")) == 0)
        #expect(try F.count(connection, Query(name: "count", "SELECT count(*) AS value FROM resources")) == 0)
    }

    @Test func badRowWithSkipLoadsTheRest() throws {
        let (database, connection) = try F.database("focusskip")
        defer { database.drop() }
        let file = try F.write(Self.textWithBadRow, name: "bad.csv")
        let summary = try Self.importFocus([file], connection, onError: .skip)
        #expect(summary[0].rowsLoaded == 5)
        #expect(summary[0].rowsSkipped == 1)
        #expect(try F.scalarDecimal(connection, Query(name: "sum", "SELECT sum(billed_cost) AS value FROM billing_line_items")) == F.sum(F.focus10Rows, "BilledCost"))
        #expect(try F.count(connection, Query(name: "count", "SELECT count(*) AS value FROM resources WHERE resource_id = 'i-bad'")) == 0)
    }

    @Test func createsUnknownResourcesWithoutOverwritingInventory() throws {
        let (database, connection) = try F.database("focusresources")
        defer { database.drop() }
        try connection.execute(Query(name: "inventory", """
            INSERT INTO resources (resource_id, kind, team, region_id, tags) VALUES ('i-0abc', 'compute', 'platform', 'eu-west-1', '{"owner":"cmdb"}')
            """))
        _ = try Self.importFocus([try F.write(F.focus10Text, name: "focus10.csv"), try F.write(F.focus12Text, name: "focus12.csv.gz")], connection)
        let rows = try connection.all(Query(name: "resources", "SELECT resource_id, kind, coalesce(team, '') AS team, coalesce(region_id, '') AS region_id, coalesce(provider_name, '') AS provider_name, tags::text AS tags FROM resources ORDER BY resource_id")) {
            [try $0.decode(String.self, "resource_id"), try $0.decode(String.self, "kind"), try $0.decode(String.self, "team"),
             try $0.decode(String.self, "region_id"), try $0.decode(String.self, "provider_name"), try $0.decode(String.self, "tags")]
        }
        #expect(rows == [
            ["/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1", "compute", "", "westeurope", "Microsoft", #"{"team": "data"}"#],
            ["i-0abc", "compute", "platform", "eu-west-1", "", #"{"owner": "cmdb"}"#],
            ["projects/p/instances/db-1", "database", "", "europe-west1", "Google Cloud", #"{"team": "data"}"#],
            ["vol-0abc", "volume", "", "us-east-1", "AWS", "{}"],
        ])
    }

    @Test func headerWithoutMandatoryColumnsIsRejected() throws {
        let (database, connection) = try F.database("focusheader")
        defer { database.drop() }
        let file = try F.write("BillingAccountId,BilledCost\n1,2\n", name: "nofocus.csv")
        #expect(throws: ImportFileError.self) { try Self.importFocus([file], connection) }
    }

    @Test func usageImportWithMappingAndPercent() throws {
        let (database, connection) = try F.database("usageimport")
        defer { database.drop() }
        let text = """
            Resource,Time,interval_seconds,CPU,memory_utilization,requests
            i-1,2024-09-03T00:00:00Z,300,50,25,100
            i-1,2024-09-03T00:05:00Z,300,75.5,,
            i-2,2024-09-03 00:00:00,300,bad,1,1

            """
        let file = try F.write(text, name: "usage.csv.gz")
        var settings = ImportSettings(onError: .skip, usageColumns: ["resource_id": "Resource", "sampled_at": "Time", "cpu_utilization": "CPU"], usagePercent: true)
        let summary = try FileImport<UsageFormat>.importFile(file, connection: connection, settings: settings, logger: F.logger)
        #expect(summary.rowsLoaded == 2 && summary.rowsSkipped == 1)
        #expect(try F.scalarDecimal(connection, Query(name: "cpu", "SELECT round(sum(cpu_utilization)::numeric, 4) AS value FROM usage_samples")) == Decimal(string: "1.255")!)
        #expect(try F.count(connection, Query(name: "nulls", "SELECT count(*) AS value FROM usage_samples WHERE memory_utilization IS NULL AND requests IS NULL")) == 1)
        settings.onError = .stop
        #expect(throws: ImportRowError.self) { try FileImport<UsageFormat>.importFile(file, connection: connection, settings: settings, logger: F.logger) }
        #expect(try F.count(connection, Query(name: "count", "SELECT count(*) AS value FROM usage_samples")) == 2)
    }

    /// The sample bill exported as FOCUS and imported into a fresh database gives the same sums per
    /// account and invoice as `sample load`.
    @Test func sampleExportedAsFocusReimportsToTheSameSums() throws {
        var options = SampleOptions(end: Date(timeIntervalSince1970: 1_772_323_200))  // 2026-03-01
        options.days = 35
        let (loaded, loadedConnection) = try F.database("sampleload")
        defer { loaded.drop() }
        _ = try SampleDatabase.load(
            ConnectionOptions(conninfo: loaded.conninfo), sample: options, catalogFile: F.catalog, schemaFile: F.schema,
            replace: false, logger: F.logger)
        let file = F.temporaryFile("sample-focus.csv.gz")
        let written = try SampleFocusExport.write(sample: options, catalogFile: F.catalog, output: file, logger: F.logger)
        let (imported, importedConnection) = try F.database("sampleimport")
        defer { imported.drop() }
        let summary = try Self.importFocus([file], importedConnection)
        #expect(summary[0].rowsLoaded == written)
        let perInvoice = Query(name: "per invoice", """
            SELECT billing_account_id || '|' || coalesce(invoice_id, '') || '|' || sum(billed_cost)::text || '|' || sum(effective_cost)::text
              || '|' || count(*)::text AS value
            FROM billing_line_items GROUP BY billing_account_id, invoice_id ORDER BY billing_account_id, invoice_id
            """)
        let expected = try loadedConnection.all(perInvoice) { try $0.decode(String.self, "value") }
        let actual = try importedConnection.all(perInvoice) { try $0.decode(String.self, "value") }
        #expect(!expected.isEmpty)
        #expect(actual == expected)
    }
}
