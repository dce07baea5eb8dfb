import Foundation
import Testing
@testable import CostModel

@Suite struct UnusedRuleTests {
    func kinds(_ findings: [Finding]) -> [FindingKind] { findings.map(\.kind) }

    @Test(arguments: [(0.0199, true), (0.02, false), (0.0201, false)])
    func idleComputeAtTheCPUThreshold(cpu: Double, idle: Bool) {
        let r = Fixture.compute("i-1", tier: 4)
        let found = Fixture.findings([r], usage: [Fixture.usage("i-1", cpu: [0.01], dailyCPU: cpu, dailyNetwork: 1000)])
        #expect(found.contains { $0.kind == .unused } == idle)
        if idle {
            let f = found.first { $0.kind == .unused }!
            #expect(f.action == .delete && f.monthlySavings == 730 && f.monthlyCost == 730)
            #expect(found.count == 1, "an idle resource gets no other finding")
        }
    }

    @Test(arguments: [(4_999_999.0, true), (5_000_000.0, false)])
    func idleComputeAtTheNetworkThreshold(network: Double, idle: Bool) {
        let found = Fixture.findings([Fixture.compute("i-1", tier: 4)],
                                     usage: [Fixture.usage("i-1", cpu: [0.01], dailyCPU: 0.01, dailyNetwork: network)])
        #expect(found.contains { $0.kind == .unused } == idle)
    }

    @Test(arguments: [(17, false), (18, true), (19, true)])
    func idleDayShareAtNinetyPercent(idleDays: Int, idle: Bool) {
        var usage = Fixture.usage("i-1", days: 20, cpu: [0.01], dailyCPU: 0.01, dailyNetwork: 0)
        for index in idleDays..<20 { usage.days[index].cpuAverage = 0.5 }
        usage.coveredSeconds = Fixture.window.seconds
        #expect(Fixture.findings([Fixture.compute("i-1", tier: 4)], usage: [usage]).contains { $0.kind == .unused } == idle)
    }

    @Test(arguments: [(13, false), (14, true)])
    func idleNeedsFourteenDays(days: Int, idle: Bool) {
        var usage = Fixture.usage("i-1", days: days, cpu: [0.01], dailyCPU: 0.01, dailyNetwork: 0)
        usage.coveredSeconds = Fixture.window.seconds
        let found = Fixture.findings([Fixture.compute("i-1", tier: 4)], usage: [usage])
        #expect(found.contains { $0.kind == .unused } == idle)
        #expect(found.contains { $0.kind == .insufficientData } == !idle)
    }

    @Test func tierOneIdleIsInvestigateAndNeverPlanned() {
        let r = Fixture.compute("i-1", tier: 1)
        let result = Fixture.run([r], usage: [Fixture.usage("i-1", cpu: [0.01], dailyCPU: 0.01, dailyNetwork: 0)])
        let unused = result.findings.first { $0.kind == .unused }
        #expect(unused?.action == .investigate)
        #expect(result.plan.steps.isEmpty && result.plan.monthlyTotal.isEmpty)
        #expect(result.plan.exclusions.map(\.findingId) == [unused?.id])
    }

    @Test func noUsageIsNeverIdle() {
        let found = Fixture.findings([Fixture.compute("i-1", tier: 2)])
        #expect(kinds(found) == [.insufficientData])
        #expect(found[0].reason.contains("no utilisation samples"))
        #expect(found[0].action == .collectData && found[0].monthlySavings == 0)
    }

    @Test(arguments: [(0.69, true), (0.71, false)])
    func lowCoverageIsInsufficientData(coverage: Double, insufficient: Bool) {
        let found = Fixture.findings([Fixture.compute("i-1", tier: 2)], usage: [Fixture.usage("i-1", coverage: coverage)])
        #expect(found.contains { $0.kind == .insufficientData } == insufficient)
    }

    @Test func tierOneNeedsThirtyDays() {
        let found = Fixture.findings([Fixture.compute("i-1", tier: 1)], usage: [Fixture.usage("i-1", days: 29, coverage: 0.97)])
        #expect(kinds(found) == [.insufficientData])
        #expect(found[0].reason.contains("29 days with data, 30 needed"))
    }

    @Test(arguments: [(0.0, true), (1.0, false), (nil as Double?, false)])
    func idleDatabaseNeedsNoConnections(connections: Double?, idle: Bool) {
        let db = Fixture.compute("db-1", tier: 2, type: "m5.2xlarge", kind: "database")
        let usage = Fixture.usage("db-1", cpu: [0.01], dailyCPU: 0.01, dailyNetwork: 0, connections: connections)
        #expect(Fixture.findings([db], usage: [usage]).contains { $0.kind == .unused } == idle)
    }

    @Test(arguments: [(6.9, false), (7.0, true), (8.0, true)])
    func unattachedVolumeAfterSevenDays(days: Double, unused: Bool) {
        let volume = Resource(id: "vol-1", kind: "volume", tier: 2, storageGiB: 100, storageClass: "gp3",
                              state: "unattached", lastActiveAt: Fixture.window.end.addingTimeInterval(-days * 86_400))
        let found = Fixture.findings([volume])
        #expect(found.contains { $0.kind == .unused && $0.action == .delete } == unused)
    }

    @Test(arguments: [(99.0, true), (100.0, false), (101.0, false)])
    func loadBalancerUnderOneHundredRequestsADay(requests: Double, unused: Bool) {
        let lb = Resource(id: "lb-1", kind: "load_balancer", tier: 3, state: "active")
        let usage = Fixture.usage("lb-1", days: 7, coverage: 1, requests: requests)
        let found = Fixture.findings([lb], usage: [usage])
        #expect(found.contains { $0.kind == .unused } == unused)
    }

    @Test func loadBalancerWithOneBusyDayIsUsed() {
        var usage = Fixture.usage("lb-1", days: 7, requests: 10)
        usage.days[3].requests = 5000
        #expect(Fixture.findings([Resource(id: "lb-1", kind: "load_balancer", tier: 3)], usage: [usage]).isEmpty)
    }

    @Test(arguments: [(13.9, false), (14.0, true)])
    func stoppedComputeStillPaying(days: Double, unused: Bool) {
        var r = Fixture.compute("i-1", tier: 3, state: "stopped")
        r.lastActiveAt = Fixture.window.end.addingTimeInterval(-days * 86_400)
        let found = Fixture.findings([r], charges: [Fixture.charge("i-1", 24)])
        #expect(found.contains { $0.kind == .unused } == unused)
        #expect(!found.contains { $0.kind == .insufficientData }, "a stopped instance needs no usage data")
        #expect(Fixture.findings([r], charges: []).isEmpty, "stopped and not paying is fine")
    }

    @Test func unassociatedAddressIsReleased() {
        let free = Resource(id: "ip-1", kind: "ip_address", tier: 4, state: "unassociated")
        let used = Resource(id: "ip-2", kind: "ip_address", tier: 4, state: "associated", attachedTo: "i-1")
        let found = Fixture.findings([free, used])
        #expect(found.map(\.resourceId) == ["ip-1"])
        #expect(found[0].recommended == "release")
    }
}
