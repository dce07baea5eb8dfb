import Testing
@testable import CostModel

/// Provider exports write user-defined tags with a `user:` prefix (AWS CUR and FOCUS); the
/// configured attribution keys match them, provider system tags (`aws:`) never do.
@Suite struct UserTagPrefixTests {
    let resolver = OwnershipResolver()

    @Test func userPrefixedTagsMatchTheConfiguredKeys() {
        let owner = resolver.ownership(of: nil, chargeTags: ["user:team": "payments", "user:Service": "checkout", "user:tier": "1"])
        #expect(owner.team == "payments")
        #expect(owner.service == "checkout")
        #expect(owner.tier == 1)
    }

    @Test func plainKeyWinsOverThePrefixedOneAndSystemTagsAreNotOwners() {
        #expect(resolver.ownership(of: nil, chargeTags: ["user:team": "a", "team": "b"]).team == "b")
        let system = resolver.ownership(of: nil, chargeTags: ["aws:team": "x", "aws:createdBy": "root", "aws:cloudformation:stack-name": "s"])
        #expect(system.team == Ownership.unallocated)
        #expect(system.service == Ownership.unallocated)
    }
}
