import Foundation
import Testing
import TestSupport
@testable import CostModel

@Suite struct PlanBuilderTests {
    @Test func deleteLeavesNothingElseForTheResource() {
        let volume = Resource(id: "vol-1", kind: "volume", tier: 2, storageClass: "gp2", state: "unattached",
                              lastActiveAt: Fixture.window.start)
        let result = Fixture.run([volume])
        #expect(Set(result.findings.map(\.kind)) == [.unused, .storageClass])
        #expect(result.plan.steps.map(\.action) == [.delete])
        #expect(result.plan.monthlyTotal["USD"] == 730 && result.plan.monthlyTotal.count == 1)
        #expect(result.plan.sumOfFindings["USD"] == 876)
        #expect(result.plan.sumOfFindings.count == 1)
        #expect(result.plan.exclusions.count == 1)
    }

    @Test func rightSizeAfterScheduleSavesTheRatioOfWhatIsLeft() throws {
        // tier 4: schedule 118/168, right-size ratio 0.25 (m5.2xlarge → m5.large); spot (60%) is smaller than the schedule.
        let u = Fixture.usage("i-1", cpu: [0.1], memoryMax: 0.1, offHoursCPU: 0.01, serviceHours: ServiceHours(startHour: 8, endHour: 18))
        let result = Fixture.run([Fixture.compute("i-1", tier: 4)], usage: [u])
        let steps = result.plan.steps
        #expect(steps.map(\.action) == [.schedule, .rightSize])
        let left = 730 - Decimal(730) * Decimal(118) / Decimal(168)
        #expect(steps[1].marginalMonthlySavings == FindingsPrecision.normalized(left * Decimal(string: "0.75")!))
        #expect(steps[1].cumulativeMonthlySavings == steps[0].marginalMonthlySavings + steps[1].marginalMonthlySavings)
        #expect(result.plan.exclusions.contains { $0.findingId == FindingID.make(resourceId: "i-1", kind: .spot) })
        #expect(result.plan.phases.map(\.stepCount) == [0, 1, 1, 0])
        #expect(result.plan.phases[1].annualSavings["USD"] == result.plan.phases[1].monthlySavings["USD"]! * 12)
    }

    @Test func totalsStayPerCurrency() {
        let a = Resource(id: "ip-a", kind: "ip_address", tier: 4)
        let b = Resource(id: "ip-b", kind: "ip_address", tier: 4)
        let result = Fixture.run([a, b], charges: [Fixture.charge("ip-a", 72), Fixture.charge("ip-b", 7200, currency: "JPY")])
        #expect(result.plan.monthlyTotal == ["USD": 73, "JPY": 7300])
        #expect(result.plan.steps.map(\.cumulativeMonthlySavings).sorted() == [73, 7300])
    }

    @Test func mixedCurrencyResourceIsPricedInOneCurrencyWithADiagnostic() {
        let ip = Resource(id: "ip-a", kind: "ip_address", tier: 4)
        let result = Fixture.run([ip], charges: [Fixture.charge("ip-a", 72), Fixture.charge("ip-a", 72), Fixture.charge("ip-a", 10, currency: "EUR")])
        #expect(result.plan.monthlyTotal == ["USD": 146])
        #expect(result.diagnostics.contains { $0.code == "mixed_currency_resource" })
    }

    /// Random scenarios: the de-duplicated total never exceeds the plain sum, per currency, and no
    /// resource is both deleted and changed in any other way.
    @Test(arguments: 1...40 as ClosedRange<UInt64>)
    func planInvariantsHoldOnRandomScenarios(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        var resources: [Resource] = []
        var usage: [UsageSummary] = []
        var charges: [ChargeGroup] = []
        let types = ["m5.large", "m5.xlarge", "m5.2xlarge", "m5.4xlarge"]
        for index in 0..<25 {
            let id = "r-\(index)"
            let kind: ResourceKind = ["compute", "compute", "compute", "database", "volume", "ip_address", "load_balancer"].randomElement(using: &rng)!
            resources.append(Resource(
                id: id, kind: kind, tier: [1, 2, 3, 4, nil].randomElement(using: &rng)!, providerName: "AWS",
                regionId: "us-east-1", instanceType: types.randomElement(using: &rng)!,
                storageClass: ["gp2", "gp3"].randomElement(using: &rng)!,
                state: (["running", "running", "stopped", "unattached"] as [ResourceState]).randomElement(using: &rng)!,
                pricingModel: ([.onDemand, .spot, .committed] as [PricingModel]).randomElement(using: &rng)!,
                lastActiveAt: Fixture.window.start))
            let idle = Bool.random(using: &rng)
            let cpu = Double.random(in: 0...1, using: &rng)
            if Double.random(in: 0...1, using: &rng) < 0.85 {
                usage.append(Fixture.usage(
                    id, days: Int.random(in: 10...30, using: &rng), coverage: Double.random(in: 0.6...1, using: &rng),
                    cpu: [cpu, cpu / 2], memoryMax: Double.random(in: 0...1, using: &rng),
                    dailyCPU: idle ? 0.01 : cpu, dailyNetwork: idle ? 0 : 1e9, connections: idle ? 0 : 3,
                    requests: idle ? 1 : 1e5, offHoursCPU: Double.random(in: 0...0.1, using: &rng)))
            }
            let currency = ["USD", "EUR", "JPY"].randomElement(using: &rng)!
            charges.append(Fixture.charge(id, Decimal(Int.random(in: 1...5000, using: &rng)), currency: currency))
        }
        let result = Fixture.run(resources, usage: usage, charges: charges)
        let plan = result.plan
        for (currency, total) in plan.monthlyTotal {
            #expect(total <= (plan.sumOfFindings[currency] ?? 0), "seed \(seed) \(currency)")
        }
        let byResource = Dictionary(grouping: plan.steps, by: \.resourceId)
        for (id, steps) in byResource {
            if steps.contains(where: { $0.action == .delete || $0.action == .stop }) {
                #expect(steps.count == 1, "resource \(id) is deleted and changed")
            }
            #expect(Set(steps.map(\.kind)).count == steps.count)
        }
        #expect(!plan.steps.contains { $0.action == .investigate || $0.action == .collectData })
        #expect(plan.steps.map(\.step) == Array(1...max(1, plan.steps.count)).prefix(plan.steps.count).map { $0 })
        // Same input, same output.
        let again = Fixture.run(resources, usage: usage, charges: charges)
        #expect(again.findings == result.findings && again.plan == plan)
    }
}
