import CostModel
import Foundation
import Postgres
import ReportJob
import Testing

@Suite("Empty tables and unusual windows")
struct WindowEdgeCaseTests {
    typealias Line = HardeningDatabase.Line

    /// No file may carry a non-finite number rendered from a zero-length or empty denominator.
    func expectFiniteNumbers(_ outcome: RunOutcome) {
        for file in outcome.files {
            let pattern = #"(?<![A-Za-z])(NaN|nan|[+-]?inf(inity)?|[+-]?Inf(inity)?)(?![A-Za-z])"#
            let match = file.contents.range(of: pattern, options: .regularExpression)
            #expect(match == nil, "\(file.name) contains \(match.map { String(file.contents[$0]) } ?? "")")
        }
    }

    @Test func emptyTablesGiveAnEmptyButCompleteReport() throws {
        let db = try HardeningDatabase.make("empty")
        defer { db.drop() }
        let out = try TemporaryFolder.make("empty-out")
        let outcome = try db.run(out: out)
        #expect(outcome.model.attribution.totals.isEmpty)
        #expect(outcome.model.findings.findings.isEmpty)
        for name in ["index.html", "cost_by_service.csv", "reconciliation.csv", "summary.json", "costreport.prom"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("latest/\(name)").path), "\(name)")
        }
        #expect(try outcome.csv("cost_by_service.csv").isEmpty)
        expectFiniteNumbers(outcome)
    }

    @Test func aWindowWithNoDataInsideIt() throws {
        let db = try HardeningDatabase.make("emptywindow")
        defer { db.drop() }
        try db.bill(Line(start: HardeningDatabase.utc("2025-01-10T00:00:00Z")))
        let outcome = try db.run()
        #expect(outcome.model.attribution.totals.isEmpty)
        expectFiniteNumbers(outcome)
    }

    @Test func aZeroLengthWindowDoesNotDivideByZero() throws {
        let db = try HardeningDatabase.make("zerowindow")
        defer { db.drop() }
        try db.bill(Line())
        let instant = HardeningDatabase.utc("2026-03-10T00:00:00Z")
        let outcome = try db.run(window: ReportWindow(start: instant, end: instant))
        #expect(outcome.model.attribution.totals.isEmpty)
        expectFiniteNumbers(outcome)
    }

    @Test func aOneHourWindow() throws {
        let db = try HardeningDatabase.make("hour")
        defer { db.drop() }
        let start = HardeningDatabase.utc("2026-03-10T13:00:00Z")
        try db.resource("i-1", tier: 4)
        try db.bill(Line(start: start, resource: "i-1", billed: "0.5"))
        try db.bill(Line(start: start.addingTimeInterval(3600), resource: "i-1", billed: "99"))
        try db.usage("i-1", at: start.addingTimeInterval(300), cpu: "0.01", interval: 300)
        let outcome = try db.run(window: ReportWindow(start: start, end: start.addingTimeInterval(3600)))
        #expect(try outcome.billedByCurrencyFromCSV() == ["USD": Decimal(string: "0.5")!])
        #expect(outcome.model.findings.findings.allSatisfy { $0.kind == .insufficientData || $0.monthlySavings >= 0 })
        expectFiniteNumbers(outcome)
    }

    @Test func aYearWindow() throws {
        let db = try HardeningDatabase.make("year")
        defer { db.drop() }
        let start = HardeningDatabase.utc("2025-04-01T00:00:00Z")
        let end = HardeningDatabase.utc("2026-04-01T00:00:00Z")
        try db.resource("i-1", tier: 3)
        var expected: Decimal = 0
        for day in stride(from: 0, to: 365, by: 7) {
            try db.bill(Line(start: start.addingTimeInterval(Double(day) * 86_400), resource: "i-1", billed: "1.01"))
            expected += Decimal(string: "1.01")!
        }
        let outcome = try db.run(window: ReportWindow(start: start, end: end))
        #expect(try outcome.billedByCurrencyFromCSV() == ["USD": expected])
        #expect(outcome.model.run.asOfLabel == "2026-03-31")
        expectFiniteNumbers(outcome)
    }
}
