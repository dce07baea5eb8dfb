import Foundation
import Testing
@testable import CostModel

@Suite struct ModernizeRuleTests {
    static let catalog: [InstanceType] = [
        Fixture.type("m4.large", 2, 8, Decimal(string: "0.10")!),
        Fixture.type("m4.2xlarge", 8, 32, Decimal(string: "0.40")!),
        Fixture.type("m5.large", 2, 8, Decimal(string: "0.096")!),
        Fixture.type("m5.xlarge", 4, 16, Decimal(string: "0.192")!),
        Fixture.type("m5.2xlarge", 8, 32, Decimal(string: "0.384")!),
        Fixture.type("m5a.large", 2, 8, Decimal(string: "0.086")!),
        Fixture.type("m7i.large", 2, 8, Decimal(string: "0.1008")!),
        Fixture.type("m6g.large", 2, 8, Decimal(string: "0.05")!, arch: "arm64"),
        Fixture.type("t2.large", 2, 8, Decimal(string: "0.0928")!),
        Fixture.type("t3.large", 2, 8, Decimal(string: "0.0832")!),
        Fixture.type("c4.large", 2, Decimal(string: "3.75")!, Decimal(string: "0.10")!),
        Fixture.type("c5.large", 2, 4, Decimal(string: "0.10")!),
        Fixture.type("r4.large", 2, Decimal(string: "15.25")!, Decimal(string: "0.133")!),
        Fixture.type("r5.large", 2, 16, Decimal(string: "0.126")!),
        Fixture.type("r5a.medium", 1, 16, Decimal(string: "0.05")!, family: "r5a"),
    ]

    func run(_ resources: [Resource], usage: [UsageSummary] = [], policy: FindingsPolicy = .default) -> FindingsResult {
        Fixture.run(resources, usage: usage, policy: policy, catalog: Self.catalog)
    }

    func modernize(_ type: String, tier: Int = 2, kind: ResourceKind = .compute) -> Finding? {
        run([Fixture.compute("i-1", tier: tier, type: type, kind: kind)]).findings.first { $0.kind == .modernize }
    }

    @Test func previousGenerationMovesToTheCheapestCurrentReplacement() throws {
        // m4.large 0.10/h: m5a.large 0.086 is the cheapest current x86 type with 2 vCPU and 8 GiB
        // (m6g is cheaper but arm64); saving = 730 × (1 − 0.86) = 102.2.
        let f = try #require(modernize("m4.large"))
        #expect(f.action == .modernize && f.confidence == .high && f.phase == 3)
        #expect(f.evidence.recommendedSize?.instanceType == "m5a.large")
        #expect(f.remainingCostFactor == Decimal(string: "0.86"))
        #expect(f.monthlySavings == Decimal(string: "102.2"))
        #expect(f.evidence.formula.contains("price ratio 0.086 ÷ 0.1 = 0.86"), "\(f.evidence.formula)")
        // Structured steps: the replacement and both list prices are values, the saving ends the formula.
        #expect(f.evidence.steps.contains { $0.values == [.exact(Decimal(string: "0.086")!), .exact(Decimal(string: "0.1")!), .rounded(Decimal(string: "0.86")!, digits: 4)] })
        #expect(f.evidence.steps.contains { $0.values.contains(.name("m5a.large")) })
        #expect(f.evidence.steps.last?.values.last == .money(Decimal(string: "102.2")!, currency: "USD"))
    }

    @Test func databasesToo() throws {
        let f = try #require(modernize("r4.large", kind: .database))
        #expect(f.evidence.recommendedSize?.instanceType == "r5.large", "r5a.medium is cheaper but has 1 vCPU")
    }

    @Test func currentGenerationIsNeverFlaggedEvenWhenSomethingIsCheaper() {
        #expect(modernize("m5.large") == nil, "m5 is current generation although m5a is cheaper")
        #expect(modernize("t2.large") == nil, "AWS lists t2 as current generation")
    }

    @Test func theReplacementMustBeStrictlyCheaper() {
        // c4.large 0.10 → c5.large also 0.10: no saving, no finding.
        #expect(modernize("c4.large") == nil)
    }

    @Test func otherProvidersNeedATable() {
        var r = Fixture.compute("i-1", tier: 2, type: "m4.large")
        r.providerName = "Azure"
        #expect(run([r]).findings.allSatisfy { $0.kind != .modernize })
    }

    @Test func needsNoUtilisation() {
        let kinds = run([Fixture.compute("i-1", tier: 2, type: "m4.large")]).findings.map(\.kind)
        #expect(kinds.contains(.insufficientData) && kinds.contains(.modernize))
    }

    @Test func rightSizingAPreviousGenerationPicksTheCurrentOneAndReplacesModernize() throws {
        // tier 2 m4.2xlarge at p95 15 %: needs 1.9 vCPU → m5a.large (a current generation), and the
        // plan keeps only that one instance-type change.
        let result = run([Fixture.compute("i-1", tier: 2, type: "m4.2xlarge")],
                         usage: [Fixture.usage("i-1", cpu: [0.15], memoryMax: 0.2)])
        let sizing = try #require(result.findings.first { $0.kind == .overProvisioned })
        let modern = try #require(result.findings.first { $0.kind == .modernize })
        #expect(sizing.evidence.recommendedSize?.instanceType == "m5a.large")
        #expect(modern.evidence.recommendedSize?.instanceType == "m5.2xlarge")
        #expect(result.plan.steps.map(\.kind) == [.overProvisioned])
        #expect(result.plan.exclusions.contains { $0.findingId == modern.id && $0.reason.contains("current generation") })
        #expect(result.plan.monthlyTotal["USD"] == sizing.monthlySavings)
    }

    @Test func aPreviousGenerationThatNeedsItsSizeIsModernizedNotRightSized() {
        // m4.large at p95 50 %: needs 1.54 vCPU; m5a.large (2 vCPU) is cheaper but no smaller.
        let kinds = run([Fixture.compute("i-1", tier: 2, type: "m4.large")],
                        usage: [Fixture.usage("i-1", cpu: [0.5], memoryMax: 0.5)]).findings.map(\.kind)
        #expect(kinds == [.modernize])
    }

    @Test func tierPolicyCanForbidIt() {
        var policy = FindingsPolicy.default
        policy.tiers.tier2.allowedActions.removeAll { $0 == .modernize }
        #expect(run([Fixture.compute("i-1", tier: 2, type: "m4.large")], policy: policy).findings.allSatisfy { $0.kind != .modernize })
    }

    @Test func previousGenerationTableIsReadFromThePolicy() throws {
        let yaml = #"{"modernize": {"previous_generations": {"Azure": {"dv2": ["dv5"]}}}}"#
        let policy = try JSONDecoder().decode(FindingsPolicy.self, from: Data(yaml.utf8))
        #expect(policy.modernize.replacements(provider: "azure", family: "DV2") == ["dv5"])
        #expect(policy.modernize.replacements(provider: "AWS", family: "m4") == nil, "a table given replaces the built-in one")
        #expect(FindingsPolicy.default.modernize.replacements(provider: "aws", family: "m4")?.first == "m5")
        #expect(FindingsPolicy.default.modernize.replacements(provider: "AWS", family: "m5") == nil)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(FindingsPolicy.self, from: Data(#"{"modernize": {"previous_generations": {"AWS": {"m4": []}}}}"#.utf8))
        }
    }
}
