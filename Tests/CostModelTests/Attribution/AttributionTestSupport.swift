import Foundation
@testable import CostModel

// SeededGenerator (SplitMix64) is shared with the findings tests: Findings/FindingsFixtures.swift.

enum AttributionFixture {
    /// UTC midnight of a day in November 2026 (or another month).
    static func day(_ day: Int, month: Int = 11, year: Int = 2026) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: DateComponents(year: year, month: month, day: day))!
    }

    static let window = ReportWindow(start: day(1), end: day(1, month: 12))

    static func decimal(_ text: String) -> Decimal { Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))! }

    static func charge(
        _ resource: String?, _ effective: String, billed: String? = nil, list: String? = nil,
        currency: String = "USD", category: ChargeCategory = .usage, day: Int = 1, tags: [String: String] = [:],
        account: String = "acct-1", invoice: String? = "inv-1"
    ) -> ChargeGroup {
        ChargeGroup(
            billingAccountId: account, invoiceId: invoice, currency: currency, chargeCategory: category,
            resourceId: resource, day: AttributionFixture.day(day), tags: tags, billedCost: decimal(billed ?? effective),
            effectiveCost: decimal(effective), listCost: decimal(list ?? billed ?? effective))
    }

    static func totals(_ rows: [AttributedRow], currency: String) -> CostAmounts {
        rows.filter { $0.currency == currency }.reduce(CostAmounts.zero) { $0 + $1.amounts }
    }

    static func row(_ result: AttributionResult, service: String, currency: String = "USD") -> AttributedRow? {
        result.rows.first { $0.service == service && $0.currency == currency }
    }
}
