import Foundation

/// Resolves who owns a charge or a resource:
/// 1. a resource found in the inventory gives its service, team, tier and environment; each field
///    that the inventory leaves empty (nil, or a tier outside 1...4) falls back to the tags;
/// 2. otherwise the tags (the charge's tags first, then the inventory record's own tags), with the
///    configured keys in priority order;
/// 3. what is still unknown is `(unallocated)` (service, team), untiered (tier) or nil (environment).
///
/// Tier text is normalised by `TierNormalizer`; a value it does not know, or an inventory tier
/// outside 1...4, leaves the tier unknown and yields an `unknown_tier` / `invalid_inventory_tier`
/// diagnostic naming the value and the resource.
public struct OwnershipResolver: Sendable {
    public var tagKeys: AttributionTagKeys

    public init(tagKeys: AttributionTagKeys = AttributionTagKeys()) {
        self.tagKeys = tagKeys
    }

    /// The owner of a charge on `resource` (nil when the resource is not in the inventory) with
    /// `chargeTags`; diagnostics are dropped (use `resolve` to keep them).
    public func ownership(of resource: Resource?, chargeTags: [String: String]) -> Ownership {
        resolve(resource: resource, resourceId: resource?.id, chargeTags: chargeTags).ownership
    }

    /// The owner plus the data problems found on the way.
    /// - Parameter resourceId: names the resource in diagnostics when `resource` is nil.
    public func resolve(
        resource: Resource?, resourceId: String?, chargeTags: [String: String]
    ) -> (ownership: Ownership, diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let name = resource?.id ?? resourceId ?? "(no resource)"
        let tagSources = [chargeTags, resource?.tags ?? [:]]

        let inventoryService = resource?.service.flatMap(Self.nonBlank)
        let tagService = Self.lookup(tagKeys.service, in: tagSources)
        let service = inventoryService ?? tagService
        let source: Ownership.Source = inventoryService != nil ? .inventory
            : tagService != nil ? .tags : .unallocated

        let team = resource?.team.flatMap(Self.nonBlank) ?? Self.lookup(tagKeys.team, in: tagSources)
        let environment = resource?.environment.flatMap(Self.nonBlank)
            ?? Self.lookup(tagKeys.environment, in: tagSources)

        var tier: Int?
        if let stored = resource?.tier {
            tier = TierNormalizer.validated(stored)
            if tier == nil {
                diagnostics.append(Diagnostic(
                    .warning, code: "invalid_inventory_tier",
                    "Resource \(name) has tier \(stored) in the inventory, outside 1...4; tags are used instead, else it is untiered."))
            }
        }
        if tier == nil, let text = Self.lookup(tagKeys.tier, in: tagSources) {
            tier = TierNormalizer.tier(from: text)
            if tier == nil {
                diagnostics.append(Diagnostic(
                    .warning, code: "unknown_tier",
                    "Resource \(name) has tier tag '\(text)', which is not a known tier spelling; it is reported as untiered."))
            }
        }

        let ownership = Ownership(
            service: service ?? Ownership.unallocated, team: team ?? Ownership.unallocated,
            tier: tier, environment: environment, source: source)
        return (ownership, diagnostics)
    }

    /// The first non-blank value for `keys` (in order), searching each tag set in order. An exact
    /// key match wins over a case-insensitive one, which wins over the key with a user-tag prefix
    /// (`user:team` for `team`: AWS writes user-defined cost allocation tags so in CUR and FOCUS
    /// exports). Provider system tags (`aws:createdBy`, any other `prefix:`) never match a key.
    static func lookup(_ keys: [String], in tagSets: [[String: String]]) -> String? {
        for tags in tagSets where !tags.isEmpty {
            for key in keys {
                for candidate in [key, userTagPrefix + key] {
                    if let value = tags[candidate].flatMap(nonBlank) { return value }
                    let lowered = candidate.lowercased()
                    let matches = tags.filter { sameLowercased($0.key, lowered) }.sorted { $0.key < $1.key }
                    if let value = matches.lazy.compactMap({ nonBlank($0.value) }).first { return value }
                }
            }
        }
        return nil
    }

    /// The prefix under which providers export user-defined tags (`user:team`).
    static let userTagPrefix = "user:"

    static func nonBlank(_ text: String) -> String? {
        // Most values neither start nor end with a space: then trimming would return them as they are.
        if let first = text.unicodeScalars.first, let last = text.unicodeScalars.last,
           !CharacterSet.whitespacesAndNewlines.contains(first), !CharacterSet.whitespacesAndNewlines.contains(last) {
            return text
        }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }

    /// `key.lowercased() == lowered`, without lowercasing an ASCII key whose length differs
    /// (lowercasing keeps an ASCII text's length).
    static func sameLowercased(_ key: String, _ lowered: String) -> Bool {
        if key.utf8.count != lowered.utf8.count && key.utf8.allSatisfy({ $0 < 0x80 }) { return false }
        return key.lowercased() == lowered
    }
}
