import Contract
import Foundation
import Postgres

/// The SQL of `costreport import`: per file, one transaction; billing rows go through a temporary
/// staging table so that a re-import replaces the (billing account, billing period) pairs it holds.
/// Column lists come from the contract descriptions (`BillingLineItemsTable`, `UsageSamplesTable`).
public struct ImportStore {
    public let connection: Connection

    public init(connection: Connection) { self.connection = connection }

    /// What one billing file changed.
    public struct BillingApplied: Sendable, Hashable {
        /// Rows already in `billing_line_items` for the file's (account, period) pairs, now replaced.
        public var replacedRows: Int
        /// Rows inserted into `billing_line_items`.
        public var insertedRows: Int
        /// `resources` rows created for resource ids the inventory lacked.
        public var createdResources: Int
    }

    /// One staged billing row: the `billing_line_items` columns in table order (text, nil for
    /// NULL) and the `resources.kind` a new inventory row for its resource would get.
    public struct StagedBillingRow: Sendable, Hashable {
        public var columns: [String?]
        public var resourceKind: String

        public init(columns: [String?], resourceKind: String) {
            self.columns = columns
            self.resourceKind = resourceKind
        }
    }

    static let staging = "billing_import_staging"
    private static var billingColumns: String { ContractSQL.list(BillingLineItemsTable.table.columnNames) }

    public func begin() throws { try connection.execute(Query(name: "begin import", "BEGIN")) }
    /// Moves rows of months without a partition into new month partitions (`MonthPartitions.settle`,
    /// a no-op on tables that are not partitioned by month), then commits.
    /// - Returns: one line per month partition created.
    @discardableResult
    public func commit() throws -> [String] {
        let created = try MonthPartitions(connection: connection).settle()
        try connection.execute(Query(name: "commit import", "COMMIT"))
        return created
    }
    /// Best effort: the connection may already be gone.
    public func rollback() { _ = try? connection.execute(Query(name: "rollback import", "ROLLBACK")) }

    /// Creates the staging table (dropped at commit or rollback): the columns of
    /// `billing_line_items` plus `resource_kind`.
    public func createBillingStaging() throws {
        try connection.execute(ContractSQL.query("create billing staging", """
            CREATE TEMP TABLE \(Self.staging) (LIKE billing_line_items INCLUDING DEFAULTS) ON COMMIT DROP
            """))
        try connection.execute(ContractSQL.query("create billing staging", "ALTER TABLE \(Self.staging) ADD COLUMN resource_kind text"))
    }

    /// Streams rows into the staging table. Returns the rows staged.
    @discardableResult
    public func copyBillingStaging(_ produce: (((StagedBillingRow) throws -> Void)) throws -> Void) throws -> Int {
        let query = ContractSQL.query("copy billing staging", "COPY \(Self.staging) (\(Self.billingColumns), resource_kind) FROM STDIN")
        return try connection.copyIn(query) { writer in
            try produce { row in try writer.writeRow(row.columns + [row.resourceKind]) }
        }
    }

    /// Replaces the staged (billing account, billing period start) pairs in `billing_line_items`
    /// with the staged rows, then adds `resources` rows for billed resource ids the inventory does
    /// not have (kind, provider, region and tags of the latest charge), never touching existing rows.
    public func applyBillingStaging() throws -> BillingApplied {
        let replaced = try connection.execute(ContractSQL.query("replace billing periods", """
            DELETE FROM billing_line_items b
            USING (SELECT DISTINCT billing_account_id, billing_period_start FROM \(Self.staging)) p
            WHERE b.billing_account_id = p.billing_account_id AND b.billing_period_start = p.billing_period_start
            """))
        let inserted = try connection.execute(ContractSQL.query("insert billing lines", """
            INSERT INTO billing_line_items (\(Self.billingColumns))
            SELECT \(Self.billingColumns) FROM \(Self.staging)
            """))
        let created = try connection.execute(ContractSQL.query("add billed resources", """
            INSERT INTO resources (resource_id, kind, provider_name, region_id, tags)
            SELECT DISTINCT ON (resource_id) resource_id, resource_kind, provider_name, region_id, tags
            FROM \(Self.staging)
            WHERE resource_id IS NOT NULL
            ORDER BY resource_id, charge_period_start DESC
            ON CONFLICT (resource_id) DO NOTHING
            """))
        return BillingApplied(replacedRows: replaced, insertedRows: inserted, createdResources: created)
    }

    /// What a range-replacing import changed.
    public struct RangeApplied: Sendable, Hashable {
        /// Rows already in the table within the file's ranges, now replaced.
        public var replacedRows: Int
        /// Rows inserted.
        public var insertedRows: Int
    }

    /// The temporary staging table of `table`'s imports.
    public static func staging(of table: String) -> String { ContractSQL.identifier(table) + "_import_staging" }

    /// Creates the staging table of `table` (same columns and defaults; dropped at commit or rollback).
    public func createStaging(like table: String) throws {
        try connection.execute(ContractSQL.query("create \(table) staging", """
            CREATE TEMP TABLE \(Self.staging(of: table)) (LIKE \(ContractSQL.identifier(table)) INCLUDING DEFAULTS) ON COMMIT DROP
            """))
    }

    /// Per value of `partition` among the staged rows, deletes the rows of `table` whose `time` lies
    /// between the staged rows' first and last `time` of that value (inclusive), then inserts the
    /// staged rows: re-importing a file replaces what it loaded before.
    public func applyRangeStaging(into table: String, columns: [String], partition: String, time: String) throws -> RangeApplied {
        let (target, staged) = (ContractSQL.identifier(table), Self.staging(of: table))
        let (key, at) = (ContractSQL.identifier(partition), ContractSQL.identifier(time))
        let replaced = try connection.execute(ContractSQL.query("replace \(table) ranges", """
            DELETE FROM \(target) t
            USING (SELECT \(key), min(\(at)) AS first_at, max(\(at)) AS last_at FROM \(staged) GROUP BY \(key)) r
            WHERE t.\(key) = r.\(key) AND t.\(at) >= r.first_at AND t.\(at) <= r.last_at
            """))
        let inserted = try connection.execute(ContractSQL.query("insert \(table)", """
            INSERT INTO \(target) (\(ContractSQL.list(columns))) SELECT \(ContractSQL.list(columns)) FROM \(staged)
            """))
        return RangeApplied(replacedRows: replaced, insertedRows: inserted)
    }

    /// Streams text rows (columns in table order, nil for NULL) into a table with COPY, e.g.
    /// `usage_samples`. Returns the rows loaded.
    @discardableResult
    public func copyRows(into table: String, columns: [String], _ produce: ((([String?]) throws -> Void)) throws -> Void) throws -> Int {
        try BulkCopy.copy(into: table, columns: columns, connection: connection) { writer in
            try produce { row in try writer.writeRow(row) }
        }
    }
}
