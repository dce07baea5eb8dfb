import BillingStore
import Imports
import CostModel
import Foundation
import Postgres
import ReportJob
import Testing
import TestSupport

/// `import cur` and `import azure` against the real PostgreSQL: every row loaded, per-currency sums
/// equal to the files' to the digit, FOCUS categories, idempotent re-import, and a report whose
/// totals equal the database.
@Suite(.serialized) struct NativeImportIntegrationTests {
    typealias F = ImportFixtures
    typealias N = NativeFixtures

    static func importCUR(_ files: [URL], _ connection: Connection, onError: OnRowError = .stop) throws -> [ImportFileSummary] {
        try files.map { try FileImport<CURFormat>.importFile($0, connection: connection, settings: ImportSettings(onError: onError), logger: F.logger) }
    }

    static func importAzure(_ files: [URL], _ connection: Connection, onError: OnRowError = .stop) throws -> [ImportFileSummary] {
        try files.map { try FileImport<AzureFormat>.importFile($0, connection: connection, settings: ImportSettings(onError: onError), logger: F.logger) }
    }

    /// Per billing account and currency: billed and effective sums in the database.
    static func sumsByAccount(_ connection: Connection) throws -> [String: [String: [Decimal]]] {
        let rows = try connection.all(Query(name: "sums", """
            SELECT billing_account_id, billing_currency, sum(billed_cost) AS billed, sum(effective_cost) AS effective
            FROM billing_line_items GROUP BY billing_account_id, billing_currency
            """)) {
            (try $0.decode(String.self, "billing_account_id"), try $0.decode(String.self, "billing_currency"),
             try $0.decode(Decimal.self, "billed"), try $0.decode(Decimal.self, "effective"))
        }
        var result: [String: [String: [Decimal]]] = [:]
        for (account, currency, billed, effective) in rows { result[account, default: [:]][currency] = [billed, effective] }
        return result
    }

    /// Per currency: billed and effective sums in the database (accounts matching `accounts`).
    static func sums(_ connection: Connection, accounts: (String) -> Bool = { _ in true }) throws -> [String: [Decimal]] {
        var result: [String: [Decimal]] = [:]
        for (account, byCurrency) in try sumsByAccount(connection) where accounts(account) {
            for (currency, amounts) in byCurrency {
                let sum = result[currency] ?? [0, 0]
                result[currency] = [sum[0] + amounts[0], sum[1] + amounts[1]]
            }
        }
        return result
    }

    /// Rows per value of a FOCUS category column (`(null)` for NULL).
    static func counts(_ connection: Connection, _ column: String) throws -> [String: Int] {
        let query: Query
        switch column {
        case "charge_category": query = Query(name: "counts", "SELECT charge_category AS value, count(*) AS n FROM billing_line_items GROUP BY 1")
        case "pricing_category": query = Query(name: "counts", "SELECT coalesce(pricing_category, '(null)') AS value, count(*) AS n FROM billing_line_items GROUP BY 1")
        case "charge_class": query = Query(name: "counts", "SELECT coalesce(charge_class, '(null)') AS value, count(*) AS n FROM billing_line_items GROUP BY 1")
        default: query = Query(name: "counts", "SELECT coalesce(commitment_discount_status, '(null)') AS value, count(*) AS n FROM billing_line_items GROUP BY 1")
        }
        let rows = try connection.all(query) { (try $0.decode(String.self, "value"), try $0.decode(Int.self, "n")) }
        return Dictionary(uniqueKeysWithValues: rows)
    }

    /// The report over September 2024: its summary.json totals per currency (billed, effective).
    static func reportTotals(_ database: TestDatabase) throws -> [String: [Decimal]] {
        let window = ReportWindow(start: Date(timeIntervalSince1970: 1_725_148_800), end: Date(timeIntervalSince1970: 1_727_740_800))
        var configuration = ReportConfiguration(
            connection: ConnectionOptions(conninfo: database.conninfo), window: window,
            outputDirectory: F.temporaryFile("reports"), queriesDirectory: F.packageRoot.appendingPathComponent("queries"),
            policy: PolicyFile(), policyText: Handoff("(defaults)"), runId: "native-\(UUID().uuidString.prefix(8))", startedAt: window.end)
        configuration.dryRun = true
        configuration.useHistory = false
        let outcome = try ReportPipeline.run(configuration, logger: F.logger)
        let json = try #require(outcome.files.first { $0.name == "summary.json" }?.contents)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let totals = try #require(root["totals"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: totals.map { total in
            (total["billing_currency"] as! String,
             [Decimal(string: total["billed_cost"] as! String)!, Decimal(string: total["effective_cost"] as! String)!])
        })
    }

    @Test func legacyCURLoadsEveryRowWithExactSumsAndTheReportAgrees() throws {
        let (database, connection) = try F.database("curlegacy")
        defer { database.drop() }
        let summaries = try Self.importCUR([try F.write(N.curLegacyText, name: "cur-2024-09.csv")], connection)
        #expect(summaries.map(\.rowsLoaded) == [N.curRows.count])
        #expect(summaries.map(\.rowsSkipped) == [0])
        let sums = try Self.sums(connection)
        #expect(sums == ["USD": [N.curBilled["USD"]!, N.curEffective["USD"]!], "EUR": [N.curBilled["EUR"]!, N.curEffective["EUR"]!]])
        #expect(try Self.counts(connection, "charge_category") == ["Usage": 7, "Purchase": 4, "Tax": 2, "Credit": 1, "Adjustment": 1])
        #expect(try Self.counts(connection, "pricing_category") == ["Standard": 5, "Dynamic": 1, "Committed": 5, "(null)": 4])
        #expect(try Self.counts(connection, "commitment_discount_status") == ["Used": 3, "Unused": 2, "(null)": 10])
        #expect(try Self.counts(connection, "charge_class") == ["Correction": 1, "(null)": 14])
        #expect(try F.scalarDecimal(connection, Query(name: "unused", "SELECT sum(effective_cost) AS value FROM billing_line_items WHERE commitment_discount_status = 'Unused'")) == Decimal(string: "26.2345")!)
        #expect(try F.count(connection, Query(name: "commitments", """
            SELECT count(*) AS value FROM billing_line_items
            WHERE commitment_discount_type = 'Savings Plan' AND commitment_discount_category = 'Spend' AND charge_frequency IS NOT NULL
            """)) == 4)
        #expect(try F.count(connection, Query(name: "names", """
            SELECT count(*) AS value FROM billing_line_items
            WHERE availability_zone = 'us-east-1a' AND sku_price_id IS NOT NULL AND list_unit_price = 0.384
            """)) == 1)
        #expect(try F.count(connection, Query(name: "tags", "SELECT count(*) AS value FROM billing_line_items WHERE tags->>'team' = 'storefront'")) == 2)
        let kinds = try connection.all(Query(name: "kinds", "SELECT resource_id || '=' || kind AS value FROM resources ORDER BY resource_id")) { try $0.decode(String.self, "value") }
        #expect(kinds == [
            "i-0a1b2c3d4e5f00001=compute", "i-0a1b2c3d4e5f00002=compute", "i-0a1b2c3d4e5f00003=compute", "i-0a1b2c3d4e5f00004=compute",
            "invoices-archive-eu=object_storage", "vol-0a1b2c3d4e5f00001=volume",
        ])
        #expect(try Self.reportTotals(database) == sums)
    }

    @Test func cur2GzipGivesTheSameRowsAndReimportReplacesThem() throws {
        let (database, connection) = try F.database("cur2")
        defer { database.drop() }
        let gzipped = try F.write(N.cur2Text, name: "cur2-00001.csv.gz")
        _ = try Self.importCUR([gzipped], connection)
        let first = try Self.sums(connection)
        #expect(first["USD"] == [N.curBilled["USD"]!, N.curEffective["USD"]!])
        #expect(first["EUR"] == [N.curBilled["EUR"]!, N.curEffective["EUR"]!])
        let again = try Self.importCUR([gzipped, try F.write(N.curLegacyText, name: "cur.csv")], connection)
        #expect(again.map(\.rowsReplaced) == [N.curRows.count, N.curRows.count])
        #expect(try Self.sums(connection) == first)
        #expect(try F.count(connection, Query(name: "count", "SELECT count(*) AS value FROM billing_line_items")) == N.curRows.count)
        #expect(try Self.reportTotals(database) == first)
    }

    @Test func badCURRowStopsTheFileOrIsSkipped() throws {
        let (database, connection) = try F.database("curbad")
        defer { database.drop() }
        var rows = N.curRows
        rows[2]["lineItem/UnblendedCost"] = "$0.51"
        let text = ([N.curHeader.joined(separator: ",")] + rows.map { row in N.curHeader.map { F.csvField(row[$0] ?? "") }.joined(separator: ",") })
            .joined(separator: "\n") + "\n"
        let file = try F.write(text, name: "bad-cur.csv")
        do {
            _ = try Self.importCUR([file], connection)
            Issue.record("a currency sign was accepted")
        } catch let error as ImportRowError {
            #expect(error.problem.contains("bad-cur.csv line 4, column 20 (lineItem/UnblendedCost)"))
        }
        #expect(try F.count(connection, Query(name: "count", "SELECT count(*) AS value FROM billing_line_items")) == 0)
        let skipped = try Self.importCUR([file], connection, onError: .skip)
        #expect(skipped[0].rowsLoaded == N.curRows.count - 1 && skipped[0].rowsSkipped == 1)
        #expect(try Self.sums(connection)["USD"]?[0] == N.curBilled["USD"]! - Decimal(string: "0.5123456789")!)
    }

    @Test func azureEAActualAndMCAAmortisedReconcileToTheirFiles() throws {
        let (database, connection) = try F.database("azure")
        defer { database.drop() }
        let summaries = try Self.importAzure(
            [try F.write(N.eaText, name: "ea-actual-202409.csv"), try F.write(N.mcaText, name: "mca-amortized-202409.csv.gz")], connection)
        #expect(summaries.map(\.rowsLoaded) == [N.eaRows.count, N.mcaRows.count])
        #expect(summaries.map(\.rowsSkipped) == [0, 0])
        // EA actual: billed = the file; MCA amortised: effective = the file, per billing profile and currency.
        #expect(try Self.sums(connection, accounts: { $0 == "8611537" }) == ["USD": [N.eaCost, N.eaEffective]])
        let mca = try Self.sums(connection, accounts: { $0 != "8611537" })
        #expect(mca == ["EUR": [N.mcaBilled["EUR"]!, N.mcaCost["EUR"]!], "USD": [N.mcaBilled["USD"]!, N.mcaCost["USD"]!]])
        #expect(try Self.counts(connection, "charge_category") == ["Usage": 10, "Purchase": 4, "Tax": 1])
        #expect(try Self.counts(connection, "charge_class") == ["Correction": 1, "(null)": 14])
        #expect(try Self.counts(connection, "commitment_discount_status") == ["Used": 3, "Unused": 2, "(null)": 10])
        #expect(try F.count(connection, Query(name: "names", """
            SELECT count(*) AS value FROM billing_line_items
            WHERE billing_account_name = 'Fabrikam EU' AND sub_account_name = 'eu-prod' AND contracted_unit_price = 0.0307
            """)) == 1)
        #expect(try Self.counts(connection, "pricing_category") == ["Standard": 4, "Dynamic": 2, "Committed": 8, "(null)": 1])
        #expect(try F.count(connection, Query(name: "tags", "SELECT count(*) AS value FROM billing_line_items WHERE tags->>'team' = 'data'")) == 2)
        #expect(try F.count(connection, Query(name: "days", "SELECT count(*) AS value FROM billing_line_items WHERE billing_period_end = '2024-10-01 00:00:00+00' AND charge_period_end - charge_period_start = interval '1 day'")) == 15)
        let all = try Self.sums(connection)
        #expect(try Self.reportTotals(database) == all)
        // Re-importing the EA file replaces its rows, nothing doubles.
        let again = try Self.importAzure([try F.write(N.eaText, name: "ea-actual-202409.csv")], connection)
        #expect(again[0].rowsReplaced == N.eaRows.count)
        #expect(try Self.sums(connection) == all)
    }

    @Test func badAzureRowNamesFileLineAndColumn() throws {
        let (database, connection) = try F.database("azurebad")
        defer { database.drop() }
        var rows = N.mcaRows
        rows[3]["date"] = "2024-09-31"
        let file = try F.write(N.text(N.mcaHeader, rows), name: "mca-bad.csv")
        do {
            _ = try Self.importAzure([file], connection)
            Issue.record("September 31 was accepted")
        } catch let error as ImportRowError {
            #expect(error.problem.hasPrefix("\(file.path) line 5, column 8 (date)"))
        }
        #expect(try F.count(connection, Query(name: "count", "SELECT count(*) AS value FROM billing_line_items")) == 0)
    }

    /// `costreport import cur` and `costreport import azure` end to end (the built binary, `COSTREPORT_BINARY`).
    @Test func commandLineImportsBothAndPrintsOneLinePerFile() throws {
        guard let binary = ProcessInfo.processInfo.environment["COSTREPORT_BINARY"] else {
            throw TestDatabase.SetupError("COSTREPORT_BINARY is not set: run the tests with scripts/test")
        }
        let (database, connection) = try F.database("nativecli")
        defer { database.drop() }
        func run(_ arguments: [String]) throws -> (Int32, String) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = arguments
            let out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            try process.run()
            let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return (process.terminationStatus, text)
        }
        let cur = try F.write(N.cur2Text, name: "cur2.csv.gz")
        let (curStatus, curOut) = try run(["import", "cur", "--db", database.conninfo, cur.path])
        #expect(curStatus == 0)
        #expect(curOut.contains("\(cur.path): \(N.curRows.count) rows loaded, 0 skipped"))
        let ea = try F.write(N.eaText, name: "ea.csv"), mca = try F.write(N.mcaText, name: "mca.csv")
        let (azureStatus, azureOut) = try run(["import", "azure", "--db", database.conninfo, ea.path, mca.path])
        #expect(azureStatus == 0)
        #expect(azureOut.split(separator: "\n").count == 2)
        #expect(try F.count(connection, Query(name: "count", "SELECT count(*) AS value FROM billing_line_items")) == N.curRows.count + N.eaRows.count + N.mcaRows.count)
        // A CUR given to `import azure` is refused with the columns it lacks, exit 1, nothing loaded.
        let (wrongStatus, _) = try run(["import", "azure", "--db", database.conninfo, try F.write(N.curLegacyText, name: "cur.csv").path])
        #expect(wrongStatus == 1)
        #expect(try F.count(connection, Query(name: "count", "SELECT count(*) AS value FROM billing_line_items")) == N.curRows.count + N.eaRows.count + N.mcaRows.count)
    }
}
