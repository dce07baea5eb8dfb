@_spi(UncheckedSQL) import Postgres

/// The session statements of one report run: the advisory lock that keeps runs from
/// overlapping, and the read-only REPEATABLE READ snapshot every query of the run reads.
public struct RunSession {
    public let connection: Connection

    /// The advisory lock key: the first 8 bytes of "costreport" as a bigint.
    public static let lockKey = 0x636f_7374_7265_706f

    public init(connection: Connection) { self.connection = connection }

    /// On PostgreSQL 14 and later, makes the server end a running query within a second when this
    /// process dies (signal, kill), instead of finishing it while holding the run lock.
    public func endQueriesWhenClientDies() throws {
        guard connection.serverVersion >= 140_000 else { return }
        try connection.execute(Query(name: "client check", "SELECT set_config('client_connection_check_interval', '1000', false)"))
    }

    /// Tries the run lock without waiting; false when another session holds it. The lock ends
    /// with the session.
    public func tryRunLock() throws -> Bool {
        let locked = try connection.all(
            Query(name: "run lock", "SELECT pg_try_advisory_lock($1::bigint) AS locked"), [.int(Self.lockKey)]
        ) { try $0.decode(Bool.self, "locked") }
        return locked.first == true
    }

    /// Releases the run lock now, ending an open transaction first (rolled back: a failed run's
    /// transaction is aborted, and a run's own transaction wrote nothing). The lock would also end
    /// with the session, but not at once: the server releases a closed session's locks when its
    /// backend process has exited, a moment after the client hung up, and a run started right
    /// after found the lock still held (measured: 3 in 1,000 back-to-back runs on a busy
    /// machine, none with this release).
    public func releaseRunLock() throws {
        if !connection.isIdle { try connection.execute(Query(name: "end run transaction", "ROLLBACK")) }
        try connection.execute(Query(name: "run unlock", "SELECT pg_advisory_unlock($1::bigint)"), [.int(Self.lockKey)])
    }

    /// Opens the read-only REPEATABLE READ transaction with the run's statement timeout
    /// (seconds) and `work_mem` (MiB); the server's own settings are untouched.
    /// With `importing`, the transaction reads the snapshot another session exported
    /// (`exportSnapshot()`, its transaction still open): both sessions see the same rows.
    public func beginSnapshot(statementTimeoutSeconds: Int, workMemMegabytes: Int, importing snapshotId: String? = nil) throws {
        try connection.execute(Query(name: "snapshot", "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"))
        if let snapshotId {
            // SET TRANSACTION takes no parameters: the id is checked to be what the server exports.
            guard !snapshotId.isEmpty, snapshotId.allSatisfy({ $0.isHexDigit || $0 == "-" }) else {
                throw PostgresError(.client, message: "\"\(snapshotId)\" is not a snapshot id", queryName: "import snapshot")
            }
            try connection.execute(Query(uncheckedName: "import snapshot", sql: "SET TRANSACTION SNAPSHOT '\(snapshotId)'"))
        }
        try connection.execute(
            Query(name: "statement timeout", "SELECT set_config('statement_timeout', $1, true)"),
            [.text("\(statementTimeoutSeconds * 1000)")])
        try connection.execute(
            Query(name: "work_mem", "SELECT set_config('work_mem', $1, true)"), [.text("\(workMemMegabytes)MB")])
        // On a sharded coordinator (postgres_fdw partitions, docs/scale-out.md) the shards compute
        // the aggregates only when the planner may aggregate each partition on its own. The batch
        // size of the rows that come back (fetch_size) is an option of each foreign server, set by
        // `costreport db shards`. Unpartitioned tables are planned as before. The rollup queries'
        // packed records (`Bytea`) are read in the hex format, whatever the server's default.
        try connection.execute(Query(name: "run settings", """
            SELECT set_config('enable_partitionwise_aggregate', 'on', true), set_config('enable_partitionwise_join', 'on', true),
                   set_config('bytea_output', 'hex', true)
            """))
    }

    /// Exports the open transaction's snapshot for another session (`beginSnapshot(importing:)`).
    public func exportSnapshot() throws -> String {
        let ids = try connection.all(Query(name: "export snapshot", "SELECT pg_export_snapshot() AS id")) {
            try $0.decode(String.self, "id")
        }
        guard let id = ids.first else { throw PostgresError(.client, message: "no snapshot id returned", queryName: "export snapshot") }
        return id
    }

    /// Ends the read-only transaction (nothing was written).
    public func endSnapshot() throws {
        try connection.execute(Query(name: "end snapshot", "COMMIT"))
    }
}
