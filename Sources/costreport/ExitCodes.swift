import ArgumentParser
import BillingStore
import Foundation
import Logging
import Postgres
import PrometheusImport
import ReportJob

/// Maps failures to the documented exit codes and one clear line on stderr.
enum ExitCodes {
    static let failure: Int32 = 1
    static let usage: Int32 = 64
    static let qualityGate: Int32 = 65
    static let databaseUnavailable: Int32 = 69
    static let anotherRun: Int32 = 75

    /// Runs `body`; on error logs it and exits with the matching code.
    static func running(_ logger: Logger, _ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as JobError {
            logger.error("\(error.description)")
            switch error {
            case .anotherRunInProgress: throw ExitCode(anotherRun)
            case .qualityGateFailed: throw ExitCode(qualityGate)
            case .interrupted, .historyNotRecorded: throw ExitCode(failure)
            }
        } catch let error as PostgresError where error.kind == .connection && error.queryName == nil && !error.isConnectionLost {
            // No session could be made (unreachable, refused, TLS): the database is unavailable.
            // A connection lost during the run is a failure like any other (exit 1).
            logger.error("\(error.description)")
            throw ExitCode(databaseUnavailable)
        } catch let error as PostgresError where error.kind == .server && error.sqlStateClass == "08" && error.sqlState != "08P01" {
            // The database answered, but one of its own connections failed: on a sharded coordinator
            // a shard (a postgres_fdw foreign server, named in the message) is down. Nothing was published.
            // Not 08P01 (protocol violation): the server refusing what this client sent, e.g. a query
            // file whose $n placeholders are not the parameters the job binds, is a failure (exit 1).
            logger.error("a shard of the database is unreachable: \(Self.oneLine(error.description)); nothing was published, the previous report is intact. Start the shard (or correct its foreign server, docs/scale-out.md) and run again")
            throw ExitCode(databaseUnavailable)
        } catch let error as PrometheusClientError {
            logger.error("\(error.description)")
            if case .unreachable = error { throw ExitCode(databaseUnavailable) }
            throw ExitCode(failure)
        } catch let error as ValidationError {
            throw error
        } catch let error as ExitCode {
            throw error
        } catch {
            logger.error("\(String(describing: error))")
            throw ExitCode(failure)
        }
    }
}

extension ExitCodes {
    /// `text` on one line: line breaks (libpq's multi-line messages) become spaces.
    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: " ")
    }
}

/// A run id for logs: time-ordered and unique enough for one host.
enum RunID {
    static func make(now: Date = Date()) -> String {
        let seconds = Int(now.timeIntervalSince1970)
        return String(seconds, radix: 36) + "-" + String(UInt32.random(in: 0...UInt32.max), radix: 36)
    }
}
