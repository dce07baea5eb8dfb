import Foundation
import Testing
@testable import CostModel

@Suite("The plan's node removal per cluster")
struct NodeRemovalTests {
    typealias F = ContainerFixture
    static let nodes = ["i-a", "i-b", "i-c"]
    /// Three nodes of 8 vCPU and 32 GiB (24 vCPU in all) costing 730, 1460 and 365 a month.
    static let charges = [Fixture.charge("i-a", 720), Fixture.charge("i-b", 1440), Fixture.charge("i-c", 360)]

    func run(_ containers: [ContainerUsageSummary], spotOnB: Bool = false) -> FindingsResult {
        F.run(containers, nodes: [F.node("i-a"), F.node("i-b", tier: spotOnB ? 3 : 2), F.node("i-c")], charges: Self.charges)
    }

    /// One container across the three nodes requesting `request` cores, using `usage` (tier 3: p95 ÷ 0.80).
    func container(request: Double, usage: Double) -> ContainerUsageSummary {
        F.container("batch", cpuRequest: request, cpu: [usage], nodes: Self.nodes)
    }

    func removal(_ result: FindingsResult) -> Finding? { result.findings.first { $0.action == .removeNodes } }

    @Test("busiest hour below or at what the other nodes hold: the most expensive node goes; above it, nothing",
          arguments: [(15.99, true), (16.0, true), (16.01, false)])
    func threshold(cores: Double, removed: Bool) throws {
        // A well-sized request (usage × 1/0.80 rounds to the request itself), so demand = request.
        let result = run([container(request: cores, usage: cores * 0.8)])
        #expect(F.containerFindings(result).isEmpty)
        let step = removal(result)
        #expect((step != nil) == removed)
        if let step {
            #expect(step.resourceId == "k8s://prod")
            #expect(step.removesResources == ["i-b"])
            #expect(step.monthlySavings == 1460)
            #expect(step.monthlyCost == 2555)
            #expect(step.recommended == "remove 1 node: i-b")
            #expect(result.plan.monthlyTotal["USD"] == 1460)
        }
    }

    @Test("freed requests let a node go that the current requests keep; the plan counts the node, not the requests")
    func freedRequests() throws {
        let before = run([container(request: 20, usage: 20)])
        #expect(removal(before) == nil)
        let result = run([container(request: 20, usage: 8)])
        let requests = try #require(F.containerFindings(result).first)
        #expect(requests.recommended == "requests cpu 20000m → 10000m per pod")
        #expect(requests.monthlySavings > 0)
        let step = try #require(removal(result))
        #expect(step.removesResources == ["i-b"])
        #expect(result.plan.steps.map(\.findingId) == [step.id])
        #expect(result.plan.monthlyTotal["USD"] == 1460)
        #expect(result.plan.exclusions.contains { $0.findingId == requests.id && $0.reason.contains("remove_nodes") })
        #expect(step.evidence.formula.contains("busiest hour after 1 containers' recommended requests: 10 cores"))
    }

    @Test("a removed node's own findings leave the plan: nothing is saved twice")
    func removedNodesFindingsDropped() throws {
        let result = run([container(request: 4, usage: 3.2)], spotOnB: true)
        let spot = try #require(result.findings.first { $0.resourceId == "i-b" && $0.kind == .spot })
        let step = try #require(removal(result))
        // 4 cores: i-b (1460) then i-a (730) go; i-c alone holds 8 ≥ 4.
        #expect(step.removesResources == ["i-b", "i-a"])
        #expect(step.monthlySavings == 2190)
        #expect(!result.plan.steps.contains { $0.findingId == spot.id })
        #expect(result.plan.exclusions.contains { $0.findingId == spot.id && $0.reason.contains("k8s://prod") })
        #expect(result.plan.monthlyTotal["USD"] == 2190)
    }

    @Test("memory holds nodes too: the busiest hour's GiB must fit")
    func memoryBound() throws {
        // 40 GiB requested and used: two nodes (64 GiB) are needed, so only one of three goes.
        let heavy = F.container("mem", cpuRequest: 1, memoryRequestMiB: 40 * 1024, cpu: [0.8], memoryMaxMiB: 40 * 1024 / 1.15,
                                nodes: Self.nodes)
        let step = try #require(removal(run([heavy])))
        #expect(step.removesResources == ["i-b"])
    }
}
