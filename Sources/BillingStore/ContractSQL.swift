import Contract
@_spi(UncheckedSQL) import Postgres

/// SQL whose table and column lists come from the contract descriptions (`Contract`), so a new
/// column needs no SQL edit. Only identifiers are composed, each checked to be a plain lower-case
/// SQL identifier; values are always bound parameters or COPY data, never spliced.
enum ContractSQL {
    /// `name` checked to be `[a-z_][a-z0-9_]*` (a programming error otherwise: the descriptions are constants).
    static func identifier(_ name: String) -> String {
        let bytes = Array(name.utf8)
        precondition(
            !bytes.isEmpty && !(bytes[0] >= 48 && bytes[0] <= 57)
                && bytes.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 95 },
            "not a plain SQL identifier: \(name)")
        return name
    }

    /// `a, b, c`, each checked.
    static func list(_ names: [String]) -> String { names.map(identifier).joined(separator: ", ") }

    /// `CREATE TABLE name (columns) PARTITION BY partitioning`: the described columns with their
    /// types, NOT NULL and defaults, as `schema.sql` declares them.
    static func createPartitionedTable<Row>(_ table: ContractTable<Row>, partitionBy partitioning: String) -> Query {
        let columns = table.columns.map { column in
            var line = "\(identifier(column.name)) \(column.type.rawValue)"
            if !column.nullable { line += " NOT NULL" }
            if let value = column.defaultSQL { line += " DEFAULT \(value)" }
            return line
        }
        return query("create partitioned \(table.name)", """
            CREATE TABLE \(identifier(table.name)) (\(columns.joined(separator: ", "))) PARTITION BY \(partitioning)
            """)
    }

    /// A statement composed of constant text and `identifier`/`list` output.
    static func query(_ name: String, _ sql: String) -> Query { Query(uncheckedName: name, sql: sql) }
}
