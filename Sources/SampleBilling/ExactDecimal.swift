import Foundation

/// Exact, locale-independent parsing of plain decimal text (`-12.345`) into `Decimal`, digit by
/// digit: no `Double` on the way, no dependence on the current locale.
enum ExactDecimal {
    /// nil for anything but an optional sign, ASCII digits and at most one `.` (at most 18
    /// significant digits).
    static func parse<S: StringProtocol>(_ text: S) -> Decimal? {
        var significand: UInt64 = 0
        var significantDigits = 0
        var anyDigit = false
        var fractionDigits = 0
        var seenPoint = false
        var negative = false
        var index = text.startIndex
        if index < text.endIndex, text[index] == "-" || text[index] == "+" {
            negative = text[index] == "-"
            index = text.index(after: index)
        }
        while index < text.endIndex {
            let character = text[index]
            if character == "." {
                if seenPoint { return nil }
                seenPoint = true
            } else if character.isASCII, let digit = character.wholeNumberValue {
                anyDigit = true
                if significantDigits > 0 || digit != 0 { significantDigits += 1 }
                if significantDigits > 18 { return nil }
                significand = significand * 10 + UInt64(digit)
                if seenPoint { fractionDigits += 1 }
            } else {
                return nil
            }
            index = text.index(after: index)
        }
        guard anyDigit else { return nil }
        let magnitude = Decimal(sign: .plus, exponent: -fractionDigits, significand: Decimal(significand))
        return negative ? -magnitude : magnitude
    }
}
