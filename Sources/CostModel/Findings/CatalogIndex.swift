import Foundation

/// The instance-type catalog, indexed for size lookups and right-sizing choices.
struct CatalogIndex: Sendable {
    private let byKey: [String: InstanceType]
    /// The catalog by market (provider, region, currency, architecture), sorted by name, each
    /// entry with its family: what `alternatives` chooses from, normalised once.
    private let byMarket: [String: [(type: InstanceType, family: String)]]

    init(_ catalog: [InstanceType]) {
        var byKey: [String: InstanceType] = [:]
        var byMarket: [String: [(type: InstanceType, family: String)]] = [:]
        for type in catalog.sorted(by: { $0.name < $1.name }) {
            byKey[Self.key(type.providerName, type.regionId, type.name)] = type
            byMarket[Self.market(of: type), default: []].append((type, Self.family(of: type)))
        }
        self.byKey = byKey
        self.byMarket = byMarket
    }

    /// Provider and region (case-insensitive), currency and architecture (case-insensitive; a
    /// missing one only matches a missing one).
    private static func market(of type: InstanceType) -> String {
        "\(type.providerName.lowercased())|\(type.regionId.lowercased())|\(type.currency)|\(type.arch.map { "=" + $0.lowercased() } ?? "none")"
    }

    private static func key(_ provider: String?, _ region: String?, _ name: String) -> String {
        "\((provider ?? "").lowercased())|\((region ?? "").lowercased())|\(name)"
    }

    /// The family of a catalog entry: its `family` column, else the part of the name before the dot.
    static func family(of type: InstanceType) -> String {
        let column = type.family.trimmingCharacters(in: .whitespaces)
        if !column.isEmpty { return column }
        return String(type.name.split(separator: ".", maxSplits: 1).first ?? Substring(type.name))
    }

    /// The catalog entry of the resource's instance type in its provider and region.
    func type(of resource: Resource) -> InstanceType? {
        guard let name = resource.instanceType else { return nil }
        if let exact = byKey[Self.key(resource.providerName, resource.regionId, name)] { return exact }
        return nil
    }

    /// Sizes that could replace `current`: same provider, region, currency and architecture, and
    /// the same family unless `allowOtherFamilies`. `families` (lowercased), when given, replaces
    /// the family rule: only those families (a previous generation's current replacements).
    func alternatives(to current: InstanceType, allowOtherFamilies: Bool, families: [String]? = nil) -> [InstanceType] {
        let family = Self.family(of: current)
        return (byMarket[Self.market(of: current)] ?? []).compactMap { candidate in
            guard candidate.type.name != current.name else { return nil }
            if let families { return families.contains(candidate.family.lowercased()) ? candidate.type : nil }
            return allowOtherFamilies || candidate.family == family ? candidate.type : nil
        }
    }

    /// The cheapest alternative covering `vcpus` and `memoryGiB` that is cheaper than `current`
    /// (ties: fewer vCPUs, less memory, then name). Nil when nothing cheaper fits.
    func cheapestCovering(vcpus: Decimal, memoryGiB: Decimal, replacing current: InstanceType,
                          allowOtherFamilies: Bool, families: [String]? = nil) -> InstanceType? {
        alternatives(to: current, allowOtherFamilies: allowOtherFamilies, families: families)
            .filter { $0.vcpus >= vcpus && $0.memoryGiB >= memoryGiB && $0.onDemandHourly < current.onDemandHourly }
            .min(by: Self.cheaperFirst)
    }

    /// The next size up in the family (or in `families`): the cheapest alternative with at least
    /// the current vCPUs and memory and more of what is short (`needsCPU`, `needsMemory`). Nil when
    /// none is larger.
    func nextSizeUp(from current: InstanceType, needsCPU: Bool, needsMemory: Bool, families: [String]? = nil) -> InstanceType? {
        alternatives(to: current, allowOtherFamilies: false, families: families)
            .filter { candidate in
                candidate.vcpus >= current.vcpus && candidate.memoryGiB >= current.memoryGiB
                    && (!needsCPU || candidate.vcpus > current.vcpus)
                    && (!needsMemory || candidate.memoryGiB > current.memoryGiB)
            }
            .min(by: Self.cheaperFirst)
    }

    private static func cheaperFirst(_ a: InstanceType, _ b: InstanceType) -> Bool {
        if a.onDemandHourly != b.onDemandHourly { return a.onDemandHourly < b.onDemandHourly }
        if a.vcpus != b.vcpus { return a.vcpus < b.vcpus }
        if a.memoryGiB != b.memoryGiB { return a.memoryGiB < b.memoryGiB }
        return a.name < b.name
    }
}
