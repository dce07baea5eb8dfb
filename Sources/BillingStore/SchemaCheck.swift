import Contract
import Postgres

/// Compares a database's tables with the contract descriptions: every described column present,
/// in the described order, with its type and nullability. `db init` and the tests use it to prove
/// that `schema.sql` and `Contract` agree.
public struct SchemaCheck {
    public let connection: Connection

    public init(connection: Connection) { self.connection = connection }

    /// One live column, from `information_schema.columns`.
    public struct LiveColumn: Sendable, Hashable {
        public var name: String
        /// As `information_schema` spells it, e.g. `timestamp with time zone`.
        public var dataType: String
        public var nullable: Bool
    }

    /// The columns of `table` in the current schema, in table order (empty when it does not exist).
    public func liveColumns(of table: String) throws -> [LiveColumn] {
        try connection.all(Query(name: "contract columns", """
            SELECT column_name::text AS column_name, data_type::text AS data_type, is_nullable::text AS is_nullable
            FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name = $1
            ORDER BY ordinal_position
            """), [.text(table)]) { row in
            LiveColumn(
                name: try row.decode(String.self, "column_name"), dataType: try row.decode(String.self, "data_type"),
                nullable: try row.decode(String.self, "is_nullable") == "YES")
        }
    }

    /// What differs between the live `table` and its description, one sentence each (empty: they
    /// agree). Extra live columns are allowed (users add their own); the described ones must come
    /// first in order only when `ordered`.
    public func problems<Row>(_ table: ContractTable<Row>, ordered: Bool = false) throws -> [String] {
        let live = try liveColumns(of: table.name)
        guard !live.isEmpty else { return ["table \(table.name) does not exist: run costreport db init"] }
        var problems: [String] = []
        for (position, column) in table.columns.enumerated() {
            guard let found = live.firstIndex(where: { $0.name == column.name }) else {
                problems.append("\(table.name).\(column.name) is missing (\(column.type.rawValue)): run costreport db init")
                continue
            }
            let liveColumn = live[found]
            if liveColumn.dataType != Self.informationSchemaType(column.type) {
                problems.append("\(table.name).\(column.name) is \(liveColumn.dataType), the contract says \(column.type.rawValue)")
            }
            if liveColumn.nullable != column.nullable {
                problems.append("\(table.name).\(column.name) is \(liveColumn.nullable ? "nullable" : "NOT NULL"), the contract says \(column.nullable ? "nullable" : "NOT NULL")")
            }
            if ordered && found != position {
                problems.append("\(table.name).\(column.name) is column \(found + 1), the contract's column \(position + 1)")
            }
        }
        return problems
    }

    /// Adds the described columns that the existing `table` lacks, in description order, with
    /// `ALTER TABLE ... ADD COLUMN IF NOT EXISTS` (nullable columns, or NOT NULL ones with a default:
    /// no row is rewritten or dropped). Returns one line per added column, e.g.
    /// `added billing_line_items.charge_class (text)`; nothing when the table is missing or complete.
    public func addMissingColumns<Row>(_ table: ContractTable<Row>) throws -> [String] {
        let live = Set(try liveColumns(of: table.name).map(\.name))
        guard !live.isEmpty else { return [] }
        var added: [String] = []
        for column in table.columns where !live.contains(column.name) && (column.nullable || column.defaultSQL != nil) {
            var sql = "ALTER TABLE \(ContractSQL.identifier(table.name)) ADD COLUMN IF NOT EXISTS \(ContractSQL.identifier(column.name)) \(column.type.rawValue)"
            if let value = column.defaultSQL { sql += " DEFAULT \(value)" }
            if !column.nullable { sql += " NOT NULL" }
            try connection.execute(ContractSQL.query("add contract column", sql))
            added.append("added \(table.name).\(column.name) (\(column.type.rawValue))")
        }
        return added
    }

    /// The described columns `table` lacks (empty when it has them all or does not exist).
    public func missingColumns<Row>(_ table: ContractTable<Row>) throws -> [String] {
        let live = Set(try liveColumns(of: table.name).map(\.name))
        guard !live.isEmpty else { return [] }
        return table.columnNames.filter { !live.contains($0) }
    }

    /// Creates `table` from its description (columns in order, types, NOT NULL, defaults) when the
    /// database does not have it, e.g. `container_usage_samples` in a database made before §2.2.
    /// Returns `created TABLE`, or nothing when it exists (its missing columns are `addMissingColumns`'s job).
    public func createTableIfMissing<Row>(_ table: ContractTable<Row>) throws -> [String] {
        guard try liveColumns(of: table.name).isEmpty else { return [] }
        let columns = table.columns.map { column in
            var sql = "\(ContractSQL.identifier(column.name)) \(column.type.rawValue)"
            if !column.nullable { sql += " NOT NULL" }
            if let value = column.defaultSQL { sql += " DEFAULT \(value)" }
            return sql
        }
        try connection.execute(ContractSQL.query(
            "create contract table", "CREATE TABLE IF NOT EXISTS \(ContractSQL.identifier(table.name)) (\(columns.joined(separator: ", ")))"))
        return ["created \(table.name)"]
    }

    /// `createTableIfMissing` for the tables added later, and `addMissingColumns` for every contract
    /// table, in one transaction; then `problems` for each.
    /// - Returns: the tables and columns added, and what still differs (e.g. a column of another type).
    public func upgradeContractTables() throws -> (added: [String], problems: [String]) {
        let added = try connection.inTransaction("schema upgrade") {
            try createTableIfMissing(ContainerUsageSamplesTable.table)
                + addMissingColumns(BillingLineItemsTable.table) + addMissingColumns(ResourcesTable.table)
                + addMissingColumns(UsageSamplesTable.table) + addMissingColumns(InstanceTypesTable.table)
                + addMissingColumns(ContainerUsageSamplesTable.table)
        }
        let problems = try problems(BillingLineItemsTable.table) + problems(ResourcesTable.table)
            + problems(UsageSamplesTable.table) + problems(InstanceTypesTable.table)
            + problems(ContainerUsageSamplesTable.table)
        return (added, problems)
    }

    /// `information_schema.columns.data_type` for a contract type.
    static func informationSchemaType(_ type: SQLType) -> String {
        switch type {
        case .timestamptz: return "timestamp with time zone"
        default: return type.rawValue
        }
    }
}
