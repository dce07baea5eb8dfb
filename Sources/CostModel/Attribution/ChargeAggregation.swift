import Foundation

/// The owner key of a row: service, team, tier, environment.
struct OwnerKey: Hashable, Comparable {
    var service: String
    var team: String
    var tier: Int?
    var environment: String?

    static let shared = OwnerKey(service: Ownership.shared, team: Ownership.shared, tier: nil, environment: nil)

    static func < (a: OwnerKey, b: OwnerKey) -> Bool {
        (a.service, a.team, a.tier ?? 99, a.environment ?? "") < (b.service, b.team, b.tier ?? 99, b.environment ?? "")
    }
}

/// One pass over the charges of a window: everything summed by the keys the views need. Its size
/// depends on currencies × owners, days × services and resources, not on the number of charges.
struct ChargeAggregation {
    struct CurrencyKey: Hashable { var currency: String; var owner: OwnerKey }
    struct DayKey: Hashable { var currency: String; var day: Date; var service: String; var tier: Int? }
    struct InvoiceKey: Hashable { var account: String; var invoice: String?; var currency: String }
    struct ResourceKey: Hashable { var currency: String; var resourceId: String }

    /// A resource with money but no known service, team or tier. Its service and team are the
    /// known ones of its latest charge day (on the same day, the first in text order), so they do
    /// not depend on the order in which the charges arrive.
    struct Untagged {
        var amounts = CostAmounts.zero
        var missing: Set<String> = []
        var service = Ownership.unallocated
        var team = Ownership.unallocated
        var serviceDay: Date?
        var teamDay: Date?
        var inInventory = false

        /// Adds `other`'s charges (met before or after this one's: the result is the same).
        mutating func merge(_ other: Untagged) {
            amounts += other.amounts
            missing.formUnion(other.missing)
            if let day = other.serviceDay { Self.keep(other.service, of: day, in: &service, day: &serviceDay) }
            if let day = other.teamDay { Self.keep(other.team, of: day, in: &team, day: &teamDay) }
            inInventory = inInventory || other.inInventory
        }

        mutating func update(
            _ more: CostAmounts, owner: Ownership, day: Date, serviceKnown: Bool, teamKnown: Bool, tierKnown: Bool,
            inInventory: Bool
        ) {
            amounts += more
            if !serviceKnown { missing.insert("service") }
            if !teamKnown { missing.insert("team") }
            if !tierKnown { missing.insert("tier") }
            if serviceKnown { Self.keep(owner.service, of: day, in: &service, day: &serviceDay) }
            if teamKnown { Self.keep(owner.team, of: day, in: &team, day: &teamDay) }
            self.inInventory = self.inInventory || inInventory
        }

        /// Keeps `value` of `day` when that day is later than `current`'s, or the same day and
        /// `value` comes first in text order.
        private static func keep(_ value: String, of day: Date, in current: inout String, day currentDay: inout Date?) {
            if let kept = currentDay, day < kept || (day == kept && current <= value) { return }
            current = value
            currentDay = day
        }
    }

    /// Per currency and owner: the money and the line items.
    var owned: [CurrencyKey: (amounts: CostAmounts, lines: Int)] = [:]
    var shared: [String: CostAmounts] = [:]
    var sharedLines: [String: Int] = [:]
    /// Per currency: the sums of its invoices (filled after the last charge).
    var totals: [String: CostAmounts] = [:]
    var lines: [String: Int] = [:]
    var daily: [DayKey: CostAmounts] = [:]
    var invoices: [InvoiceKey: (amounts: CostAmounts, lines: Int)] = [:]
    var untagged: [ResourceKey: Untagged] = [:]
    /// Per currency, from `owned` (filled after the last charge).
    var coverage: [String: TagCoverage] = [:]
    var diagnostics: Set<Diagnostic> = []
    /// What a resource's charges need, looked up once per dimension set (`Series`): whether the
    /// resource is in the inventory, whether its charges are split over containers, and its owners
    /// already resolved per charge tags (resolving trims and normalises tag values; a resource's
    /// sets differ mostly by invoice, not by tags).
    private struct KnownResource {
        var inInventory: Bool
        var splits: Bool
        var owners: [(chargeTags: [String: String], ownership: Ownership)] = []
    }
    private var resources: [String: KnownResource] = [:]

    /// The charges of one `ChargeDimensions` instance met so far: a resource's days read from the
    /// database share one (`BillingStore`). Their sums go into the per-invoice, per-owner and
    /// untagged sums once, after the last charge (`flush`); only the per-day sums and the node
    /// splits are kept charge by charge. (Decimal sums are exact, and an untagged spender keeps
    /// what its latest day says, so summing a set's days first changes nothing.)
    private struct Series {
        let dimensions: ChargeDimensions
        /// nil for shared cost (no resource).
        let owner: Ownership?
        let inInventory: Bool
        let splits: Bool
        var amounts = CostAmounts.zero
        var lines = 0
        /// The charges owned as a whole (not split over containers): their sum, lines and latest
        /// day (nil while there is none).
        var owned = CostAmounts.zero
        var ownedLines = 0
        var latestOwnedDay: Date?
    }
    private var series: [Series] = []
    private var seriesIndex: [ObjectIdentifier: Int] = [:]

    /// Node charges split over containers: per currency, workload slot (workload, owner, cluster)
    /// its CPU and memory parts; per currency and node its cost and the idle part of it.
    var workloadCosts: [WorkloadCostKey: (cpu: CostAmounts, memory: CostAmounts)] = [:]
    var nodeCosts: [NodeCostKey: (amounts: CostAmounts, idleEffective: Decimal)] = [:]
    struct WorkloadCostKey: Hashable { var currency: String; var workload: WorkloadKey?; var cluster: String; var owner: OwnerKey }
    struct NodeCostKey: Hashable { var currency: String; var node: String }

    /// Aggregates `charges`; from `parallelFrom` charges on, the first and second half on two
    /// threads, then merged (Decimal sums are exact and the untagged spenders' fields do not depend
    /// on the order of the charges, so nothing depends on the split).
    init(charges: [ChargeGroup], inventory: [String: Resource], resolver: OwnershipResolver,
         containers: ContainerAllocation? = nil, parallelFrom: Int = 20_000) {
        if charges.count >= parallelFrom {
            let middle = charges.count / 2
            let (first, second) = concurrently({
                ChargeAggregation(slice: charges[..<middle], inventory: inventory, resolver: resolver, containers: containers)
            }, {
                ChargeAggregation(slice: charges[middle...], inventory: inventory, resolver: resolver, containers: containers)
            })
            self = first
            merge(second)
        } else {
            self.init(slice: charges[...], inventory: inventory, resolver: resolver, containers: containers)
        }
        // Sums of sums (Decimal addition of these amounts is exact, so the order does not matter):
        // fewer additions per charge than keeping them up to date charge by charge.
        for (key, invoice) in invoices {
            totals[key.currency, default: .zero] += invoice.amounts
            lines[key.currency, default: 0] += invoice.lines
        }
        for (key, entry) in owned { coverage[key.currency, default: TagCoverage(currency: key.currency)].add(entry.amounts, of: key.owner) }
    }

    private init(slice: ArraySlice<ChargeGroup>, inventory: [String: Resource], resolver: OwnershipResolver,
                 containers: ContainerAllocation?) {
        for charge in slice { add(charge, inventory: inventory, resolver: resolver, containers: containers) }
        flush()
    }

    /// Adds the sums of the charges that came after this aggregation's.
    private mutating func merge(_ later: ChargeAggregation) {
        for (key, entry) in later.owned {
            Self.modify(&owned[key, default: (.zero, 0)]) { $0.amounts += entry.amounts; $0.lines += entry.lines }
        }
        for (key, amounts) in later.shared { shared[key, default: .zero] += amounts }
        for (key, count) in later.sharedLines { sharedLines[key, default: 0] += count }
        for (key, amounts) in later.daily { daily[key, default: .zero] += amounts }
        for (key, invoice) in later.invoices {
            Self.modify(&invoices[key, default: (.zero, 0)]) { $0.amounts += invoice.amounts; $0.lines += invoice.lines }
        }
        for (key, spender) in later.untagged {
            untagged[key, default: Untagged()].merge(spender)
        }
        diagnostics.formUnion(later.diagnostics)
        for (key, cost) in later.workloadCosts {
            workloadCosts[key, default: (.zero, .zero)].cpu += cost.cpu
            workloadCosts[key, default: (.zero, .zero)].memory += cost.memory
        }
        for (key, node) in later.nodeCosts {
            nodeCosts[key, default: (.zero, 0)].amounts += node.amounts
            nodeCosts[key, default: (.zero, 0)].idleEffective += node.idleEffective
        }
    }

    /// Changes a dictionary entry with one lookup (`modify(&dictionary[key, default: …]) { … }`).
    private static func modify<Value>(_ value: inout Value, _ change: (inout Value) -> Void) { change(&value) }

    private mutating func add(
        _ charge: ChargeGroup, inventory: [String: Resource], resolver: OwnershipResolver, containers: ContainerAllocation?
    ) {
        let amounts = CostAmounts(charge: charge)
        let index = seriesIndex[ObjectIdentifier(charge.dimensions)]
            ?? startSeries(charge, inventory: inventory, resolver: resolver, containers: containers)
        series[index].amounts += amounts
        series[index].lines += charge.lineCount
        let currency = charge.currency
        guard let owner = series[index].owner, let resourceId = charge.resourceId else {
            daily[DayKey(currency: currency, day: charge.day, service: Ownership.shared, tier: nil), default: .zero] += amounts
            return
        }
        if series[index].splits, let weights = containers?.weights(node: resourceId, day: charge.day, currency: currency) {
            addSplit(charge, amounts: amounts, weights: weights, nodeOwner: owner, inInventory: series[index].inInventory,
                     node: resourceId, idlePolicy: containers?.settings.idle ?? .separate)
        } else {
            daily[DayKey(currency: currency, day: charge.day, service: owner.service, tier: owner.tier), default: .zero] += amounts
            series[index].owned += amounts
            series[index].ownedLines += charge.lineCount
            series[index].latestOwnedDay = max(series[index].latestOwnedDay ?? charge.day, charge.day)
        }
    }

    /// The series of `charge`'s dimensions, with its owner resolved (once per resource and tags).
    private mutating func startSeries(
        _ charge: ChargeGroup, inventory: [String: Resource], resolver: OwnershipResolver, containers: ContainerAllocation?
    ) -> Int {
        var owner: Ownership?
        var known = KnownResource(inInventory: false, splits: false)
        if !charge.isShared, let resourceId = charge.resourceId {
            known = resources[resourceId]
                ?? KnownResource(inInventory: inventory.index(forKey: resourceId) != nil,
                                 splits: containers?.splits(node: resourceId) ?? false)
            if let found = known.owners.first(where: { $0.chargeTags == charge.tags }) {
                owner = found.ownership
            } else {
                let answer = resolver.resolve(resource: inventory[resourceId], resourceId: resourceId, chargeTags: charge.tags)
                known.owners.append((charge.tags, answer.ownership))
                resources[resourceId] = known
                diagnostics.formUnion(answer.diagnostics)
                owner = answer.ownership
            }
        }
        series.append(Series(dimensions: charge.dimensions, owner: owner, inInventory: known.inInventory, splits: known.splits))
        seriesIndex[ObjectIdentifier(charge.dimensions)] = series.count - 1
        return series.count - 1
    }

    /// Adds each series' sums to the per-invoice, shared, per-owner and untagged sums.
    private mutating func flush() {
        for entry in series {
            let dimensions = entry.dimensions
            let invoiceKey = InvoiceKey(account: dimensions.billingAccountId, invoice: dimensions.invoiceId, currency: dimensions.currency)
            Self.modify(&invoices[invoiceKey, default: (.zero, 0)]) { $0.amounts += entry.amounts; $0.lines += entry.lines }
            guard let owner = entry.owner, let resourceId = dimensions.resourceId else {
                shared[dimensions.currency, default: .zero] += entry.amounts
                sharedLines[dimensions.currency, default: 0] += entry.lines
                continue
            }
            guard let latestDay = entry.latestOwnedDay else { continue }
            addOwned(owner, amounts: entry.owned, lines: entry.ownedLines, currency: dimensions.currency,
                     latestDay: latestDay, resourceId: resourceId, inInventory: entry.inInventory)
        }
        series = []
        seriesIndex = [:]
    }

    /// A node's charge split over the slots of its containers and idle capacity (largest remainder
    /// per measure, so the parts sum to the charge exactly).
    private mutating func addSplit(
        _ charge: ChargeGroup, amounts: CostAmounts, weights: [AllocationSlot: Decimal], nodeOwner: Ownership,
        inInventory: Bool, node: String, idlePolicy: IdleCostPolicy
    ) {
        let currency = charge.currency
        // In the order of the slots' names (`AllocationSlot.<`), each name made once.
        let named = weights.map { (slot: $0.key, share: LargestRemainderSplitter.Share(name: $0.key.name, weight: max($0.value, 0))) }
            .sorted { $0.share.name < $1.share.name }
        let slots = named.map(\.slot)
        let shares = named.map(\.share)
        let digits = Money.minorUnitDigits(currency)
        let recipients = LargestRemainderSplitter.Recipients(shares)
        let measures = amounts.measures.map {
            recipients?.split($0, minorUnitDigits: digits) ?? [$0] + Array(repeating: 0, count: shares.count - 1)
        }
        let parts = slots.indices.map { index in CostAmounts(measures: measures.map { $0[index] }) }
        let lineIndex = parts.firstIndex { $0 != .zero } ?? 0
        var nodeEntry = nodeCosts[NodeCostKey(currency: currency, node: node)] ?? (.zero, 0)
        nodeEntry.amounts += amounts
        for (index, slot) in slots.enumerated() {
            let part = parts[index]
            let owner: Ownership
            if let workloadOwner = slot.owner, slot.workload != nil {
                owner = workloadOwner
            } else if idlePolicy == .nodeOwner {
                owner = nodeOwner
            } else {
                owner = Ownership(service: Ownership.clusterIdle, team: nodeOwner.team, tier: nodeOwner.tier,
                                  environment: nodeOwner.environment, source: nodeOwner.source)
            }
            if slot.idle { nodeEntry.idleEffective += part.effectiveCost }
            let ownerKey = OwnerKey(service: owner.service, team: owner.team, tier: owner.tier, environment: owner.environment)
            let costKey = WorkloadCostKey(currency: currency, workload: slot.workload, cluster: slot.cluster, owner: ownerKey)
            var cost = workloadCosts[costKey] ?? (.zero, .zero)
            if slot.part == .cpu { cost.cpu += part } else { cost.memory += part }
            workloadCosts[costKey] = cost
            guard part != .zero || index == lineIndex else { continue }
            daily[DayKey(currency: currency, day: charge.day, service: owner.service, tier: owner.tier), default: .zero] += part
            addOwned(owner, amounts: part, lines: index == lineIndex ? charge.lineCount : 0, currency: currency,
                     latestDay: charge.day, resourceId: slot.workload?.resourceId ?? node,
                     inInventory: slot.workload == nil && inInventory)
        }
        nodeCosts[NodeCostKey(currency: currency, node: node)] = nodeEntry
    }

    /// Money of a known owner (whose days are already in `daily`): rows, untagged spenders.
    private mutating func addOwned(
        _ owner: Ownership, amounts: CostAmounts, lines: Int, currency: String, latestDay day: Date, resourceId: String,
        inInventory: Bool
    ) {
        let key = OwnerKey(service: owner.service, team: owner.team, tier: owner.tier, environment: owner.environment)
        Self.modify(&owned[CurrencyKey(currency: currency, owner: key), default: (.zero, 0)]) {
            $0.amounts += amounts; $0.lines += lines
        }

        let serviceKnown = owner.service != Ownership.unallocated
        let teamKnown = owner.team != Ownership.unallocated
        let tierKnown = owner.tier != nil
        if !(serviceKnown && teamKnown && tierKnown) {
            // Mutated in place: a copy of the entry would copy its set of missing fields.
            let resourceKey = ResourceKey(currency: currency, resourceId: resourceId)
            untagged[resourceKey, default: Untagged()].update(
                amounts, owner: owner, day: day, serviceKnown: serviceKnown, teamKnown: teamKnown, tierKnown: tierKnown,
                inInventory: inInventory)
        }
    }

    /// Currencies seen, sorted.
    var currencies: [String] { totals.keys.sorted() }

    /// Effective cost per service and currency after the shared split (for the change view).
    func effectiveByService(rows: [AttributedRow]) -> [String: [String: Decimal]] {
        var result: [String: [String: Decimal]] = [:]
        for row in rows { result[row.currency, default: [:]][row.service, default: 0] += row.amounts.effectiveCost }
        return result
    }
}

extension TagCoverage {
    /// No money yet.
    init(currency: String) {
        self.init(currency: currency, effectiveCost: 0, withService: 0, withTeam: 0, withTier: 0, withAll: 0)
    }

    /// Counts the effective cost of an owner's rows in the shares its known fields belong to.
    mutating func add(_ amounts: CostAmounts, of owner: OwnerKey) {
        let serviceKnown = owner.service != Ownership.unallocated
        let teamKnown = owner.team != Ownership.unallocated
        let tierKnown = owner.tier != nil
        effectiveCost += amounts.effectiveCost
        if serviceKnown { withService += amounts.effectiveCost }
        if teamKnown { withTeam += amounts.effectiveCost }
        if tierKnown { withTier += amounts.effectiveCost }
        if serviceKnown && teamKnown && tierKnown { withAll += amounts.effectiveCost }
    }
}
