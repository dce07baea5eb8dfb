import BillingStore
import Foundation
import Logging
import Postgres

/// One run's view of the database: a connection (retried with backoff on transient failures),
/// the non-blocking advisory lock that keeps runs from overlapping, and one read-only
/// REPEATABLE READ transaction with a statement timeout, so every query reads the same snapshot.
final class Snapshot {
    let connection: Connection

    /// The advisory lock key: the first 8 bytes of "costreport" as a bigint.
    static let lockKey = 0x636f_7374_7265_706f

    /// Connects, takes the run lock and opens the snapshot.
    /// - Throws: `JobError.anotherRunInProgress` when the lock is held; `PostgresError` otherwise.
    init(options: ConnectionOptions, settings: JobSettings, logger: Logger, takeLock: Bool = true) throws {
        connection = try Self.connect(options, settings: settings, logger: logger)
        connection.streamingMode = .singleRow  // measured fastest: BENCHMARKS.md
        if connection.serverVersion >= 140_000 {
            // If this process dies (signal, kill), the server ends the running query within a second
            // instead of finishing it while holding the run lock.
            try connection.execute(Query(name: "client check", "SELECT set_config('client_connection_check_interval', '1000', false)"))
        }
        if takeLock {
            let locked = try connection.all(
                Query(name: "run lock", "SELECT pg_try_advisory_lock($1::bigint) AS locked"), [.int(Self.lockKey)]
            ) { try $0.decode(Bool.self, "locked") }
            guard locked.first == true else { throw JobError.anotherRunInProgress(connection.target) }
        }
        try connection.execute(Query(name: "snapshot", "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"))
        try connection.execute(
            Query(name: "statement timeout", "SELECT set_config('statement_timeout', $1, true)"),
            [.text("\(settings.statementTimeoutSeconds * 1000)")])
        try connection.execute(
            Query(name: "work_mem", "SELECT set_config('work_mem', $1, true)"), [.text("\(settings.workMemMegabytes)MB")])
    }

    /// Ends the read-only transaction (nothing was written). The lock ends with the session.
    func finish() throws {
        try connection.execute(Query(name: "end snapshot", "COMMIT"))
    }

    /// Connects; connection errors that a retry may fix (refused, reset, the server starting up)
    /// are retried `settings.connectRetries` times with exponential backoff; others fail at once.
    static func connect(_ options: ConnectionOptions, settings: JobSettings, logger: Logger) throws -> Connection {
        var attempt = 0
        while true {
            do {
                return try Connection(options)
            } catch let error as PostgresError where error.isRetryableConnectionFailure && attempt < settings.connectRetries {
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

extension PostgresError {
    /// A connection failure a retry may fix: not authentication, not a missing database or role.
    var isRetryableConnectionFailure: Bool {
        guard kind == .connection else { return false }
        let permanent = ["password authentication failed", "does not exist", "no pg_hba.conf entry",
                         "authentication failed", "invalid", "SSL", "certificate"]
        return !permanent.contains { message.localizedCaseInsensitiveContains($0) }
    }
}
