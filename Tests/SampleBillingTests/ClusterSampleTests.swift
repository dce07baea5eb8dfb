import CostModel
import Foundation
import Testing
@testable import SampleBilling

/// The sample cluster: nodes among the compute, samples for every container, and the planted
/// request cases on the side of their thresholds that sample-billing/README.md says.
@Suite("The sample cluster")
struct ClusterSampleTests {
    static let samples: [ContainerUsageSample] = {
        var all: [ContainerUsageSample] = []
        Fixtures.defaultOrganisation.forEachContainerUsageSample { all.append($0) }
        return all
    }()

    static func of(_ workload: String) -> [ContainerUsageSample] { samples.filter { $0.workload == workload } }

    @Test("three m5.2xlarge nodes in the inventory, billed; every sample names one of them")
    func nodes() {
        let nodes = Fixtures.defaultOrganisation.resources.filter { $0.id.hasPrefix("i-k8s-node-") }
        #expect(nodes.map(\.id) == ["i-k8s-node-01", "i-k8s-node-02", "i-k8s-node-03"])
        #expect(nodes.allSatisfy { $0.vcpus == 8 && $0.memoryGiB == 32 && $0.team == "platform" && $0.kind == .compute })
        #expect(Set(Self.samples.compactMap(\.nodeResourceId)) == Set(nodes.map(\.id)))
        var billed: Set<String> = []
        Fixtures.defaultOrganisation.forEachBillingLineItem { if let id = $0.resourceId, id.hasPrefix("i-k8s-node-") { billed.insert(id) } }
        #expect(billed == Set(nodes.map(\.id)))
    }

    @Test("a DaemonSet pod on each node, the Job only from 01 to 05 UTC, the bare pod without requests on two days")
    func kinds() {
        let exporter = Self.of("node-exporter")
        #expect(Set(exporter.map(\.nodeResourceId)).count == 3 && Set(exporter.map(\.pod)).count == 3)
        let job = Self.of("nightly-export")
        #expect(!job.isEmpty && job.allSatisfy { (1..<5).contains(UTCClock.hour(UTCClock.seconds($0.sampledAt))) })
        #expect(job.allSatisfy { $0.workloadKind == "Job" })
        let debug = Self.of("debug-shell")
        #expect(debug.count == 48 && debug.allSatisfy { $0.cpuRequestCores == nil && $0.memoryRequestBytes == nil && $0.labels.isEmpty })
        #expect(debug.allSatisfy { $0.workloadKind == "Pod" })
    }

    @Test("planted: cart over-requests CPU, search over-requests memory, notifier runs above its CPU request, checkout near its memory limit, storefront well sized")
    func planted() {
        let gib = SampleCluster.gib
        let cart = Self.of("cart")
        #expect(cart.allSatisfy { Double($0.cpuUsageCores!) <= 0.36 && $0.cpuRequestCores == 2 })
        let search = Self.of("search")
        #expect(search.allSatisfy { $0.memoryUsageBytes! <= 1.65 * gib && $0.memoryRequestBytes == 8 * gib })
        let notifier = Self.of("notifier")
        #expect(notifier.allSatisfy { $0.cpuUsageCores! > $0.cpuRequestCores! })
        let checkout = Self.of("checkout")
        #expect(checkout.allSatisfy { $0.memoryUsageBytes! > 0.9 * $0.memoryLimitBytes! })
        let storefront = Self.of("storefront")
        #expect(storefront.allSatisfy {
            $0.cpuUsageCores! <= $0.cpuRequestCores! && $0.memoryUsageBytes! * 1.15 >= $0.memoryRequestBytes!
                && $0.memoryUsageBytes! < 0.9 * $0.memoryLimitBytes!
        })
        #expect(Fixtures.defaultOrganisation.plantedContainers.map(\.resourceId) == [
            "k8s://prod-eks/commerce/Deployment/cart/app", "k8s://prod-eks/storefront/Deployment/search/api",
            "k8s://prod-eks/platform/Deployment/notifier/worker", "k8s://prod-eks/storefront/Deployment/checkout/web",
            "k8s://prod-eks/storefront/Deployment/storefront/web",
        ])
    }

    @Test("the same options give the same container samples")
    func deterministic() {
        var again: [ContainerUsageSample] = []
        SampleOrganisation(options: Fixtures.defaultOrganisation.options, catalog: Fixtures.catalog)
            .forEachContainerUsageSample { again.append($0) }
        #expect(again == Self.samples)
    }
}
