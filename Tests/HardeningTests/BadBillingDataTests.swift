import CostModel
import Foundation
import Postgres
import ReportJob
import Testing

@Suite("Bad billing data through the real pipeline")
struct BadBillingDataTests {
    typealias Line = HardeningDatabase.Line

    @Test func nullsInEveryNullableColumnAreReportedNotCrashed() throws {
        let db = try HardeningDatabase.make("nulls")
        defer { db.drop() }
        // Every nullable billing column NULL (the INSERT leaves the others out), and NULL invoice/service/resource.
        try db.bill(Line(invoice: nil, service: nil, resource: nil, billed: "5"))
        try db.bill(Line(invoice: nil, service: nil, resource: "i-unknown", billed: "7"))
        // A resource with every nullable column NULL, and usage with every nullable metric NULL.
        try db.connection.execute(Query(name: "bare resource", "INSERT INTO resources (resource_id, kind) VALUES ('i-bare', 'compute')"))
        try db.bill(Line(resource: "i-bare", billed: "3"))
        try db.connection.execute(Query(name: "bare usage", """
            INSERT INTO usage_samples (resource_id, sampled_at, interval_seconds) VALUES ('i-bare', '2026-03-10T01:00:00Z', 300)
            """))
        let outcome = try db.run()
        #expect(try outcome.billedByCurrencyFromCSV() == ["USD": 15])
        #expect(outcome.diagnosticCodes.contains("unallocated_cost"))
        let reconciliation = try outcome.csv("reconciliation.csv")
        #expect(reconciliation.compactMap { $0["invoice_id"] }.sorted() == ["", "inv-1"], "a NULL invoice is one empty invoice cell")
    }

    @Test func chargeEndingBeforeItStartsIsCountedByItsStart() throws {
        let db = try HardeningDatabase.make("backwards")
        defer { db.drop() }
        let start = HardeningDatabase.utc("2026-03-10T12:00:00Z")
        try db.bill(Line(start: start, end: start.addingTimeInterval(-7200), billed: "4.50"))
        try db.bill(Line(start: start, billed: "1"))
        let outcome = try db.run()
        #expect(try outcome.billedByCurrencyFromCSV() == ["USD": Decimal(string: "5.5")!])
    }

    @Test func chargesStraddlingTheWindowEdgesBelongToTheWindowOfTheirStart() throws {
        let db = try HardeningDatabase.make("edges")
        defer { db.drop() }
        let window = HardeningDatabase.window
        // Starts one second before the window, runs into it: previous window.
        try db.bill(Line(start: window.start.addingTimeInterval(-1), end: window.start.addingTimeInterval(86_400), billed: "100"))
        // Starts exactly at the start: in.
        try db.bill(Line(start: window.start, billed: "1"))
        // Starts inside, ends after the window: in, whole (no proration).
        try db.bill(Line(start: window.end.addingTimeInterval(-3600), end: window.end.addingTimeInterval(30 * 86_400), billed: "20"))
        // Starts exactly at the exclusive end: out.
        try db.bill(Line(start: window.end, billed: "1000"))
        let outcome = try db.run()
        #expect(try outcome.billedByCurrencyFromCSV() == ["USD": 21])
        #expect(try db.billedInWindow() == ["USD": 21])
        let previous = outcome.model.attribution.changeOverall.first { $0.currency == "USD" }
        #expect(previous?.previousEffectiveCost == 100)
    }

    @Test func duplicateLineItemsAreCountedAsTheBillSaysEachRowOnce() throws {
        let db = try HardeningDatabase.make("duplicates")
        defer { db.drop() }
        let line = Line(billed: "12.34")
        try db.bill(line)
        try db.bill(line)
        try db.bill(line)
        let outcome = try db.run()
        #expect(try outcome.billedByCurrencyFromCSV() == ["USD": Decimal(string: "37.02")!])
        let reconciliation = try outcome.csv("reconciliation.csv")
        #expect(reconciliation.first?["line_items"] == "3")
    }

    @Test func negativeCostsAnywhereIncludingANetNegativeService() throws {
        let db = try HardeningDatabase.make("negative")
        defer { db.drop() }
        try db.resource("i-1", service: "refunded-service")
        try db.resource("i-2", service: "normal-service")
        try db.bill(Line(resource: "i-1", billed: "10"))
        try db.bill(Line(category: "Credit", resource: "i-1", billed: "-25.5"))
        try db.bill(Line(resource: "i-2", billed: "40"))
        try db.bill(Line(category: "Adjustment", service: nil, resource: nil, billed: "-0.01"))
        try db.bill(Line(resource: "i-2", billed: "-0.0000000001"))
        let outcome = try db.run()
        let byService = try outcome.csv("cost_by_service.csv")
        let refunded = try #require(byService.first { $0["service"] == "refunded-service" })
        #expect(Decimal(string: refunded["billed_cost"]!)! < 0)
        #expect(try outcome.billedByCurrencyFromCSV() == ["USD": try #require(Decimal(string: "24.4899999999"))])
        // A negative cell is a number, never neutralised as a formula.
        #expect(!outcome.file("cost_by_service.csv")!.contains("'-"))
    }

    @Test func severalCurrenciesAreNeverAddedTogetherAndUnknownCodesPassThrough() throws {
        let db = try HardeningDatabase.make("currencies")
        defer { db.drop() }
        try db.bill(Line(billed: "10", currency: "USD"))
        try db.bill(Line(billed: "20", currency: "EUR"))
        try db.bill(Line(billed: "30", currency: "JPY"))
        try db.bill(Line(billed: "40", currency: "XYZ"))
        try db.bill(Line(billed: "50", currency: "<b>€</b>"))
        let outcome = try db.run()
        #expect(try outcome.billedByCurrencyFromCSV() == ["USD": 10, "EUR": 20, "JPY": 30, "XYZ": 40, "<b>€</b>": 50])
        #expect(outcome.model.attribution.totals.count == 5)
        #expect(outcome.diagnosticCodes.contains("mixed_currency"))
        #expect(!outcome.file("index.html")!.contains("<b>€</b>"))
        #expect(outcome.file("costreport.prom")!.contains("currency=\"<b>€</b>\""))
    }

    @Test func hugeAndTinyAmountsStayExact() throws {
        let db = try HardeningDatabase.make("amounts")
        defer { db.drop() }
        try db.bill(Line(billed: "12345678901234567890.12", effective: "98765432109876543210.98"))
        try db.bill(Line(billed: "0.0000000001", effective: "0.0000000001"))
        try db.bill(Line(billed: "1e-10", effective: "1e-10"))
        let outcome = try db.run()
        #expect(try outcome.billedByCurrencyFromCSV() == ["USD": try #require(Decimal(string: "12345678901234567890.1200000002"))])
        #expect(try outcome.billedByCurrencyFromCSV() == (try db.billedInWindow()))
        let total = try #require(outcome.model.attribution.totals.first)
        #expect(total.amounts.effectiveCost == Decimal(string: "98765432109876543210.9800000002"))
    }

    @Test func amountsBeyondThirtyEightDigitsFailNamingTheColumn() throws {
        let db = try HardeningDatabase.make("overflow")
        defer { db.drop() }
        try db.bill(Line(billed: "1", effective: "123456789012345678901234567890.123456789012"))
        let error = #expect(throws: PostgresError.self) { try db.run() }
        let text = error?.description ?? ""
        #expect(text.contains("effective_cost"), "\(text)")
        #expect(text.contains("charges.sql"), "\(text)")
        #expect(text.contains("numeric"), "\(text)")
    }

    @Test func numericNaNAndInfinityFailNamingTheColumn() throws {
        let db = try HardeningDatabase.make("nan")
        defer { db.drop() }
        try db.bill(Line(billed: "NaN"))
        let error = #expect(throws: PostgresError.self) { try db.run() }
        #expect(error?.description.contains("billed_cost") == true, "\(error?.description ?? "")")
        try db.connection.execute(Query(name: "clear", "TRUNCATE billing_line_items"))
        try db.bill(Line(list: "Infinity"))
        let second = #expect(throws: PostgresError.self) { try db.run() }
        #expect(second?.description.contains("list_cost") == true, "\(second?.description ?? "")")
    }
}
