import CostModel
import Foundation
import Testing
import TestSupport
@testable import Reports

/// The whole report page: golden file, hostile names, totals equal to the CSVs, history badges
/// and the size of a 5,000-finding page.
@Suite("HTML report")
struct HTMLReportTests {
    /// Re-record with `RECORD_GOLDEN=1 swift test --filter HTMLReportTests`.
    @Test func pageMatchesTheGoldenFile() throws {
        let history = FindingHistory(hasPrevious: true, previousRunId: "run-previous", entries: [
            .init(findingId: FindingID.make(resourceId: "i-web-1", kind: .commitment), resourceId: "i-web-1", kind: "commitment",
                  status: .persisting, ageDays: 14, monthlySavings: 340, currency: "USD"),
            .init(findingId: "gone", resourceId: "i-old", kind: "unused", status: .resolved, ageDays: 21,
                  monthlySavings: 50, currency: "USD", realisedMonthlySavings: Decimal(string: "48.20")!),
        ])
        try Golden.assertMatches(HTMLReport.render(HTMLReportScenario.model(history: history)), named: "report.html")
    }

    @Test func everySectionIsThere() {
        let page = HTMLReport.render(HTMLReportScenario.model())
        for id in ["summary", "charts", "cost", "roadmap", "recommendations", "teams", "commitments", "methodology", "data-quality"] {
            #expect(page.contains("<section id=\"\(id)\""), "section \(id)")
        }
        #expect(page.components(separatedBy: "<svg").count - 1 == 9, "four charts per currency and the commitment's used and unused per day")
        // The savings plan: 2,400 used and 25 unused (99.0 % used); coverage 3,428.70 ÷ (3,428.70 + 1,000) = 77.4 %.
        #expect(page.contains("Utilisation per commitment") && page.contains("99.0") && page.contains("77.4"))
        #expect(page.contains("Plan savings per month") && page.contains("Sum of findings per month"))
        #expect(page.contains("1,236.59") || page.contains("927.44"))
        #expect(page.contains("<pre class=\"policy\">tiers:\n  1:\n    percentile: 99"))
        #expect(page.contains("<a href=\"#data-quality\">1 data-quality warning</a>") || page.contains("data-quality warnings</a>"))
        #expect(page.contains("Mixed currencies"))
        #expect(!page.contains("Status</th>"), "no status column without a previous run")
        #expect(page.contains("id=\"team-shop\"") && page.contains("id=\"team-apac\""))
    }

    @Test func statusColumnOnlyWithAPreviousRun() {
        let history = FindingHistory(hasPrevious: true, previousRunId: "r1", entries: [])
        let page = HTMLReport.render(HTMLReportScenario.model(history: history))
        #expect(page.contains("Status</th>"))
        #expect(page.contains("<span class=\"badge status-new\">new</span>"))
        #expect(page.contains("No finding of the previous run was resolved."))
    }

    static let hostile = [
        "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "' onmouseover='alert(1)", "Tom & Jerry &amp;",
        "evil\u{202E}gnp.exe", "=cmd|' /C calc'!A0", "</style><svg onload=alert(1)>", "nul\u{0}byte",
    ]

    @Test func hostileNamesNeverBecomeMarkup() {
        var names = HTMLReportScenario.Names()
        names.services = Array(Self.hostile[0..<4])
        names.teams = Array(Self.hostile[4..<8])
        names.resources = [Self.hostile[6], Self.hostile[1], Self.hostile[5], Self.hostile[0], "vol-<b>orphan</b>", Self.hostile[2]]
        names.untaggedService = "<iframe src=x>"
        names.text = "<script>document.write(1)</script>\u{202E}"
        let page = HTMLReport.render(HTMLReportScenario.model(names))
        let plain = HTMLReport.render(HTMLReportScenario.model())
        let tags = HTMLPageTests.startTags(page)
        let names_ = Set(tags.map(\.name))
        let expected = Set(HTMLPageTests.startTags(plain).map(\.name))
        #expect(names_.subtracting(expected).isEmpty, "elements from the data: \(names_.subtracting(expected))")
        #expect(!names_.contains("img") && !names_.contains("iframe") && !names_.contains("b"))
        #expect(tags.filter { $0.name == "script" }.count == 1)
        #expect(tags.filter { $0.name == "style" }.count == 1)
        let handlers = tags.flatMap(\.attributes).filter { $0.hasPrefix("on") }
        #expect(handlers.isEmpty, "event handler attributes: \(handlers)")
        #expect(!page.contains("<script>alert") && !page.contains("<svg onload") && !page.contains("' onmouseover"))
        #expect(!page.unicodeScalars.contains { $0.value == 0 })
        // The data is there, escaped and isolated.
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(page.contains("Tom &amp; Jerry &amp;amp;"))
        #expect(page.contains("<bdi>evil\u{202E}gnp.exe</bdi>"))
        // Cells hold data without <bdi>: the style sheet isolates every cell instead.
        #expect(page.contains("td, th { unicode-bidi: isolate; }"))
        #expect(page.contains("<td data-filter=\"evil\u{202E}gnp.exe\">evil\u{202E}gnp.exe</td>"))
        #expect(page.contains("=cmd|&#39; /C calc&#39;!A0"))
        #expect(page.contains("&lt;iframe src=x&gt;"))
    }

    /// The body rows of the footer of table `id`: per row, each cell's `data-sort` (or its text).
    static func footerRows(_ page: String, table id: String) throws -> [[String]] {
        let start = try #require(page.range(of: "<div class=\"data-table\" id=\"\(id)\">"))
        let rest = page[start.upperBound...]
        let footStart = try #require(rest.range(of: "<tfoot>"))
        let footEnd = try #require(rest.range(of: "</tfoot>"))
        let foot = rest[footStart.upperBound..<footEnd.lowerBound]
        return foot.components(separatedBy: "<tr>").dropFirst().map { row in
            row.components(separatedBy: "<td").dropFirst().map { cell -> String in
                if let sort = cell.range(of: "data-sort=\"") {
                    return String(cell[sort.upperBound...].prefix { $0 != "\"" })
                }
                return HTMLTable.textContent(of: HTMLFragment(raw: "<td" + cell.components(separatedBy: "</td>")[0] + "</td>"))
            }
        }
    }

    /// Per currency, the sums of the CSV's `billed_cost` and `effective_cost`.
    static func csvSums(_ csv: String) -> [String: [Decimal]] {
        let lines = csv.split(separator: "\r\n").map(String.init)
        let header = lines[0].split(separator: ",").map(String.init)
        let currency = header.firstIndex(of: "billing_currency")!
        let billed = header.firstIndex(of: "billed_cost")!
        let effective = header.firstIndex(of: "effective_cost")!
        var sums: [String: [Decimal]] = [:]
        for line in lines.dropFirst() {
            // Amount and currency columns never contain commas; cut from the right of the key columns.
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let shift = cells.count - header.count
            var row = sums[cells[currency + shift]] ?? [0, 0]
            row[0] += Decimal(string: cells[billed + shift])!
            row[1] += Decimal(string: cells[effective + shift])!
            sums[cells[currency + shift]] = row
        }
        return sums
    }

    @Test(arguments: [("cost-by-service", "cost_by_service.csv"), ("cost-by-team", "cost_by_team.csv"), ("cost-by-tier", "cost_by_tier.csv")])
    func footerTotalsEqualTheCSVTotals(table: String, csvName: String) throws {
        let model = HTMLReportScenario.model()
        let files = ReportFiles.render(model)
        let page = try #require(files.first { $0.name == "index.html" }).contents
        let csv = try #require(files.first { $0.name == csvName }).contents
        let sums = Self.csvSums(csv)
        let footer = try Self.footerRows(page, table: table)
        #expect(footer.count == sums.count)
        #expect(sums.count == 2)
        for row in footer {
            let currency = row[1]
            let expected = try #require(sums[currency], "currency \(currency)")
            #expect(Decimal(string: row[2]) == expected[1], "\(table) effective \(currency)")
            #expect(Decimal(string: row[3]) == expected[0], "\(table) billed \(currency)")
            #expect(page.contains(DisplayFormat.money(expected[1], currency: currency)))
        }
    }

    /// A model with `count` findings spread over 40 teams and 200 services.
    static func largeModel(findings count: Int) -> ReportModel {
        let kinds: [(FindingKind, FindingAction)] = [(.unused, .delete), (.overProvisioned, .rightSize), (.schedule, .schedule),
                                                     (.spot, .moveToSpot), (.commitment, .commit), (.storageClass, .changeStorageClass)]
        let extra = (0..<count).map { index -> Finding in
            let (kind, action) = kinds[index % kinds.count]
            let ownership = Ownership(service: "service-\(index % 200)", team: "team-\(index % 40)", tier: index % 5 == 4 ? nil : index % 4 + 1,
                                      environment: "production", source: .inventory)
            let cost = Decimal(100 + index % 997)
            return Finding(resourceId: "i-\(String(format: "%05d", index / 2))", kind: kind, action: action, ownership: ownership,
                           current: "m5.2xlarge (8 vCPU, 32 GiB, 0.384 USD/h list)", recommended: "m5.large (2 vCPU, 8 GiB, 0.096 USD/h list)",
                           evidence: FindingEvidence(windowDays: 30, daysWithData: 30, samples: 8_640, coverage: 1, percentileName: "p95 CPU",
                                                     percentileValue: 0.21, peak: 0.4, steps: ["needed vCPU = p95 0.21 × 8 vCPU ÷ 0.65 = 2.58 → m5.xlarge (4 vCPU)"]),
                           monthlyCost: cost, monthlySavings: cost / 2, remainingCostFactor: Decimal(string: "0.5")!, currency: "USD",
                           confidence: .medium, risk: .medium, effort: .low, needsApproval: false, reason: "p95 CPU 21% fits a smaller size")
        }
        return HTMLReportScenario.model(extraFindings: extra)
    }

    @Test func pageWith5000FindingsStaysSmallEnoughAndComplete() {
        let model = Self.largeModel(findings: 5_000)
        let started = Date()
        let page = HTMLReport.render(model)
        let seconds = Date().timeIntervalSince(started)
        let bytes = page.utf8.count
        print("HTML report with \(model.findings.findings.count) findings: \(bytes) bytes, rendered in \(String(format: "%.2f", seconds)) s")
        #expect(page.contains("5,006 rows"), "the scenario's insufficient-data finding is grouped below the table")
        if let folder = ProcessInfo.processInfo.environment["COSTREPORT_HTML_DEMO_DIR"] {
            try? Data(page.utf8).write(to: URL(fileURLWithPath: folder).appendingPathComponent("report-5000.html"))
        }
        #expect(bytes < 12_000_000)
    }
}
