import Contract
@_spi(UncheckedSQL) import Postgres

/// `billing_line_items` and `usage_samples` partitioned by month (`costreport db init
/// --partitioned`, DESIGN.md §8, docs/scale-out.md): range partitions on `charge_period_start` /
/// `sampled_at`, one per UTC month, named `<table>_YYYY_MM`, and a `<table>_default` partition that
/// catches rows of months without one. `settle()` is the one place that creates month partitions:
/// every import and `sample load` calls it before committing, so rows of a new month land in the
/// default partition and are moved into their month's partition in the same transaction.
/// Identifiers and bounds are quoted by the server (`format('%I', …)`, `%L`), never by Swift.
public struct MonthPartitions {
    public let connection: Connection

    public init(connection: Connection) { self.connection = connection }

    /// The two tables and their range keys.
    public static let keys = [(table: BillingLineItemsTable.table.name, key: "charge_period_start"),
                              (table: UsageSamplesTable.table.name, key: "sampled_at")]

    /// A table partitioned by range, as the catalog says (identifiers already quoted by the server).
    struct RangeTable {
        var name: String
        var quotedName: String
        var quotedKey: String
        /// The default partition, quoted; nil when the table has none.
        var quotedDefault: String?
    }

    /// Creates `billing_line_items` and `usage_samples` partitioned by range, with their contract
    /// columns (from `Contract`, so they are the columns `schema.sql` declares) and a default
    /// partition, when they do not exist; an existing table must already be partitioned by range on
    /// its key. Run before `schema.sql`, whose `CREATE TABLE IF NOT EXISTS` then leaves them alone.
    /// - Throws: `StoreError.notPartitioned` for an existing table that is not.
    public func createPartitionedTables() throws {
        try create(BillingLineItemsTable.table, key: "charge_period_start")
        try create(UsageSamplesTable.table, key: "sampled_at")
    }

    /// How the catalog says `table` (in the current schema) is partitioned: its relkind (`r`
    /// table, `p` partitioned, `f` foreign), strategy (`r` range, `h` hash, `l` list, empty) and
    /// first key column (empty); nil when it does not exist.
    static func partitioning(of table: String, on connection: Connection) throws -> (kind: String, strategy: String, key: String)? {
        try connection.all(Query(name: "partitioning of table", """
            SELECT c.relkind::text AS kind, coalesce(p.partstrat::text, '') AS strategy,
                   coalesce((SELECT a.attname::text FROM pg_attribute a
                             WHERE a.attrelid = c.oid AND a.attnum = p.partattrs[0]), '') AS key
            FROM pg_class c LEFT JOIN pg_partitioned_table p ON p.partrelid = c.oid
            WHERE c.relname = $1 AND c.relnamespace = current_schema()::regnamespace
            """), [.text(table)]) { row in
            (kind: try row.decode(String.self, "kind"), strategy: try row.decode(String.self, "strategy"), key: try row.decode(String.self, "key"))
        }.first
    }

    private func create<Row>(_ table: ContractTable<Row>, key: String) throws {
        let existing = try Self.partitioning(of: table.name, on: connection)
        if let found = existing {
            guard found.kind == "p", found.strategy == "r", found.key == key else {
                throw StoreError.notPartitioned(table: table.name, key: key)
            }
        } else {
            try connection.execute(ContractSQL.createPartitionedTable(table, partitionBy: "RANGE (\(ContractSQL.identifier(key)))"))
        }
        try connection.execute(ContractSQL.query("create default partition of \(table.name)", """
            CREATE TABLE IF NOT EXISTS \(ContractSQL.identifier(table.name + "_default"))
            PARTITION OF \(ContractSQL.identifier(table.name)) DEFAULT
            """))
    }

    /// The contract tables of the current schema that are partitioned by range on their key.
    func rangeTables() throws -> [RangeTable] {
        try connection.all(Query(name: "month-partitioned tables", """
            SELECT c.relname::text AS name, format('%I', c.relname) AS quoted_name, format('%I', a.attname) AS quoted_key,
                   CASE WHEN p.partdefid <> 0 THEN format('%I', d.relname) END AS quoted_default
            FROM pg_partitioned_table p
            JOIN pg_class c ON c.oid = p.partrelid
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = p.partattrs[0]
            LEFT JOIN pg_class d ON d.oid = p.partdefid
            WHERE p.partstrat = 'r' AND p.partnatts = 1
              AND c.relnamespace = current_schema()::regnamespace
              AND (c.relname, a.attname) IN (('billing_line_items', 'charge_period_start'), ('usage_samples', 'sampled_at'))
            ORDER BY c.relname
            """)) { row in
            RangeTable(
                name: try row.decode(String.self, "name"), quotedName: try row.decode(String.self, "quoted_name"),
                quotedKey: try row.decode(String.self, "quoted_key"), quotedDefault: try row.decode(String?.self, "quoted_default"))
        }
    }

    /// Rows in the default partitions (table name, rows), only for tables that have rows there.
    public func defaultPartitionRows() throws -> [(table: String, rows: Int)] {
        var found: [(table: String, rows: Int)] = []
        for table in try rangeTables() {
            guard let quotedDefault = table.quotedDefault else { continue }
            let rows = try connection.all(Query(uncheckedName: "rows in \(table.name) default partition", sql: """
                SELECT count(*) AS n FROM ONLY \(quotedDefault)
                """)) { try $0.decode(Int.self, "n") }.first ?? 0
            if rows > 0 { found.append((table.name, rows)) }
        }
        return found
    }

    /// Moves the rows of each default partition into month partitions, creating each missing one
    /// (`CREATE TABLE … (LIKE parent)`, the rows moved, `ATTACH PARTITION` for the UTC month). Run
    /// inside the writer's transaction; a database without month partitioning is left alone.
    /// Rows move between partitions directly, so the parents' statement triggers (the rollups) do
    /// not fire: the tables' contents do not change.
    /// - Returns: one line per partition created, e.g. `created usage_samples_2026_11 (8640 rows moved from the default partition)`.
    @discardableResult
    public func settle() throws -> [String] {
        var lines: [String] = []
        for table in try rangeTables() {
            guard let quotedDefault = table.quotedDefault else { continue }
            let months = try connection.all(Query(uncheckedName: "months in \(table.name) default partition", sql: """
                SELECT DISTINCT date_trunc('month', \(table.quotedKey) AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS month
                FROM ONLY \(quotedDefault) ORDER BY 1
                """)) { try $0.decode(String.self, "month") }
            for month in months {
                let statements = try connection.all(Query(name: "month partition statements", """
                    SELECT p.name,
                           format('CREATE TABLE %I (LIKE %s INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', p.name, $1::text) AS create_sql,
                           format('WITH moved AS (DELETE FROM ONLY %s WHERE %s >= %L AND %s < %L RETURNING *) INSERT INTO %I SELECT * FROM moved',
                                  $2::text, $3::text, p.low, $3::text, p.high, p.name) AS move_sql,
                           format('ALTER TABLE %s ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)', $1::text, p.name, p.low, p.high) AS attach_sql
                    FROM (SELECT $4::text || '_' || to_char($5::timestamptz AT TIME ZONE 'UTC', 'YYYY_MM') AS name,
                                 to_char($5::timestamptz AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') || '+00' AS low,
                                 to_char(($5::timestamptz AT TIME ZONE 'UTC') + interval '1 month', 'YYYY-MM-DD HH24:MI:SS') || '+00' AS high) p
                    """), [.text(table.quotedName), .text(quotedDefault), .text(table.quotedKey), .text(table.name), .text(month)]) { row in
                    (name: try row.decode(String.self, "name"), create: try row.decode(String.self, "create_sql"),
                     move: try row.decode(String.self, "move_sql"), attach: try row.decode(String.self, "attach_sql"))
                }
                guard let statement = statements.first else { continue }
                try connection.execute(Query(uncheckedName: "create \(statement.name)", sql: statement.create))
                let moved = try connection.execute(Query(uncheckedName: "move rows into \(statement.name)", sql: statement.move))
                try connection.execute(Query(uncheckedName: "attach \(statement.name)", sql: statement.attach))
                lines.append("created \(statement.name) (\(moved) rows moved from the default partition)")
            }
        }
        return lines
    }
}
