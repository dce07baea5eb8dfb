import Foundation
@_spi(UncheckedSQL) import Postgres

/// A fresh database on the test server, for one test. The server comes from the environment
/// variable `COSTREPORT_TEST_DB` (a conninfo), which `scripts/test` and `.ci/run` set after
/// starting a throwaway PostgreSQL. Without it the test fails: database tests never skip silently.
public struct TestDatabase: Sendable {
    /// The conninfo of the test's own database.
    public let conninfo: String
    public let name: String

    /// The server's conninfo, from `COSTREPORT_TEST_DB`.
    public static func serverConninfo() throws -> String {
        guard let conninfo = ProcessInfo.processInfo.environment["COSTREPORT_TEST_DB"], !conninfo.isEmpty else {
            throw SetupError(
                "COSTREPORT_TEST_DB is not set: run the tests with scripts/test, which starts a throwaway PostgreSQL")
        }
        return conninfo
    }

    /// Creates a database with a unique name: empty, or a copy of `template` (which must have no
    /// open connections).
    public static func create(_ label: String = "t", template: String = "template0") throws -> TestDatabase {
        let server = try serverConninfo()
        let safeLabel = label.lowercased().filter { $0.isLetter || $0.isNumber }.prefix(20)
        let name = "costreport_\(safeLabel)_\(UUID().uuidString.prefix(8).lowercased())"
        let admin = try Connection(ConnectionOptions(conninfo: server))
        try admin.execute(Query(uncheckedName: "create test database", sql: "CREATE DATABASE \(name) TEMPLATE \(template) ENCODING 'UTF8'"))
        return TestDatabase(conninfo: "\(server) dbname=\(name)", name: name)
    }

    public func connect() throws -> Connection {
        try Connection(ConnectionOptions(conninfo: conninfo))
    }

    /// Drops the database (best effort; the throwaway server is removed after the run anyway).
    public func drop() {
        guard let server = try? Self.serverConninfo(), let admin = try? Connection(ConnectionOptions(conninfo: server)) else { return }
        _ = try? admin.execute(Query(uncheckedName: "drop test database", sql: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"))
    }

    public struct SetupError: Error, CustomStringConvertible {
        public let description: String
        public init(_ description: String) { self.description = description }
    }
}
