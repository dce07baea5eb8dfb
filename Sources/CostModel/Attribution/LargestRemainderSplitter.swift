import Foundation

/// Splits an amount into parts that are whole multiples of the currency's minor unit and sum to the
/// amount exactly (largest-remainder method).
///
/// 1. Each recipient's ideal part is `amount × weight / Σ weights`.
/// 2. Each part is rounded toward zero to the minor unit.
/// 3. The whole minor units left over go one each to the recipients with the largest rounded-off
///    remainder; ties go to the recipient whose name sorts first.
/// 4. If the amount itself is finer than the minor unit (e.g. sums of sub-cent line items), that
///    sub-unit residue goes to the first recipient in the same order, so the parts still sum exactly.
///
/// Example: 0.10 USD in three equal parts → 0.04, 0.03, 0.03 (first name gets the extra cent).
public enum LargestRemainderSplitter {
    /// One recipient of a split: a name (for deterministic tie-breaks) and a weight (>= 0).
    public struct Share: Sendable, Hashable {
        public var name: String
        public var weight: Decimal
        public init(name: String, weight: Decimal) { self.name = name; self.weight = weight }
    }

    /// Parts of `amount` for `shares` (same order as `shares`), or nil when the weights sum to
    /// zero or less, or any weight is negative, or there are no shares.
    public static func split(_ amount: Decimal, over shares: [Share], minorUnitDigits digits: Int) -> [Decimal]? {
        Recipients(shares)?.split(amount, minorUnitDigits: digits)
    }

    /// Shares checked and their weights summed once, for splitting several amounts (a charge's
    /// measures) over them.
    public struct Recipients: Sendable {
        let shares: [Share]
        let totalWeight: Decimal

        /// nil when the weights sum to zero or less, or any weight is negative, or there are no shares.
        public init?(_ shares: [Share]) {
            let totalWeight = shares.reduce(Decimal(0)) { .exactSum($0, $1.weight) }
            guard !shares.isEmpty, Decimal.isLess(0, totalWeight), !shares.contains(where: { Decimal.isLess($0.weight, 0) })
            else { return nil }
            self.shares = shares
            self.totalWeight = totalWeight
        }

        /// Parts of `amount`, in the order of `shares`. (Foundation's `+`, `-`, `*` and comparisons
        /// through their exact fast paths: a split runs per node charge and measure.)
        public func split(_ amount: Decimal, minorUnitDigits digits: Int) -> [Decimal] {
            guard !amount.isZero else { return Array(repeating: 0, count: shares.count) }

            let sign: Decimal = Decimal.isLess(amount, 0) ? -1 : 1
            let magnitude = Decimal.exactProduct(amount, sign)
            let unit = LargestRemainderSplitter.unit(digits)
            let wholeUnits = Money.rounded(magnitude, scale: digits, mode: .down)

            var parts: [Decimal] = []
            var remainders: [Decimal] = []
            for share in shares {
                let ideal = Decimal.exactProduct(magnitude, share.weight) / totalWeight
                let floored = Money.rounded(ideal, scale: digits, mode: .down)
                parts.append(floored)
                remainders.append(.exactSum(ideal, -floored))
            }
            let order = shares.indices.sorted { a, b in
                let order = Decimal.order(remainders[a], remainders[b])
                if order != 0 { return order > 0 }
                if shares[a].name != shares[b].name { return shares[a].name < shares[b].name }
                return a < b
            }
            var leftover = Decimal.exactSum(wholeUnits, -parts.reduce(0, Decimal.exactSum))
            var position = 0
            while !Decimal.isLess(leftover, unit) {
                parts[order[position % order.count]] = .exactSum(parts[order[position % order.count]], unit)
                leftover = .exactSum(leftover, -unit)
                position += 1
            }
            // Sub-minor-unit residue of the amount itself (and any sub-unit arithmetic slack).
            parts[order[0]] = .exactSum(parts[order[0]], .exactSum(magnitude, -parts.reduce(0, Decimal.exactSum)))
            return parts.map { .exactProduct($0, sign) }
        }
    }

    /// The minor unit, `1 / 10^digits`: computed once for the usual digits (0 to 4).
    private static let units: [Decimal] = (0...4).map { 1 / power10($0) }

    static func unit(_ digits: Int) -> Decimal { units.indices.contains(digits) ? units[digits] : 1 / power10(digits) }

    private static func power10(_ digits: Int) -> Decimal {
        var value = Decimal(1)
        for _ in 0..<max(digits, 0) { value *= 10 }
        return value
    }
}
