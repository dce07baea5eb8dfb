import Foundation
import Testing
@testable import CostModel

@Suite("Container ownership")
struct ContainerOwnershipTests {
    let owners = [
        "payments": NamespaceOwner(service: "payment-service", team: "payments", tier: 1, environment: "production"),
        "tools": NamespaceOwner(team: "platform"),
    ]
    var resolver: ContainerOwnershipResolver { ContainerOwnershipResolver(namespaceOwners: owners) }

    @Test("pod labels with the attribution keys win over the namespace, field by field")
    func labelsFirst() {
        let (owner, diagnostics) = resolver.resolve(
            namespace: "payments", labels: ["app": "refunds", "tier": "tier-2"], container: "c")
        #expect(owner == Ownership(service: "refunds", team: "payments", tier: 2, environment: "production", source: .labels))
        #expect(diagnostics.isEmpty)
    }

    @Test("app.kubernetes.io/name, then part-of, name the service after the configured keys")
    func recommendedLabels() {
        let both = ["app.kubernetes.io/part-of": "shop", "app.kubernetes.io/name": "cart"]
        #expect(resolver.resolve(namespace: "x", labels: both, container: "c").ownership.service == "cart")
        #expect(resolver.resolve(namespace: "x", labels: ["app.kubernetes.io/part-of": "shop"], container: "c").ownership.service == "shop")
        let configured = both.merging(["service": "checkout"]) { a, _ in a }
        #expect(resolver.resolve(namespace: "x", labels: configured, container: "c").ownership.service == "checkout")
        #expect(resolver.resolve(namespace: "x", labels: ["app.kubernetes.io/name": "cart"], container: "c").ownership.source == .labels)
    }

    @Test("no labels: the namespace owner")
    func namespaceOwner() {
        let owner = resolver.resolve(namespace: "payments", labels: [:], container: "c").ownership
        #expect(owner == Ownership(service: "payment-service", team: "payments", tier: 1, environment: "production", source: .namespace))
    }

    @Test("a namespace owner without a service leaves it unallocated but gives the team")
    func partialNamespace() {
        let owner = resolver.resolve(namespace: "tools", labels: ["env": "staging"], container: "c").ownership
        #expect(owner == Ownership(service: Ownership.unallocated, team: "platform", tier: nil, environment: "staging", source: .unallocated))
    }

    @Test("neither labels nor namespace: unallocated; blank labels count as missing")
    func unallocated() {
        let owner = resolver.resolve(namespace: "other", labels: ["app": " ", "pod-template-hash": "abc"], container: "c").ownership
        #expect(owner == Ownership(service: Ownership.unallocated, team: Ownership.unallocated, tier: nil, environment: nil, source: .unallocated))
    }

    @Test("configured tag keys apply to labels")
    func configuredKeys() {
        let custom = ContainerOwnershipResolver(
            tagKeys: AttributionTagKeys(service: ["component"], team: ["squad"]), namespaceOwners: owners)
        let owner = custom.resolve(namespace: "payments", labels: ["app": "ignored-key", "component": "ledger", "squad": "money"], container: "c").ownership
        #expect(owner.service == "ledger")
        #expect(owner.team == "money")
        // `app` is not a configured key any more, but the recommended labels still are.
        #expect(custom.resolve(namespace: "x", labels: ["app": "a", "app.kubernetes.io/name": "b"], container: "c").ownership.service == "b")
    }

    @Test("an unknown tier label: a diagnostic naming value and container; the namespace's tier applies")
    func unknownTier() {
        let (owner, diagnostics) = resolver.resolve(
            namespace: "payments", labels: ["tier": "gold"], container: "k8s://prod/payments/Deployment/api/app")
        #expect(owner.tier == 1)
        #expect(diagnostics.map(\.code) == ["unknown_tier"])
        #expect(diagnostics.first?.message.contains("gold") == true)
        #expect(diagnostics.first?.message.contains("k8s://prod/payments/Deployment/api/app") == true)
        #expect(resolver.resolve(namespace: "other", labels: ["tier": "gold"], container: "c").ownership.tier == nil)
    }
}

@Suite("Kubernetes policy decoding")
struct KubernetesPolicyTests {
    func decode(_ json: String) throws -> KubernetesPolicy {
        try JSONDecoder().decode(KubernetesPolicy.self, from: Data(json.utf8))
    }

    @Test("missing keys use the defaults")
    func defaults() throws {
        let policy = try decode("{}")
        #expect(policy == KubernetesPolicy())
        #expect(policy.namespaceOwners.isEmpty)
        #expect(policy.cpuHourlyWeight == Decimal(string: "0.031611"))
        #expect(policy.memoryGibHourlyWeight == Decimal(string: "0.004237"))
    }

    @Test("namespace owners with tiers as numbers or tag spellings; weights exact; round trip")
    func values() throws {
        let policy = try decode(#"""
        {"namespace_owners": {"shop": {"service": "web", "team": "shop", "tier": 1},
                              "batch": {"tier": "batch", "environment": "production"}},
         "cpu_hourly_weight": 0.05, "memory_gib_hourly_weight": "0.001", "minimum_request_reduction": 0.25}
        """#)
        #expect(policy.minimumRequestReduction == 0.25)
        #expect(try decode("{}").minimumRequestReduction == 0.10)
        #expect(policy.namespaceOwners["shop"] == NamespaceOwner(service: "web", team: "shop", tier: 1))
        #expect(policy.namespaceOwners["batch"] == NamespaceOwner(tier: 3, environment: "production"))
        #expect(policy.cpuHourlyWeight == Decimal(string: "0.05"))
        #expect(policy.memoryGibHourlyWeight == Decimal(string: "0.001"))
        let again = try JSONDecoder().decode(KubernetesPolicy.self, from: JSONEncoder().encode(policy))
        #expect(again == policy)
    }

    @Test("invalid values throw naming the key", arguments: [
        (#"{"cpu_hourly_weight": -1}"#, "cpu_hourly_weight"),
        (#"{"memory_gib_hourly_weight": "cheap"}"#, "memory_gib_hourly_weight"),
        (#"{"cpu_hourly_weight": 0, "memory_gib_hourly_weight": 0}"#, "both be 0"),
        (#"{"namespace_owners": {"shop": {"tier": 7}}}"#, "tier"),
        (#"{"namespace_owners": {" ": {"team": "x"}}}"#, "namespace_owners"),
        (#"{"minimum_request_reduction": 1.5}"#, "minimum_request_reduction"),
        (#"{"minimum_request_reduction": -0.1}"#, "minimum_request_reduction"),
    ])
    func invalid(json: String, key: String) {
        do {
            _ = try decode(json)
            Issue.record("\(json) was accepted")
        } catch let DecodingError.dataCorrupted(context) {
            #expect(context.debugDescription.contains(key), "\(context.debugDescription)")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }
}
