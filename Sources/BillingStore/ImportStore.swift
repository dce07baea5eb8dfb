import Foundation
import Postgres

/// The SQL of `costreport import`: per file, one transaction; FOCUS rows go through a temporary
/// staging table so that a re-import replaces the (billing account, billing period) pairs it holds.
public struct ImportStore {
    public let connection: Connection

    public init(connection: Connection) { self.connection = connection }

    /// What one FOCUS file changed.
    public struct FocusApplied: Sendable, Hashable {
        /// Rows already in `billing_line_items` for the file's (account, period) pairs, now replaced.
        public var replacedRows: Int
        /// Rows inserted into `billing_line_items`.
        public var insertedRows: Int
        /// `resources` rows created for resource ids the inventory lacked.
        public var createdResources: Int
    }

    public func begin() throws { try connection.execute(Query(name: "begin import", "BEGIN")) }
    public func commit() throws { try connection.execute(Query(name: "commit import", "COMMIT")) }
    /// Best effort: the connection may already be gone.
    public func rollback() { _ = try? connection.execute(Query(name: "rollback import", "ROLLBACK")) }

    /// Creates the staging table (dropped at commit or rollback): the columns of
    /// `billing_line_items` plus `resource_kind`, the kind a new `resources` row gets.
    public func createFocusStaging() throws {
        try connection.execute(Query(name: "create focus staging", """
            CREATE TEMP TABLE focus_import_staging (LIKE billing_line_items INCLUDING DEFAULTS) ON COMMIT DROP
            """))
        try connection.execute(Query(name: "create focus staging", "ALTER TABLE focus_import_staging ADD COLUMN resource_kind text"))
    }

    /// Streams rows into the staging table: each row is the 29 `billing_line_items` columns in
    /// table order (text, nil for NULL) followed by the resource kind.
    @discardableResult
    public func copyFocusStaging(_ produce: ((([String?]) throws -> Void)) throws -> Void) throws -> Int {
        let query = Query(name: "copy focus staging", """
            COPY focus_import_staging (billing_account_id, sub_account_id, invoice_id, provider_name,
              billing_period_start, billing_period_end, charge_period_start, charge_period_end,
              charge_category, charge_description, service_name, service_category, resource_id,
              resource_name, resource_type, region_id, sku_id, pricing_category, pricing_unit,
              pricing_quantity, consumed_unit, consumed_quantity, list_cost, contracted_cost,
              effective_cost, billed_cost, billing_currency, commitment_discount_id, tags, resource_kind) FROM STDIN
            """)
        return try connection.copyIn(query) { writer in
            try produce { row in try writer.writeRow(row) }
        }
    }

    /// Replaces the staged (billing account, billing period start) pairs in `billing_line_items`
    /// with the staged rows, then adds `resources` rows for billed resource ids the inventory does
    /// not have (kind, provider, region and tags of the latest charge), never touching existing rows.
    public func applyFocusStaging() throws -> FocusApplied {
        let replaced = try connection.execute(Query(name: "replace billing periods", """
            DELETE FROM billing_line_items b
            USING (SELECT DISTINCT billing_account_id, billing_period_start FROM focus_import_staging) p
            WHERE b.billing_account_id = p.billing_account_id AND b.billing_period_start = p.billing_period_start
            """))
        let inserted = try connection.execute(Query(name: "insert billing lines", """
            INSERT INTO billing_line_items (billing_account_id, sub_account_id, invoice_id, provider_name,
              billing_period_start, billing_period_end, charge_period_start, charge_period_end,
              charge_category, charge_description, service_name, service_category, resource_id,
              resource_name, resource_type, region_id, sku_id, pricing_category, pricing_unit,
              pricing_quantity, consumed_unit, consumed_quantity, list_cost, contracted_cost,
              effective_cost, billed_cost, billing_currency, commitment_discount_id, tags)
            SELECT billing_account_id, sub_account_id, invoice_id, provider_name,
              billing_period_start, billing_period_end, charge_period_start, charge_period_end,
              charge_category, charge_description, service_name, service_category, resource_id,
              resource_name, resource_type, region_id, sku_id, pricing_category, pricing_unit,
              pricing_quantity, consumed_unit, consumed_quantity, list_cost, contracted_cost,
              effective_cost, billed_cost, billing_currency, commitment_discount_id, tags
            FROM focus_import_staging
            """))
        let created = try connection.execute(Query(name: "add billed resources", """
            INSERT INTO resources (resource_id, kind, provider_name, region_id, tags)
            SELECT DISTINCT ON (resource_id) resource_id, resource_kind, provider_name, region_id, tags
            FROM focus_import_staging
            WHERE resource_id IS NOT NULL
            ORDER BY resource_id, charge_period_start DESC
            ON CONFLICT (resource_id) DO NOTHING
            """))
        return FocusApplied(replacedRows: replaced, insertedRows: inserted, createdResources: created)
    }

    /// Streams rows into `usage_samples` (columns in table order, text, nil for NULL).
    @discardableResult
    public func copyUsageSamples(_ produce: ((([String?]) throws -> Void)) throws -> Void) throws -> Int {
        let query = Query(name: "copy usage_samples", """
            COPY usage_samples (resource_id, sampled_at, interval_seconds, cpu_utilization, memory_utilization,
              network_bytes, disk_iops, requests, connections) FROM STDIN
            """)
        return try connection.copyIn(query) { writer in
            try produce { row in try writer.writeRow(row) }
        }
    }
}
