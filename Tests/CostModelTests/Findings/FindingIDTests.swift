import Testing
@testable import CostModel

@Suite struct FindingIDTests {
    @Test func idsAreStableAndDistinct() {
        let a = FindingID.make(resourceId: "i-1", kind: .unused)
        #expect(a == FindingID.make(resourceId: "i-1", kind: .unused))
        #expect(a != FindingID.make(resourceId: "i-1", kind: .spot))
        #expect(a != FindingID.make(resourceId: "i-2", kind: .unused))
        #expect(a.count == 16 && a.allSatisfy { $0.isHexDigit })
    }

    @Test func fnv1aMatchesTheReferenceValue() {
        // Computed independently (Python FNV-1a 64 of "i-0abc\0over_provisioned"); pins ids across releases.
        #expect(FindingID.make(resourceId: "i-0abc", kind: .overProvisioned) == Self.pinned)
    }

    static let pinned = "7b40552f03fa73f6"
}
