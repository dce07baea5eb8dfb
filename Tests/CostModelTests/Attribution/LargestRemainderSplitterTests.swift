import Foundation
import Testing
@testable import CostModel

@Suite("Largest-remainder splitting")
struct LargestRemainderSplitterTests {
    typealias Share = LargestRemainderSplitter.Share
    let d = AttributionFixture.decimal

    @Test("0.10 in three equal parts is 0.04, 0.03, 0.03; the first name gets the extra cent")
    func tenCentsThreeWays() {
        let shares = [Share(name: "c", weight: 1), Share(name: "a", weight: 1), Share(name: "b", weight: 1)]
        let parts = LargestRemainderSplitter.split(d("0.10"), over: shares, minorUnitDigits: 2)
        #expect(parts == [d("0.03"), d("0.04"), d("0.03")])
    }

    @Test("negative amounts split symmetrically")
    func negative() {
        let shares = [Share(name: "a", weight: 1), Share(name: "b", weight: 1), Share(name: "c", weight: 1)]
        #expect(LargestRemainderSplitter.split(d("-0.10"), over: shares, minorUnitDigits: 2) == [d("-0.04"), d("-0.03"), d("-0.03")])
    }

    @Test("proportional weights: the largest remainders get the leftover units")
    func proportional() {
        // 100 JPY over 1:1:1 → 34, 33, 33; over 2:1 → 67, 33.
        let three = [Share(name: "x", weight: 5), Share(name: "y", weight: 5), Share(name: "z", weight: 5)]
        #expect(LargestRemainderSplitter.split(100, over: three, minorUnitDigits: 0) == [34, 33, 33])
        let two = [Share(name: "x", weight: 2), Share(name: "y", weight: 1)]
        #expect(LargestRemainderSplitter.split(100, over: two, minorUnitDigits: 0) == [67, 33])
        // 1.000 KWD over 0.2 : 0.3 : 0.5 is exact.
        let kwd = [Share(name: "a", weight: d("0.2")), Share(name: "b", weight: d("0.3")), Share(name: "c", weight: d("0.5"))]
        #expect(LargestRemainderSplitter.split(1, over: kwd, minorUnitDigits: 3) == [d("0.2"), d("0.3"), d("0.5")])
    }

    @Test("an amount finer than the minor unit keeps its residue, so parts still sum exactly")
    func subMinorUnitResidue() throws {
        let shares = [Share(name: "a", weight: 1), Share(name: "b", weight: 1)]
        let parts = try #require(LargestRemainderSplitter.split(d("0.12345"), over: shares, minorUnitDigits: 2))
        #expect(parts.reduce(0, +) == d("0.12345"))
        #expect(parts[1] == d("0.06"))
    }

    @Test("nothing to split over gives nil")
    func nothingToSplitOver() {
        #expect(LargestRemainderSplitter.split(1, over: [], minorUnitDigits: 2) == nil)
        #expect(LargestRemainderSplitter.split(1, over: [Share(name: "a", weight: 0)], minorUnitDigits: 2) == nil)
    }
}
