import Foundation

/// `storage_class`: volumes on a class with a cheaper equivalent (gp2 → gp3), rarely accessed
/// object storage on the hot class, snapshots older than the archive age.
enum StorageClassRule {
    static func volume(_ ctx: ResourceContext) -> Finding? {
        guard ctx.tierPolicy.allows(.changeStorageClass), let current = ctx.resource.storageClass,
              let change = ctx.policy.storage.volumeClassChanges[current.lowercased()]
                ?? ctx.policy.storage.volumeClassChanges[current] else { return nil }
        let ratio = Decimal(settingValue: change.priceRatio)
        return ctx.finding(
            .storageClass, action: .changeStorageClass, recommended: change.to,
            evidence: ctx.evidence(["\(current) → \(change.to) price ratio \(.exact(ratio))"]),
            saving: ctx.saving(leaving: ratio), confidence: .high,
            reason: "\(change.to) gives the same or better performance as \(current) at a lower price.")
    }

    /// Object storage on the hot class with little access. Needs usage; the caller checks sufficiency.
    static func objectStorage(_ ctx: ResourceContext) -> Finding? {
        let s = ctx.policy.storage
        guard ctx.tierPolicy.allows(.changeStorageClass),
              (ctx.resource.storageClass ?? "").lowercased() == s.objectStorageHotClass.lowercased(),
              let usage = ctx.usage, !usage.days.isEmpty else { return nil }
        let perDay = usage.days.map { $0.requests ?? 0 }.reduce(0, +) / Double(usage.days.count)
        guard perDay < s.objectStorageRequestsPerDayMax else { return nil }
        let saving = Decimal(settingValue: s.objectStorageColdSaving)
        return ctx.finding(
            .storageClass, action: .changeStorageClass, recommended: s.objectStorageColdClass,
            evidence: ctx.evidence(
                ["mean \(.number(perDay)) requests/day < \(.number(s.objectStorageRequestsPerDayMax))"],
                percentileName: "mean requests per day", percentileValue: perDay),
            saving: ctx.saving(leaving: 1 - saving), confidence: ctx.usageConfidence,
            reason: "Rarely accessed data on the \(s.objectStorageHotClass) class; a lifecycle rule to \(s.objectStorageColdClass) is cheaper.")
    }

    /// A snapshot (resource kind `snapshot`) older than `snapshotArchiveAfterDays`.
    static func snapshot(_ ctx: ResourceContext) -> Finding? {
        let s = ctx.policy.storage
        guard ctx.tierPolicy.allows(.changeStorageClass),
              (ctx.resource.storageClass ?? "").lowercased() != s.snapshotArchiveClass.lowercased(),
              let age = ctx.daysBeforeWindowEnd(ctx.resource.createdAt),
              age > Double(s.snapshotArchiveAfterDays) else { return nil }
        let ratio = Decimal(settingValue: s.snapshotArchivePriceRatio)
        return ctx.finding(
            .storageClass, action: .changeStorageClass, recommended: s.snapshotArchiveClass,
            evidence: ctx.evidence(["snapshot age \(.number(age, digits: 1)) days > \(s.snapshotArchiveAfterDays)"]),
            saving: ctx.saving(leaving: ratio), confidence: .high,
            reason: "Snapshot older than \(s.snapshotArchiveAfterDays) days; archive it (or delete it if no longer needed).")
    }
}
