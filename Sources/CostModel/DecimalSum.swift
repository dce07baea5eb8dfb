import Foundation

extension Decimal {
    /// `a + b`, equal to Foundation's `+` in value and in representation, computed with 128-bit
    /// integers when the exact sum fits in Foundation's 128-bit mantissa; otherwise (or if
    /// Foundation's memory layout of `Decimal` is not the one checked below) Foundation's `+`
    /// itself. Foundation's addition was 12 % of a 15-minute report's CPU (BENCHMARKS.md), and
    /// summing amounts is the report's most frequent operation. Tests compare the two, byte for
    /// byte, over random values.
    public static func exactSum(_ a: Decimal, _ b: Decimal) -> Decimal {
        guard DecimalLayout.isKnown, let x = DecimalLayout.parts(a), let y = DecimalLayout.parts(b),
              let (left, right, exponent) = DecimalLayout.aligned(x, y) else { return a + b }
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
        return DecimalLayout.compacted(negative: negative, exponent: exponent, mantissa: magnitude) ?? a + b
    }

    /// `a × b`, equal to Foundation's `*` in value and in representation, when the exact product
    /// fits in 128 bits and is not zero; otherwise Foundation's `*`. Tested as `exactSum`.
    public static func exactProduct(_ a: Decimal, _ b: Decimal) -> Decimal {
        guard DecimalLayout.isKnown, let x = DecimalLayout.parts(a), let y = DecimalLayout.parts(b),
              x.mantissa != 0, y.mantissa != 0 else { return a * b }
        let (high, low) = x.mantissa.multipliedFullWidth(by: y.mantissa)
        guard high == 0 else { return a * b }
        return DecimalLayout.compacted(negative: x.negative != y.negative, exponent: x.exponent + y.exponent, mantissa: low)
            ?? a * b
    }

    /// `Decimal(value)`, equal to Foundation's conversion in value and in representation, without
    /// its arrays: Foundation scales the double by 10 until it nears 2^64, truncates it to a 64-bit
    /// mantissa and drops the mantissa's trailing decimal zeros; the same steps here, in the same
    /// `Double` arithmetic. NaN, infinities and values whose exponent would leave Int8 go through
    /// Foundation's. Tested as `exactSum`, over random doubles.
    public static func converted(_ value: Double) -> Decimal {
        guard DecimalLayout.isKnown, value.isFinite, value != 0 else { return Decimal(value) }
        let negative = value < 0
        var scaled = negative ? -value : value
        var exponent = 0
        while scaled < Double(UInt64.max - 1) {
            guard exponent > Int(Int8.min) else { return Decimal(value) }
            scaled *= 10
            exponent -= 1
        }
        while Double(UInt64.max) <= scaled {
            guard exponent < Int(Int8.max) else { return Decimal(value) }
            scaled /= 10
            exponent += 1
        }
        let mantissa = UInt64(min(scaled, Double(UInt64.max).nextDown))
        return DecimalLayout.compacted(negative: negative, exponent: exponent, mantissa: UInt128(mantissa)) ?? Decimal(value)
    }

    /// `a < b`, as Foundation's `<`, without its arrays when both mantissas fit in 128 bits.
    public static func isLess(_ a: Decimal, _ b: Decimal) -> Bool { order(a, b) < 0 }

    /// −1, 0 or 1 as `a` is less than, equal to or greater than `b` (Foundation's `<` and `==`).
    public static func order(_ a: Decimal, _ b: Decimal) -> Int {
        DecimalLayout.compare(a, b) ?? (a < b ? -1 : (a == b ? 0 : 1))
    }
}

/// Foundation's (swift-foundation's) memory layout of `Decimal`, whose fields are not public: byte 0
/// the exponent (Int8); byte 1 the length in 16-bit words (high 4 bits), negative (bit 3) and
/// compact (bit 2); bytes 4 to 19 the mantissa, little-endian. Checked once against known values:
/// on any other layout the fast paths use Foundation's arithmetic.
enum DecimalLayout {
    static let isKnown: Bool = {
        guard MemoryLayout<Decimal>.size == 20 else { return false }
        func bytes(_ value: Decimal) -> [UInt8] { withUnsafeBytes(of: value) { Array($0) } }
        let mantissa: [UInt8] = [0x15, 0x81, 0x39, 0x6e, 0xb1, 0xc9, 0xbe, 0x46, 0x32, 0x1b, 0xe4, 0x27]
        return bytes(Decimal(string: "-1.25")!) == [0xfe, 0x1c, 0, 0, 0x7d] + Array(repeating: 0, count: 15)
            && bytes(Decimal(string: "123456789012345678901234567890")!) == [0x01, 0x64, 0, 0] + mantissa + [0, 0, 0, 0]
            && bytes(Decimal()) == Array(repeating: 0, count: 20)
    }()

    /// 10^0 ... 10^38 (10^38 < 2^128).
    static let powersOfTen: [UInt128] = (0...38).map { power in (0..<power).reduce(UInt128(1)) { value, _ in value * 10 } }

    /// Sign, exponent and mantissa (up to 128 bits); nil for NaN.
    static func parts(_ value: Decimal) -> (negative: Bool, exponent: Int, mantissa: UInt128)? {
        withUnsafeBytes(of: value) { raw in
            let flags = raw[1]
            let length = flags >> 4, negative = flags & 0x08 != 0
            guard length <= 8, !(length == 0 && negative) else { return nil }
            let low = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 4, as: UInt64.self))
            let high = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 12, as: UInt64.self))
            return (negative, Int(Int8(bitPattern: raw[0])), UInt128(high) << 64 | UInt128(low))
        }
    }

    /// Both mantissas scaled to the smaller exponent, or nil when one of them would not fit in
    /// 128 bits.
    static func aligned(
        _ x: (negative: Bool, exponent: Int, mantissa: UInt128), _ y: (negative: Bool, exponent: Int, mantissa: UInt128)
    ) -> (UInt128, UInt128, exponent: Int)? {
        let exponent = min(x.exponent, y.exponent)
        guard let left = scaled(x.mantissa, by: x.exponent - exponent),
              let right = scaled(y.mantissa, by: y.exponent - exponent) else { return nil }
        return (left, right, exponent)
    }

    /// `mantissa × 10^power`, or nil when it does not fit in 128 bits.
    static func scaled(_ mantissa: UInt128, by power: Int) -> UInt128? {
        guard power > 0 else { return mantissa }
        guard power <= 38 else { return mantissa == 0 ? 0 : nil }
        let (product, overflow) = mantissa.multipliedReportingOverflow(by: powersOfTen[power])
        return overflow ? nil : product
    }

    /// The sign of `a − b` (−1, 0, 1), or nil when a mantissa is too long or a value is NaN.
    static func compare(_ a: Decimal, _ b: Decimal) -> Int? {
        guard isKnown, let x = parts(a), let y = parts(b) else { return nil }
        let signX = x.mantissa == 0 ? 0 : (x.negative ? -1 : 1), signY = y.mantissa == 0 ? 0 : (y.negative ? -1 : 1)
        guard signX == signY, signX != 0 else { return signX < signY ? -1 : (signX > signY ? 1 : 0) }
        // Same sign: compare the magnitudes; the one that does not fit once aligned is the larger.
        let magnitudeOrder: Int
        if x.exponent >= y.exponent {
            guard let left = scaled(x.mantissa, by: x.exponent - y.exponent) else { return signX }
            magnitudeOrder = left < y.mantissa ? -1 : (left > y.mantissa ? 1 : 0)
        } else {
            guard let right = scaled(y.mantissa, by: y.exponent - x.exponent) else { return -signX }
            magnitudeOrder = x.mantissa < right ? -1 : (x.mantissa > right ? 1 : 0)
        }
        return magnitudeOrder * signX
    }

    /// `mantissa × 10^exponent` without trailing decimal zeros, as Foundation's results are; nil
    /// when the exponent then falls outside Int8 (Foundation rounds or fails there).
    static func compacted(negative: Bool, exponent: Int, mantissa: UInt128) -> Decimal? {
        var magnitude = mantissa, scale = exponent
        while magnitude % 10 == 0 {
            magnitude /= 10
            scale += 1
        }
        guard (Int(Int8.min)...Int(Int8.max)).contains(scale) else { return nil }
        return decimal(negative: negative, exponent: scale, mantissa: magnitude)
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
