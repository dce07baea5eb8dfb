import Foundation

/// The charges of one window attributed to rows: owned charges by owner key, shared cost split by
/// the policy (or kept as `(shared)`), per currency.
struct WindowAttribution {
    var aggregation: ChargeAggregation
    var rows: [AttributedRow]
    var totals: [CurrencyTotals]
    var diagnostics: [Diagnostic]

    init(charges: [ChargeGroup], inventory: [String: Resource], resolver: OwnershipResolver, policy: SharedCostPolicy,
         containers: ContainerAllocation? = nil) {
        let aggregation = ChargeAggregation(
            charges: charges, inventory: inventory, resolver: resolver, containers: containers)
        let allocator = SharedCostAllocator(policy: policy)
        var rows: [AttributedRow] = []
        var totals: [CurrencyTotals] = []
        var diagnostics = Array(aggregation.diagnostics)

        var ownedByCurrency: [String: [OwnerKey: CostAmounts]] = [:]
        for (key, entry) in aggregation.owned { ownedByCurrency[key.currency, default: [:]][key.owner] = entry.amounts }

        for currency in aggregation.currencies {
            let owned = ownedByCurrency[currency] ?? [:]
            let shared = aggregation.shared[currency] ?? .zero
            let outcome = allocator.allocate(shared: shared, currency: currency, owned: owned)
            if let problem = outcome.diagnostic { diagnostics.append(problem) }

            for (key, amounts) in owned {
                let received = outcome.received[key] ?? .zero
                rows.append(AttributedRow(
                    currency: currency, service: key.service, team: key.team, tier: key.tier,
                    environment: key.environment, amounts: amounts + received, sharedCostReceived: received,
                    lineItems: aggregation.owned[.init(currency: currency, owner: key)]?.lines ?? 0))
            }
            if aggregation.shared[currency] != nil, outcome.kept != .zero || outcome.received.isEmpty {
                rows.append(AttributedRow(
                    currency: currency, service: OwnerKey.shared.service, team: OwnerKey.shared.team, tier: nil,
                    environment: nil, amounts: outcome.kept, sharedCostReceived: .zero,
                    lineItems: aggregation.sharedLines[currency] ?? 0))
            }

            var allocated = CostAmounts.zero
            var unallocated = CostAmounts.zero
            for (key, amounts) in owned {
                if key.service == Ownership.unallocated { unallocated += amounts } else { allocated += amounts }
            }
            totals.append(CurrencyTotals(
                currency: currency, amounts: aggregation.totals[currency] ?? .zero, allocated: allocated,
                unallocated: unallocated, shared: shared, sharedKept: outcome.kept,
                lineItems: aggregation.lines[currency] ?? 0))
            if unallocated.effectiveCost != 0 || unallocated.billedCost != 0 {
                diagnostics.append(Diagnostic(
                    .warning, code: "unallocated_cost",
                    "\(Money.plain(unallocated.effectiveCost)) \(currency) effective cost (\(Money.plain(unallocated.billedCost)) billed) has a resource but no known service; see the top untagged spenders."))
            }
        }
        self.aggregation = aggregation
        self.rows = rows.sorted(by: Self.rowOrder)
        self.totals = totals
        self.diagnostics = diagnostics
    }

    /// Currency, effective cost descending, service, team, tier (untiered last), environment.
    static func rowOrder(_ a: AttributedRow, _ b: AttributedRow) -> Bool {
        if a.currency != b.currency { return a.currency < b.currency }
        if a.amounts.effectiveCost != b.amounts.effectiveCost { return a.amounts.effectiveCost > b.amounts.effectiveCost }
        let keyA = OwnerKey(service: a.service, team: a.team, tier: a.tier, environment: a.environment)
        let keyB = OwnerKey(service: b.service, team: b.team, tier: b.tier, environment: b.environment)
        return keyA < keyB
    }

    /// Effective cost per currency and service (after the shared split).
    var effectiveByService: [String: [String: Decimal]] { aggregation.effectiveByService(rows: rows) }
}
