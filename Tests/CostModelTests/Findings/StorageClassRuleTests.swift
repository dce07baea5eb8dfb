import Foundation
import Testing
@testable import CostModel

@Suite struct StorageClassRuleTests {
    @Test func gp2VolumesMoveToGp3() throws {
        let volume = Resource(id: "vol-1", kind: "volume", tier: 2, storageGiB: 500, storageClass: "gp2",
                              state: "in-use", attachedTo: "i-1")
        let f = try #require(Fixture.findings([volume]).first)
        #expect(f.kind == .storageClass && f.recommended == "gp3")
        #expect(f.monthlySavings == 730 * Decimal(string: "0.2")!)
        #expect(f.confidence == .high)
        #expect(Fixture.findings([Resource(id: "vol-2", kind: "volume", tier: 2, storageClass: "gp3", state: "in-use", attachedTo: "i-1")]).isEmpty)
    }

    @Test(arguments: [(90.0, false), (91.0, true)])
    func snapshotsOlderThanNinetyDaysAreArchived(age: Double, archived: Bool) {
        let snapshot = Resource(id: "snap-1", kind: "snapshot", tier: 3, storageClass: "standard",
                                createdAt: Fixture.window.end.addingTimeInterval(-age * 86_400))
        #expect(Fixture.findings([snapshot]).contains { $0.kind == .storageClass && $0.recommended == "archive" } == archived)
    }

    @Test(arguments: [(99.0, true), (100.0, false)])
    func rarelyReadObjectStorageGoesToInfrequentAccess(requests: Double, moved: Bool) {
        let bucket = Resource(id: "bucket-1", kind: "object_storage", tier: 3, storageClass: "standard")
        let found = Fixture.findings([bucket], usage: [Fixture.usage("bucket-1", requests: requests)])
        #expect(found.contains { $0.kind == .storageClass && $0.recommended == "infrequent_access" } == moved)
    }

    @Test func objectStorageWithoutUsageIsInsufficientData() {
        let bucket = Resource(id: "bucket-1", kind: "object_storage", tier: 3, storageClass: "standard")
        #expect(Fixture.findings([bucket]).map(\.kind) == [.insufficientData])
    }
}
