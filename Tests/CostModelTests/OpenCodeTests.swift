import CostModel
import Foundation
import Testing

@Suite("Typed domain values")
struct OpenCodeTests {
    @Test func codesCompareCaseInsensitivelyButKeepTheirText() {
        let state = ResourceState(rawValue: "Stopped")
        #expect(state == .stopped)
        #expect(state.rawValue == "Stopped")
        #expect(state != .running)
        #expect(Set<ResourceState>(["stopped", "STOPPED", "running"]).count == 2)
        #expect(ChargeCategory(rawValue: "credit") == .credit)
        #expect(PricingModel(rawValue: "ON_DEMAND") == .onDemand)
    }

    @Test func unknownCodesStayRepresentable() {
        let kind = ResourceKind(rawValue: "kubernetes_node")
        #expect(kind.rawValue == "kubernetes_node")
        #expect(!kind.isContractKind)
        #expect(ResourceKind.database.isContractKind && ResourceKind.database.isMachine)
        #expect(!ResourceKind.volume.isMachine)
        let resource = Resource(id: "x", kind: kind, storageClass: "snapshot")
        #expect(resource.isSnapshot)
        #expect(!Resource(id: "v", kind: .volume, storageClass: "snapshot").isSnapshot)
    }

    @Test func codesRoundTripThroughJSONAsTheirText() throws {
        let data = try JSONEncoder().encode([PricingCategory.dynamic, "Spot-Block"])
        #expect(String(decoding: data, as: UTF8.self) == #"["Dynamic","Spot-Block"]"#)
        #expect(try JSONDecoder().decode([PricingCategory].self, from: data) == [.dynamic, "spot-block"])
    }

    @Test func levelsAreRankedByTheirOrderNotTheirText() {
        #expect(FindingLevel.low < .medium && FindingLevel.medium < .high)
        #expect(FindingLevel.allCases.max() == .high)
        #expect(FindingLevel.allCases.sorted(by: >) == [.high, .medium, .low])
        #expect(FindingLevel.allCases.map(\.rank) == [1, 2, 3])
    }
}
