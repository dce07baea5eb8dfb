import BillingStore
import CivilTime
import CostModel
import Foundation
import Reports

/// Whether a run reads the rollup tables (sample-billing/rollups.sql) or the raw ones.
enum RollupChoice {
    /// usage_samples rows from which a report without rollups gets the `rollups_hint`.
    static let hintSamples = 1_000_000

    /// Points `store` at the rollup queries when they are installed, kept current by their
    /// triggers and built with `settings`. Returns the data source for the report and the log,
    /// and a warning when rollups are installed but cannot be used (the run then reads the raw
    /// tables: slower, same figures), or a hint when a large usage_samples has none.
    static func apply(to store: BillingStore, window: ReportWindow, settings: UsageQuerySettings, enabled: Bool)
        throws -> (source: String, diagnostic: Diagnostic?)
    {
        let raw = "charges and usage from the raw tables (billing_line_items, usage_samples, container_usage_samples)"
        guard enabled, let queries = store.queries.rollups else {
            return (raw + (enabled ? "" : "; rollups turned off by job.use_rollups"), nil)
        }
        guard let status = try store.rollupStatus() else {
            // A sharded coordinator reads the raw tables on purpose (its shards aggregate them): no hint.
            guard try store.foreignPartitionCount() == 0 else { return (raw + "; aggregated on the shards", nil) }
            let samples = try store.estimatedUsageSamples()
            guard samples >= hintSamples else { return (raw, nil) }
            return (raw, Diagnostic(.info, code: "rollups_hint", """
                usage_samples holds about \(samples) rows and no rollup tables are installed: `costreport db rollups` \
                (or `costreport db init`) installs them, and the report then reads one row per resource and day \
                instead of every sample: measured 31 to 60 times faster at about 8 M samples on 2 cores (BENCHMARKS.md)
                """))
        }
        if let reason = status.unusableReason(for: window, settings: settings) {
            return (raw, Diagnostic(.warning, code: "rollups_unused", "the rollup tables were not used: \(reason)"))
        }
        store.rollups = queries
        let pending = status.pendingDays == 0 ? "" : "; \(status.pendingDays) day(s) written since the last refresh, those in the window computed from the raw tables"
        return ("charges and usage from the rollup tables (costreport.charges_daily, charge_sets, commitments_daily, usage_days, container_usage_days, container_days, container_allocation_days, node_charges; rebuilt \(UTCText.timestamp(status.rebuiltAt)), kept by triggers\(pending))", nil)
    }
}
