import BillingStore
import CivilTime
import CostModel
import Foundation
import Reports

/// Whether a run reads the rollup tables (sample-billing/rollups.sql) or the raw ones.
enum RollupChoice {
    /// Points `store` at the rollup queries when they are installed, kept current by their
    /// triggers and built with `settings`. Returns the data source for the report and the log,
    /// and a warning when rollups are installed but cannot be used (the run then reads the raw
    /// tables: slower, same figures).
    static func apply(to store: BillingStore, window: ReportWindow, settings: UsageQuerySettings, enabled: Bool)
        throws -> (source: String, diagnostic: Diagnostic?)
    {
        let raw = "charges and usage from the raw tables (billing_line_items, usage_samples)"
        guard enabled, let queries = store.queries.rollups else {
            return (raw + (enabled ? "" : "; rollups turned off by job.use_rollups"), nil)
        }
        guard let status = try store.rollupStatus() else { return (raw, nil) }
        if let reason = status.unusableReason(for: window, settings: settings) {
            return (raw, Diagnostic(.warning, code: "rollups_unused", "the rollup tables were not used: \(reason)"))
        }
        store.rollups = queries
        return ("charges and usage from the rollup tables (costreport.charges_daily, usage_hourly, usage_daily_histograms; rebuilt \(UTCText.timestamp(status.rebuiltAt)), kept by triggers)", nil)
    }
}
