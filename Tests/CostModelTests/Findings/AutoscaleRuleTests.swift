import Foundation
import Testing
@testable import CostModel

@Suite struct AutoscaleRuleTests {
    /// `count` m5.xlarge (4 vCPU) of one service, busy (`busy` CPU) in tier 2's service hours
    /// (60 hours a week) and at `quiet` otherwise; each billed 730 a month.
    func fleet(_ count: Int = 4, tier: Int = 2, busy: Double = 0.4, quiet: Double = 0.1, coverage: [Double]? = nil,
               memoryMax: Double = 0.3) -> (resources: [Resource], usage: [UsageSummary]) {
        let resources = (1...count).map { index -> Resource in
            var r = Fixture.compute("i-api-0\(index)", tier: tier, type: "m5.xlarge")
            r.service = "api"
            return r
        }
        let usage = resources.enumerated().map { index, r -> UsageSummary in
            var u = Fixture.usage(r.id, coverage: coverage?[index] ?? 1, cpu: [busy], memoryMax: memoryMax, offHoursCPU: quiet)
            u.hourOfWeek = u.hourOfWeek.map { hour in
                var hour = hour
                hour.cpuAverage = ServiceHours(startHour: 7, endHour: 19).contains(isoWeekday: hour.isoWeekday, hour: hour.hour) ? busy : quiet
                return hour
            }
            return u
        }
        return (resources, usage)
    }

    func autoscale(_ f: (resources: [Resource], usage: [UsageSummary])) -> FindingsResult {
        Fixture.run(f.resources, usage: f.usage)
    }

    @Test func aSwingingFixedFleetAutoscales() throws {
        // Busy hours: demand 4 × 0.4 × 4 = 6.4 cores → ⌈6.4 ÷ 2.8⌉ = 3 machines; quiet: 1.6 cores →
        // 1, raised to the minimum 2 (memory: ⌈4 × 0.3 ÷ 0.8⌉ = 2). Mean (60 × 3 + 108 × 2) ÷ 168.
        let result = autoscale(fleet())
        let f = try #require(result.findings.first { $0.kind == .autoscale })
        #expect(f.resourceId == "fleet://api/us-east-1/m5.xlarge")
        #expect(f.members == ["i-api-01", "i-api-02", "i-api-03", "i-api-04"])
        #expect(f.action == .autoscale && f.phase == 2)
        #expect(f.monthlyCost == 2920)
        let factor = Decimal(396) / Decimal(672)
        #expect(f.remainingCostFactor == factor)
        #expect(f.monthlySavings == FindingsPrecision.normalized(2920 * (1 - factor)))
        #expect(f.recommended.contains("min 2, max 3; scale out at CPU > 70 % for 5 minutes or memory > 80 % for 3 minutes"), "\(f.recommended)")
        #expect(f.evidence.formula.contains("peak 6.4 ÷ trough 1.6 = 4"), "\(f.evidence.formula)")
        // The structured steps carry the values the formula shows; the last one is the saving.
        #expect(f.evidence.steps[1].values.contains(.number(6.4)) && f.evidence.steps[1].values.contains(.number(1.6)))
        #expect(f.evidence.steps.last?.values.last == .money(2920 * (1 - factor), currency: "USD"))
        #expect(f.evidence.formula.hasSuffix("= \(NumberText.money(2920 * (1 - factor), "USD"))/month"), "\(f.evidence.formula)")
    }

    @Test func swingAtTheThresholdFiresBelowItDoesNot() {
        // 0.2 / 0.1 = 2 (the default minimum swing): demand 3.2 → 2 machines all week, half of 4.
        let at = autoscale(fleet(busy: 0.2, quiet: 0.1)).findings.first { $0.kind == .autoscale }
        #expect(at?.remainingCostFactor == Decimal(string: "0.5"))
        let below = autoscale(fleet(busy: 0.19, quiet: 0.1)).findings
        #expect(!below.contains { $0.kind == .autoscale })
        let above = autoscale(fleet(busy: 0.6, quiet: 0.1)).findings
        #expect(above.contains { $0.kind == .autoscale })
    }

    @Test func aFlatFleetDoesNotFire() {
        #expect(!autoscale(fleet(busy: 0.4, quiet: 0.4)).findings.contains { $0.kind == .autoscale })
    }

    @Test func aFleetThatAlreadyScalesDoesNotFire() {
        // One machine ran half of the window: the count is not fixed.
        #expect(!autoscale(fleet(coverage: [1, 1, 1, 0.5])).findings.contains { $0.kind == .autoscale })
    }

    @Test func onlyTiersOneAndTwoAndRealFleets() {
        #expect(!autoscale(fleet(tier: 3)).findings.contains { $0.kind == .autoscale })
        #expect(!autoscale(fleet(tier: 4)).findings.contains { $0.kind == .autoscale })
        #expect(!autoscale(fleet(2)).findings.contains { $0.kind == .autoscale }, "2 machines are the minimum already")
        #expect(autoscale(fleet(tier: 1)).findings.contains { $0.kind == .autoscale })
    }

    @Test func memoryKeepsMachines() throws {
        // memory max 0.7 × 4 ÷ 0.8 = 3.5 → at least 4 machines: nothing to save.
        #expect(!autoscale(fleet(memoryMax: 0.7)).findings.contains { $0.kind == .autoscale })
        // 0.5 × 4 ÷ 0.8 = 2.5 → 3 in every hour: mean 3 of 4.
        let f = try #require(autoscale(fleet(memoryMax: 0.5)).findings.first { $0.kind == .autoscale })
        #expect(f.remainingCostFactor == Decimal(string: "0.75"))
    }

    @Test func thePlanCountsTheFleetOnceNotItsMachines() throws {
        // The machines are also over-provisioned one by one (p95 0.25 × 4 ÷ 0.65 = 1.54 vCPU); the
        // plan keeps only the fleet's step.
        let result = autoscale(fleet(busy: 0.25))
        let fleetFinding = try #require(result.findings.first { $0.kind == .autoscale })
        #expect(result.findings.contains { $0.kind == .overProvisioned && $0.resourceId == "i-api-01" })
        #expect(result.plan.steps.map(\.resourceId) == [fleetFinding.resourceId])
        #expect(result.plan.monthlyTotal["USD"] == fleetFinding.monthlySavings)
        #expect(result.plan.exclusions.contains { $0.reason == "the fleet fleet://api/us-east-1/m5.xlarge autoscales instead" })
    }

    @Test func fleetScalingArithmetic() throws {
        let hours = (1...7).flatMap { d in (0..<24).map { HourOfWeekUsage(isoWeekday: d, hour: $0, samples: 1, cpuAverage: $0 < 12 ? 0.7 : 0.35) } }
        let s = try #require(FleetScaling.compute(members: [(hours, nil), (hours, nil), (hours, nil)], vcpus: 2, scaling: ScalingMatrix()))
        // 3 × 0.7 × 2 = 4.2 cores ÷ (2 × 0.7) = 3 exactly (no float round-up to 4); 2.1 ÷ 1.4 → 2.
        #expect(s.hours == 168 && s.maximumNeeded == 3 && s.needed.min() == 2)
        #expect(s.swing == 2 && s.meanNeeded == 2.5 && s.memoryFloor == 0)
    }
}
