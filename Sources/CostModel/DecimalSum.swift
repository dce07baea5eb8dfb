import Foundation

extension Decimal {
    /// `a + b`, equal to Foundation's `+` in value and in representation, computed with 128-bit
    /// integers when both mantissas fit in 64 bits and the exponents are at most 19 apart;
    /// otherwise (or if Foundation's memory layout of `Decimal` is not the one checked below)
    /// Foundation's `+` itself. Foundation's addition was 12 % of a 15-minute report's CPU
    /// (BENCHMARKS.md), and summing amounts is the report's most frequent operation. Tests compare
    /// the two, byte for byte, over random values.
    public static func exactSum(_ a: Decimal, _ b: Decimal) -> Decimal {
        guard DecimalLayout.isKnown, let x = DecimalLayout.parts(a), let y = DecimalLayout.parts(b) else { return a + b }
        let exponent = min(x.exponent, y.exponent)
        guard x.exponent - exponent <= 19, y.exponent - exponent <= 19 else { return a + b }
        // At most (2^64 − 1) × 10^19 < 2^128 each.
        let left = UInt128(x.mantissa) * DecimalLayout.powersOfTen[x.exponent - exponent]
        let right = UInt128(y.mantissa) * DecimalLayout.powersOfTen[y.exponent - exponent]
        var magnitude: UInt128
        let negative: Bool
        if x.negative == y.negative {
            let (sum, overflow) = left.addingReportingOverflow(right)
            guard !overflow else { return a + b }
            (magnitude, negative) = (sum, x.negative)
        } else if left >= right {
            (magnitude, negative) = (left - right, x.negative)
        } else {
            (magnitude, negative) = (right - left, y.negative)
        }
        guard magnitude != 0 else { return a + b }  // Foundation's zero keeps an exponent at times
        var scale = exponent
        while magnitude % 10 == 0 {  // compacted, as Foundation's result: no trailing zeros
            magnitude /= 10
            scale += 1
        }
        guard scale <= Int(Int8.max) else { return a + b }
        return DecimalLayout.decimal(negative: negative, exponent: scale, mantissa: magnitude)
    }
}

/// Foundation's (swift-foundation's) memory layout of `Decimal`, whose fields are not public: byte 0
/// the exponent (Int8); byte 1 the length in 16-bit words (high 4 bits), negative (bit 3) and
/// compact (bit 2); bytes 4 to 19 the mantissa, little-endian. Checked once against known values:
/// on any other layout `exactSum` uses Foundation's `+`.
enum DecimalLayout {
    static let isKnown: Bool = {
        guard MemoryLayout<Decimal>.size == 20 else { return false }
        func bytes(_ value: Decimal) -> [UInt8] { withUnsafeBytes(of: value) { Array($0) } }
        let mantissa: [UInt8] = [0x15, 0x81, 0x39, 0x6e, 0xb1, 0xc9, 0xbe, 0x46, 0x32, 0x1b, 0xe4, 0x27]
        return bytes(Decimal(string: "-1.25")!) == [0xfe, 0x1c, 0, 0, 0x7d] + Array(repeating: 0, count: 15)
            && bytes(Decimal(string: "123456789012345678901234567890")!) == [0x01, 0x64, 0, 0] + mantissa + [0, 0, 0, 0]
            && bytes(Decimal()) == Array(repeating: 0, count: 20)
    }()

    static let powersOfTen: [UInt128] = (0...19).map { power in (0..<power).reduce(UInt128(1)) { value, _ in value * 10 } }

    /// Sign, exponent and mantissa when the mantissa fits in 64 bits; nil for NaN or a longer one.
    static func parts(_ value: Decimal) -> (negative: Bool, exponent: Int, mantissa: UInt64)? {
        withUnsafeBytes(of: value) { raw in
            let flags = raw[1]
            let length = flags >> 4, negative = flags & 0x08 != 0
            guard length <= 4, !(length == 0 && negative) else { return nil }
            return (negative, Int(Int8(bitPattern: raw[0])), UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 4, as: UInt64.self)))
        }
    }

    /// A compact `Decimal` (`mantissa` has no trailing decimal zero and is not 0).
    static func decimal(negative: Bool, exponent: Int, mantissa: UInt128) -> Decimal {
        var result = Decimal()
        let words = (128 - mantissa.leadingZeroBitCount + 15) / 16
        withUnsafeMutableBytes(of: &result) { raw in
            raw[0] = UInt8(bitPattern: Int8(exponent))
            raw[1] = UInt8(words) << 4 | (negative ? 0x08 : 0) | 0x04
            raw.storeBytes(of: UInt64(truncatingIfNeeded: mantissa).littleEndian, toByteOffset: 4, as: UInt64.self)
            raw.storeBytes(of: UInt64(truncatingIfNeeded: mantissa >> 64).littleEndian, toByteOffset: 12, as: UInt64.self)
        }
        return result
    }
}
