import Foundation
import Testing
@testable import CostModel

@Suite("Tier normalisation")
struct TierNormalizerTests {
    @Test("common spellings of tier 1", arguments: ["1", "tier1", "tier-1", "tier 1", "t1", "Tier1", "TIER_1", " critical ", "Critical"])
    func tierOne(_ text: String) {
        #expect(TierNormalizer.tier(from: text) == 1)
    }

    @Test("words and numbers for tiers 2 to 4")
    func otherTiers() {
        #expect(TierNormalizer.tier(from: "important") == 2)
        #expect(TierNormalizer.tier(from: "business") == 2)
        #expect(TierNormalizer.tier(from: "tier-2") == 2)
        #expect(TierNormalizer.tier(from: "batch") == 3)
        #expect(TierNormalizer.tier(from: "T3") == 3)
        #expect(TierNormalizer.tier(from: "dev") == 4)
        #expect(TierNormalizer.tier(from: "Development") == 4)
        #expect(TierNormalizer.tier(from: "4") == 4)
    }

    @Test("unknown values are not tiers", arguments: ["gold", "5", "tier0", "t12", "", "production", "1.5"])
    func unknown(_ text: String) {
        #expect(TierNormalizer.tier(from: text) == nil)
    }
}
