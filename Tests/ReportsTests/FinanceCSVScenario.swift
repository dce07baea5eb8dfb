import CostModel
import Foundation

/// A fixed small bill for the finance CSV tests: two currencies, two accounts, a commitment
/// purchase, credits, shared cost, an unallocated resource, a bad tier tag, hostile names and a spike.
enum FinanceCSVScenario {
    static func day(_ day: Int, month: Int = 11) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: DateComponents(year: 2026, month: month, day: day))!
    }

    static func amount(_ text: String) -> Decimal { Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))! }

    static func charge(
        _ resource: String?, _ effective: String, billed: String? = nil, currency: String = "USD",
        category: ChargeCategory = .usage, day: Int, tags: [String: String] = [:], account: String = "111111111111",
        invoice: String? = "INV-2026-11", lines: Int = 24
    ) -> ChargeGroup {
        ChargeGroup(
            billingAccountId: account, invoiceId: invoice, currency: currency, chargeCategory: category,
            resourceId: resource, day: Self.day(day), tags: tags, billedCost: amount(billed ?? effective),
            effectiveCost: amount(effective), listCost: amount(billed ?? effective), lineCount: lines)
    }

    static let resources = [
        Resource(id: "i-orders", kind: "compute", service: "order-service", team: "shop", tier: 1, environment: "production"),
        Resource(id: "db-ledger", kind: "database", service: "ledger", team: "finance, \"core\"", tier: 2, environment: "production"),
        Resource(id: "i-evil", kind: "compute", service: "=HYPERLINK(\"http://x\",\"y\")", team: "-5", tier: 4, environment: "dev"),
    ]

    static var input: AttributionInput {
        var charges: [ChargeGroup] = []
        for dayIndex in 1...14 {
            charges.append(charge("i-orders", dayIndex % 2 == 0 ? "9.50" : "10.50", day: dayIndex))
        }
        charges += [
            charge("i-orders", "55.25", day: 15),  // a spike
            charge("i-orders", "0", billed: "120.00", category: "Purchase", day: 1, lines: 1),
            charge("db-ledger", "33.333", day: 3),
            charge("db-ledger", "-4.00", category: "Credit", day: 4, lines: 1),
            charge("i-evil", "7.10", day: 5),
            charge("vol-orphan", "12.00", day: 6, tags: ["tier": "gold"]),
            charge(nil, "3.01", category: "Tax", day: 30, lines: 1),
            charge(nil, "-1.00", category: "Credit", day: 30, invoice: nil, lines: 1),
            charge("i-orders", "1500", currency: "JPY", day: 2, account: "222222222222", invoice: "JP-11"),
            charge("x-untagged", "700", currency: "JPY", day: 2, tags: ["app": "search"], account: "222222222222", invoice: "JP-11"),
            charge(nil, "101", currency: "JPY", category: "Tax", day: 30, account: "222222222222", invoice: "JP-11", lines: 1),
        ]
        return AttributionInput(
            window: ReportWindow(start: day(1), end: day(1, month: 12)), charges: charges, resources: resources)
    }

    static var result: AttributionResult { Attribution.run(input, policy: AttributionPolicy()) }
}
