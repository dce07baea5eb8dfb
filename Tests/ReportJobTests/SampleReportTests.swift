import BillingStore
import CivilTime
import CostModel
import Foundation
import Postgres
import ReportJob
import Reports
import SampleBilling
import Testing
import TestSupport

@Suite("The report on the sample organisation")
struct SampleReportTests {
    let database: TestDatabase
    let outcome: RunOutcome

    /// One dry run on the sample, shared by every test of the suite.
    static let sharedOutcome: Result<RunOutcome, Error> = Result {
        var configuration = SampleFixture.configuration(try SampleFixture.database.get())
        configuration.dryRun = true
        configuration.useHistory = false
        return try ReportPipeline.run(configuration, logger: CapturedLogs().logger())
    }

    init() throws {
        database = try SampleFixture.database.get()
        outcome = try Self.sharedOutcome.get()
    }

    /// Sums of a CSV's columns per currency, read back from the rendered text.
    func csvSums(_ name: String, currencyColumn: String = "billing_currency", columns: [String]) throws -> [String: [Decimal]] {
        let file = try #require(outcome.files.first { $0.name == name })
        let lines = file.contents.split(separator: "\r\n").map(String.init)
        let header = lines[0].split(separator: ",").map(String.init)
        let currencyIndex = try #require(header.firstIndex(of: currencyColumn))
        let indexes = try columns.map { try #require(header.firstIndex(of: $0)) }
        var sums: [String: [Decimal]] = [:]
        for line in lines.dropFirst() {
            let cells = CSVTestParser.cells(line)
            var row = sums[cells[currencyIndex]] ?? Array(repeating: 0, count: columns.count)
            for (position, index) in indexes.enumerated() { row[position] += Decimal(string: cells[index])! }
            sums[cells[currencyIndex]] = row
        }
        return sums
    }

    @Test func costByServiceTotalsEqualTheDatabaseToTheLastDigit() throws {
        let connection = try database.connect()
        let expected = try connection.all(Query(name: "window sums", """
            SELECT billing_currency, sum(billed_cost) AS billed, sum(effective_cost) AS effective
            FROM billing_line_items WHERE charge_period_start >= $1::timestamptz AND charge_period_start < $2::timestamptz
            GROUP BY billing_currency
            """), [.timestamp(SampleFixture.window.start), .timestamp(SampleFixture.window.end)]) {
            (try $0.decode(String.self, "billing_currency"), try $0.decode(Decimal.self, "billed"), try $0.decode(Decimal.self, "effective"))
        }
        #expect(!expected.isEmpty)
        let sums = try csvSums("cost_by_service.csv", columns: ["billed_cost", "effective_cost"])
        for (currency, billed, effective) in expected {
            #expect(sums[currency] == [billed, effective], "currency \(currency)")
        }
    }

    @Test func reconciliationHoldsPerInvoice() throws {
        let connection = try database.connect()
        let expected = try connection.all(Query(name: "invoice sums", """
            SELECT billing_account_id, invoice_id, sum(billed_cost) AS billed
            FROM billing_line_items WHERE charge_period_start >= $1::timestamptz AND charge_period_start < $2::timestamptz
            GROUP BY billing_account_id, invoice_id ORDER BY 1, 2
            """), [.timestamp(SampleFixture.window.start), .timestamp(SampleFixture.window.end)]) {
            "\(try $0.decode(String.self, "billing_account_id"))|\(try $0.decode(String?.self, "invoice_id") ?? "")|\(try $0.decode(Decimal.self, "billed"))"
        }
        let file = try #require(outcome.files.first { $0.name == "reconciliation.csv" })
        let rows = file.contents.split(separator: "\r\n").dropFirst().map { line -> String in
            let cells = CSVTestParser.cells(String(line))
            return "\(cells[0])|\(cells[1])|\(Decimal(string: cells[3])!)"
        }.sorted()
        #expect(expected.count >= 2)
        #expect(rows == expected.sorted())
    }

    @Test func everyPlantedCaseIsFoundAndNoLookAlikeIsFlagged() throws {
        let findings = outcome.model.findings.findings
        var problems: [String] = []
        for planted in SampleFixture.organisation.plantedCases {
            let kinds = Set(findings.filter { $0.resourceId == planted.resourceId }.map(\.kind.rawValue))
            switch planted.expectation {
            case .finding(let kind):
                if !kinds.contains(kind) { problems.append("\(planted.resourceId): expected \(kind), got \(kinds.sorted())") }
            case .healthy(let lookAlike):
                if kinds.contains(lookAlike) { problems.append("\(planted.resourceId): must not be \(lookAlike)") }
            case .untagged:
                let untagged = outcome.model.attribution.untaggedSpenders.map(\.resourceId)
                if !untagged.contains(planted.resourceId) { problems.append("\(planted.resourceId): not among the top untagged spenders") }
            case .costSpike(let service, let day):
                let found = outcome.model.attribution.anomalies.contains { $0.service == service && $0.day == day }
                if !found { problems.append("cost spike of \(service) on \(UTCText.day(day)) not reported") }
            case .capacityRunway(let metric):
                let row = outcome.model.trends.capacity.first { $0.resourceId == planted.resourceId && $0.metric.rawValue == metric }
                if row?.daysToThreshold == nil { problems.append("\(planted.resourceId): no \(metric) capacity date (\(String(describing: row)))") }
            case .flatTrend:
                let dated = outcome.model.trends.capacity.filter { $0.resourceId == planted.resourceId && $0.daysToThreshold != nil }
                if !dated.isEmpty { problems.append("\(planted.resourceId): a flat trend got a capacity date") }
            }
        }
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test func issue17CasesHaveTheRightAmounts() throws {
        let findings = outcome.model.findings.findings
        // m4.large 0.100/h → m5a.large 0.086/h: saves 14 % of the resource's monthly cost.
        let modern = try #require(findings.first { $0.resourceId == "i-crm-backend-m4-01" && $0.kind == .modernize })
        #expect(modern.remainingCostFactor == Decimal(string: "0.86"))
        #expect(modern.monthlySavings == FindingsPrecision.normalized(modern.monthlyCost * Decimal(string: "0.14")!))
        #expect(modern.evidence.recommendedSize?.instanceType == "m5a.large")
        // The fleet: 4 machines, saving = fleet cost × (1 − mean needed ÷ 4), the fleet cost the sum of its machines'.
        let fleet = try #require(findings.first { $0.kind == .autoscale && $0.resourceId == "fleet://invoicing-api/us-east-1/m5.xlarge" })
        // The service's other m5.xlarge machines (a seeded pick) belong to the fleet too.
        #expect(Set(fleet.members).isSuperset(of: (1...4).map { "i-invoicing-api-fleet-0\($0)" }))
        #expect(fleet.remainingCostFactor < 1 && fleet.remainingCostFactor >= Decimal(string: "0.5")!)
        #expect(fleet.monthlySavings == FindingsPrecision.normalized(fleet.monthlyCost * (1 - fleet.remainingCostFactor)))
        #expect(!findings.contains { $0.kind == .autoscale && $0.resourceId.contains("hr-portal") })
        // Unit cost = effective cost ÷ requests × 1000, with the service's effective cost of cost_by_service.
        let unit = try #require(outcome.model.trends.unitCosts.first)
        let serviceCost = outcome.model.attribution.byService.first { $0.key == unit.service && $0.currency == unit.currency }
        #expect(unit.effectiveCost == serviceCost?.amounts.effectiveCost)
        #expect(unit.costPer1000Requests == FindingsPrecision.normalized(unit.effectiveCost / UnitCosts.decimal(unit.requests) * 1000))
        #expect(unit.previousCostPer1000Requests != nil)
    }

    @Test func monthToDateCoversTheMonthOfTheWindowEnd() throws {
        // The window ends on 2026-11-01: no day of November has elapsed, so there is no forecast and
        // no charge was loaded for nothing.
        #expect(outcome.model.attribution.monthToDate.isEmpty)
        #expect(!outcome.model.diagnostics.contains { $0.code == "mtd_charges_outside_period" })
        let copy = try SampleFixture.freshDatabase("mtd")
        defer { copy.drop() }
        var midMonth = SampleFixture.configuration(copy, window: ReportWindow(
            start: SampleFixture.window.start.addingTimeInterval(-10 * 86_400), end: SampleFixture.window.end.addingTimeInterval(-10 * 86_400)))
        midMonth.dryRun = true
        midMonth.useHistory = false
        let forecast = try #require(try ReportPipeline.run(midMonth, logger: CapturedLogs().logger()).model.attribution.monthToDate.first)
        let expected = try copy.connect().all(Query(name: "mtd sum", """
            SELECT sum(effective_cost) AS effective FROM billing_line_items
            WHERE charge_period_start >= '2026-10-01' AND charge_period_start < '2026-10-22'
            """)) { try $0.decode(Decimal.self, "effective") }
        #expect([forecast.effectiveCost] == expected)
        #expect(forecast.elapsedDays == 21)
        #expect(forecast.daysInMonth == 31)
        #expect(forecast.forecastEffectiveCost != nil)
    }

    @Test func tierOneIsNeverDeletedOrMovedToSpot() {
        for finding in outcome.model.findings.findings where finding.ownership.tier == 1 {
            #expect(finding.action != .delete, "\(finding.resourceId)")
            #expect(finding.kind != .spot, "\(finding.resourceId)")
        }
    }

    @Test func planIsDeduplicated() {
        let plan = outcome.model.findings.plan
        for (currency, total) in plan.monthlyTotal {
            #expect(total <= plan.sumOfFindings[currency] ?? 0)
        }
        let deleted = Set(plan.steps.filter { $0.action == .delete }.map(\.resourceId))
        let resized = Set(plan.steps.filter { $0.action == .rightSize }.map(\.resourceId))
        #expect(deleted.isDisjoint(with: resized))
    }
}

/// Splits one RFC 4180 line (no embedded newlines) into cells.
enum CSVTestParser {
    static func cells(_ line: String) -> [String] {
        var cells: [String] = []
        var current = ""
        var quoted = false
        var iterator = Array(line).makeIterator()
        var pending: Character? = nil
        while let character = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if character == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { current.append("\"") } else { quoted = false; pending = next }
                    } else { quoted = false }
                } else { current.append(character) }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                cells.append(current); current = ""
            } else {
                current.append(character)
            }
        }
        cells.append(current)
        return cells
    }
}
