import Foundation
import Testing
@testable import CostModel

@Suite struct ScheduleSpotCommitmentTests {
    func finding(_ kind: FindingKind, _ r: Resource, _ u: UsageSummary?) -> Finding? {
        Fixture.findings([r], usage: u.map { [$0] } ?? []).first { $0.kind == kind }
    }

    @Test(arguments: [(0.049, true), (0.05, false), (0.051, false)])
    func scheduleWhenOffHoursStayUnderFivePercent(offCPU: Double, scheduled: Bool) {
        let u = Fixture.usage("i-1", cpu: [0.4], offHoursCPU: offCPU, serviceHours: ServiceHours(startHour: 8, endHour: 18))
        let f = finding(.schedule, Fixture.compute("i-1", tier: 4, pricing: "spot"), u)
        #expect((f != nil) == scheduled)
        if let f {
            // tier 4: 08:00-18:00 Mon-Fri = 50 h of 168; off hours 118/168 of 730.
            #expect(f.monthlySavings == FindingsPrecision.normalized(Decimal(730) * Decimal(118) / Decimal(168)))
            #expect(f.action == .schedule && f.recommended.contains("08:00-18:00 Mon-Fri"))
        }
    }

    @Test func tierTwoScheduleUsesItsOwnServiceHours() throws {
        let u = Fixture.usage("i-1", cpu: [0.4], offHoursCPU: 0.01)
        let f = try #require(finding(.schedule, Fixture.compute("i-1", tier: 2), u))
        #expect(f.remainingCostFactor == 1 - Decimal(108) / Decimal(168))
    }

    @Test func noScheduleWhenOffHoursHaveNoSamples() {
        let u = Fixture.usage("i-1", cpu: [0.4], offHoursCPU: 0.01, offHoursSamples: 0)
        #expect(finding(.schedule, Fixture.compute("i-1", tier: 2), u) == nil)
    }

    @Test func noScheduleForTiersOneAndThree() {
        let u = Fixture.usage("i-1", cpu: [0.4], offHoursCPU: 0.01)
        #expect(finding(.schedule, Fixture.compute("i-1", tier: 1), u) == nil)
        #expect(finding(.schedule, Fixture.compute("i-1", tier: 3), u) == nil)
    }

    @Test func spotForTiersThreeAndFourOnOnDemandOnly() throws {
        let u = Fixture.usage("i-1", cpu: [0.4])
        let f = try #require(finding(.spot, Fixture.compute("i-1", tier: 3), u))
        #expect(f.monthlySavings == 730 * Decimal(string: "0.6")!)
        #expect(f.reason.contains("interruptible"))
        #expect(finding(.spot, Fixture.compute("i-1", tier: 4), u) != nil)
        #expect(finding(.spot, Fixture.compute("i-1", tier: 3, pricing: "spot"), u) == nil)
        #expect(finding(.spot, Fixture.compute("i-1", tier: 2), u) == nil)
        #expect(finding(.spot, Fixture.compute("i-1", tier: 1), u) == nil)
    }

    @Test func tierOneNeverSpotEvenIfThePolicyAllowsIt() {
        var policy = FindingsPolicy.default
        policy.tiers.tier1.allowedActions.append(.moveToSpot)
        let found = Fixture.findings([Fixture.compute("i-1", tier: 1)], usage: [Fixture.usage("i-1", cpu: [0.4])], policy: policy)
        #expect(!found.contains { $0.kind == .spot })
    }

    @Test(arguments: [(0.94, false), (0.95, true), (1.0, true)])
    func commitmentWhenRunningNinetyFivePercent(running: Double, committed: Bool) {
        let u = Fixture.usage("i-1", coverage: running, cpu: [0.4], cpuMax: 0.7)
        #expect((finding(.commitment, Fixture.compute("i-1", tier: 1), u) != nil) == committed)
    }

    @Test func commitmentDiscountsTheRightSizedBaseline() throws {
        let u = Fixture.usage("i-1", cpu: [0.1], cpuMax: 0.45, memoryMax: 0.1)
        let found = Fixture.findings([Fixture.compute("i-1", tier: 1)], usage: [u])
        let sizing = try #require(found.first { $0.kind == .overProvisioned })
        let commit = try #require(found.first { $0.kind == .commitment })
        #expect(sizing.remainingCostFactor == Decimal(string: "0.5"))
        #expect(commit.monthlySavings == 730 * Decimal(string: "0.5")! * Decimal(string: "0.3")!)
        #expect(!Fixture.findings([Fixture.compute("i-1", tier: 1, pricing: "committed")], usage: [u]).contains { $0.kind == .commitment })
    }
}
