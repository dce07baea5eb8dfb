import Foundation

/// Every setting of cost attribution, with its unit and default. Decoding: a missing key uses the
/// default; an invalid value throws a `DecodingError` naming the key.
public struct AttributionPolicy: Sendable, Hashable, Codable {
    /// Tag keys read when the inventory does not name the owner. Default: see `AttributionTagKeys`.
    public var tagKeys: AttributionTagKeys
    /// How charges without a resource are attributed. Default: `proportional`.
    public var sharedCost: SharedCostPolicy
    /// Anomaly threshold in standard deviations above the baseline mean (a number > 0). Default: 3.
    public var anomalySigma: Double
    /// Length of the anomaly baseline in days before the day tested (an integer >= 2). Default: 14.
    public var anomalyBaselineDays: Int
    /// Minimum excess of a day's effective cost over the baseline mean to report an anomaly, in the
    /// charge's currency (the same number for every currency; >= 0). Default: 10.
    /// Encoded as a decimal string (e.g. `"10"`); decodes from a string or a number.
    public var anomalyMinimumAmount: Decimal
    /// How many untagged resources are listed per currency (top spenders by effective cost; >= 0).
    /// Default: 20.
    public var topUntaggedCount: Int

    public static let defaultAnomalySigma = 3.0
    public static let defaultAnomalyBaselineDays = 14
    public static let defaultAnomalyMinimumAmount: Decimal = 10
    public static let defaultTopUntaggedCount = 20

    public init(
        tagKeys: AttributionTagKeys = AttributionTagKeys(),
        sharedCost: SharedCostPolicy = .proportional,
        anomalySigma: Double = AttributionPolicy.defaultAnomalySigma,
        anomalyBaselineDays: Int = AttributionPolicy.defaultAnomalyBaselineDays,
        anomalyMinimumAmount: Decimal = AttributionPolicy.defaultAnomalyMinimumAmount,
        topUntaggedCount: Int = AttributionPolicy.defaultTopUntaggedCount
    ) {
        self.tagKeys = tagKeys; self.sharedCost = sharedCost; self.anomalySigma = anomalySigma
        self.anomalyBaselineDays = anomalyBaselineDays; self.anomalyMinimumAmount = anomalyMinimumAmount
        self.topUntaggedCount = topUntaggedCount
    }

    enum CodingKeys: String, CodingKey {
        case tagKeys = "tag_keys", sharedCost = "shared_cost", anomalySigma = "anomaly_sigma"
        case anomalyBaselineDays = "anomaly_baseline_days", anomalyMinimumAmount = "anomaly_minimum_amount"
        case topUntaggedCount = "top_untagged_count"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        tagKeys = try c.decodeIfPresent(AttributionTagKeys.self, forKey: .tagKeys) ?? AttributionTagKeys()
        sharedCost = try c.decodeIfPresent(SharedCostPolicy.self, forKey: .sharedCost) ?? .proportional

        anomalySigma = try c.setting(
            .anomalySigma, default: Self.defaultAnomalySigma, rule: "a finite number > 0", isValid: SettingRule.positive)
        anomalyBaselineDays = try c.setting(
            .anomalyBaselineDays, default: Self.defaultAnomalyBaselineDays, rule: "at least 2", isValid: { $0 >= 2 })
        anomalyMinimumAmount = try Self.decodeAmount(c, key: .anomalyMinimumAmount)
            ?? Self.defaultAnomalyMinimumAmount
        guard anomalyMinimumAmount >= 0 else {
            throw DecodingError.dataCorruptedError(
                forKey: .anomalyMinimumAmount, in: c, debugDescription: "invalid value for 'anomaly_minimum_amount': must be at least 0")
        }
        topUntaggedCount = try c.setting(
            .topUntaggedCount, default: Self.defaultTopUntaggedCount, rule: "at least 0", isValid: { $0 >= 0 })
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(tagKeys, forKey: .tagKeys)
        try c.encode(sharedCost, forKey: .sharedCost)
        try c.encode(anomalySigma, forKey: .anomalySigma)
        try c.encode(anomalyBaselineDays, forKey: .anomalyBaselineDays)
        try c.encode(Money.plain(anomalyMinimumAmount), forKey: .anomalyMinimumAmount)
        try c.encode(topUntaggedCount, forKey: .topUntaggedCount)
    }

    /// A money amount written as a decimal string (exact) or as a number.
    private static func decodeAmount(
        _ c: KeyedDecodingContainer<CodingKeys>, key: CodingKeys
    ) throws -> Decimal? {
        guard c.contains(key), try !c.decodeNil(forKey: key) else { return nil }
        if let text = try? c.decode(String.self, forKey: key) {
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            guard trimmed.wholeMatch(of: /[+-]?[0-9]+(\.[0-9]+)?/) != nil,
                  let value = Decimal(string: trimmed, locale: Locale(identifier: "en_US_POSIX"))
            else {
                throw DecodingError.dataCorruptedError(
                    forKey: key, in: c, debugDescription: "\(key.stringValue) is not a decimal number: '\(text)'")
            }
            return value
        }
        if let integer = try? c.decode(Int.self, forKey: key) { return Decimal(integer) }
        let number = try c.decode(Double.self, forKey: key)
        guard number.isFinite, let value = Decimal(string: "\(number)", locale: Locale(identifier: "en_US_POSIX"))
        else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: c, debugDescription: "\(key.stringValue) must be a finite number")
        }
        return value
    }
}
