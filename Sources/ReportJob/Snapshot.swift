import BillingStore
import Foundation
import Logging
import Postgres

/// One run's view of the database: a connection (retried with backoff on transient failures),
/// the non-blocking advisory lock that keeps runs from overlapping, and one read-only
/// REPEATABLE READ transaction with a statement timeout, so every query reads the same snapshot.
final class Snapshot {
    let connection: Connection
    /// A second connection reading the same snapshot (`openCompanion`), or nil.
    private(set) var companion: Connection?
    /// The snapshot's id for a second session (`pg_export_snapshot()`), or nil when the server
    /// refused to export it.
    private var exportedId: String?

    /// Connects, takes the run lock, brings the rollups up to date when `refreshRollups` (and
    /// they are installed) and opens the snapshot.
    /// - Throws: `JobError.anotherRunInProgress` when the lock is held; `PostgresError` otherwise.
    init(options: ConnectionOptions, settings: JobSettings, logger: Logger, takeLock: Bool = true, refreshRollups: Bool = false) throws {
        connection = try Self.connect(options, settings: settings, logger: logger)
        connection.streamingMode = .singleRow  // measured fastest: BENCHMARKS.md
        let session = RunSession(connection: connection)
        try session.endQueriesWhenClientDies()
        if takeLock {
            guard try session.tryRunLock() else { throw JobError.anotherRunInProgress(connection.target) }
            holdsLock = true
        }
        do {
            if refreshRollups { Self.refreshRollups(connection, logger: logger) }
            try session.beginSnapshot(statementTimeoutSeconds: settings.statementTimeoutSeconds, workMemMegabytes: settings.workMemMegabytes)
            // Exported before the first read: a refusal aborts the transaction, which is then
            // begun again with nothing lost.
            do {
                exportedId = try session.exportSnapshot()
            } catch {
                logger.info("the snapshot cannot be shared with a second connection", metadata: ["error": "\(error)"])
                try session.endSnapshot()  // COMMIT ends an aborted transaction as ROLLBACK
                try session.beginSnapshot(statementTimeoutSeconds: settings.statementTimeoutSeconds, workMemMegabytes: settings.workMemMegabytes)
            }
        } catch {
            releaseLock()
            throw error
        }
    }

    /// Whether this run took the run lock and has not released it.
    private var holdsLock = false

    /// Releases the run lock at once (`RunSession.releaseRunLock`), so that a run started right
    /// after this one ends finds it free; best effort: on a lost connection the lock ends with the
    /// session. Safe to call twice.
    func releaseLock() {
        guard holdsLock else { return }
        holdsLock = false
        try? RunSession(connection: connection).releaseRunLock()
    }

    /// Recomputes the rollup days written since the last refresh, before the snapshot, so the
    /// report reads them rolled up. Optional: a user who may not write them, a standby, or a
    /// writer's transaction (an import) holding them longer than `lockTimeoutSeconds` gets a
    /// warning, and the rollup queries compute those days from the raw rows instead (same figures,
    /// slower). The refresh never waits for a long import to end.
    static func refreshRollups(_ connection: Connection, logger: Logger, lockTimeoutSeconds: Int = 30) {
        do {
            let installed = try connection.all(Query(
                name: "rollups installed", "SELECT to_regprocedure('costreport.refresh_rollups()') IS NOT NULL AS installed")
            ) { try $0.decode(Bool.self, "installed") }
            guard installed.first == true else { return }
            let start = Date()
            // A writer's open transaction holds the days it wrote: wait for it a while, not forever.
            try connection.execute(Query(name: "refresh lock timeout", "SELECT set_config('lock_timeout', $1, false)"),
                                   [.text("\(lockTimeoutSeconds)s")])
            defer { _ = try? connection.execute(Query(name: "reset lock timeout", "RESET lock_timeout")) }
            let days = try RollupInstaller(connection: connection).refresh()
            logger.info("rollups refreshed", metadata: [
                "days": "\(days)", "seconds": "\(String(format: "%.2f", Date().timeIntervalSince(start)))",
            ])
        } catch {
            logger.warning("the rollups were not refreshed (\(error)); the days written since the last refresh are read from the raw tables")
        }
    }

    /// Opens a second connection in this run's snapshot (exported by the first, imported by the
    /// second), so that the run can read on two threads and both see the same rows. Optional: when
    /// the server refuses (the export, the connection: too many; the import), the run reads
    /// everything on the first connection (same figures, slower) after an info line.
    func openCompanion(options: ConnectionOptions, settings: JobSettings, logger: Logger) {
        guard let id = exportedId else { return }
        do {
            let second = try Connection(options)
            second.streamingMode = connection.streamingMode
            let session = RunSession(connection: second)
            try session.endQueriesWhenClientDies()
            try session.beginSnapshot(
                statementTimeoutSeconds: settings.statementTimeoutSeconds, workMemMegabytes: settings.workMemMegabytes,
                importing: id)
            companion = second
        } catch {
            logger.info("reading on one connection: a second one in the same snapshot could not be opened", metadata: ["error": "\(error)"])
        }
    }

    /// Ends the read-only transactions (nothing was written) and closes the second connection.
    /// The lock stays until `releaseLock()`.
    func finish() throws {
        if let companion { try RunSession(connection: companion).endSnapshot() }
        companion = nil
        try RunSession(connection: connection).endSnapshot()
    }

    /// Connects; connection errors that a retry may fix (no answer, lost, the server starting up:
    /// `PostgresError.isTransientConnectionFailure`) are retried `settings.connectRetries` times with exponential backoff; others fail at once.
    static func connect(_ options: ConnectionOptions, settings: JobSettings, logger: Logger) throws -> Connection {
        var attempt = 0
        while true {
            do {
                return try Connection(options)
            } catch let error as PostgresError where error.isTransientConnectionFailure && attempt < settings.connectRetries {
                attempt += 1
                let delay = settings.retryBaseDelaySeconds * pow(2, Double(attempt - 1))
                logger.warning("connection failed, retrying", metadata: [
                    "attempt": "\(attempt)", "delay_s": "\(delay)", "error": "\(error.description)",
                ])
                Thread.sleep(forTimeInterval: delay)
            }
        }
    }
}
