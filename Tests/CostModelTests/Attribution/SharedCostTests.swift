import Foundation
import Testing
@testable import CostModel

@Suite("Shared cost policies")
struct SharedCostTests {
    let d = AttributionFixture.decimal
    let resources = [
        Resource(id: "a-1", kind: "compute", service: "alpha", team: "t1", tier: 1, environment: "production"),
        Resource(id: "b-1", kind: "compute", service: "beta", team: "t2", tier: 2, environment: "production"),
        Resource(id: "c-1", kind: "compute", service: "gamma", team: "t3", tier: 3, environment: "production"),
    ]

    func run(_ policy: SharedCostPolicy, _ charges: [ChargeGroup]) -> AttributionResult {
        Attribution.run(
            AttributionInput(window: AttributionFixture.window, charges: charges, resources: resources),
            policy: AttributionPolicy(sharedCost: policy))
    }

    var bill: [ChargeGroup] {
        [AttributionFixture.charge("a-1", "60"), AttributionFixture.charge("b-1", "30"), AttributionFixture.charge("c-1", "10"),
         AttributionFixture.charge(nil, "0.10", category: "Tax")]
    }

    @Test("separate keeps shared cost as its own (shared) row")
    func separate() throws {
        let result = run(.separate, bill)
        let shared = try #require(AttributionFixture.row(result, service: Ownership.shared))
        #expect(shared.amounts.effectiveCost == d("0.10"))
        #expect(shared.team == Ownership.shared)
        #expect(AttributionFixture.row(result, service: "alpha")?.amounts.effectiveCost == 60)
    }

    @Test("even splits into equal parts over the services, remainder by largest remainder")
    func even() {
        let result = run(.even, bill)
        #expect(AttributionFixture.row(result, service: Ownership.shared) == nil)
        #expect(AttributionFixture.row(result, service: "alpha")?.amounts.effectiveCost == d("60.04"))
        #expect(AttributionFixture.row(result, service: "beta")?.amounts.effectiveCost == d("30.03"))
        #expect(AttributionFixture.row(result, service: "gamma")?.amounts.effectiveCost == d("10.03"))
        #expect(AttributionFixture.row(result, service: "gamma")?.sharedCostReceived.billedCost == d("0.03"))
    }

    @Test("proportional splits by effective cost")
    func proportional() {
        let result = run(.proportional, bill)
        #expect(AttributionFixture.row(result, service: "alpha")?.amounts.effectiveCost == d("60.06"))
        #expect(AttributionFixture.row(result, service: "beta")?.amounts.effectiveCost == d("30.03"))
        #expect(AttributionFixture.row(result, service: "gamma")?.amounts.effectiveCost == d("10.01"))
        #expect(AttributionFixture.totals(result.rows, currency: "USD").effectiveCost == d("100.10"))
    }

    @Test("(unallocated) gets no share; a service's part is split over its rows")
    func unallocatedAndRows() {
        let charges = [
            AttributionFixture.charge("x-9", "50"),  // not in inventory, no tags → (unallocated)
            AttributionFixture.charge("t-1", "30", tags: ["service": "alpha", "team": "t1", "env": "staging"]),
            AttributionFixture.charge("a-1", "10"), AttributionFixture.charge(nil, "4"),
        ]
        let result = run(.proportional, charges)
        #expect(AttributionFixture.row(result, service: Ownership.unallocated)?.amounts.effectiveCost == 50)
        let alphaRows = result.rows.filter { $0.service == "alpha" }
        #expect(alphaRows.count == 2)
        #expect(alphaRows.map(\.sharedCostReceived.effectiveCost).sorted() == [1, 3])
    }

    @Test("nothing to split over keeps (shared) with a diagnostic")
    func nothingToSplitOver() throws {
        let onlyShared = run(.proportional, [AttributionFixture.charge(nil, "5"), AttributionFixture.charge("x-9", "3")])
        #expect(AttributionFixture.row(onlyShared, service: Ownership.shared)?.amounts.effectiveCost == 5)
        #expect(onlyShared.diagnostics.contains { $0.code == "shared_cost_not_split" })

        let zeroWeights = run(.proportional, [AttributionFixture.charge(nil, "5"), AttributionFixture.charge("a-1", "0", billed: "7")])
        #expect(AttributionFixture.row(zeroWeights, service: Ownership.shared)?.amounts.effectiveCost == 5)
        #expect(zeroWeights.diagnostics.contains { $0.code == "shared_cost_not_split" })

        // `even` does not need positive weights.
        let even = run(.even, [AttributionFixture.charge(nil, "5"), AttributionFixture.charge("a-1", "0", billed: "7")])
        #expect(AttributionFixture.row(even, service: Ownership.shared) == nil)
        #expect(AttributionFixture.row(even, service: "alpha")?.amounts.billedCost == 12)
    }

    @Test("shared cost is split per currency, never across")
    func perCurrency() {
        let charges = [
            AttributionFixture.charge("a-1", "10"), AttributionFixture.charge(nil, "1"),
            AttributionFixture.charge("b-1", "1000", currency: "JPY"), AttributionFixture.charge(nil, "7", currency: "JPY"),
            AttributionFixture.charge(nil, "2", currency: "EUR"),
        ]
        let result = run(.proportional, charges)
        #expect(AttributionFixture.row(result, service: "alpha")?.amounts.effectiveCost == 11)
        #expect(AttributionFixture.row(result, service: "beta", currency: "JPY")?.amounts.effectiveCost == 1007)
        #expect(AttributionFixture.row(result, service: Ownership.shared, currency: "EUR")?.amounts.effectiveCost == 2)
        #expect(result.diagnostics.contains { $0.code == "mixed_currency" && $0.severity == .warning })
    }
}
