import CostModel
import Foundation
import Postgres

/// The state of the optional rollup tables (sample-billing/rollups.sql) as the report's snapshot
/// sees it: what the histograms were built with and whether the triggers that keep them exact
/// are all there and enabled.
public struct RollupStatus: Sendable, Equatable {
    public var timeZone: String
    public var serviceHoursStart: Int
    public var serviceHoursEnd: Int
    public var buckets: Int
    public var rebuiltAt: Date
    /// Triggers named `costreport_rollup_*` on `RollupInstaller.sourceTables` that fire in
    /// ordinary sessions.
    public var enabledTriggers: Int
    /// Days in costreport.rollup_pending: written since the last refresh, so the rollup queries
    /// compute them from the raw rows.
    public var pendingDays: Int
    /// postgres_fdw foreign partitions of billing_line_items and usage_samples: more than 0 on a
    /// sharded coordinator (`costreport db shards`), where the rollups are not used.
    public var foreignPartitions: Int = 0
    /// Tables of today's sample-billing/rollups.sql (`RollupInstaller.tables`) that the installed
    /// rollups lack (installed by an older costreport).
    public var missingTables: [String] = []

    /// INSERT, UPDATE, DELETE and TRUNCATE on each of `RollupInstaller.sourceTables`.
    public static let expectedTriggers = 4 * RollupInstaller.sourceTables.count

    /// Why the rollups cannot stand in for the raw tables for this window and these settings,
    /// or nil when they can.
    public func unusableReason(for window: ReportWindow, settings: UsageQuerySettings) -> String? {
        if foreignPartitions > 0 {
            return "billing_line_items and usage_samples are sharded (\(foreignPartitions) postgres_fdw partitions): the shards aggregate the raw tables and rollups on the coordinator are not read (docs/scale-out.md, \"Rollups and shards\"); `costreport db rollups --drop` removes them"
        }
        if !missingTables.isEmpty {
            return "the rollups were installed by an older costreport and lack \(missingTables.joined(separator: ", ")); run `costreport db rollups` to bring them up to date"
        }
        if enabledTriggers < Self.expectedTriggers {
            return "only \(enabledTriggers) of the \(Self.expectedTriggers) costreport_rollup_* triggers on \(RollupInstaller.sourceTables.joined(separator: ", ")) are enabled, so the rollups may be stale; run `costreport db rollups` to rebuild them"
        }
        let built = (timeZone, serviceHoursStart, serviceHoursEnd, buckets)
        let wanted = (settings.timeZone, settings.serviceHoursStart, settings.serviceHoursEnd, settings.buckets)
        if built != wanted {
            return "the rollup histograms were built for service hours \(serviceHoursStart)-\(serviceHoursEnd) \(timeZone) with \(buckets) buckets, the policy asks for \(settings.serviceHoursStart)-\(settings.serviceHoursEnd) \(settings.timeZone) with \(settings.buckets); run `costreport db rollups` with this policy to rebuild them"
        }
        let midnights = [window.start, window.end].allSatisfy { $0.timeIntervalSince1970.truncatingRemainder(dividingBy: 86_400) == 0 }
        return midnights ? nil : "the window \(window.start) to \(window.end) does not start and end at UTC midnights, and the rollups hold whole UTC days"
    }
}

extension BillingStore {
    /// The rollups' status, or nil when they are not installed. Run inside the report's snapshot.
    public func rollupStatus() throws -> RollupStatus? {
        let installed = try connection.all(Query(
            name: "rollups installed", "SELECT to_regclass('costreport.rollup_settings') IS NOT NULL AS installed")
        ) { try $0.decode(Bool.self, "installed") }
        guard installed.first == true else { return nil }
        let missingTables = try RollupInstaller(connection: connection).missingTables()
        return try connection.all(Query(name: "rollup status", """
            SELECT s.time_zone, s.service_hours_start, s.service_hours_end, s.buckets, s.rebuilt_at,
                   (SELECT count(*) FROM pg_trigger t
                    WHERE t.tgrelid IN (SELECT to_regclass(name) FROM unnest($1::text[]) name)
                      AND t.tgname LIKE 'costreport\\_rollup\\_%' AND t.tgenabled IN ('O', 'A')) AS enabled_triggers,
                   (SELECT count(*) FROM costreport.rollup_pending) AS pending_days,
                   (SELECT count(*) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid AND c.relkind = 'f'
                    WHERE i.inhparent IN (to_regclass('billing_line_items'), to_regclass('usage_samples'))) AS foreign_partitions
            FROM costreport.rollup_settings s
            """), [.text("{\(RollupInstaller.sourceTables.joined(separator: ","))}")]
        ) { row in
            RollupStatus(
                timeZone: try row.decode(String.self, "time_zone"),
                serviceHoursStart: try row.decode(Int.self, "service_hours_start"),
                serviceHoursEnd: try row.decode(Int.self, "service_hours_end"),
                buckets: try row.decode(Int.self, "buckets"),
                rebuiltAt: try row.decode(Date.self, "rebuilt_at"),
                enabledTriggers: try row.decode(Int.self, "enabled_triggers"),
                pendingDays: try row.decode(Int.self, "pending_days"),
                foreignPartitions: try row.decode(Int.self, "foreign_partitions"),
                missingTables: missingTables)
        }.first
    }

    /// The postgres_fdw foreign partitions of billing_line_items and usage_samples: more than 0 on a
    /// sharded coordinator (`costreport db shards`).
    public func foreignPartitionCount() throws -> Int {
        try connection.all(Query(name: "foreign partitions", """
            SELECT count(*) AS n FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid AND c.relkind = 'f'
            WHERE i.inhparent IN (to_regclass('billing_line_items'), to_regclass('usage_samples'))
            """)) { try $0.decode(Int.self, "n") }.first ?? 0
    }

    /// The planner's estimate of the rows of usage_samples (of all its partitions when it is
    /// partitioned), for the hint to install rollups: no scan.
    public func estimatedUsageSamples() throws -> Int {
        try connection.all(Query(name: "usage_samples size", """
            SELECT coalesce(sum(c.reltuples) FILTER (WHERE c.reltuples > 0), 0)::bigint AS n
            FROM pg_class c
            WHERE c.oid = to_regclass('usage_samples') AND c.relkind <> 'p'
               OR c.oid IN (SELECT relid FROM pg_partition_tree(to_regclass('usage_samples')) WHERE isleaf)
            """)) { try $0.decode(Int.self, "n") }.first ?? 0
    }
}
