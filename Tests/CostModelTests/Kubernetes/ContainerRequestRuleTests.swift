import Foundation
import Testing
@testable import CostModel

@Suite("Container request findings")
struct ContainerRequestRuleTests {
    typealias F = ContainerFixture

    @Test("rounding: CPU up to 10 millicores, memory up to 16 MiB, float noise ignored")
    func rounding() {
        #expect(RequestRounding.cpuMillicores(cores: 0.2) == 200)
        #expect(RequestRounding.cpuMillicores(cores: 0.2001) == 210)
        #expect(RequestRounding.cpuMillicores(cores: Double(Float(0.16)) / 0.8) == 200)
        #expect(RequestRounding.cpuMillicores(cores: 0) == 10)
        #expect(RequestRounding.memoryMiB(bytes: 128 * F.mebibyte) == 128)
        #expect(RequestRounding.memoryMiB(bytes: 115 * F.mebibyte) == 128)
        #expect(RequestRounding.memoryMiB(bytes: 128.5 * F.mebibyte) == 144)
        #expect(RequestRounding.memoryMiB(bytes: 0) == 16)
    }

    @Test("the CPU histogram reads a constant series back exactly and a spread one within a bucket")
    func histogram() {
        var constant = CoreHistogram()
        constant.add(bucket: F.bucket(0.16), count: 500)
        #expect(constant.percentile(95, minimum: 0.16, maximum: 0.16) == 0.16)
        var spread = CoreHistogram()
        for i in 1...1000 { spread.add(bucket: F.bucket(Double(i) / 1000), count: 1) }
        let p95 = spread.percentile(95, minimum: 0.001, maximum: 1)!
        #expect(abs(p95 - 0.95) / 0.95 < 0.0116)
        #expect(CoreHistogram().percentile(95, minimum: 0, maximum: 0) == nil)
    }

    @Test("CPU request at, below and above the tier's percentile ÷ target (tier 3: p95 ÷ 0.80 of 0.16 cores = 200m)",
          arguments: [(0.19, false), (0.2, false), (0.21, true)])
    func cpuThreshold(request: Double, finding: Bool) {
        let result = F.run([F.container("web", cpuRequest: request)])
        let found = F.containerFindings(result)
        #expect(found.map(\.kind) == (finding ? [.overProvisioned] : []))
        if finding {
            #expect(found[0].recommended == "requests cpu 210m → 200m per pod")
            #expect(found[0].action == .setRequests)
            #expect(found[0].resourceId == "k8s://prod/shop/Deployment/web/app")
        }
    }

    @Test("memory request at, below and above max working set × 1.15 (100 MiB → 115 → 128Mi)",
          arguments: [(112.0, false), (128.0, false), (144.0, true)])
    func memoryThreshold(request: Double, finding: Bool) {
        let found = F.containerFindings(F.run([F.container("web", memoryRequestMiB: request)]))
        #expect(found.map(\.kind) == (finding ? [.overProvisioned] : []))
        if finding { #expect(found[0].recommended == "requests memory 144Mi → 128Mi per pod") }
    }

    @Test("a request is lowered only when the recommendation is at least the minimum reduction below it (0.20: 200m of 250m)",
          arguments: [(0.24, false), (0.25, true), (0.26, true)])
    func minimumReduction(request: Double, finding: Bool) {
        var kubernetes = F.weights
        kubernetes.minimumRequestReduction = 0.2
        let found = F.containerFindings(F.run([F.container("web", cpuRequest: request)], kubernetes: kubernetes))
        #expect(found.map(\.kind) == (finding ? [.overProvisioned] : []))
        if finding { #expect(found[0].evidence.formula.contains("lowered only when the recommendation is at least 20% below the request")) }
    }

    @Test("the default minimum reduction (10 %) keeps a 140Mi request against 128Mi recommended and lowers 144Mi",
          arguments: [(140.0, false), (144.0, true)])
    func defaultMinimumReduction(request: Double, finding: Bool) {
        var kubernetes = F.weights
        kubernetes.minimumRequestReduction = KubernetesPolicy.defaultMinimumRequestReduction
        let found = F.containerFindings(F.run([F.container("web", memoryRequestMiB: request)], kubernetes: kubernetes))
        #expect(found.map(\.kind) == (finding ? [.overProvisioned] : []))
    }

    @Test("CPU above its request more than 5 % of the time (tier 3, p95) is under-provisioned; exactly 5 % is not",
          arguments: [(23, false), (24, false), (25, true)])
    func cpuUnderThreshold(busySamples: Int, finding: Bool) {
        // 480 samples: `busySamples` at 0.3 cores, the rest at 0.16 (request 200m).
        let cpu = Array(repeating: 0.3, count: busySamples) + Array(repeating: 0.16, count: 480 - busySamples)
        let found = F.containerFindings(F.run([F.container("api", cpu: cpu, samples: 480, interval: 5400)]))
        #expect(found.map(\.kind) == (finding ? [.underProvisioned] : []))
        if finding {
            #expect(found[0].recommended == "cpu request 380m per pod")
            #expect(found[0].monthlySavings < 0)
            #expect(found[0].evidence.formula.contains("CPU above its request 5.2% of the time vs 5% allowed"))
        }
    }

    @Test("working set above 90 % of the memory limit is under-provisioned; exactly 90 % is not",
          arguments: [(899.0, false), (900.0, false), (901.0, true)])
    func memoryLimitThreshold(maxMiB: Double, finding: Bool) {
        let found = F.containerFindings(F.run([F.container(
            "cache", memoryRequestMiB: 1000, memoryLimitMiB: 1000, memoryMaxMiB: maxMiB)]))
        #expect(found.map(\.kind) == (finding ? [.underProvisioned] : []))
        if finding {
            // 901 × 1.15 = 1036.15 MiB → 1040Mi: limit and request.
            #expect(found[0].recommended == "memory limit 1040Mi, memory request 1040Mi per pod")
        }
    }

    @Test("a well-sized container gets nothing; too few days is insufficient_data (tier 3 needs 14)")
    func wellSizedAndTooFewDays() {
        #expect(F.containerFindings(F.run([F.container("ok")])).isEmpty)
        let short = F.containerFindings(F.run([F.container("new", cpuRequest: 2, samples: 13 * 288, days: 13)]))
        #expect(short.map(\.kind) == [.insufficientData])
        #expect(short.first?.action == .collectData)
        #expect(short.first?.evidence.formula == "missing: 13 days with data, 14 needed")
    }

    @Test("tier 1 sizes at p99 ÷ 0.50 and never below the peak; tier from the namespace owner")
    func tierOne() {
        var kubernetes = F.weights
        kubernetes.namespaceOwners = ["pay": NamespaceOwner(service: "payments", team: "pay", tier: 1)]
        let cpu = Array(repeating: 0.1, count: 8639) + [0.9]
        let found = F.containerFindings(F.run(
            [F.container("ledger", namespace: "pay", tier: nil, cpuRequest: 2, cpu: cpu)], kubernetes: kubernetes))
        #expect(found.count == 1)
        // The label names the service; the namespace gives team and tier.
        #expect(found.first?.ownership == Ownership(service: "ledger", team: "pay", tier: 1, environment: nil, source: .labels))
        #expect(found.first?.recommended == "requests cpu 2000m → 900m per pod")
        #expect(found.first?.needsApproval == true)
    }

    @Test("the saving prices the freed requests at the node's own core-hour and GiB-hour, per pod and mean replicas")
    func saving() throws {
        // Node: 730/month = 1/h, split 0.24 : 0.08 → 0.75/h over 8 cores = 0.09375 per core-hour and
        // 0.25/h over 32 GiB = 0.0078125 per GiB-hour. Two pods all month (2 × 8640 samples of 300 s).
        let found = F.containerFindings(F.run([F.container(
            "web", cpuRequest: 0.5, memoryRequestMiB: 640, samples: 2 * 8640, pods: [2])]))
        let finding = try #require(found.first)
        // Freed 0.3 cores and 512 MiB = 0.5 GiB per pod.
        let expected = (Decimal(string: "0.3")! * Decimal(string: "0.09375")! + Decimal(string: "0.5")! * Decimal(string: "0.0078125")!) * 2 * 730
        #expect(finding.monthlySavings == expected)
        #expect(finding.currency == "USD")
        let monthly = (Decimal(string: "0.5")! * Decimal(string: "0.09375")! + Decimal(string: "0.625")! * Decimal(string: "0.0078125")!) * 2 * 730
        #expect(finding.monthlyCost == monthly)
        #expect(finding.evidence.formula.contains("replicas 2, mean 2 pods, sized per pod"))
        #expect(finding.evidence.formula.contains("0.09375 USD per core-hour, 0.007813 USD per GiB-hour"))
    }

    @Test("a workload whose replicas change is sized per pod with its replica range in the evidence")
    func replicaRange() throws {
        let found = F.containerFindings(F.run([F.container("burst", cpuRequest: 1, samples: 3 * 8640, pods: [2, 4])]))
        let finding = try #require(found.first)
        #expect(finding.recommended == "requests cpu 1000m → 200m per pod")
        #expect(finding.evidence.formula.contains("replicas 2–4, mean 3 pods, sized per pod"))
    }
}
