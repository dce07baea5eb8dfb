extension KeyedDecodingContainer {
    /// The value at `key`, or `fallback` when the key is missing or null. Throws a
    /// `DecodingError.dataCorrupted` naming the key when `isValid` rejects the decoded value.
    public func setting<T: Decodable>(
        _ key: Key, default fallback: T, rule: String = "", isValid: (T) -> Bool = { _ in true }
    ) throws -> T {
        guard let value = try decodeIfPresent(T.self, forKey: key) else { return fallback }
        guard isValid(value) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: self,
                debugDescription: "invalid value for '\(key.stringValue)': must be \(rule)")
        }
        return value
    }
}

/// Shared validity checks for policy settings.
public enum SettingRule {
    public static func fraction(_ value: Double) -> Bool { value.isFinite && value >= 0 && value <= 1 }
    public static func percentRank(_ value: Double) -> Bool { value.isFinite && value > 0 && value <= 100 }
    public static func positive(_ value: Double) -> Bool { value.isFinite && value > 0 }
    public static func nonNegative(_ value: Double) -> Bool { value.isFinite && value >= 0 }
}
