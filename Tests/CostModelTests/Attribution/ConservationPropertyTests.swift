import Foundation
import Testing
import TestSupport
@testable import CostModel

@Suite("Conservation over random bills")
struct ConservationPropertyTests {
    static let currencies = ["USD", "EUR", "JPY", "KWD"]
    static let categories: [ChargeCategory] = ["Usage", "Usage", "Usage", "Purchase", "Tax", "Credit", "Adjustment"]

    /// A random amount with up to 6 decimals, sometimes negative (credits, refunds).
    static func amount(_ rng: inout SeededGenerator, negative: Bool) -> Decimal {
        let units = Decimal(Int.random(in: 0...50_000_000, using: &rng))
        let scale = Int.random(in: 0...6, using: &rng)
        var value = units
        for _ in 0..<scale { value /= 10 }
        return negative ? -value : value
    }

    static func randomBill(seed: UInt64) -> (AttributionInput, SharedCostPolicy) {
        var rng = SeededGenerator(seed: seed)
        let serviceCount = Int.random(in: 0...6, using: &rng)
        let services = (0..<serviceCount).map { "svc-\($0)" }
        var resources: [Resource] = []
        for index in 0..<Int.random(in: 0...12, using: &rng) {
            resources.append(Resource(
                id: "r-\(index)", kind: "compute", service: services.randomElement(using: &rng),
                team: Bool.random(using: &rng) ? "team-\(index % 3)" : nil,
                tier: [nil, 1, 2, 3, 4, 9].randomElement(using: &rng)!,
                environment: Bool.random(using: &rng) ? "production" : nil))
        }
        let currencies = Array(currencies.shuffled(using: &rng).prefix(Int.random(in: 1...4, using: &rng)))
        var charges: [ChargeGroup] = []
        for _ in 0..<Int.random(in: 0...60, using: &rng) {
            let category = categories.randomElement(using: &rng)!
            let negative = category == .credit || (category == .adjustment && Bool.random(using: &rng))
            let resourceChoice = Int.random(in: 0...9, using: &rng)
            let resourceId: String? = resourceChoice < 2 ? nil : "r-\(Int.random(in: 0...15, using: &rng))"
            var tags: [String: String] = [:]
            if Bool.random(using: &rng), let service = services.randomElement(using: &rng) { tags["app"] = service }
            if Bool.random(using: &rng) { tags["tier"] = ["tier-1", "batch", "gold", "t4"].randomElement(using: &rng)! }
            let effective = category == .purchase ? 0 : amount(&rng, negative: negative)
            let billed = Bool.random(using: &rng) && category == .usage ? 0 : amount(&rng, negative: negative)
            charges.append(ChargeGroup(
                billingAccountId: "acct-\(Int.random(in: 1...2, using: &rng))", invoiceId: "inv-\(Int.random(in: 1...3, using: &rng))",
                currency: currencies.randomElement(using: &rng)!, chargeCategory: category, resourceId: resourceId,
                day: AttributionFixture.day(Int.random(in: 1...30, using: &rng)), tags: tags, billedCost: billed,
                effectiveCost: effective, listCost: amount(&rng, negative: negative),
                lineCount: Int.random(in: 1...100, using: &rng)))
        }
        let policy = SharedCostPolicy.allCases[Int(seed % 3)]
        return (AttributionInput(window: AttributionFixture.window, charges: charges, resources: resources), policy)
    }

    @Test("for every currency and measure, out = in exactly (360 random bills)", arguments: 0..<360)
    func conservation(seed: Int) {
        let (input, sharedPolicy) = Self.randomBill(seed: UInt64(seed) &* 7919 &+ 17)
        let result = Attribution.run(input, policy: AttributionPolicy(sharedCost: sharedPolicy))
        var expected: [String: CostAmounts] = [:]
        for charge in input.charges { expected[charge.currency, default: .zero] += CostAmounts(charge: charge) }

        for (currency, inAmounts) in expected {
            let out = AttributionFixture.totals(result.rows, currency: currency)
            #expect(out.billedCost == inAmounts.billedCost, "billed \(currency) seed \(seed)")
            #expect(out.effectiveCost == inAmounts.effectiveCost, "effective \(currency) seed \(seed)")
            #expect(out.listCost == inAmounts.listCost, "list \(currency) seed \(seed)")
            #expect(out.credits == inAmounts.credits, "credits \(currency) seed \(seed)")
            for view in [result.byService, result.byTeam, result.byTier, result.byEnvironment] {
                let sum = view.filter { $0.currency == currency }.reduce(CostAmounts.zero) { $0 + $1.amounts }
                #expect(sum == inAmounts, "view \(currency) seed \(seed)")
            }
            let daily = result.daily.filter { $0.currency == currency }
            #expect(daily.reduce(0) { $0 + $1.effectiveCost } == inAmounts.effectiveCost)
            #expect(daily.reduce(0) { $0 + $1.billedCost } == inAmounts.billedCost)
            let invoices = result.reconciliation.filter { $0.currency == currency }
            #expect(invoices.reduce(0) { $0 + $1.billedCost } == inAmounts.billedCost)
            #expect(result.totals.first { $0.currency == currency }?.amounts == inAmounts)
        }
        #expect(Set(result.rows.map(\.currency)) == Set(expected.keys))
        // Split parts are whole minor units whenever the shared amount is.
        for total in result.totals {
            let digits = Money.minorUnitDigits(total.currency)
            let whole = { (x: Decimal) in Money.rounded(x, scale: digits) == x }
            for (index, measure) in total.shared.measures.enumerated() where whole(measure) {
                for row in result.rows where row.currency == total.currency {
                    #expect(whole(row.sharedCostReceived.measures[index]), "minor unit \(total.currency) seed \(seed)")
                }
            }
        }
        // Shared parts are whole minor units unless the shared amount itself is finer.
        if sharedPolicy == .separate {
            #expect(result.rows.allSatisfy { $0.sharedCostReceived == .zero })
        }
        #expect(result.diagnostics.contains { $0.code == "mixed_currency" } == (expected.count > 1))
    }
}

@Suite("Random bill generator coverage")
struct RandomBillCoverageTests {
    @Test("the random bills exercise splits, kept shared rows, credits, unallocated rows and every currency")
    func generatorCoversTheCases() {
        var split = [SharedCostPolicy: Int](), kept = 0, credits = 0, unallocated = 0
        var currencies = Set<String>()
        for seed in 0..<360 {
            let (input, policy) = ConservationPropertyTests.randomBill(seed: UInt64(seed) &* 7919 &+ 17)
            let result = Attribution.run(input, policy: AttributionPolicy(sharedCost: policy))
            if result.rows.contains(where: { $0.sharedCostReceived != .zero }) { split[policy, default: 0] += 1 }
            if result.rows.contains(where: { $0.service == Ownership.shared && $0.amounts != .zero }) { kept += 1 }
            if result.totals.contains(where: { $0.amounts.credits != 0 }) { credits += 1 }
            if result.rows.contains(where: { $0.service == Ownership.unallocated }) { unallocated += 1 }
            currencies.formUnion(result.rows.map(\.currency))
        }
        #expect(split[.proportional, default: 0] > 30)
        #expect(split[.even, default: 0] > 30)
        #expect(split[.separate, default: 0] == 0)
        #expect(kept > 100)
        #expect(credits > 100)
        #expect(unallocated > 100)
        #expect(currencies == ["EUR", "JPY", "KWD", "USD"])
    }
}
