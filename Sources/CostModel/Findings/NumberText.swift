import Foundation

/// Locale-independent number text for formulas and descriptions (never for money columns,
/// which use `Money.plain`).
enum NumberText {
    /// `value` with at most `digits` decimals, trailing zeros removed: `2.1`, `0.384`, `8`.
    static func decimal(_ value: Double, digits: Int = 2) -> String {
        guard value.isFinite else { return "n/a" }
        let scale = pow(10, Double(digits))
        let rounded = (value * scale).rounded() / scale
        return trimmed(Decimal(string: String(format: "%.\(digits)f", rounded)) ?? 0)
    }

    /// A Decimal without trailing zeros.
    static func decimal(_ value: Decimal) -> String { trimmed(value) }

    /// A Decimal rounded to `digits` decimals, trailing zeros removed.
    static func decimal(_ value: Decimal, digits: Int) -> String { trimmed(Money.rounded(value, scale: digits)) }

    /// An amount with the currency's minor unit: `140.16 USD`.
    static func money(_ value: Decimal, _ currency: String) -> String {
        let text = Money.plain(value, scale: Money.minorUnitDigits(currency))
        return currency.isEmpty ? text : "\(text) \(currency)"
    }

    /// A fraction as percent: `0.0213` → `2.13%`.
    static func percent(_ fraction: Double, digits: Int = 2) -> String { decimal(fraction * 100, digits: digits) + "%" }

    private static func trimmed(_ value: Decimal) -> String { Money.plain(value) }
}

extension Decimal {
    /// The Decimal with the shortest decimal text of `value` (0.8 → exactly 0.8), for settings
    /// kept as Double in the policy file.
    init(settingValue value: Double) {
        self = Decimal(string: "\(value)") ?? Decimal(value)
    }
}
