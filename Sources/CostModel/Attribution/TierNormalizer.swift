/// Maps the ways people write a tier in tags to 1...4.
///
/// Matching ignores case, surrounding spaces and the separators ` `, `-`, `_` between a word and
/// its number (so `Tier-1`, `tier_1`, `TIER 1` are the same).
///
/// | written as                                   | tier |
/// |----------------------------------------------|------|
/// | `1`, `tier1`, `tier 1`, `tier-1`, `t1`, `critical` | 1 |
/// | `2`, `tier2`, `t2`, …, `important`, `business`     | 2 |
/// | `3`, `tier3`, `t3`, …, `batch`                     | 3 |
/// | `4`, `tier4`, `t4`, …, `dev`, `development`        | 4 |
///
/// Anything else is not a tier (`nil`; the caller reports it).
public enum TierNormalizer {
    private static let words: [String: Int] = [
        "critical": 1, "important": 2, "business": 2, "batch": 3, "dev": 4, "development": 4,
    ]

    /// The tier 1...4 that `text` names, or nil when it names none.
    public static func tier(from text: String) -> Int? {
        var compact = text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        compact.removeAll { $0 == " " || $0 == "-" || $0 == "_" }
        if let tier = words[compact] { return tier }
        for prefix in ["tier", "t", ""] where compact.hasPrefix(prefix) {
            let digits = compact.dropFirst(prefix.count)
            if digits.count == 1, let value = Int(digits), (1...4).contains(value) { return value }
        }
        return nil
    }

    /// `tier` when it is 1...4, else nil.
    public static func validated(_ tier: Int) -> Int? { (1...4).contains(tier) ? tier : nil }
}
