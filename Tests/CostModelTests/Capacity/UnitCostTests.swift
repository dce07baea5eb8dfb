import Foundation
import Testing
@testable import CostModel

@Suite struct UnitCostTests {
    func change(_ service: String, _ current: Decimal, _ previous: Decimal, currency: String = "USD") -> CostChange {
        CostChange(currency: currency, service: service, previousEffectiveCost: previous, currentEffectiveCost: current, changePercent: nil)
    }

    @Test func costPerThousandRequestsIsEffectiveCostOverRequestsTimesAThousand() throws {
        let owner = ["lb-api": "api", "i-api": "api", "lb-web": "web"]
        let rows = UnitCosts.compute(
            costs: [change("api", Decimal(string: "123.45")!, 80), change("web", 10, 0), change("batch", 500, 400)],
            requests: ["lb-api": 2_000_000, "i-api": 469_000, "lb-web": 3],
            previousRequests: ["lb-api": 1_000_000],
            owner: { owner[$0] })
        #expect(rows.map(\.service) == ["api", "web"], "batch has no requests")
        let api = try #require(rows.first)
        #expect(api.requests == 2_469_000)
        // 123.45 ÷ 2,469,000 × 1000 = 0.05 exactly.
        #expect(api.costPer1000Requests == Decimal(string: "123.45")! / Decimal(2_469_000) * 1000)
        #expect(api.costPer1000Requests == Decimal(string: "0.05"))
        #expect(api.previousCostPer1000Requests == Decimal(string: "0.08"))
        #expect(api.change == Decimal(string: "-0.375"))
        // 10 ÷ 3 × 1000, unrounded to the internal 10 places; no previous cost.
        #expect(rows[1].costPer1000Requests == FindingsPrecision.normalized(Decimal(10) / Decimal(3) * 1000))
        #expect(rows[1].previousCostPer1000Requests == nil)
    }
}
