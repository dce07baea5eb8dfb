@_spi(UncheckedSQL) import Postgres

/// COPY into a contract table, the one way `Loader` and `ImportStore` stream rows in. On a sharded
/// coordinator (`Shards`: the table's partitions are postgres_fdw foreign tables) PostgreSQL 15
/// sends a COPY to the shards one row per round trip (the sample: 6 minutes); there the rows go
/// into a temporary table first and on with one `INSERT … SELECT`, which postgres_fdw sends in
/// batches of the server's `batch_size` (the sample: 10 s). Same rows, same triggers.
enum BulkCopy {
    /// Streams rows into `columns` of `table`; `body` writes them. Returns the rows loaded.
    static func copy(into table: String, columns: [String], connection: Connection, _ body: (inout CopyWriter) throws -> Void) throws -> Int {
        let list = ContractSQL.list(columns)
        guard try !Shards(connection: connection).foreignPartitions(of: table).isEmpty else {
            return try connection.copyIn(ContractSQL.query("copy \(table)", "COPY \(ContractSQL.identifier(table)) (\(list)) FROM STDIN"), body)
        }
        let staging = ContractSQL.identifier("costreport_copy_\(table)")
        try connection.execute(ContractSQL.query("create \(staging)", "DROP TABLE IF EXISTS pg_temp.\(staging)"))
        try connection.execute(ContractSQL.query(
            "create \(staging)", "CREATE TEMP TABLE \(staging) (LIKE \(ContractSQL.identifier(table)) INCLUDING DEFAULTS)"))
        _ = try connection.copyIn(ContractSQL.query("copy \(staging)", "COPY pg_temp.\(staging) (\(list)) FROM STDIN"), body)
        let rows = try connection.execute(ContractSQL.query(
            "insert into \(table) from \(staging)", "INSERT INTO \(ContractSQL.identifier(table)) (\(list)) SELECT \(list) FROM pg_temp.\(staging)"))
        try connection.execute(ContractSQL.query("drop \(staging)", "DROP TABLE pg_temp.\(staging)"))
        return rows
    }
}
