import CivilTime
import CostModel
import Foundation
import Testing
@testable import Reports

@Suite("Finance CSV content")
struct FinanceCSVTests {
    let result = FinanceCSVScenario.result

    func lines(_ text: String) -> [Substring] {
        text.split(separator: "\r\n", omittingEmptySubsequences: false).dropLast()  // final CRLF
            .map { $0 }
    }

    @Test("formula-like text is neutralised; amounts stay plain numbers")
    func formulaNeutralisation() throws {
        let csv = FinanceCSV.costByService(result)
        let evil = try #require(lines(csv).first { $0.contains("HYPERLINK") })
        #expect(evil.hasPrefix(#""'=HYPERLINK(""http://x"",""y"")",'-5,4,dev,USD,7.16,7.16,7.16,-0.03,0.06"#))
        let credit = try #require(lines(FinanceCSV.costByTier(result)).first { $0.hasPrefix("2,USD") })
        #expect(credit.contains(",-4.13,"))  // a negative amount is not prefixed with '
        #expect(!csv.contains("'-4") && !csv.contains("'-0"))
    }

    @Test("RFC 4180: commas and quotes are quoted, lines end with CRLF")
    func quoting() throws {
        let csv = FinanceCSV.costByTeam(result)
        #expect(csv.contains(#""finance, ""core""",USD,"#))
        #expect(csv.hasSuffix("\r\n"))
        #expect(!csv.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
    }

    @Test("the writer quotes a cell holding a comma, quote, CR or LF, also before a combining mark, and only those")
    func writerQuoting() {
        var writer = CSVWriter(header: ["a", "b"])
        writer.appendRow([.text("plain"), .number("1.50")])
        writer.appendRow([.text("x,y"), .text(#"say "hi""#)])
        writer.appendRow([.text("line\r\nbreak"), .text("lf\nonly")])
        writer.appendRow([.text(",\u{301}"), .text("\"\u{301}")])  // one Character each, still a comma and a quote
        writer.appendRow([.text("=1+2"), .number("-3")])
        writer.appendRow([.text(nil), .number(nil)])
        writer.appendRow([.text("café ü"), .text("")])
        #expect(writer.output == "a,b\r\n" + "plain,1.50\r\n" + #""x,y","say ""hi""""# + "\r\n"
            + "\"line\r\nbreak\",\"lf\nonly\"\r\n" + "\",\u{301}\",\"\"\"\u{301}\"\r\n" + "'=1+2,-3\r\n" + ",\r\n"
            + "café ü,\r\n")
    }

    @Test("headers use FOCUS names in the documented order")
    func headers() {
        #expect(lines(FinanceCSV.costByService(result)).first
            == "service,team,tier,environment,billing_currency,billed_cost,effective_cost,list_cost,credits,shared_cost_received")
        #expect(lines(FinanceCSV.costByTier(result)).first
            == "tier,billing_currency,billed_cost,effective_cost,list_cost,credits,share_of_effective_cost")
        #expect(lines(FinanceCSV.costDaily(result)).first
            == "charge_date,service,tier,billing_currency,billed_cost,effective_cost")
        #expect(lines(FinanceCSV.reconciliation(result)).first
            == "billing_account_id,invoice_id,billing_currency,billed_cost,effective_cost,line_items")
    }

    @Test("reconciliation: billed_cost per invoice equals the input sum")
    func reconciliation() {
        var expected: [String: Decimal] = [:]
        for charge in FinanceCSVScenario.input.charges {
            expected["\(charge.billingAccountId)|\(charge.invoiceId ?? "")|\(charge.currency)", default: 0] += charge.billedCost
        }
        var actual: [String: Decimal] = [:]
        for line in lines(FinanceCSV.reconciliation(result)).dropFirst() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            actual["\(cells[0])|\(cells[1])|\(cells[2])"] = Decimal(string: cells[3], locale: Locale(identifier: "en_US_POSIX"))
        }
        #expect(actual == expected)
    }

    @Test("cost_by_service sums to the bill per currency and measure (data rows only)")
    func serviceSums() {
        var billed: [String: Decimal] = [:], effective: [String: Decimal] = [:]
        for line in lines(FinanceCSV.costByService(result)).dropFirst() {
            let cells = line.split(separator: ",").map(String.init)
            let n = cells.count  // the team column of ledger holds a quoted comma; count from the end
            billed[cells[n - 6], default: 0] += Decimal(string: cells[n - 5])!
            effective[cells[n - 6], default: 0] += Decimal(string: cells[n - 4])!
        }
        #expect(billed["USD"] == FinanceCSVScenario.amount("365.693"))
        #expect(effective["USD"] == FinanceCSVScenario.amount("245.693"))
        #expect(billed["JPY"] == 2301)
    }

    @Test("untagged spenders and anomalies")
    func untaggedAndAnomalies() {
        let untagged = lines(FinanceCSV.untaggedSpenders(result))
        #expect(untagged.first == "resource_id,billing_currency,effective_cost,billed_cost,missing,service,team,in_inventory")
        #expect(untagged.dropFirst().first == "x-untagged,JPY,700,700,team;tier,search,(unallocated),false")
        #expect(untagged.contains("vol-orphan,USD,12,12,service;team;tier,(unallocated),(unallocated),false"))
        let anomalies = lines(FinanceCSV.anomalies(result))
        #expect(anomalies.count == 2)
        #expect(anomalies.last == "2026-11-15,order-service,USD,55.25,10,0.5,45.25,14")
    }

    @Test("dates are UTC YYYY-MM-DD")
    func dates() {
        #expect(UTCText.day(Date(timeIntervalSince1970: 0)) == "1970-01-01")
        #expect(UTCText.day(FinanceCSVScenario.day(30)) == "2026-11-30")
        #expect(UTCText.day(Date(timeIntervalSince1970: 86_399)) == "1970-01-01")
    }
}
