import Foundation
import Testing
@testable import CostModel

@Suite struct SizingRuleTests {
    func sizing(_ r: Resource, _ u: UsageSummary, policy: FindingsPolicy = .default) -> Finding? {
        Fixture.findings([r], usage: [u], policy: policy).first { $0.kind == .overProvisioned || $0.kind == .underProvisioned }
    }

    @Test func cheapestTypeInFamilyAndArchCoveringCPUAndMemory() throws {
        // tier 3: p95 ≈ 0.155 × 8 ÷ 0.8 = 1.55 vCPU; memory 0.2 × 32 × 1.15 = 7.36 GiB → m5.large.
        let f = try #require(sizing(Fixture.compute("i-1", tier: 3), Fixture.usage("i-1", cpu: [0.15], memoryMax: 0.2)))
        #expect(f.kind == .overProvisioned && f.action == .rightSize)
        #expect(f.evidence.recommendedSize?.instanceType == "m5.large", "the arm64 m5 is cheaper but another arch; c5 is another family")
        #expect(f.remainingCostFactor == Decimal(string: "0.25"))
        #expect(f.monthlySavings == Decimal(string: "547.5"))
        #expect(f.current == "m5.2xlarge (8 vCPU, 32 GiB, 0.384 USD/h list)")
        #expect(f.evidence.formula.contains("needed vCPU = p95 CPU"))
    }

    @Test func memoryCanDecideTheSize() throws {
        // memory 0.3 × 32 × 1.15 = 11.04 GiB → m5.xlarge (16 GiB).
        let f = try #require(sizing(Fixture.compute("i-1", tier: 3), Fixture.usage("i-1", cpu: [0.15], memoryMax: 0.3)))
        #expect(f.evidence.recommendedSize?.instanceType == "m5.xlarge")
        #expect(f.monthlySavings == 365)
    }

    @Test func otherFamiliesOnlyWhenAllowed() throws {
        var policy = FindingsPolicy.default
        policy.allowOtherFamilies = true
        let f = try #require(sizing(Fixture.compute("i-1", tier: 3), Fixture.usage("i-1", cpu: [0.15], memoryMax: 0.1), policy: policy))
        #expect(f.evidence.recommendedSize?.instanceType == "c5.large")
    }

    @Test func nothingCheaperMeansNoFinding() {
        #expect(sizing(Fixture.compute("i-1", tier: 3, type: "m5.large"), Fixture.usage("i-1", cpu: [0.2], memoryMax: 0.2)) == nil)
        // needs 0.45 × 8 ÷ 0.8 = 4.5 vCPU → m5.2xlarge, the current size.
        #expect(sizing(Fixture.compute("i-1", tier: 3), Fixture.usage("i-1", cpu: [0.45], memoryMax: 0.2)) == nil)
    }

    @Test func unknownInstanceTypeIsADiagnosticNotAGuess() {
        let result = Fixture.run([Fixture.compute("i-1", tier: 3, type: "z9.huge")], usage: [Fixture.usage("i-1", cpu: [0.1])])
        #expect(!result.findings.contains { $0.kind == .overProvisioned })
        #expect(result.diagnostics.contains { $0.code == "instance_type_not_in_catalog" })
    }

    @Test func tierOneNeverBelowThePeak() throws {
        // p99 ≈ 0.1 × 8 ÷ 0.5 = 1.6 vCPU, but the peak 0.45 × 8 = 3.6 vCPU → m5.xlarge, not m5.large.
        let u = Fixture.usage("i-1", cpu: [0.1], cpuMax: 0.45, memoryMax: 0.1)
        let f = try #require(sizing(Fixture.compute("i-1", tier: 1), u))
        #expect(f.evidence.recommendedSize?.instanceType == "m5.xlarge")
        #expect(f.needsApproval && f.evidence.formula.contains("never below the peak"))
        // A peak above 4 vCPU leaves nothing smaller.
        #expect(sizing(Fixture.compute("i-1", tier: 1), Fixture.usage("i-1", cpu: [0.1], cpuMax: 0.55, memoryMax: 0.1)) == nil)
    }

    @Test func tierTwoSizesOnServiceHours() throws {
        var u = Fixture.usage("i-1", cpu: [0.9], memoryMax: 0.1)
        u.cpuInServiceHours = Fixture.histogram(Array(repeating: 0.1, count: 100))
        u.cpu = Fixture.histogram(Array(repeating: 0.1, count: 100))
        let f = try #require(sizing(Fixture.compute("i-1", tier: 2, pricing: "committed"), u))
        #expect(f.evidence.percentileName == "p95 CPU in service hours")
    }

    @Test(arguments: [(0.78, false), (0.82, true)])
    func underProvisionedAboveEightyPercentCPU(cpu: Double, under: Bool) {
        let f = sizing(Fixture.compute("i-1", tier: 3), Fixture.usage("i-1", cpu: [cpu], memoryMax: 0.5))
        #expect((f?.kind == .underProvisioned) == under)
        if under {
            #expect(f?.evidence.recommendedSize?.instanceType == "m5.4xlarge")
            #expect(f?.monthlySavings == -730, "the next size up doubles the cost: a negative saving")
        }
    }

    @Test(arguments: [(0.89, false), (0.90, false), (0.91, true)])
    func underProvisionedAboveNinetyPercentMemory(memory: Double, under: Bool) {
        let f = sizing(Fixture.compute("i-1", tier: 3), Fixture.usage("i-1", cpu: [0.5], memoryMax: memory))
        #expect((f?.kind == .underProvisioned) == under)
    }

    @Test func noLargerSizeStillWarnsWithoutPrice() throws {
        let f = try #require(sizing(Fixture.compute("i-1", tier: 3, type: "m5.4xlarge"), Fixture.usage("i-1", cpu: [0.95])))
        #expect(f.kind == .underProvisioned && f.monthlySavings == 0)
    }
}
