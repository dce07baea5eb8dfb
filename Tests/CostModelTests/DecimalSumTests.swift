import Foundation
import Testing
@testable import CostModel

@Suite("Decimal fast paths: Foundation's arithmetic, comparison, rounding and text, faster")
struct DecimalSumTests {
    /// A fixed-seed generator, so that a failure repeats.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Amounts as the bill holds them and beyond: 1 to 38 digits, 0 to 20 decimals, signs,
    /// trailing zeros, zeros with decimals.
    static func randomDecimal(_ random: inout SplitMix) -> Decimal {
        let digits = Int.random(in: 1...38, using: &random)
        var text = String((0..<digits).map { _ in Character(String(Int.random(in: 0...9, using: &random))) })
        if Int.random(in: 0..<8, using: &random) == 0 { text = String(repeating: "0", count: digits) }
        let decimals = Int.random(in: 0...20, using: &random)
        if decimals > 0 { text = String(repeating: "0", count: max(0, decimals - text.count + 1)) + text }
        if decimals > 0 { text.insert(".", at: text.index(text.endIndex, offsetBy: -decimals)) }
        if Bool.random(using: &random) { text = "-" + text }
        return Decimal(string: text)!
    }

    static func bytes(_ value: Decimal) -> [UInt8] { withUnsafeBytes(of: value) { Array($0) } }

    /// Otherwise every sum silently takes Foundation's slower path.
    @Test func foundationsLayoutOfDecimalIsTheOneKnown() {
        #expect(DecimalLayout.isKnown)
    }

    @Test func equalsFoundationsSumByteForByte() {
        var random = SplitMix(state: 18)
        var mismatches: [String] = []
        for _ in 0..<200_000 {
            let a = Self.randomDecimal(&random), b = Self.randomDecimal(&random)
            if Self.bytes(Decimal.exactSum(a, b)) != Self.bytes(a + b) { mismatches.append("\(a) + \(b)") }
        }
        #expect(mismatches.isEmpty, "first: \(mismatches.prefix(5))")
    }

    /// Doubles as the allocator converts them (core- and GiB-hours: multiples of binary fractions,
    /// ratios, integers) and beyond: 1e-30 to 1e30, signs, the edges of the scaling loops.
    @Test func conversionFromDoubleEqualsFoundationsByteForByte() {
        var random = SplitMix(state: 29)
        var mismatches: [String] = []
        let edges: [Double] = [1, 0.1, 1.0 / 3, 0.25, 18446744073709551615, 18446744073709549568, 1.8446744073709552e19,
                               1e-38, 1e38, 5e-324, 1.7976931348623157e308, 123.456, 1e-7, 2.5e10, .pi]
        for index in 0..<200_000 {
            var value: Double
            switch index % 4 {
            case 0: value = Double(Int.random(in: 1...100_000, using: &random)) / Double(1 << Int.random(in: 0...20, using: &random))
            case 1: value = Double(Int.random(in: 1...1_000_000, using: &random)) / Double(Int.random(in: 1...1_000_000, using: &random))
            case 2: value = Double(bitPattern: UInt64.random(in: 0x3960_0000_0000_0000...0x4630_0000_0000_0000, using: &random))
            default: value = index / 4 < edges.count ? edges[index / 4] : Double(Int.random(in: 0...1_000_000, using: &random))
            }
            if Bool.random(using: &random) { value = -value }
            if Self.bytes(Decimal.converted(value)) != Self.bytes(Decimal(value)) { mismatches.append("\(value)") }
        }
        #expect(mismatches.isEmpty, "first: \(mismatches.prefix(5))")
    }

    @Test func productDifferenceAndOrderEqualFoundationsByteForByte() {
        var random = SplitMix(state: 23)
        var mismatches: [String] = []
        for index in 0..<200_000 {
            let a = Self.randomDecimal(&random)
            let b = index % 4 == 0 ? a : Self.randomDecimal(&random)
            if Self.bytes(Decimal.exactProduct(a, b)) != Self.bytes(a * b) { mismatches.append("\(a) × \(b)") }
            if Self.bytes(Decimal.exactSum(a, -b)) != Self.bytes(a - b) { mismatches.append("\(a) − \(b)") }
            if Decimal.order(a, b) != (a < b ? -1 : (a == b ? 0 : 1)) { mismatches.append("\(a) vs \(b)") }
            if Decimal.isLess(b, a) != (b < a) { mismatches.append("\(b) < \(a)") }
        }
        #expect(mismatches.isEmpty, "first: \(mismatches.prefix(5))")
        // Zeros as rounding leaves them (an exponent, no digits) on either side.
        var small = Decimal(string: "0.004")!, zero = Decimal()
        NSDecimalRound(&zero, &small, 2, .down)
        let amount = Decimal(string: "-12.345")!
        #expect(Self.bytes(Decimal.exactSum(amount, -zero)) == Self.bytes(amount - zero))
        #expect(Self.bytes(Decimal.exactSum(zero, -amount)) == Self.bytes(zero - amount))
        #expect(Decimal.order(zero, 0) == 0 && Decimal.isLess(amount, zero))
        #expect(Decimal.exactProduct(Decimal(string: "1.5")!, 2) == 3)
        #expect(Decimal.exactProduct(.nan, 2).isNaN)
    }

    @Test func roundingEqualsNSDecimalRoundByteForByte() {
        var random = SplitMix(state: 29)
        var mismatches: [String] = []
        var fast = 0
        for index in 0..<200_000 {
            let value = index % 3 == 0
                ? Decimal(string: "\(Int.random(in: -99_999_999...99_999_999, using: &random))e-\(Int.random(in: 0...12, using: &random))")!
                : Self.randomDecimal(&random)
            let scale = Int.random(in: 0...6, using: &random)
            let mode: NSDecimalNumber.RoundingMode = [.plain, .down, .up][Int.random(in: 0...2, using: &random)]
            var input = value, foundation = Decimal()
            NSDecimalRound(&foundation, &input, scale, mode)
            guard let rounded = DecimalLayout.rounded(value, scale: scale, mode: mode) else { continue }
            fast += 1
            if Self.bytes(rounded) != Self.bytes(foundation) { mismatches.append("\(value) to \(scale) (\(mode.rawValue))") }
            #expect(Money.rounded(value, scale: scale, mode: mode) == foundation)
        }
        #expect(mismatches.isEmpty, "first: \(mismatches.prefix(5))")
        #expect(fast > 100_000)  // most values take the fast path
    }

    @Test func plainTextEqualsFoundationsDescription() {
        var random = SplitMix(state: 31)
        var mismatches: [String] = []
        var fast = 0
        for _ in 0..<200_000 {
            let value = Self.randomDecimal(&random)
            var input = value, rounded = Decimal()
            NSDecimalRound(&rounded, &input, Int.random(in: 0...4, using: &random), .plain)
            for candidate in [value, rounded, -rounded] {
                guard let text = DecimalLayout.plainText(candidate) else { continue }
                fast += 1
                if text != candidate.description { mismatches.append("\(text) vs \(candidate.description)") }
            }
        }
        #expect(mismatches.isEmpty, "first: \(mismatches.prefix(5))")
        #expect(fast > 300_000)
        #expect(Money.plain(Decimal(string: "-0.005")!, scale: 2) == "-0.01")
        #expect(Money.plain(Decimal(string: "1e3")!, scale: 2) == "1000.00")
    }

    @Test func sumsOfBillAmountsStayExact() {
        var random = SplitMix(state: 7)
        var fast = Decimal(0), foundation = Decimal(0)
        for _ in 0..<100_000 {
            let amount = Decimal(string: "\(Int.random(in: -99_999...9_999_999, using: &random))e-10")!
            fast = Decimal.exactSum(fast, amount)
            foundation += amount
        }
        #expect(Self.bytes(fast) == Self.bytes(foundation))
        #expect(Decimal.exactSum(Decimal(string: "0.1")!, Decimal(string: "0.2")!) == Decimal(string: "0.3")!)
        #expect(Decimal.exactSum(Decimal(string: "1.50")!, Decimal(string: "-1.5")!) == 0)
        #expect(Decimal.exactSum(.nan, 1).isNaN)
    }
}
