import BillingStore
import CostModel
import Foundation
import Postgres
import ReportJob
import Testing
import TestSupport

@Suite("Secrets, TLS settings and bound parameters")
struct SecurityTests {
    typealias Line = HardeningDatabase.Line

    @Test(arguments: ["host=127.0.0.1 dbname=billing password=Hunter2-Secret", "postgresql://alice:Hunter2-Secret@127.0.0.1/billing",
                      "postgresql://127.0.0.1/billing?password=Hunter2-Secret", "host=127.0.0.1 PASSWORD = Hunter2-Secret"])
    func passwordOnTheCommandLineIsRefused(conninfo: String) throws {
        let result = try BinaryRunner.run(["report", "--db", conninfo, "--out", TemporaryFolder.url("refused").path])
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.contains("must not contain a password"), "\(result.stderr)")
        #expect(!result.stderr.contains("Hunter2-Secret") && !result.stdout.contains("Hunter2-Secret"))
    }

    @Test func wrongPGPASSWORDFailsWithoutShowingIt() throws {
        let db = try HardeningDatabase.make("pgpassword")
        defer { db.drop() }
        _ = try? db.connection.execute(Query(name: "role", "CREATE ROLE costreport_password_user LOGIN PASSWORD 'right-password'"))
        let result = try BinaryRunner.run(
            ["report", "--db", "\(db.database.conninfo) user=costreport_password_user", "--out", TemporaryFolder.url("pgpassword").path,
             "--log-format", "json"],
            environment: ["PGPASSWORD": "Wrong-Secret-PGPASSWORD-77"])
        #expect(result.status == 69, "\(result.stderr)")
        #expect(result.stderr.contains("password authentication failed"), "\(result.stderr)")
        #expect(!result.stderr.contains("Wrong-Secret") && !result.stdout.contains("Wrong-Secret"))
        #expect(!result.stderr.contains("right-password"))
        #expect(!result.stderr.contains("retrying"), "a bad password is not retried")
    }

    @Test func aPasswordGivenToTheLibraryNeverReachesLogsErrorsOrReports() throws {
        let db = try HardeningDatabase.make("secretconninfo")
        defer { db.drop() }
        try db.bill(Line())
        let secret = "Library-Conninfo-Secret-99"
        var configuration = db.configuration(out: try TemporaryFolder.make("secret-out"))
        configuration.connection = ConnectionOptions(conninfo: "\(db.database.conninfo) password=\(secret)")
        let logs = CapturedLogs()
        let outcome = try ReportPipeline.run(configuration, logger: logs.logger())
        #expect(!logs.all.joined().contains(secret))
        #expect(!outcome.summaryLine.contains(secret))
        for file in outcome.files { #expect(!file.contents.contains(secret), "\(file.name)") }
        // A failing run's error (wrong database) does not show it either.
        configuration.connection = ConnectionOptions(conninfo: "\(db.database.conninfo)_missing password=\(secret)")
        let error = #expect(throws: PostgresError.self) { try ReportPipeline.run(configuration, logger: logs.logger()) }
        #expect(error?.description.contains(secret) == false)
        #expect(!logs.all.joined().contains(secret))
    }

    @Test func sslmodePassesThroughToLibpq() throws {
        let db = try HardeningDatabase.make("sslmode")
        defer { db.drop() }
        for mode in ["require", "verify-full"] {
            var configuration = db.configuration()
            configuration.connection = ConnectionOptions(conninfo: "\(db.database.conninfo) sslmode=\(mode) sslrootcert=/nonexistent/root.crt")
            let logs = CapturedLogs()
            let error = #expect(throws: PostgresError.self) { try ReportPipeline.run(configuration, logger: logs.logger()) }
            #expect(error?.description.contains("SSL") == true, "\(error?.description ?? "")")
            #expect(!logs.all.contains { $0.contains("retrying") }, "an SSL refusal is not retried")
        }
        let result = try BinaryRunner.run(["report", "--db", "\(db.database.conninfo) sslmode=require", "--out", TemporaryFolder.url("ssl").path])
        #expect(result.status == 69, "\(result.stderr)")
        #expect(result.stderr.contains("SSL"), "\(result.stderr)")
    }

    @Test func hostileValuesAreBoundAsParametersNeverSpliced() throws {
        let db = try HardeningDatabase.make("binds")
        defer { db.drop() }
        try db.bill(Line())
        let injections = HostileValues.all + ["'; DROP TABLE billing_line_items; --", "$1", "\\x00", "' OR '1'='1", "E'\\''"]
        for value in injections {
            let echoed = try db.connection.all(Query(name: "echo", "SELECT $1::text AS value"), [.text(value)]) { try $0.decode(String.self, "value") }
            #expect(echoed == [value])
        }
        // The usage query's time-zone parameter comes from the policy file: a hostile one is a value, not SQL.
        let store = BillingStore(connection: try db.database.connect(), queries: try QueryFolder(directory: HardeningDatabase.queries))
        try db.usage("i-1", at: HardeningDatabase.utc("2026-03-10T00:00:00Z"))
        let error = #expect(throws: PostgresError.self) {
            _ = try store.usage(in: HardeningDatabase.window, settings: UsageQuerySettings(timeZone: "UTC'; DROP TABLE usage_samples; --"))
        }
        #expect(error?.description.contains("time zone") == true, "\(error?.description ?? "")")
        let counts = try db.connection.all(Query(name: "still there", "SELECT (SELECT count(*) FROM billing_line_items) + (SELECT count(*) FROM usage_samples) AS n")) {
            try $0.decode(Int.self, "n")
        }
        #expect(counts == [2])
    }
}
