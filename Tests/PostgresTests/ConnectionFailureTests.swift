import Foundation
@testable import Postgres
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
        #expect(error?.connectionFailure == .unreachable)
        #expect(error?.isTransientConnectionFailure == true)
    }

    @Test func missingDatabaseNamesIt() throws {
        let server = try TestDatabase.serverConninfo()
        let error = #expect(throws: PostgresError.self) {
            _ = try Connection(ConnectionOptions(conninfo: "\(server) dbname=no_such_database_here"))
        }
        #expect(error?.description.contains("database no_such_database_here") == true)
        #expect(error?.description.contains("does not exist") == true)
        // Classified by the server's SQLSTATE, not by the (locale-dependent) message text.
        #expect(error?.sqlState == "3D000")
        #expect(error?.connectionFailure == .rejected)
        #expect(error?.isTransientConnectionFailure == false)
        #expect(error?.description.contains("LOCATION") == false)
    }

    @Test func theCodeIsTakenFromAVerboseMessageInAnyLanguage() {
        // What libpq reports for a German server (lc_messages=de_DE): severity and text translated,
        // the SQLSTATE and the LOCATION line format unchanged.
        let message = """
            connection to server at "127.0.0.1", port 5432 failed: SCHWERWIEGEND:  3D000: Datenbank »nicht_vorhanden« existiert nicht
            ORT:  InitPostgres, postinit.c:885

            """
        let (sqlState, text) = message.withCString { Connection.splitVerbose($0) }
        #expect(sqlState == "3D000")
        #expect(text == "connection to server at \"127.0.0.1\", port 5432 failed: SCHWERWIEGEND:  Datenbank »nicht_vorhanden« existiert nicht")
        let noCode = "connection to server at \"127.0.0.1\", port 1 failed: Verbindungsaufbau abgelehnt\n"
        #expect(noCode.withCString { Connection.splitVerbose($0) }.sqlState == nil)
    }

    static let codes: [(String, Bool)] = [
        ("57P03", true), ("53300", true), ("08006", true), ("57P01", true),
        ("28P01", false), ("28000", false), ("3D000", false), ("42501", false), ("57014", false),
    ]

    @Test(arguments: codes)
    func serverCodesDecideWhetherAConnectionFailureIsRetried(sqlState: String, transient: Bool) {
        let error = PostgresError(.connection, message: "any text, in any language", sqlState: sqlState, connectionFailure: .rejected)
        #expect(error.isTransientConnectionFailure == transient)
    }

    @Test func withoutACodeHowFarTheConnectionGotDecides() {
        func error(_ failure: ConnectionFailure?) -> PostgresError { PostgresError(.connection, message: "x", connectionFailure: failure) }
        #expect(error(.unreachable).isTransientConnectionFailure)
        #expect(error(.lost).isTransientConnectionFailure)
        #expect(!error(.tls).isTransientConnectionFailure)
        #expect(!error(.rejected).isTransientConnectionFailure)
        #expect(!PostgresError(.server, message: "x", sqlState: "08006").isTransientConnectionFailure)
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
        #expect(error?.sqlState == "28P01")
        #expect(error?.isTransientConnectionFailure == false)
        #expect(!text.contains("wrong-Pa55word"))
        #expect(!text.contains("right-password"))
        // With the right password it connects, and application_name is set.
        let good = try Connection(ConnectionOptions(conninfo: "\(server) user=costreport_password_user password=right-password"))
        #expect(try good.all(Query(name: "app", "SELECT current_setting('application_name') AS a, current_setting('TimeZone') AS z")) {
            [try $0.decode(String.self, "a"), try $0.decode(String.self, "z")]
        } == [["costreport", "UTC"]])
    }
}
