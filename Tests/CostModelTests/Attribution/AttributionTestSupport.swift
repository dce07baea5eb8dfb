import Foundation
@testable import CostModel

/// Deterministic PRNG (SplitMix64) for the property tests.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

enum Fixture {
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
        currency: String = "USD", category: String = "Usage", day: Int = 1, tags: [String: String] = [:],
        account: String = "acct-1", invoice: String? = "inv-1"
    ) -> ChargeGroup {
        ChargeGroup(
            billingAccountId: account, invoiceId: invoice, currency: currency, chargeCategory: category,
            resourceId: resource, day: Fixture.day(day), tags: tags, billedCost: decimal(billed ?? effective),
            effectiveCost: decimal(effective), listCost: decimal(list ?? billed ?? effective))
    }

    static func totals(_ rows: [AttributedRow], currency: String) -> CostAmounts {
        rows.filter { $0.currency == currency }.reduce(CostAmounts.zero) { $0 + $1.amounts }
    }

    static func row(_ result: AttributionResult, service: String, currency: String = "USD") -> AttributedRow? {
        result.rows.first { $0.service == service && $0.currency == currency }
    }
}
