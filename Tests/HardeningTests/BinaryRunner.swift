import Foundation

/// Runs the real `costreport` binary (`$COSTREPORT_BINARY`, set by scripts/test).
struct BinaryRunner {
    let process = Process()
    let stdout = Pipe()
    let stderr = Pipe()

    static func binary() throws -> URL {
        guard let path = ProcessInfo.processInfo.environment["COSTREPORT_BINARY"], !path.isEmpty else {
            throw FixtureError("COSTREPORT_BINARY is not set: run the tests with scripts/test")
        }
        return URL(fileURLWithPath: path)
    }

    init(_ arguments: [String], environment: [String: String] = [:]) throws {
        process.executableURL = try Self.binary()
        process.arguments = arguments
        process.currentDirectoryURL = HardeningDatabase.repository
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        process.standardOutput = stdout
        process.standardError = stderr
    }

    func start() throws { try process.run() }

    /// Waits for the exit; returns the status and both outputs.
    func finish() -> (status: Int32, stdout: String, stderr: String) {
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }

    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, stdout: String, stderr: String) {
        let runner = try BinaryRunner(arguments, environment: environment)
        try runner.start()
        return runner.finish()
    }
}

/// A copy of queries/ whose `file` sleeps `seconds` on the server before answering.
enum SlowQueries {
    static func folder(file: String = "charges.sql", seconds: Int) throws -> URL {
        let original = try String(contentsOf: HardeningDatabase.queries.appendingPathComponent(file), encoding: .utf8)
        let body = original.split(separator: "\n").filter { !$0.hasPrefix("--") }.joined(separator: "\n")
        // A CTE that sleeps, joined to the original query's result.
        let slow = "WITH pause AS MATERIALIZED (SELECT pg_sleep(\(seconds)) AS slept)\nSELECT original.* FROM (\n\(body)\n) AS original, pause"
        return try TemporaryFolder.queries(replacing: [file: slow])
    }
}

extension HardeningDatabase {
    /// The process id of the run's backend (application_name 'costreport') once it runs pg_sleep, polled up to `timeout`.
    func sleepingRunBackend(timeout: Double = 20) throws -> Int? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let pids = try connection.all(Query(name: "find run backend", """
                SELECT pid FROM pg_stat_activity
                WHERE application_name = 'costreport' AND datname = $1 AND query LIKE '%pg_sleep%' AND state = 'active'
                  AND pid <> pg_backend_pid()
                """), [.text(database.name)]) { try $0.decode(Int.self, "pid") }
            if let pid = pids.first { return pid }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return nil
    }

    /// Backends of costreport still connected to this database.
    func runBackends() throws -> [Int] {
        try connection.all(Query(name: "run backends", """
            SELECT pid FROM pg_stat_activity WHERE application_name = 'costreport' AND datname = $1 AND pid <> pg_backend_pid()
            """), [.text(database.name)]) { try $0.decode(Int.self, "pid") }
    }
}

import Postgres
