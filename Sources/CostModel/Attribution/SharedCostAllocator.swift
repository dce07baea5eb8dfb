import Foundation

/// Splits the shared cost of one currency (charges without a resource) onto the allocated rows.
///
/// Level 1: the shared amount is split over the currency's services (not `(unallocated)`):
/// `proportional` by each service's effective cost (services whose effective cost is zero or
/// negative get nothing), `even` in equal parts. Level 2: a service's part is split over its rows
/// (team, tier, environment) in proportion to their positive effective cost, or evenly when none is
/// positive. Every split uses `LargestRemainderSplitter`, separately for billed, effective, list
/// cost and credits, so each measure is conserved exactly.
/// When there is nothing to split over, or the policy is `separate`, the amount stays as the
/// `(shared)` row.
struct SharedCostAllocator {
    struct Outcome {
        /// Shared cost received per owner key.
        var received: [OwnerKey: CostAmounts]
        /// Shared cost kept as the `(shared)` row.
        var kept: CostAmounts
        var diagnostic: Diagnostic?
    }

    var policy: SharedCostPolicy

    func allocate(shared: CostAmounts, currency: String, owned: [OwnerKey: CostAmounts]) -> Outcome {
        let keep = Outcome(received: [:], kept: shared, diagnostic: nil)
        if shared == .zero || policy == .separate { return keep }

        var services: [String: [OwnerKey]] = [:]
        var serviceEffective: [String: Decimal] = [:]
        for (key, amounts) in owned where key.service != Ownership.unallocated {
            services[key.service, default: []].append(key)
            serviceEffective[key.service, default: 0] += amounts.effectiveCost
        }
        let names = services.keys.sorted()
        let serviceShares = names.map { name in
            LargestRemainderSplitter.Share(
                name: name, weight: policy == .even ? 1 : max(serviceEffective[name] ?? 0, 0))
        }
        let digits = Money.minorUnitDigits(currency)
        guard let serviceParts = split(shared, over: serviceShares, digits: digits) else {
            let reason = names.isEmpty
                ? "there are no allocated services in \(currency)"
                : "the allocated services' effective cost in \(currency) sums to zero or less"
            return Outcome(received: [:], kept: shared, diagnostic: Diagnostic(
                .warning, code: "shared_cost_not_split",
                "Shared cost of \(Money.plain(shared.effectiveCost)) \(currency) (effective) is kept as \(Ownership.shared) because \(reason)."))
        }

        var received: [OwnerKey: CostAmounts] = [:]
        for (index, name) in names.enumerated() {
            let keys = (services[name] ?? []).sorted()
            let label: (OwnerKey) -> String = { "\($0.team)|\($0.tier.map(String.init) ?? "")|\($0.environment ?? "")" }
            var rowShares = keys.map {
                LargestRemainderSplitter.Share(name: label($0), weight: max(owned[$0]?.effectiveCost ?? 0, 0))
            }
            if !rowShares.contains(where: { $0.weight > 0 }) {
                rowShares = keys.map { LargestRemainderSplitter.Share(name: label($0), weight: 1) }
            }
            let rowParts = split(serviceParts[index], over: rowShares, digits: digits) ?? []
            for (key, part) in zip(keys, rowParts) { received[key, default: .zero] += part }
        }
        return Outcome(received: received, kept: .zero, diagnostic: nil)
    }

    /// Splits each measure of `amounts` over `shares`; nil when the shares cannot take a split.
    private func split(
        _ amounts: CostAmounts, over shares: [LargestRemainderSplitter.Share], digits: Int
    ) -> [CostAmounts]? {
        guard let recipients = LargestRemainderSplitter.Recipients(shares) else { return nil }
        let perMeasure = amounts.measures.map { recipients.split($0, minorUnitDigits: digits) }
        return shares.indices.map { i in CostAmounts(measures: perMeasure.map { $0[i] }) }
    }
}
