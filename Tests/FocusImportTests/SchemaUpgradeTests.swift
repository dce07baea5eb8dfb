import BillingStore
import Contract
import Foundation
import Imports
import Postgres
import ReportJob
import Testing
import TestSupport

/// `costreport db init` on a database created with the schema before DESIGN.md §2.1: the eleven
/// FOCUS columns are added in place, rows are kept untouched, then the rollups install and keep
/// working (before the upgrade they refuse, asking for `db init`: they read commitment columns).
@Suite(.serialized) struct SchemaUpgradeTests {
    typealias F = ImportFixtures

    /// `billing_line_items` as `schema.sql` created it before §2.1 (29 columns).
    static let tableBefore: StaticString = """
        CREATE TABLE billing_line_items (
          billing_account_id text NOT NULL, sub_account_id text, invoice_id text, provider_name text NOT NULL,
          billing_period_start timestamptz NOT NULL, billing_period_end timestamptz NOT NULL,
          charge_period_start timestamptz NOT NULL, charge_period_end timestamptz NOT NULL,
          charge_category text NOT NULL, charge_description text, service_name text, service_category text,
          resource_id text, resource_name text, resource_type text, region_id text, sku_id text,
          pricing_category text, pricing_unit text, pricing_quantity numeric, consumed_unit text,
          consumed_quantity numeric, list_cost numeric NOT NULL, contracted_cost numeric,
          effective_cost numeric NOT NULL, billed_cost numeric NOT NULL, billing_currency text NOT NULL,
          commitment_discount_id text, tags jsonb NOT NULL DEFAULT '{}'
        );
        INSERT INTO billing_line_items (billing_account_id, provider_name, billing_period_start, billing_period_end,
          charge_period_start, charge_period_end, charge_category, resource_id, list_cost, effective_cost, billed_cost,
          billing_currency, tags)
        VALUES ('acc', 'AWS', '2026-10-01 00:00:00+00', '2026-11-01 00:00:00+00', '2026-10-03 00:00:00+00', '2026-10-04 00:00:00+00', 'Usage', 'i-1', 1.5, 1.25, 1.25, 'USD', '{"team":"a"}'),
               ('acc', 'AWS', '2026-10-01 00:00:00+00', '2026-11-01 00:00:00+00', '2026-10-04 00:00:00+00', '2026-10-05 00:00:00+00', 'Tax', NULL, 0.10, 0.10, 0.10, 'USD', '{}');
        """

    static let snapshot = Query(name: "rows", """
        SELECT string_agg(t::text, E'\\n' ORDER BY t::text) AS rows FROM (
          SELECT billing_account_id, charge_period_start, charge_category, resource_id, list_cost, effective_cost, billed_cost, tags
          FROM billing_line_items) t
        """)

    @Test func dbInitAddsTheElevenColumnsInPlaceAndKeepsRowsAndRollups() throws {
        let database = try TestDatabase.create("upgrade")
        defer { database.drop() }
        let connection = try database.connect()
        try connection.executeScript(Query(name: "old table", Self.tableBefore))
        try Loader(connection: connection).applySchema(file: F.schema)  // the other tables; billing_line_items stays as it was
        #expect(try SchemaCheck(connection: connection).liveColumns(of: "billing_line_items").count == 29)
        let before = try connection.all(Self.snapshot) { try $0.decode(String.self, "rows") }
        let ctidBefore = try connection.all(Query(name: "ctid", "SELECT ctid::text AS c FROM billing_line_items ORDER BY ctid")) { try $0.decode(String.self, "c") }
        #expect {
            try RollupInstaller(connection: connection).install(file: F.rollups, settings: UsageQuerySettings())
        } throws: { error in
            "\(error)".contains("lacks the contract columns commitment_discount_type, commitment_discount_status")
                && "\(error)".contains("run `costreport db init` first")
        }

        let upgrade = try DatabaseSetup.initialise(ConnectionOptions(conninfo: database.conninfo), schemaFile: F.schema, logger: F.logger)
        let added = ["charge_class", "charge_frequency", "commitment_discount_category", "commitment_discount_type",
                     "commitment_discount_status", "list_unit_price", "contracted_unit_price", "sku_price_id",
                     "availability_zone", "sub_account_name", "billing_account_name"]
        #expect(upgrade.added == added.map { name in
            let type = BillingLineItemsTable.table.columns[BillingLineItemsTable.table.index(of: name)].type.rawValue
            return "added billing_line_items.\(name) (\(type))"
        })
        #expect(upgrade.problems == [])
        #expect(try SchemaCheck(connection: connection).problems(BillingLineItemsTable.table, ordered: true) == [])
        // Rows kept, not rewritten (same physical positions), new columns NULL.
        #expect(try connection.all(Self.snapshot) { try $0.decode(String.self, "rows") } == before)
        #expect(try connection.all(Query(name: "ctid", "SELECT ctid::text AS c FROM billing_line_items ORDER BY ctid")) { try $0.decode(String.self, "c") } == ctidBefore)
        #expect(try connection.all(Query(name: "nulls", "SELECT count(*) AS n FROM billing_line_items WHERE charge_class IS NULL AND billing_account_name IS NULL")) { try $0.decode(Int.self, "n") } == [2])

        // A second run changes nothing.
        let again = try DatabaseSetup.initialise(ConnectionOptions(conninfo: database.conninfo), schemaFile: F.schema, logger: F.logger)
        #expect(again.added == [] && again.problems == [])
        let options = ConnectionOptions(conninfo: database.conninfo)
        #expect(try DatabaseSetup.installRollupsIfMissing(options, file: F.rollups, policy: PolicyFile(), logger: F.logger) == "rollups installed")
        // Rollups of an older costreport (no commitments_daily) are brought up to date by db init.
        try connection.execute(Query(name: "older rollups", "DROP TABLE costreport.commitments_daily CASCADE"))
        #expect(try DatabaseSetup.installRollupsIfMissing(options, file: F.rollups, policy: PolicyFile(), logger: F.logger) == "rollups installed")
        #expect(try DatabaseSetup.installRollupsIfMissing(options, file: F.rollups, policy: PolicyFile(), logger: F.logger).hasPrefix("rollups already installed"))

        // The rollup triggers still follow writes that use the new columns.
        try connection.execute(Query(name: "insert", """
            INSERT INTO billing_line_items (billing_account_id, provider_name, billing_period_start, billing_period_end,
              charge_period_start, charge_period_end, charge_category, charge_class, commitment_discount_status,
              list_cost, effective_cost, billed_cost, billing_currency)
            VALUES ('acc', 'AWS', '2026-10-01 00:00:00+00', '2026-11-01 00:00:00+00', '2026-10-04 00:00:00+00', '2026-10-05 00:00:00+00', 'Usage', 'Correction', 'Used',
              -0.5, -0.5, -0.5, 'USD')
            """))
        #expect(try RollupInstaller(connection: connection).refresh() == 1, "the insert's day is pending until refreshed")
        let sums = try connection.all(Query(name: "sums", """
            SELECT (SELECT sum(billed_cost) FROM billing_line_items)::text AS raw,
                   (SELECT sum(split_part(amounts, ' ', 1)::numeric) FROM costreport.charges_daily)::text AS rollup
            """)) { [try $0.decode(String.self, "raw"), try $0.decode(String.self, "rollup")] }
        #expect(sums == [["0.85", "0.85"]])
    }
}

extension SchemaUpgradeTests {
    /// Importing into a database that `db init` has not upgraded says what to run, naming the file.
    @Test func importIntoAnOlderSchemaAsksForDbInit() throws {
        let database = try TestDatabase.create("oldimport")
        defer { database.drop() }
        let connection = try database.connect()
        try connection.executeScript(Query(name: "old table", Self.tableBefore))
        try Loader(connection: connection).applySchema(file: F.schema)
        let file = try F.write(F.focus10Text, name: "old.csv")
        do {
            _ = try FileImport<FocusFormat>.importFile(file, connection: connection, settings: ImportSettings(), logger: F.logger)
            Issue.record("imported into an old schema")
        } catch let error as ImportFileError {
            #expect(error.file == file.path)
            #expect(error.message.contains("charge_class, charge_frequency"))
            #expect(error.message.contains("run `costreport db init`"))
        }
        #expect(try F.count(connection, Query(name: "rows", "SELECT count(*) AS value FROM billing_line_items")) == 2)
    }
}
