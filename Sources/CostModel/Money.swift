import Foundation

/// Money helpers. Amounts are `Decimal` everywhere; they are never converted to `Double`.
public enum Money {
    /// Digits after the decimal point of a currency's minor unit (ISO 4217). Unknown codes use 2.
    public static func minorUnitDigits(_ currency: String) -> Int {
        switch currency.uppercased() {
        case "JPY", "KRW", "VND", "CLP", "ISK", "HUF", "TWD", "UGX", "XAF", "XOF", "PYG", "RWF": return 0
        case "BHD", "KWD", "OMR", "JOD", "IQD", "LYD", "TND": return 3
        default: return 2
        }
    }

    /// `amount` rounded to `scale` digits after the point, half away from zero (`.plain`).
    public static func rounded(_ amount: Decimal, scale: Int, mode: NSDecimalNumber.RoundingMode = .plain) -> Decimal {
        if let fast = DecimalLayout.rounded(amount, scale: scale, mode: mode) { return fast }
        var value = amount
        var result = Decimal()
        NSDecimalRound(&result, &value, scale, mode)
        return result
    }

    /// `amount` rounded to the currency's minor unit.
    public static func roundedToMinorUnit(_ amount: Decimal, currency: String) -> Decimal {
        rounded(amount, scale: minorUnitDigits(currency))
    }

    /// Plain text for files: `.` decimal point, no grouping, no exponent, locale independent.
    /// E.g. `1234.5`, `-0.01`, `0`.
    public static func plain(_ amount: Decimal) -> String {
        // Decimal's description is locale independent and never uses an exponent.
        DecimalLayout.plainText(amount) ?? amount.description
    }

    /// Plain text with exactly `scale` digits after the point (rounded half away from zero).
    public static func plain(_ amount: Decimal, scale: Int) -> String {
        var text = plain(rounded(amount, scale: scale))
        guard scale > 0 else { return text }
        if let dot = text.firstIndex(of: ".") {
            let digits = text.distance(from: text.index(after: dot), to: text.endIndex)
            if digits < scale { text += String(repeating: "0", count: scale - digits) }
        } else {
            text += "." + String(repeating: "0", count: scale)
        }
        return text
    }
}
