import CostModel
import Foundation
import Postgres
import ReportJob
import Reports
import Testing
import TestSupport

@Suite("Random rows with nasty values through the whole pipeline")
struct RandomRowsPropertyTests {
    typealias Line = HardeningDatabase.Line

    static let amounts = ["0", "1", "-1", "0.0000000001", "-0.0000000001", "12345678901234567890.12", "-98765432109876543.21",
                          "0.005", "-0.005", "3.14159265358979", "100", "-250.5", "1e-10", "7.77"]
    static let currencies = ["USD", "EUR", "JPY", "KWD", "XYZ", "<u>"]
    static let categories = ["Usage", "Purchase", "Tax", "Credit", "Adjustment", "=cmd"]
    static let utilisations = ["0", "0.3", "0.99", "1.5", "-0.2", "NaN", "Infinity", "-Infinity", "1e-10"]

    @Test(arguments: [UInt64(1), 2, 3, 42])
    func randomRowsKeepMoneyCSVAndHTMLIntact(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        let db = try HardeningDatabase.make("fuzz\(seed)")
        defer { db.drop() }
        func pick<T>(_ values: [T]) -> T { values.randomElement(using: &random)! }
        func maybe(_ value: String) -> String? { Bool.random(using: &random) ? value : nil }

        let names = HostileValues.all + ["order-service", "billing", "(unallocated)", "(shared)", ""]
        var resources: [String] = []
        for index in 0..<12 {
            let id = "r\(index)-\(pick(names))"
            resources.append(id)
            try db.resource(id, kind: pick(["compute", "database", "volume", "weird<kind>"]), service: maybe(pick(names)),
                            team: maybe(pick(names)), tier: pick([1, 2, 3, 4, nil]), instanceType: maybe(pick(["m5.large", "zz.top", "'"])),
                            tags: HostileDataTests.tagsJSON([pick(names): pick(names), "tier": pick(["1", "9", "x", ""])]))
            for hour in 0..<Int.random(in: 0...30, using: &random) {
                try db.usage(id, at: HardeningDatabase.windowStart.addingTimeInterval(Double(hour * 3600 + Int.random(in: 0...3000, using: &random))),
                             cpu: maybe(pick(Self.utilisations)), memory: maybe(pick(Self.utilisations)), interval: pick([60, 300, 3600]))
            }
        }
        try db.catalog("m5.large", vcpus: 2, memory: 8, hourly: "0.096")
        for _ in 0..<80 {
            let start = HardeningDatabase.windowStart.addingTimeInterval(Double(Int.random(in: -5 * 86_400...35 * 86_400, using: &random)))
            try db.bill(Line(account: pick(["a1", "a2", "=HYPERLINK(1)"]), invoice: maybe(pick(names)), start: start,
                             end: start.addingTimeInterval(Double(Int.random(in: -7200...86_400, using: &random))),
                             category: pick(Self.categories), service: maybe(pick(names)),
                             resource: maybe(pick(resources + ["ghost-" + pick(names)])), billed: pick(Self.amounts),
                             effective: pick(Self.amounts), list: pick(Self.amounts), currency: pick(Self.currencies),
                             tags: HostileDataTests.tagsJSON([pick(["service", "team", "env", "", "tier"]): pick(names)])))
        }

        let outcome = try db.run()
        // Conservation of money, per currency, to the last digit.
        #expect(try outcome.billedByCurrencyFromCSV() == (try db.billedInWindow()), "seed \(seed)")
        let reconciliation = try outcome.csv("reconciliation.csv")
        var reconciled: [String: Decimal] = [:]
        for row in reconciliation { reconciled[row["billing_currency"]!, default: 0] += Decimal(string: row["billed_cost"]!)! }
        #expect(reconciled == (try db.billedInWindow()), "seed \(seed)")
        // Every CSV parses back to the cells the model holds.
        for file in outcome.files where file.name.hasSuffix(".csv") {
            let table = try RFC4180.parse(file.contents)
            #expect(table.allSatisfy { $0.count == table[0].count }, "\(file.name), seed \(seed)")
        }
        let parsed = try outcome.csv("cost_by_service.csv")
        let expected = outcome.model.attribution.rows.map { row in
            [CSVWriter.neutralised(row.service), CSVWriter.neutralised(row.team), CSVWriter.neutralised(row.tierLabel),
             CSVWriter.neutralised(row.environment ?? ""), CSVWriter.neutralised(row.currency), Money.plain(row.amounts.billedCost)]
        }
        #expect(parsed.map { [$0["service"]!, $0["team"]!, $0["tier"]!, $0["environment"]!, $0["billing_currency"]!, $0["billed_cost"]!] } == expected,
                "seed \(seed)")
        // The page carries no markup from the data.
        let page = try #require(outcome.file("index.html"))
        for marker in HostileValues.markers { #expect(!page.contains(marker), "seed \(seed): \(marker)") }
        #expect(page.components(separatedBy: "<script").count - 1 <= 1, "seed \(seed)")
    }
}
