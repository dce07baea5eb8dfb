import Foundation

extension DecimalLayout {
    /// `NSDecimalRound(value, scale, mode)` for `.plain`, `.down` and `.up`, equal to Foundation's in
    /// value and in representation (a non-zero result compact; a zero one with exponent −scale and
    /// no digits), computed with 128-bit integers when `value` is compact; otherwise nil (the
    /// caller uses Foundation's). Money is rounded for every amount the report writes and for
    /// every part of a split.
    static func rounded(_ value: Decimal, scale: Int, mode: NSDecimalNumber.RoundingMode) -> Decimal? {
        guard isKnown, (0...38).contains(scale), isCompact(value), let parts = parts(value), parts.mantissa != 0
        else { return nil }
        let dropped = -scale - parts.exponent
        guard dropped > 0 else { return value }  // no digit beyond the scale: Foundation returns it as it is
        guard dropped <= 38 else { return nil }
        let divisor = powersOfTen[dropped]
        let (quotient, remainder) = parts.mantissa.quotientAndRemainder(dividingBy: divisor)
        var magnitude = quotient
        switch mode {
        case .plain: if remainder >= divisor - remainder { magnitude += 1 }  // half away from zero
        case .down: if parts.negative && remainder > 0 { magnitude += 1 }  // toward −∞
        case .up: if !parts.negative && remainder > 0 { magnitude += 1 }  // toward +∞
        default: return nil
        }
        guard magnitude != 0 else { return zero(exponent: -scale) }
        return compacted(negative: parts.negative, exponent: -scale, mantissa: magnitude)
    }

    /// `value.description` (digits, `-`, `.`; never an exponent) for a compact value, or zero;
    /// otherwise nil.
    static func plainText(_ value: Decimal) -> String? {
        guard isKnown, let parts = parts(value) else { return nil }
        if parts.mantissa == 0 { return "0" }
        guard isCompact(value) else { return nil }
        var digits = String(parts.mantissa)
        if parts.exponent > 0 {
            digits += String(repeating: "0", count: parts.exponent)
        } else if parts.exponent < 0 {
            let decimals = -parts.exponent
            if digits.utf8.count <= decimals { digits = String(repeating: "0", count: decimals - digits.utf8.count + 1) + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -decimals))
        }
        return parts.negative ? "-" + digits : digits
    }

    /// Foundation's compact flag (byte 1, bit 2).
    private static func isCompact(_ value: Decimal) -> Bool {
        withUnsafeBytes(of: value) { $0[1] & 0x04 != 0 }
    }

    /// Zero with `exponent`, as Foundation's rounding leaves it.
    private static func zero(exponent: Int) -> Decimal {
        var result = Decimal()
        withUnsafeMutableBytes(of: &result) { $0[0] = UInt8(bitPattern: Int8(exponent)) }
        return result
    }
}
