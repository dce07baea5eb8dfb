import Foundation
import Postgres
import Testing
import TestSupport

@Suite("Connection failures")
struct ConnectionFailureTests {
    @Test func wrongPortFailsFastWithOneLine() throws {
        let start = Date()
        let error = #expect(throws: PostgresError.self) {
            _ = try Connection(ConnectionOptions(conninfo: "host=127.0.0.1 port=1 dbname=billing user=x password=s3cret-in-conninfo", connectTimeoutSeconds: 3))
        }
        #expect(Date().timeIntervalSince(start) < 5)
        let text = error?.description ?? ""
        #expect(text.contains("host 127.0.0.1 port 1 database billing"))
        #expect(!text.contains("s3cret"))
        #expect(!text.contains("\n"))
        #expect(error?.kind == .connection)
    }

    @Test func missingDatabaseNamesIt() throws {
        let server = try TestDatabase.serverConninfo()
        let error = #expect(throws: PostgresError.self) {
            _ = try Connection(ConnectionOptions(conninfo: "\(server) dbname=no_such_database_here"))
        }
        #expect(error?.description.contains("database no_such_database_here") == true)
        #expect(error?.description.contains("does not exist") == true)
    }

    @Test func wrongPasswordIsRejectedWithoutLeakingIt() throws {
        let db = try TestDatabase.create("password")
        defer { db.drop() }
        let admin = try db.connect()
        _ = try? admin.execute(Query(name: "role", "CREATE ROLE costreport_password_user LOGIN PASSWORD 'right-password'"))
        let server = try TestDatabase.serverConninfo()
        let error = #expect(throws: PostgresError.self) {
            _ = try Connection(ConnectionOptions(conninfo: "\(server) user=costreport_password_user password=wrong-Pa55word"))
        }
        let text = error?.description ?? ""
        #expect(text.contains("password authentication failed"))
        #expect(!text.contains("wrong-Pa55word"))
        #expect(!text.contains("right-password"))
        // With the right password it connects, and application_name is set.
        let good = try Connection(ConnectionOptions(conninfo: "\(server) user=costreport_password_user password=right-password"))
        #expect(try good.all(Query(name: "app", "SELECT current_setting('application_name') AS a, current_setting('TimeZone') AS z")) {
            [try $0.decode(String.self, "a"), try $0.decode(String.self, "z")]
        } == [["costreport", "UTC"]])
    }
}
