import Contract
@_spi(UncheckedSQL) import Postgres

/// A coordinator whose `billing_line_items` and `usage_samples` are partitioned `BY HASH
/// (resource_id)` into postgres_fdw foreign tables on shard servers (DESIGN.md §8,
/// docs/scale-out.md): one foreign server `costreport_shard_N` per shard, one foreign partition
/// `<table>_shard_N` per table and shard. Identifiers and option values are quoted by the server
/// (`format('%I')`, `%L`), never by Swift.
public struct Shards {
    public let connection: Connection

    public init(connection: Connection) { self.connection = connection }

    /// One shard server as the coordinator reaches it (from the shard's own connection:
    /// `Connection.endpoint` and its `current_schema()`).
    public struct Shard: Sendable, Hashable {
        public var host: String
        public var port: String
        public var database: String
        public var user: String
        /// The schema of the shard's contract tables.
        public var schema: String

        public init(host: String, port: String, database: String, user: String, schema: String) {
            self.host = host; self.port = port; self.database = database; self.user = user; self.schema = schema
        }

        /// Reads where `connection` (to the shard) points.
        public static func of(_ connection: Connection) throws -> Shard {
            let endpoint = connection.endpoint
            let schema = try connection.all(Query(name: "shard schema", "SELECT current_schema()::text AS schema")) {
                try $0.decode(String.self, "schema")
            }.first ?? "public"
            return Shard(host: endpoint.host, port: endpoint.port, database: endpoint.database, user: endpoint.user, schema: schema)
        }
    }

    /// postgres_fdw options of every shard server: rows travel in batches of 10,000 (fetch) and
    /// 1,000 (insert), the shards are scanned at the same time (`async_capable`), and a row fetched
    /// from a shard costs the planner 1 instead of 0.01 (`fdw_tuple_cost`), so that it has the
    /// shards aggregate rather than fetch their rows. Measured on PostgreSQL 15 with the sample:
    /// with 0.01 or 0.5, or with `use_remote_estimate`, at least one of the usage queries was
    /// aggregated on the coordinator; with 1 and the coordinator's own statistics (ANALYZE, which
    /// `sample load` runs) every aggregate ran on the shards.
    public static let serverOptions = [("fetch_size", "10000"), ("batch_size", "1000"), ("async_capable", "true"), ("fdw_tuple_cost", "1")]

    /// Statistics of the partitioned tables not given to the foreign partitions: with resource and
    /// hour known per partition, the planner sees that hourly samples make one group per sample in
    /// usage_daily.sql and fetches them to aggregate on the coordinator alone, instead of on every
    /// shard at once (same rows over the wire; measured on the sample: 1.2-1.8 s against
    /// 1.2-1.3 s pushed down). At finer sampling the groups are fewer than the samples and the
    /// shards aggregate either way.
    static let unmirroredStatistics = ["usage_samples_resource_hour"]

    /// The two tables spread over the shards.
    static let tables = [BillingLineItemsTable.table.name, UsageSamplesTable.table.name]

    /// In one transaction: the postgres_fdw extension, a foreign server and a user mapping (for
    /// `PUBLIC`, the shard connection's user, no password) per shard, and `billing_line_items` and
    /// `usage_samples` created partitioned by hash on `resource_id` with one foreign partition per
    /// shard (`MODULUS` the number of shards). Run `schema.sql` afterwards for the other tables.
    /// - Throws: `StoreError.notSharded` when a table exists and is not spread over exactly these shards.
    /// - Returns: one line per object created.
    @discardableResult
    public func attach(_ shards: [Shard]) throws -> [String] {
        precondition(!shards.isEmpty, "at least one shard")
        return try connection.inTransaction("attach shards") {
            var lines: [String] = []
            try connection.execute(Query(name: "postgres_fdw", "CREATE EXTENSION IF NOT EXISTS postgres_fdw"))
            for (index, shard) in shards.enumerated() {
                let server = "costreport_shard_\(index + 1)"
                let options: [(String, String)] = [("host", shard.host), ("port", shard.port), ("dbname", shard.database)] + Self.serverOptions
                let statements = try connection.all(Query(name: "shard server statements", """
                    SELECT format('CREATE SERVER IF NOT EXISTS %I FOREIGN DATA WRAPPER postgres_fdw OPTIONS (%s)', $1::text,
                                  (SELECT string_agg(format('%I %L', k, v), ', ') FROM unnest($2::text[], $3::text[]) AS o(k, v))) AS server_sql,
                           format('CREATE USER MAPPING IF NOT EXISTS FOR PUBLIC SERVER %I OPTIONS (user %L)', $1::text, $4::text) AS mapping_sql
                    """), [.text(server), .text(ImportStore.textArray(options.map(\.0))), .text(ImportStore.textArray(options.map(\.1))),
                           .text(shard.user)]) { row in
                    (try row.decode(String.self, "server_sql"), try row.decode(String.self, "mapping_sql"))
                }
                for statement in statements {
                    try connection.execute(Query(uncheckedName: "create server \(server)", sql: statement.0))
                    try connection.execute(Query(uncheckedName: "create user mapping \(server)", sql: statement.1))
                }
                lines.append("foreign server \(server): host \(shard.host) port \(shard.port) database \(shard.database) user \(shard.user)")
            }
            lines += try create(BillingLineItemsTable.table, shards: shards)
            lines += try create(UsageSamplesTable.table, shards: shards)
            return lines
        }
    }

    private func create<Row>(_ table: ContractTable<Row>, shards: [Shard]) throws -> [String] {
        if let found = try MonthPartitions.partitioning(of: table.name, on: connection) {
            guard found.kind == "p", found.strategy == "h", found.key == "resource_id",
                  try foreignPartitions(of: table.name).count == shards.count
            else { throw StoreError.notSharded(table: table.name, shards: shards.count) }
            return []
        }
        try connection.execute(ContractSQL.createPartitionedTable(table, partitionBy: "HASH (resource_id)"))
        var lines: [String] = []
        for (index, shard) in shards.enumerated() {
            let partition = "\(table.name)_shard_\(index + 1)"
            let statement = try connection.all(Query(name: "foreign partition statement", """
                SELECT format('CREATE FOREIGN TABLE %I PARTITION OF %I FOR VALUES WITH (MODULUS %s, REMAINDER %s) SERVER %I OPTIONS (schema_name %L, table_name %L)',
                              $1::text, $2::text, $3::integer, $4::integer, $5::text, $6::text, $2::text) AS sql
                """), [.text(partition), .text(table.name), .int(shards.count), .int(index), .text("costreport_shard_\(index + 1)"),
                       .text(shard.schema)]) { try $0.decode(String.self, "sql") }
            for sql in statement { try connection.execute(Query(uncheckedName: "create \(partition)", sql: sql)) }
            lines.append("\(partition): \(table.name) rows with hash(resource_id) % \(shards.count) = \(index), on costreport_shard_\(index + 1)")
        }
        return lines
    }

    /// Gives each foreign partition of the two tables the extended statistics of its partitioned
    /// table (`schema.sql`'s ndistinct statistics on resource and CPU bucket, resource and memory
    /// bucket), named `<partition>_<statistics>`; idempotent. The planner estimates the groups of
    /// each shard's part from its partition's own statistics: without them it takes a GROUP BY
    /// with an expression (the week of usage_weekly_histograms.sql) for one group per sample and
    /// aggregates on the coordinator. ANALYZE of the partitioned table (which `sample load` runs)
    /// fills them. `unmirroredStatistics` are left out on purpose.
    /// - Returns: one line per statistics object created.
    @discardableResult
    public func mirrorStatistics() throws -> [String] {
        var lines: [String] = []
        for table in Self.tables {
            let partitions = try foreignPartitions(of: table).map(\.partition)
            let statements = try connection.all(Query(name: "partition statistics statements", """
                SELECT format('CREATE STATISTICS IF NOT EXISTS %I%s ON %s FROM %I', left(p.name || '_' || s.stxname, 63),
                              coalesce(' (' || (SELECT string_agg(CASE k WHEN 'd' THEN 'ndistinct' WHEN 'f' THEN 'dependencies' ELSE 'mcv' END, ', ')
                                                FROM unnest(s.stxkind::text[]) AS k WHERE k IN ('d', 'f', 'm')) || ')', ''),
                              pg_get_statisticsobjdef_columns(s.oid), p.name) AS sql,
                       left(p.name || '_' || s.stxname, 63) AS name
                FROM pg_statistic_ext s, unnest($2::text[]) AS p(name)
                WHERE s.stxrelid = (SELECT oid FROM pg_class WHERE relname = $1 AND relnamespace = current_schema()::regnamespace)
                  AND s.stxname <> ALL ($3::text[])
                ORDER BY 2
                """), [.text(table), .text(ImportStore.textArray(partitions)), .text(ImportStore.textArray(Self.unmirroredStatistics))]) {
                (sql: try $0.decode(String.self, "sql"), name: try $0.decode(String.self, "name"))
            }
            for statement in statements {
                try connection.execute(Query(uncheckedName: "create statistics \(statement.name)", sql: statement.sql))
                lines.append("statistics \(statement.name)")
            }
        }
        return lines
    }

    /// The foreign partitions of `table` in the current schema with their foreign server, by name.
    public func foreignPartitions(of table: String) throws -> [(partition: String, server: String)] {
        try connection.all(Query(name: "foreign partitions", """
            SELECT c.relname::text AS partition, s.srvname::text AS server
            FROM pg_inherits i
            JOIN pg_class c ON c.oid = i.inhrelid AND c.relkind = 'f'
            JOIN pg_foreign_table f ON f.ftrelid = c.oid
            JOIN pg_foreign_server s ON s.oid = f.ftserver
            WHERE i.inhparent = (SELECT oid FROM pg_class WHERE relname = $1 AND relnamespace = current_schema()::regnamespace)
            ORDER BY c.relname
            """), [.text(table)]) { (try $0.decode(String.self, "partition"), try $0.decode(String.self, "server")) }
    }
}
