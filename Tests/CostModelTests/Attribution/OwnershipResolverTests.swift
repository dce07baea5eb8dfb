import Foundation
import Testing
@testable import CostModel

@Suite("Ownership resolution")
struct OwnershipResolverTests {
    let resolver = OwnershipResolver()

    @Test("inventory wins over tags")
    func inventoryFirst() {
        let resource = Resource(id: "i-1", kind: "compute", service: "orders", team: "shop", tier: 1, environment: "production")
        let owner = resolver.ownership(of: resource, chargeTags: ["service": "other", "team": "x", "tier": "3"])
        #expect(owner == Ownership(service: "orders", team: "shop", tier: 1, environment: "production", source: .inventory))
    }

    @Test("a nil inventory field falls back to tags, field by field")
    func fieldFallback() {
        let resource = Resource(id: "i-1", kind: "compute", service: "orders", tags: ["owner": "inventory-team"])
        let owner = resolver.ownership(of: resource, chargeTags: ["tier": "tier-2", "env": "staging"])
        #expect(owner.service == "orders")
        #expect(owner.source == .inventory)
        #expect(owner.team == "inventory-team")
        #expect(owner.tier == 2)
        #expect(owner.environment == "staging")
    }

    @Test("without inventory: tags with keys in priority order, case-insensitive")
    func tagsOnly() {
        let owner = resolver.ownership(of: nil, chargeTags: ["App": "search", "application": "ignored", "Owner": "core", "environment": "dev"])
        #expect(owner.service == "search")
        #expect(owner.team == "core")
        #expect(owner.source == .tags)
        #expect(owner.tier == nil)
        #expect(owner.environment == "dev")
    }

    @Test("configured keys replace the defaults")
    func customKeys() {
        let custom = OwnershipResolver(tagKeys: AttributionTagKeys(service: ["cost-center"], team: ["squad"]))
        let owner = custom.ownership(of: nil, chargeTags: ["service": "ignored", "cost-center": "billing", "squad": "payments"])
        #expect(owner.service == "billing")
        #expect(owner.team == "payments")
    }

    @Test("nothing known is unallocated; blank values count as missing")
    func unallocated() {
        let owner = resolver.ownership(of: nil, chargeTags: ["service": "  ", "project": "x"])
        #expect(owner == Ownership(service: Ownership.unallocated, team: Ownership.unallocated, tier: nil, environment: nil, source: .unallocated))
    }

    @Test("an unknown tier tag is untiered with a diagnostic naming value and resource")
    func unknownTier() {
        let (owner, diagnostics) = resolver.resolve(resource: nil, resourceId: "vol-9", chargeTags: ["service": "a", "tier": "gold"])
        #expect(owner.tier == nil)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.code == "unknown_tier")
        #expect(diagnostics.first?.message.contains("gold") == true)
        #expect(diagnostics.first?.message.contains("vol-9") == true)
    }

    @Test("an inventory tier outside 1...4 falls back to tags and is reported")
    func invalidInventoryTier() {
        let resource = Resource(id: "db-1", kind: "database", service: "ledger", tier: 7)
        let untagged = resolver.resolve(resource: resource, resourceId: "db-1", chargeTags: [:])
        #expect(untagged.ownership.tier == nil)
        #expect(untagged.diagnostics.map(\.code) == ["invalid_inventory_tier"])
        #expect(untagged.diagnostics.first?.message.contains("7") == true)
        let tagged = resolver.resolve(resource: resource, resourceId: "db-1", chargeTags: ["tier": "batch"])
        #expect(tagged.ownership.tier == 3)
    }

    @Test("values are trimmed of Unicode spaces; keys match case-insensitively whatever their script")
    func trimmingAndCaseOfAnyScript() {
        #expect(OwnershipResolver.nonBlank("\u{00A0}orders\u{2028}") == "orders")
        #expect(OwnershipResolver.nonBlank(" \n\t") == nil)
        #expect(OwnershipResolver.nonBlank("pay ments") == "pay ments")
        for key in ["Team", "TEAM", "tEAm", "İTEAM", "ÉQUIPE", "équipe", "team "] {
            for lowered in ["team", "i̇team", "équipe", "équipe "] {
                #expect(OwnershipResolver.sameLowercased(key, lowered) == (key.lowercased() == lowered), "\(key) \(lowered)")
            }
        }
    }
}
