import Foundation
import Testing
import TestSupport
@testable import CostModel

/// `ChargeAggregation` on two threads (the first and second half of the charges, then merged), and
/// over charges whose days share their dimensions, gives what one pass over separate charges gives:
/// every sum, every untagged spender's fields, every node's split over its containers.
@Suite("Charge aggregation in two halves")
struct ChargeAggregationSplitTests {
    /// Every field of an aggregation as sorted lines.
    static func lines(_ aggregation: ChargeAggregation) -> [String] {
        var lines: [String] = []
        lines += aggregation.owned.map { "owned \($0.key) \($0.value.amounts) \($0.value.lines)" }
        lines += aggregation.shared.map { "shared \($0.key) \($0.value)" }
        lines += aggregation.sharedLines.map { "shared lines \($0.key) \($0.value)" }
        lines += aggregation.totals.map { "total \($0.key) \($0.value)" }
        lines += aggregation.lines.map { "lines \($0.key) \($0.value)" }
        lines += aggregation.daily.map { "daily \($0.key) \($0.value)" }
        lines += aggregation.invoices.map { "invoice \($0.key) \($0.value.amounts) \($0.value.lines)" }
        lines += aggregation.untagged.map {
            "untagged \($0.key) \($0.value.amounts) \($0.value.missing.sorted()) \($0.value.service) \($0.value.team) \($0.value.inInventory)"
        }
        lines += aggregation.coverage.map { "coverage \($0.key) \($0.value)" }
        lines += aggregation.diagnostics.map { "diagnostic \($0)" }
        lines += aggregation.workloadCosts.map { "workload \($0.key) \($0.value.cpu) \($0.value.memory)" }
        lines += aggregation.nodeCosts.map { "node \($0.key) \($0.value.amounts) \($0.value.idleEffective)" }
        return lines.sorted()
    }

    static func compare(_ given: [ChargeGroup], resources: [Resource], containers: ContainerAllocation? = nil) {
        let charges = separateDimensions(given)
        let inventory = Dictionary(resources.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let resolver = OwnershipResolver(tagKeys: AttributionTagKeys())
        let onePass = ChargeAggregation(charges: charges, inventory: inventory, resolver: resolver, containers: containers,
                                        parallelFrom: .max)
        let halves = ChargeAggregation(charges: charges, inventory: inventory, resolver: resolver, containers: containers,
                                       parallelFrom: 2)
        let (split, whole) = (lines(halves), lines(onePass))
        #expect(split.elementsEqual(whole), "differing lines: \(Set(split).symmetricDifference(whole).sorted().prefix(4))")
        // As read from the database: the days of one dimension set share one `ChargeDimensions`,
        // and the aggregation sums them before adding them to the owners and invoices.
        for (name, parallelFrom) in [("one pass", Int.max), ("two halves", 2)] {
            let shared = lines(ChargeAggregation(charges: sharingDimensions(charges), inventory: inventory, resolver: resolver,
                                                 containers: containers, parallelFrom: parallelFrom))
            #expect(shared.elementsEqual(whole), "\(name), shared dimensions: \(Set(shared).symmetricDifference(whole).sorted().prefix(4))")
        }
    }

    /// `charges` with a `ChargeDimensions` instance each.
    static func separateDimensions(_ charges: [ChargeGroup]) -> [ChargeGroup] {
        charges.map {
            ChargeGroup(billingAccountId: $0.billingAccountId, invoiceId: $0.invoiceId, currency: $0.currency,
                        chargeCategory: $0.chargeCategory, resourceId: $0.resourceId, serviceName: $0.serviceName,
                        serviceCategory: $0.serviceCategory, pricingCategory: $0.pricingCategory, day: $0.day, tags: $0.tags,
                        billedCost: $0.billedCost, effectiveCost: $0.effectiveCost, listCost: $0.listCost,
                        lineCount: $0.lineCount, chargeHours: $0.chargeHours)
        }
    }

    /// `charges` with one `ChargeDimensions` instance per distinct set, as `BillingStore` reads them.
    static func sharingDimensions(_ charges: [ChargeGroup]) -> [ChargeGroup] {
        var instances: [ChargeDimensions: ChargeDimensions] = [:]
        return charges.map { charge in
            let dimensions = instances[charge.dimensions] ?? charge.dimensions
            instances[dimensions] = dimensions
            return ChargeGroup(dimensions: dimensions, day: charge.day, billedCost: charge.billedCost,
                               effectiveCost: charge.effectiveCost, listCost: charge.listCost, lineCount: charge.lineCount,
                               chargeHours: charge.chargeHours)
        }
    }

    @Test("random bills (120)", arguments: 0..<120)
    func randomBills(seed: Int) {
        let (input, _) = ConservationPropertyTests.randomBill(seed: UInt64(seed) &* 7919 &+ 17)
        Self.compare(input.charges, resources: input.resources)
    }

    /// Every charge of a random bill on three days, so that each dimension set has several days
    /// (spaced by a step of its own, the latest in the middle, so that sets of one resource interleave).
    @Test("random bills, each charge on three days (60)", arguments: 0..<60)
    func randomBillsOnSeveralDays(seed: Int) {
        let (input, _) = ConservationPropertyTests.randomBill(seed: UInt64(seed) &* 6007 &+ 11)
        let charges = input.charges.flatMap { charge in
            let step = charge.lineCount % 11 + 1
            return [0, 2, 1].map { offset in
                ChargeGroup(dimensions: charge.dimensions, day: charge.day.addingTimeInterval(Double(offset * step) * 86_400),
                            billedCost: charge.billedCost, effectiveCost: charge.effectiveCost * Decimal(offset + 1),
                            listCost: charge.listCost, lineCount: charge.lineCount + offset, chargeHours: charge.chargeHours)
            }
        }
        Self.compare(charges, resources: input.resources)
    }

    @Test("random clusters: node charges split over containers (48)", arguments: 0..<48)
    func randomClusters(seed: Int) {
        let cluster = ClusterAllocationPropertyTests.randomCluster(seed: UInt64(seed) &* 104_729 &+ 3)
        let allocation = ClusterFixture.allocate(cluster.rows, nodes: cluster.nodes, periods: cluster.periods, settings: cluster.settings)
        Self.compare(cluster.charges, resources: cluster.nodes, containers: allocation)
    }

    /// A resource whose service is known only from the tags of its first charges and whose team
    /// only from its last: the merged spender keeps both, as one pass does.
    @Test func anUntaggedSpenderSeenInBothHalvesKeepsItsLastKnownFields() {
        let charges = [
            AttributionFixture.charge("r-1", "1.25", tags: ["app": "orders"]),
            AttributionFixture.charge("r-1", "2.50", day: 2),
            AttributionFixture.charge("r-1", "0.75", day: 3),
            AttributionFixture.charge("r-1", "4.00", day: 4, tags: ["team": "payments"]),
        ]
        Self.compare(charges, resources: [])
        let aggregation = ChargeAggregation(
            charges: charges, inventory: [:], resolver: OwnershipResolver(tagKeys: AttributionTagKeys()), parallelFrom: 2)
        let spender = aggregation.untagged.first?.value
        #expect(spender?.service == "orders" && spender?.team == "payments" && spender?.amounts.effectiveCost == 8.5)
    }

    /// A resource whose service changes inside the window keeps its latest day's service (on the
    /// same day, the first in text order), whatever the order of its charges: the SQL does not
    /// order them.
    @Test func anUntaggedSpendersFieldsDoNotDependOnTheOrderOfItsCharges() {
        let charges = [
            AttributionFixture.charge("r-1", "1.00", day: 1, tags: ["app": "orders"]),
            AttributionFixture.charge("r-1", "1.00", day: 3, tags: ["app": "billing"]),
            AttributionFixture.charge("r-1", "1.00", day: 3, tags: ["app": "accounts"]),
            AttributionFixture.charge("r-1", "1.00", day: 2, tags: ["app": "search", "team": "web"]),
        ]
        let orders = [charges, charges.reversed(), [charges[2], charges[0], charges[3], charges[1]],
                      [charges[1], charges[3], charges[2], charges[0]]]
        for order in orders {
            for parallelFrom in [2, Int.max] {
                let aggregation = ChargeAggregation(
                    charges: order, inventory: [:], resolver: OwnershipResolver(tagKeys: AttributionTagKeys()),
                    parallelFrom: parallelFrom)
                let spender = aggregation.untagged.first?.value
                #expect(spender?.service == "accounts" && spender?.team == "web",
                        "\(order.map(\.tags)) in \(parallelFrom == 2 ? "two halves" : "one pass")")
            }
        }
    }
}
