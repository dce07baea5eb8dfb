/// A cheaper equivalent storage class.
public struct StorageClassChange: Sendable, Hashable, Codable {
    /// The class to move to, e.g. `gp3`.
    public var to: String
    /// Price of the new class ÷ price of the old one (gp3 ÷ gp2 = 0.8: 20% cheaper).
    public var priceRatio: Double

    public init(to: String, priceRatio: Double) { self.to = to; self.priceRatio = priceRatio }

    enum CodingKeys: String, CodingKey { case to, priceRatio = "price_ratio" }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        to = try c.decode(String.self, forKey: .to)
        priceRatio = try c.setting(.priceRatio, default: 1, rule: "a ratio in (0, 1]") { SettingRule.fraction($0) && $0 > 0 }
    }
}

/// Storage-class rules: volumes, object storage, snapshots.
public struct StorageSettings: Sendable, Hashable, Codable {
    /// Volume classes with a cheaper equivalent, keyed by current class (default gp2 → gp3 at 0.8).
    public var volumeClassChanges: [String: StorageClassChange] = ["gp2": StorageClassChange(to: "gp3", priceRatio: 0.8)]
    /// Object-storage class considered hot (default `standard`).
    public var objectStorageHotClass: String = "standard"
    /// Class recommended for rarely accessed objects (default `infrequent_access`).
    public var objectStorageColdClass: String = "infrequent_access"
    /// Saving of the cold class against the hot one, fraction of the cost (default 0.45).
    public var objectStorageColdSaving: Double = 0.45
    /// "Little access": mean requests per day with data under this (default 100 requests/day).
    public var objectStorageRequestsPerDayMax: Double = 100
    /// Snapshots (`Resource.isSnapshot`) older than this many days go to the archive tier (default 90).
    public var snapshotArchiveAfterDays: Int = 90
    /// The archive class named in the recommendation (default `archive`).
    public var snapshotArchiveClass: String = "archive"
    /// Archive price ÷ standard snapshot price (default 0.25: AWS EBS snapshot archive is 75% cheaper).
    public var snapshotArchivePriceRatio: Double = 0.25

    public init() {}

    enum CodingKeys: String, CodingKey {
        case volumeClassChanges = "volume_class_changes", objectStorageHotClass = "object_storage_hot_class"
        case objectStorageColdClass = "object_storage_cold_class", objectStorageColdSaving = "object_storage_cold_saving"
        case objectStorageRequestsPerDayMax = "object_storage_requests_per_day_max"
        case snapshotArchiveAfterDays = "snapshot_archive_after_days", snapshotArchiveClass = "snapshot_archive_class"
        case snapshotArchivePriceRatio = "snapshot_archive_price_ratio"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = StorageSettings()
        volumeClassChanges = try c.setting(.volumeClassChanges, default: d.volumeClassChanges)
        objectStorageHotClass = try c.setting(.objectStorageHotClass, default: d.objectStorageHotClass)
        objectStorageColdClass = try c.setting(.objectStorageColdClass, default: d.objectStorageColdClass)
        objectStorageColdSaving = try c.setting(.objectStorageColdSaving, default: d.objectStorageColdSaving, rule: "a fraction 0...1", isValid: SettingRule.fraction)
        objectStorageRequestsPerDayMax = try c.setting(.objectStorageRequestsPerDayMax, default: d.objectStorageRequestsPerDayMax, rule: "requests >= 0", isValid: SettingRule.nonNegative)
        snapshotArchiveAfterDays = try c.setting(.snapshotArchiveAfterDays, default: d.snapshotArchiveAfterDays, rule: "days >= 0") { $0 >= 0 }
        snapshotArchiveClass = try c.setting(.snapshotArchiveClass, default: d.snapshotArchiveClass)
        snapshotArchivePriceRatio = try c.setting(.snapshotArchivePriceRatio, default: d.snapshotArchivePriceRatio, rule: "a ratio in (0, 1]") { SettingRule.fraction($0) && $0 > 0 }
    }
}
