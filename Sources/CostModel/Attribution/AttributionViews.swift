import Foundation

/// Builds the per-dimension views (`CostSlice`) from the attributed rows.
enum AttributionViews {
    /// Label of an unknown environment in the environment view.
    static let unknownEnvironment = "(unknown)"

    static func slices(_ rows: [AttributedRow], key: (AttributedRow) -> String) -> [CostSlice] {
        struct Key: Hashable { var currency: String; var key: String }
        var sums: [Key: CostAmounts] = [:]
        var currencyEffective: [String: Decimal] = [:]
        for row in rows {
            sums[Key(currency: row.currency, key: key(row)), default: .zero] += row.amounts
            currencyEffective[row.currency, default: 0] += row.amounts.effectiveCost
        }
        return sums.map { entry in
            let total = currencyEffective[entry.key.currency] ?? 0
            return CostSlice(
                currency: entry.key.currency, key: entry.key.key, amounts: entry.value,
                shareOfEffectiveCost: total == 0 ? nil : Money.rounded(entry.value.effectiveCost / total, scale: 6))
        }
    }

    /// Currency, effective cost descending, key.
    static func byAmount(_ slices: [CostSlice]) -> [CostSlice] {
        slices.sorted {
            if $0.currency != $1.currency { return $0.currency < $1.currency }
            if $0.amounts.effectiveCost != $1.amounts.effectiveCost { return $0.amounts.effectiveCost > $1.amounts.effectiveCost }
            return $0.key < $1.key
        }
    }

    static func byService(_ rows: [AttributedRow]) -> [CostSlice] { byAmount(slices(rows) { $0.service }) }
    static func byTeam(_ rows: [AttributedRow]) -> [CostSlice] { byAmount(slices(rows) { $0.team }) }

    static func byEnvironment(_ rows: [AttributedRow]) -> [CostSlice] {
        byAmount(slices(rows) { row in
            row.service == Ownership.shared ? Ownership.shared : (row.environment ?? unknownEnvironment)
        })
    }

    /// Tier labels in order 1...4, `(untiered)`, `(shared)`.
    static func byTier(_ rows: [AttributedRow]) -> [CostSlice] {
        let order = ["1", "2", "3", "4", Ownership.untiered, Ownership.shared]
        return slices(rows) { $0.service == Ownership.shared ? Ownership.shared : $0.tierLabel }.sorted {
            if $0.currency != $1.currency { return $0.currency < $1.currency }
            return (order.firstIndex(of: $0.key) ?? order.count) < (order.firstIndex(of: $1.key) ?? order.count)
        }
    }
}
