import Foundation
import Testing
@testable import CostModel

@Suite("Attribution views, credits, coverage")
struct AttributionViewsTests {
    let d = AttributionFixture.decimal
    let resources = [
        Resource(id: "a-1", kind: "compute", service: "alpha", team: "core", tier: 1, environment: "production"),
        Resource(id: "b-1", kind: "compute", service: "beta", team: nil, tier: nil),
    ]

    var result: AttributionResult {
        Attribution.run(AttributionInput(window: AttributionFixture.window, charges: [
            AttributionFixture.charge("a-1", "100", day: 1),
            // Commitment purchase: billed = fee, effective 0; covered usage: billed 0, effective amortised.
            AttributionFixture.charge("a-1", "0", billed: "300", category: "Purchase", day: 1),
            AttributionFixture.charge("a-1", "10", billed: "0", day: 2),
            AttributionFixture.charge("a-1", "-5", category: "Credit", day: 2),
            AttributionFixture.charge("b-1", "40", day: 2),
            AttributionFixture.charge("x-1", "60", day: 3, tags: ["team": "data"]),
            AttributionFixture.charge(nil, "-3", category: "Credit", day: 3, invoice: nil),
        ], resources: resources), policy: AttributionPolicy(sharedCost: .separate))
    }

    @Test("both measures without double counting; credits kept and shown on their own")
    func measuresAndCredits() throws {
        let alpha = try #require(AttributionFixture.row(result, service: "alpha"))
        #expect(alpha.amounts.effectiveCost == 105)
        #expect(alpha.amounts.billedCost == 395)
        #expect(alpha.amounts.credits == -5)
        let total = try #require(result.totals.first)
        #expect(total.amounts.credits == -8)
        #expect(total.amounts.effectiveCost == 202)
        #expect(total.unallocated.effectiveCost == 60)
        #expect(total.sharedKept.effectiveCost == -3)
        #expect(result.byService.first { $0.key == "alpha" }?.amounts.credits == -5)
    }

    @Test("views per tier, team and environment")
    func views() {
        #expect(result.byTier.map(\.key) == ["1", "(untiered)", "(shared)"])
        #expect(result.byTier.first?.shareOfEffectiveCost == d("0.519802"))
        #expect(result.byTeam.map(\.key) == ["core", "data", "(unallocated)", "(shared)"])
        #expect(result.byEnvironment.map(\.key) == ["production", "(unknown)", "(shared)"])
        #expect(result.dailyByTier.contains { $0.key == "(shared)" && $0.effectiveCost == -3 })
        #expect(result.dailyByService.filter { $0.key == "alpha" }.map(\.effectiveCost) == [100, 5])
    }

    @Test("reconciliation per account and invoice")
    func reconciliation() {
        #expect(result.reconciliation.map(\.invoiceId) == [nil, "inv-1"])
        #expect(result.reconciliation.map(\.billedCost) == [-3, 395 + 40 + 60])
    }

    @Test("tag coverage in money and the top untagged spenders")
    func coverage() throws {
        let coverage = try #require(result.tagCoverage.first)
        #expect(coverage.effectiveCost == 205)
        #expect(coverage.withService == 145)
        #expect(coverage.withTeam == 165)
        #expect(coverage.withTier == 105)
        #expect(coverage.withAll == 105)
        #expect(coverage.share(coverage.withAll) == d("0.512195"))
        #expect(result.untaggedSpenders.map(\.resourceId) == ["x-1", "b-1"])
        #expect(result.untaggedSpenders.first?.missing == ["service", "tier"])
        #expect(result.untaggedSpenders.first?.team == "data")
        #expect(result.untaggedSpenders.last?.missing == ["team", "tier"])

        let top1 = Attribution.run(AttributionInput(window: AttributionFixture.window, charges: [
            AttributionFixture.charge("x-1", "1"), AttributionFixture.charge("x-2", "2"), AttributionFixture.charge("x-3", "2"),
        ], resources: []), policy: AttributionPolicy(topUntaggedCount: 2))
        #expect(top1.untaggedSpenders.map(\.resourceId) == ["x-2", "x-3"])
    }
}
