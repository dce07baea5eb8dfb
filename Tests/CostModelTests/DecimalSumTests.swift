import Foundation
import Testing
@testable import CostModel

@Suite("Decimal.exactSum: Foundation's addition, faster")
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
