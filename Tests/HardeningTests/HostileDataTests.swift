import BillingStore
import CostModel
import Foundation
import Postgres
import ReportJob
import Reports
import Testing

@Suite("Hostile values in names and tags")
struct HostileDataTests {
    typealias Line = HardeningDatabase.Line

    static func tagsJSON(_ pairs: [String: String]) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: pairs, options: [.sortedKeys]), as: UTF8.self)
    }

    /// One report whose services, teams, environments, tag keys and resource ids are all hostile.
    static let outcome: Result<(RunOutcome, [String: Decimal]), Error> = Result {
        let db = try HardeningDatabase.make("hostile")
        defer { db.drop() }
        for (index, value) in HostileValues.all.enumerated() {
            let resource = "r-\(index)-\(value)"
            try db.resource(resource, service: value, team: value, tier: index % 4 + 1,
                            tags: tagsJSON(["": "empty key", "environment": value, value: value]))
            try db.bill(Line(resource: resource, billed: "\(index + 1).25", tags: tagsJSON(["": "x", "service": value])))
            // Charges without inventory, owned only through their tags.
            try db.bill(Line(service: value, resource: "ghost-\(index)-\(value)", billed: "0.\(index + 1)",
                             tags: tagsJSON(["service": value, "team": value, "tier": value])))
        }
        let outcome = try db.run()
        return (outcome, try db.billedInWindow())
    }

    @Test func moneyIsConservedWithHostileNames() throws {
        let (outcome, expected) = try Self.outcome.get()
        #expect(try outcome.billedByCurrencyFromCSV() == expected)
    }

    @Test func everyCSVParsesBackWithHostileCellsIntactAndFormulasNeutralised() throws {
        let (outcome, _) = try Self.outcome.get()
        for file in outcome.files where file.name.hasSuffix(".csv") {
            let table = try RFC4180.parse(file.contents)
            let width = table.first?.count ?? 0
            #expect(table.allSatisfy { $0.count == width }, "\(file.name): every row has the header's width")
            for cell in table.joined() {
                if let first = cell.unicodeScalars.first {
                    #expect(!["=", "+", "@", "\t", "\r"].contains(first), "\(file.name): formula cell \(cell.debugDescription)")
                    if first == "-" { #expect(Decimal(string: cell) != nil, "\(file.name): a '-' cell must be a number: \(cell.debugDescription)") }
                }
            }
        }
        let services = Set(try outcome.csv("cost_by_service.csv").compactMap { $0["service"] })
        for value in HostileValues.all {
            // Owner names are trimmed of surrounding white space, then neutralised.
            let written = CSVWriter.neutralised(value.trimmingCharacters(in: .whitespacesAndNewlines))
            #expect(services.contains(written), "service \(value.prefix(40).debugDescription) is in cost_by_service.csv as \(written.prefix(40).debugDescription)")
        }
    }

    @Test func theHTMLPageCarriesNoMarkupFromTheData() throws {
        let (outcome, _) = try Self.outcome.get()
        let page = try #require(outcome.file("index.html"))
        for marker in HostileValues.markers {
            #expect(!page.contains(marker), "index.html contains \(marker)")
        }
        #expect(!page.contains("\u{01}"), "control characters are replaced")
        // Every <script> in the page is the page's own.
        #expect(page.components(separatedBy: "<script").count - 1 <= 1, "one inline script at most")
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the value itself is shown, escaped")
    }

    @Test func summaryJSONAndPrometheusTextStayWellFormed() throws {
        let (outcome, _) = try Self.outcome.get()
        let json = try #require(outcome.file("summary.json"))
        #expect((try? JSONSerialization.jsonObject(with: Data(json.utf8))) != nil)
        let prom = try #require(outcome.file("costreport.prom"))
        for line in prom.split(separator: "\n") where !line.hasPrefix("#") {
            #expect(line.split(separator: " ").count == 2, "one sample per line: \(line)")
        }
    }

    @Test func fileNamesNeverComeFromTheData() throws {
        let (outcome, _) = try Self.outcome.get()
        let fixed: Set = ["cost_by_service.csv", "cost_by_team.csv", "cost_by_tier.csv", "cost_daily.csv", "reconciliation.csv",
                          "untagged_spenders.csv", "anomalies.csv", "recommendations.csv", "plan.csv", "summary.json",
                          "unit_costs.csv", "capacity.csv", "index.html", "costreport.prom"]
        #expect(Set(outcome.files.map(\.name)).isSubset(of: fixed), "\(outcome.files.map(\.name))")
        for name in outcome.files.map(\.name) {
            #expect(!name.contains("/") && !name.contains("\0") && !name.hasPrefix("."))
        }
    }

    @Test func publishedFolderHoldsOnlyTheFixedFiles() throws {
        let db = try HardeningDatabase.make("hostilepublish")
        defer { db.drop() }
        try db.resource("../../escape", service: "../../../tmp/owned", team: "/etc/x\u{0}y")
        try db.bill(Line(resource: "../../escape", billed: "1"))
        let out = try TemporaryFolder.make("hostile-out")
        let outcome = try db.run(out: out)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() == ["2026-03-31", "latest"])
        let published = try FileManager.default.contentsOfDirectory(atPath: try #require(outcome.folder).path)
        #expect(Set(published) == Set(outcome.files.map(\.name)))
    }

    @Test(arguments: ["[\"service\", \"team\"]", "\"just a string\"", "42", "null"])
    func tagsThatAreNotAnObjectAreReadAsNoTagsAndReported(tags: String) throws {
        let db = try HardeningDatabase.make("tagshape")
        defer { db.drop() }
        try db.bill(Line(tags: tags))
        let outcome = try db.run()
        let diagnostic = try #require(outcome.model.diagnostics.first { $0.code == "invalid_tags" })
        #expect(diagnostic.message.contains("charges.sql") && diagnostic.message.contains("\"tags\""), "\(diagnostic.message)")
        #expect(outcome.model.attribution.totals.first?.amounts.billedCost != nil)
    }

    /// The charges of one resource's days share one `ChargeDimensions` (decoded once, found again
    /// by the bytes of the row's columns); a row whose tags are not an object is still counted.
    @Test func chargeDaysShareTheirDimensionsAndEveryBadTagsRowIsCounted() throws {
        let db = try HardeningDatabase.make("dimensions")
        defer { db.drop() }
        for day in 10...13 {
            let start = HardeningDatabase.utc("2026-03-\(day)T00:00:00Z")
            try db.bill(Line(start: start, resource: "i-1", tags: "{\"app\": \"shop\"}"))
            try db.bill(Line(start: start, resource: "i-2", tags: "[\"not\", \"an object\"]"))
            try db.bill(Line(invoice: day == 13 ? "inv-2" : "inv-1", start: start, resource: "i-3"))
        }
        let store = BillingStore(connection: try db.database.connect(), queries: try QueryFolder(directory: HardeningDatabase.queries))
        let charges = try store.charges(in: HardeningDatabase.window)
        func instances(_ resource: String) -> Set<ObjectIdentifier> {
            Set(charges.filter { $0.resourceId == resource }.map { ObjectIdentifier($0.dimensions) })
        }
        #expect(charges.count == 12)
        #expect(instances("i-1").count == 1 && charges.first { $0.resourceId == "i-1" }?.tags == ["app": "shop"])
        #expect(instances("i-3").count == 2, "two invoices, two sets")
        #expect(charges.filter { $0.resourceId == "i-2" }.allSatisfy { $0.tags.isEmpty })
        store.collectDiagnostics()
        let diagnostic = try #require(store.diagnostics.first { $0.code == "invalid_tags" })
        #expect(diagnostic.message.contains("in 4 row(s)"), "\(diagnostic.message)")
    }

    /// On each of `days` of March 2026, charge sets that differ only in where their bytes lie
    /// (billed 1 and 2), in NULL against an empty invoice (3, 4) and in their tags' last byte (5,
    /// 6), and, when asked, one whose tags are not a JSON object (7).
    static func billLookalikeSets(_ db: HardeningDatabase, days: ClosedRange<Int>, withTagsNotAnObject: Bool = false) throws {
        for day in days {
            let start = HardeningDatabase.utc("2026-03-\(day)T00:00:00Z")
            try db.bill(Line(start: start, service: "c", resource: "ab", billed: "1"))
            try db.bill(Line(start: start, service: "bc", resource: "a", billed: "2"))
            try db.bill(Line(invoice: nil, start: start, resource: "i-1", billed: "3"))
            try db.bill(Line(invoice: "", start: start, resource: "i-1", billed: "4"))
            try db.bill(Line(start: start, resource: "i-2", billed: "5", tags: "{\"app\": \"shop1\"}"))
            try db.bill(Line(start: start, resource: "i-2", billed: "6", tags: "{\"app\": \"shop2\"}"))
            if withTagsNotAnObject { try db.bill(Line(start: start, resource: "i-3", billed: "7", tags: "[\"not\", \"an object\"]")) }
        }
    }

    /// The cache tells sets apart by every byte and every column's length: bytes that move from one
    /// column to the next, NULL against empty text, and tags that differ in their last byte make
    /// sets of their own.
    @Test func chargeSetsThatDifferOnlyInWhereTheirBytesLieStayApart() throws {
        let db = try HardeningDatabase.make("dimension-bytes")
        defer { db.drop() }
        try Self.billLookalikeSets(db, days: 10...11)
        let store = BillingStore(connection: try db.database.connect(), queries: try QueryFolder(directory: HardeningDatabase.queries))
        let charges = try store.charges(in: HardeningDatabase.window)
        #expect(charges.count == 12)
        #expect(Set(charges.map { ObjectIdentifier($0.dimensions) }).count == 6, "six sets, each on two days")
        Self.expectLookalikeSets(charges)
    }

    /// The charges of `billLookalikeSets` read back with the keys they were billed with.
    static func expectLookalikeSets(_ charges: [ChargeGroup]) {
        for charge in charges {
            switch charge.billedCost {
            case 1: #expect(charge.resourceId == "ab" && charge.serviceName == "c")
            case 2: #expect(charge.resourceId == "a" && charge.serviceName == "bc")
            case 3: #expect(charge.invoiceId == nil)
            case 4: #expect(charge.invoiceId == "")
            case 5: #expect(charge.tags == ["app": "shop1"])
            case 6: #expect(charge.tags == ["app": "shop2"])
            default: #expect(charge.billedCost == 7 && charge.tags.isEmpty && charge.resourceId == "i-3")
            }
        }
    }

    @Test("through the rollups, a stored day names its set by id and a pending day carries its keys: the same sets, tags that are not an object counted per set")
    func chargeSetsStayApartThroughTheRollups() throws {
        let db = try HardeningDatabase.make("dimension-sets")
        defer { db.drop() }
        func bill(days: ClosedRange<Int>) throws { try Self.billLookalikeSets(db, days: days, withTagsNotAnObject: true) }
        try bill(days: 10...11)
        let queries = try QueryFolder(directory: HardeningDatabase.queries)
        let store = BillingStore(connection: try db.database.connect(), queries: queries)
        try RollupInstaller(connection: store.connection).install(
            file: HardeningDatabase.repository.appendingPathComponent("sample-billing/rollups.sql"), settings: UsageQuerySettings())
        try bill(days: 12...12)  // pending: read from the lines, with its keys
        store.rollups = try #require(queries.rollups)
        let charges = try store.charges(in: HardeningDatabase.window)
        #expect(charges.count == 21)
        #expect(Set(charges.map { ObjectIdentifier($0.dimensions) }).count == 14, "seven stored sets, seven pending ones")
        #expect(Set(charges.map(\.dimensions)).count == 7, "seven distinct sets")
        Self.expectLookalikeSets(charges)
        store.collectDiagnostics()
        let invalid = store.diagnostics.filter { $0.code == "invalid_tags" }.map(\.message).sorted()
        #expect(invalid.count == 2)
        #expect(invalid.first?.contains("query charge_sets_rollup.sql: column \"tags\" is not a JSON object in 1 row(s)") == true)
        #expect(invalid.last?.contains("query charges_rollup.sql: column \"tags\" is not a JSON object in 1 row(s)") == true)
        let sets = try store.connection.all(Query(name: "sets", "SELECT count(*) AS n FROM costreport.charge_sets")) {
            try $0.decode(Int.self, "n")
        }
        #expect(sets == [7])
    }
}
