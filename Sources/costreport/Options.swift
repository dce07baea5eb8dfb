import ArgumentParser
import Foundation
import Logging
import Postgres
import ReportJob

/// `--db`: how to reach PostgreSQL.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "libpq conninfo or URI (host=... dbname=... or postgresql://...). Without it libpq's PG* environment, PGSERVICE and ~/.pgpass apply.",
        discussion: "Never put a password here (it would show in the process list): use ~/.pgpass, PGPASSFILE or PGPASSWORD.",
        valueName: "conninfo"))
    var db: String?

    func validate() throws {
        guard let db else { return }
        if Self.containsPassword(db) {
            throw ValidationError("--db must not contain a password (it would be visible in the process list and shell history): put it in ~/.pgpass or PGPASSWORD")
        }
    }

    /// True for `password=` in a conninfo or `user:secret@` / `?password=` in a URI.
    static func containsPassword(_ conninfo: String) -> Bool {
        let lower = conninfo.lowercased()
        if lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://") {
            let afterScheme = lower.split(separator: "/", maxSplits: 2, omittingEmptySubsequences: false).dropFirst(2).first ?? ""
            let authority = afterScheme.split(separator: "/").first ?? ""
            if let at = authority.lastIndex(of: "@"), authority[..<at].contains(":") { return true }
            return lower.contains("password=")
        }
        return lower.range(of: #"(^|\s)password\s*="#, options: .regularExpression) != nil
    }

    func connectionOptions(timeoutSeconds: Int = 10) -> ConnectionOptions {
        ConnectionOptions(conninfo: db, connectTimeoutSeconds: timeoutSeconds)
    }
}

/// `--log-format`, `--verbose`: logging bootstrap, once per process.
struct LoggingOptions: ParsableArguments {
    @Option(name: .long, help: "Log format on stderr: text or json (one JSON object per line).")
    var logFormat: String = "text"

    @Flag(name: .long, help: "Log debug details (each query's rows and duration are logged at info anyway).")
    var verbose = false

    func validate() throws {
        guard StderrLogHandler.Format(rawValue: logFormat) != nil else {
            throw ValidationError("--log-format must be text or json, got \(logFormat)")
        }
    }

    /// Bootstraps swift-log and returns a logger carrying `run_id`.
    func makeLogger(runId: String) -> Logger {
        let format = StderrLogHandler.Format(rawValue: logFormat) ?? .text
        let level: Logger.Level = verbose ? .debug : .info
        LoggingSystem.bootstrap { label in
            var handler = StderrLogHandler(label: label, format: format)
            handler.logLevel = level
            return handler
        }
        var logger = Logger(label: "costreport")
        logger[metadataKey: "run_id"] = "\(runId)"
        return logger
    }
}

/// Finds the project's files (queries/, sample-billing/) when a path is not given: first relative
/// to the working folder, then relative to the executable's folder and its parents (so the binary
/// works from a build folder and from an install prefix with share/costreport/).
enum ProjectFiles {
    static func locate(_ relativePath: String) -> URL? {
        let fileManager = FileManager.default
        let cwd = URL(fileURLWithPath: fileManager.currentDirectoryPath)
        if fileManager.fileExists(atPath: cwd.appendingPathComponent(relativePath).path) {
            return cwd.appendingPathComponent(relativePath)
        }
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<5 {
            for candidate in [folder.appendingPathComponent(relativePath), folder.appendingPathComponent("share/costreport/" + relativePath)]
            where fileManager.fileExists(atPath: candidate.path) {
                return candidate
            }
            folder = folder.deletingLastPathComponent()
        }
        return nil
    }

    static func resolve(_ given: String?, default relativePath: String, what: String) throws -> URL {
        if let given { return URL(fileURLWithPath: given) }
        guard let found = locate(relativePath) else {
            throw ValidationError("cannot find \(relativePath) (the \(what)): run from the costreport folder or pass its path")
        }
        return found
    }
}

