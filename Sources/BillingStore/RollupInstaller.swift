import Contract
import Foundation
import Postgres

/// Installs, rebuilds and removes the optional rollup tables and their triggers
/// (sample-billing/rollups.sql) for `costreport db rollups`.
public struct RollupInstaller {
    public let connection: Connection

    public init(connection: Connection) { self.connection = connection }

    /// The tables today's sample-billing/rollups.sql creates.
    public static let tables = [
        "costreport.rollup_settings", "costreport.rollup_pending", "costreport.charge_sets", "costreport.charges_daily",
        "costreport.commitments_daily", "costreport.usage_days", "costreport.container_usage_days",
        "costreport.container_days", "costreport.container_allocation_days", "costreport.node_charges",
        "costreport.rollup_nodes",
    ]

    /// The tables whose writes the rollups' triggers note.
    public static let sourceTables = ["billing_line_items", "usage_samples", "container_usage_samples"]

    /// The tables of `tables` the database lacks: all when no rollups are installed, some when an
    /// older costreport installed them. An older costreport also left `usage_days` with each
    /// measure in a column of its own where the rollup queries now read them packed (and, before
    /// that, arrays), `container_allocation_days` with arrays where they read packed records, and
    /// `charges_daily` with each amount in a column of its own (and, before that, each day's keys)
    /// where they read one text of amounts (named, e.g., "costreport.usage_days with packed
    /// measures").
    public func missingTables() throws -> [String] {
        try connection.all(
            Query(name: "missing rollup tables", """
                SELECT t FROM unnest($1::text[]) t WHERE to_regclass(t) IS NULL
                UNION ALL
                (SELECT t || ' with ' || shape
                 FROM (VALUES (1, 'costreport.usage_days', 'samples', 'packed measures'),
                              (2, 'costreport.container_allocation_days', 'cpu_usage_core_hours', 'packed records'),
                              (3, 'costreport.charges_daily', 'billed_cost', 'packed amounts')) AS older(n, t, older_column, shape)
                 JOIN pg_attribute a ON a.attrelid = to_regclass(t) AND a.attname = older_column
                 ORDER BY n)
                """),
            [.text("{\(Self.tables.joined(separator: ","))}")]
        ) { try $0.decode(String.self, "t") }
    }

    /// Applies `file` (idempotent) and refills the rollups from the tables with the histogram
    /// `settings`, in one transaction: writes to billing_line_items and usage_samples wait until
    /// it commits, and a failure leaves the previous rollups as they were.
    /// - Throws: `StoreError.contractColumnsMissing` when billing_line_items lacks contract columns
    ///   the script names, `StoreError.contractTableMissing` when one of `sourceTables` does not
    ///   exist (a database that `db init` has not upgraded).
    public func install(file: URL, settings: UsageQuerySettings) throws {
        guard FileManager.default.fileExists(atPath: file.path) else { throw StoreError.missingSchemaFile(file.path) }
        let script = try Query(contentsOf: file)
        let schema = SchemaCheck(connection: connection)
        for table in Self.sourceTables where try schema.liveColumns(of: table).isEmpty {
            throw StoreError.contractTableMissing(table)
        }
        let missing = try schema.missingColumns(BillingLineItemsTable.table).filter(script.sql.contains)
        guard missing.isEmpty else { throw StoreError.contractColumnsMissing(table: "billing_line_items", columns: missing) }
        try connection.inTransaction("rollups") {
            try connection.executeScript(script)
            try connection.execute(
                Query(name: "rebuild rollups", "SELECT costreport.rebuild_rollups($1, $2::integer, $3::integer, $4::integer)"),
                [.text(settings.timeZone), .int(settings.serviceHoursStart), .int(settings.serviceHoursEnd), .int(settings.buckets)])
        }
    }

    /// Recomputes the days whose raw rows changed since they were rolled up
    /// (`costreport.refresh_rollups()`), in its own transaction. Returns the number of days.
    public func refresh() throws -> Int {
        try connection.all(Query(name: "refresh rollups", "SELECT costreport.refresh_rollups() AS days")) {
            try $0.decode(Int.self, "days")
        }.first ?? 0
    }

    /// Removes the triggers, tables and functions (idempotent). The report then reads the raw tables.
    public func drop() throws {
        try connection.executeScript(Query(name: "drop rollups", """
            BEGIN;
            DO $do$
            DECLARE
              table_name text;
              event text;
            BEGIN
              FOREACH table_name IN ARRAY ARRAY['billing_line_items', 'usage_samples', 'container_usage_samples'] LOOP
                FOREACH event IN ARRAY ARRAY['insert', 'update', 'delete', 'truncate'] LOOP
                  EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', 'costreport_rollup_' || event, table_name);
                END LOOP;
              END LOOP;
            END
            $do$;
            DROP FUNCTION IF EXISTS costreport.rollup_source_changed(), costreport.billing_line_items_changed(),
              costreport.usage_samples_changed(), costreport.container_usage_samples_changed(), costreport.container_usage_days_from_samples(timestamptz[]),
              costreport.container_days_from_samples(timestamptz[]),
              costreport.container_allocation_days_from_samples(timestamptz[]),
              costreport.node_charges_from_lines(timestamptz[], text[]),
              costreport.rebuild_rollups(text, integer, integer, integer), costreport.refresh_rollups(),
              costreport.usage_days_from_samples(timestamptz[]), costreport.charges_daily_from_lines(timestamptz[]),
              costreport.commitments_daily_from_lines(timestamptz[]), costreport.days_span(timestamptz[]),
              costreport.charges_daily_statement(text, integer), costreport.usage_hourly_statement(text, text),
              costreport.usage_histogram_statements(text, integer);
            DROP TABLE IF EXISTS costreport.rollup_settings, costreport.charge_sets, costreport.charges_daily, costreport.commitments_daily,
              costreport.usage_days, costreport.container_usage_days, costreport.container_days,
              costreport.container_allocation_days, costreport.node_charges, costreport.rollup_nodes,
              costreport.rollup_pending, costreport.usage_hourly, costreport.usage_daily_histograms;
            COMMIT;
            """))
    }
}
