import BillingStore
import Contract
import CostModel
import Foundation
import Postgres
import Testing

/// `sample-billing/schema.sql` and the contract descriptions (`Contract`) agree: same columns,
/// order, types and nullability; the FOCUS writer's header follows the description.
@Suite struct ContractSchemaTests {
    @Test func schemaFileMatchesEveryDescription() throws {
        let (database, connection) = try ImportFixtures.database("contract")
        defer { database.drop() }
        let check = SchemaCheck(connection: connection)
        #expect(try check.problems(BillingLineItemsTable.table, ordered: true) == [])
        #expect(try check.problems(UsageSamplesTable.table, ordered: true) == [])
        #expect(try check.problems(ResourcesTable.table, ordered: true) == [])
        #expect(try check.problems(InstanceTypesTable.table, ordered: true) == [])
        #expect(try check.liveColumns(of: "billing_line_items").map(\.name) == BillingLineItemsTable.table.columnNames)
    }

    @Test func schemaCheckNamesWhatDiffers() throws {
        let (database, connection) = try ImportFixtures.database("contractdiff")
        defer { database.drop() }
        try connection.executeScript(Query(name: "alter", """
            ALTER TABLE instance_types DROP COLUMN arch;
            ALTER TABLE instance_types ALTER COLUMN family DROP NOT NULL;
            """))
        let problems = try SchemaCheck(connection: connection).problems(InstanceTypesTable.table)
        #expect(problems == [
            "instance_types.family is nullable, the contract says NOT NULL",
            "instance_types.arch is missing (text): run costreport db init",
        ])
        #expect(try SchemaCheck(connection: connection).problems(ContractTable<Int>(name: "nope", columns: [])) == [
            "table nope does not exist: run costreport db init",
        ])
    }

    @Test func focusWriterHeaderIsTheDescriptionsExportNames() throws {
        var bytes: [UInt8] = []
        var writer = try FocusCSVWriter { bytes += $0 }
        try writer.flush()
        let header = String(decoding: bytes, as: UTF8.self).split(separator: "\r\n").first.map(String.init)
        #expect(header == (BillingLineItemsTable.table.columns.map { $0.focus!.exportName } + FocusOnlyColumns.all.map(\.name)).joined(separator: ","))
        #expect(BillingLineItemsTable.table.columns.allSatisfy { $0.focus != nil })
    }
}
