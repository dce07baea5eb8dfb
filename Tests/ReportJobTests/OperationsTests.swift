import BillingStore
import CostModel
import Foundation
@_spi(UncheckedSQL) import Postgres
import ReportJob
import Reports
import Testing
import TestSupport

@Suite("Nightly operations: lock, timeouts, publication, retention, history")
struct OperationsTests {
    func temporaryFolder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("costreport-ops-\(UUID().uuidString)")
    }

    /// A copy of queries/ with `charges.sql` replaced by `sql`.
    func queriesFolder(chargesSQL sql: String) throws -> URL {
        let folder = temporaryFolder()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for file in QueryFolder.requiredFiles {
            try FileManager.default.copyItem(at: SampleFixture.queries.appendingPathComponent(file), to: folder.appendingPathComponent(file))
        }
        try sql.write(to: folder.appendingPathComponent("charges.sql"), atomically: true, encoding: .utf8)
        return folder
    }

    @Test func aSecondRunWhileTheLockIsHeldStopsWithoutWriting() throws {
        let database = try SampleFixture.freshDatabase("ops")
        defer { database.drop() }
        let holder = try database.connect()
        #expect(try holder.all(Query(name: "hold", "SELECT pg_try_advisory_lock($1::bigint) AS locked"), [.int(0x636f_7374_7265_706f)]) {
            try $0.decode(Bool.self, "locked")
        } == [true])
        let out = temporaryFolder()
        let error = #expect(throws: JobError.self) {
            try ReportPipeline.run(SampleFixture.configuration(database, out: out), logger: CapturedLogs().logger())
        }
        guard case .anotherRunInProgress = error else { Issue.record("expected anotherRunInProgress, got \(String(describing: error))"); return }
        #expect(!FileManager.default.fileExists(atPath: out.path))
        _ = try holder.execute(Query(name: "release", "SELECT pg_advisory_unlock_all()"))
    }

    /// The run lock is released by the statement, not only when the session's backend exits (a
    /// moment after the client hangs up): another session gets it at once, even from an open or
    /// aborted transaction.
    @Test func theRunLockIsReleasedWhileTheSessionIsStillOpen() throws {
        let database = try SampleFixture.freshDatabase("opsunlock")
        defer { database.drop() }
        let run = try database.connect(), next = try database.connect()
        #expect(try RunSession(connection: run).tryRunLock())
        #expect(try !RunSession(connection: next).tryRunLock())
        try RunSession(connection: run).beginSnapshot(statementTimeoutSeconds: 60, workMemMegabytes: 16)
        #expect(throws: PostgresError.self) { try run.execute(Query(name: "fails", "SELECT 1 / 0")) }
        try RunSession(connection: run).releaseRunLock()
        #expect(run.isIdle)
        #expect(try RunSession(connection: next).tryRunLock())
    }

    /// The report's second connection reads the first one's snapshot: rows committed after the
    /// export are invisible to both; an id that is not one is refused before reaching SQL.
    @Test func aSecondConnectionReadsTheExportedSnapshot() throws {
        let database = try SampleFixture.freshDatabase("opssnap")
        defer { database.drop() }
        let first = try database.connect(), second = try database.connect(), writer = try database.connect()
        let count = Query(name: "count", "SELECT count(*) AS n FROM billing_line_items")
        func lines(_ connection: Connection) throws -> Int { try connection.all(count) { try $0.decode(Int.self, "n") }[0] }
        try RunSession(connection: first).beginSnapshot(statementTimeoutSeconds: 60, workMemMegabytes: 16)
        let before = try lines(first)
        let id = try RunSession(connection: first).exportSnapshot()
        try writer.execute(Query(name: "more lines", "INSERT INTO billing_line_items SELECT * FROM billing_line_items LIMIT 5"))
        try RunSession(connection: second).beginSnapshot(statementTimeoutSeconds: 60, workMemMegabytes: 16, importing: id)
        #expect(try lines(second) == before)
        #expect(try lines(first) == before)
        #expect(try lines(writer) == before + 5)
        let third = try database.connect()
        #expect(throws: PostgresError.self) {
            try RunSession(connection: third).beginSnapshot(statementTimeoutSeconds: 60, workMemMegabytes: 16, importing: "1'; DROP TABLE x; --")
        }
    }

    /// A role that may not export its snapshot still gets the whole report: the refused export
    /// aborts the transaction before anything is read, and the snapshot is begun again.
    @Test func aRoleThatMayNotExportTheSnapshotStillGetsItsReport() throws {
        let database = try SampleFixture.freshDatabase("opsnoexport")
        defer { database.drop() }
        let admin = try database.connect()
        let role = "costreport_noexport_\(UUID().uuidString.prefix(8).lowercased())"
        for statement in [
            "CREATE ROLE \(role) LOGIN", "GRANT SELECT ON ALL TABLES IN SCHEMA public TO \(role)",
            "REVOKE EXECUTE ON FUNCTION pg_export_snapshot() FROM PUBLIC",
        ] {
            try admin.execute(Query(uncheckedName: "set up role", sql: statement))
        }
        defer { _ = try? admin.execute(Query(uncheckedName: "drop role", sql: "DROP OWNED BY \(role); DROP ROLE \(role)")) }
        var configuration = SampleFixture.configuration(database)
        configuration.dryRun = true
        configuration.useHistory = false
        let expected = try ReportPipeline.run(configuration, logger: CapturedLogs().logger())
        configuration.connection = ConnectionOptions(conninfo: "\(database.conninfo) user=\(role)")
        let logs = CapturedLogs()
        let outcome = try ReportPipeline.run(configuration, logger: logs.logger())
        #expect(logs.all.contains { $0.contains("the snapshot cannot be shared") }, "\(logs.all)")
        #expect(outcome.summaryLine == expected.summaryLine)
        #expect(outcome.files.first { $0.name == "cost_by_service.csv" }?.contents == expected.files.first { $0.name == "cost_by_service.csv" }?.contents)
    }

    /// A dry run writes nothing, so it neither takes nor needs the run lock.
    @Test func aDryRunWhileTheLockIsHeldRuns() throws {
        let database = try SampleFixture.freshDatabase("opsdry")
        defer { database.drop() }
        let holder = try database.connect()
        #expect(try RunSession(connection: holder).tryRunLock())
        var configuration = SampleFixture.configuration(database)
        configuration.dryRun = true
        let outcome = try ReportPipeline.run(configuration, logger: CapturedLogs().logger())
        #expect(outcome.folder == nil && !outcome.files.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: configuration.outputDirectory.path))
    }

    @Test func aStatementTimeoutFailsTheRunNamingTheQuery() throws {
        let database = try SampleFixture.freshDatabase("ops")
        defer { database.drop() }
        var configuration = SampleFixture.configuration(database)
        configuration.queriesDirectory = try queriesFolder(chargesSQL: """
            -- name: charges (slow, for the timeout test)
            SELECT * FROM (SELECT pg_sleep(5)) s, LATERAL (SELECT 1 WHERE $1::timestamptz < $2::timestamptz) w
            """)
        configuration.policy.job.statementTimeoutSeconds = 1
        let start = Date()
        let error = #expect(throws: PostgresError.self) {
            try ReportPipeline.run(configuration, logger: CapturedLogs().logger())
        }
        #expect(error?.sqlState == PostgresError.queryCanceled)
        #expect(error?.queryName == "charges.sql")
        #expect(Date().timeIntervalSince(start) < 10, "the 5 s query must be cut by the 1 s timeout")
    }

    @Test func aReRunForTheSameDateReplacesTheFolderInOneStep() throws {
        let database = try SampleFixture.freshDatabase("ops")
        defer { database.drop() }
        let out = temporaryFolder()
        let first = try ReportPipeline.run(SampleFixture.configuration(database, out: out), logger: CapturedLogs().logger())
        let folder = try #require(first.folder)
        let before = try String(contentsOf: folder.appendingPathComponent("cost_by_service.csv"), encoding: .utf8)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: out.appendingPathComponent("latest").path) == folder.lastPathComponent)

        // A re-run for the same date replaces the folder in one step and leaves no temporary folder.
        let again = try ReportPipeline.run(SampleFixture.configuration(database, out: out), logger: CapturedLogs().logger())
        #expect(again.folder?.standardizedFileURL.path == folder.standardizedFileURL.path)
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(names == [folder.lastPathComponent, "latest"])
        #expect(try String(contentsOf: folder.appendingPathComponent("cost_by_service.csv"), encoding: .utf8) == before)
    }

    @Test func retentionKeepsTheNewestRuns() throws {
        let database = try SampleFixture.freshDatabase("ops")
        defer { database.drop() }
        let out = temporaryFolder()
        for daysBack in [3.0, 2, 1] {
            var configuration = SampleFixture.configuration(database, out: out, window: ReportWindow(
                start: SampleFixture.window.start.addingTimeInterval(-daysBack * 86_400),
                end: SampleFixture.window.end.addingTimeInterval(-daysBack * 86_400)))
            configuration.policy.job.retentionRuns = 2
            configuration.useHistory = false
            _ = try ReportPipeline.run(configuration, logger: CapturedLogs().logger())
        }
        let folders = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0 != "latest" }.sorted()
        #expect(folders == ["2026-10-29", "2026-10-30"])
    }

    @Test func theNextDaysRunMarksNewPersistingAndResolvedFindings() throws {
        let database = try SampleFixture.freshDatabase("history")
        defer { database.drop() }
        let connection = try database.connect()
        try RunHistoryStore(connection: connection).createSchema()
        let out = temporaryFolder()
        let dayOne = ReportWindow(start: SampleFixture.window.start.addingTimeInterval(-86_400), end: SampleFixture.window.end.addingTimeInterval(-86_400))
        let first = try ReportPipeline.run(SampleFixture.configuration(database, out: out, window: dayOne), logger: CapturedLogs().logger())
        #expect(first.model.history.hasPrevious == false)

        // Overnight: the unattached volume is attached (resolved); a running volume is detached (new).
        let resolvedVolume = try #require(first.model.findings.findings.first { $0.kind == .unused && $0.resourceId.hasPrefix("vol-") })
        try connection.execute(Query(name: "attach", "UPDATE resources SET state = 'in-use', attached_to = 'i-x' WHERE resource_id = $1"), [.text(resolvedVolume.resourceId)])
        let detached = try connection.all(Query(name: "pick", """
            SELECT resource_id FROM resources WHERE kind = 'volume' AND state = 'in-use' AND tier = 4 ORDER BY resource_id LIMIT 1
            """)) { try $0.decode(String.self, "resource_id") }
        let newVolume = try #require(detached.first)
        try connection.execute(Query(name: "detach", """
            UPDATE resources SET state = 'unattached', attached_to = NULL, last_active_at = $2::timestamptz - interval '30 days'
            WHERE resource_id = $1
            """), [.text(newVolume), .timestamp(SampleFixture.end)])

        let second = try ReportPipeline.run(SampleFixture.configuration(database, out: out), logger: CapturedLogs().logger())
        let history = second.model.history
        #expect(history.hasPrevious)
        #expect(history.previousRunId == first.model.run.runId)
        let resolved = try #require(history.entries.first { $0.findingId == resolvedVolume.id })
        #expect(resolved.status == .resolved)
        #expect(history.entries.first { $0.resourceId == newVolume && $0.kind == "unused" }?.status == .new)
        let persisting = history.entries.filter { $0.status == .persisting }
        #expect(!persisting.isEmpty)
        #expect(persisting.allSatisfy { $0.ageDays == 1 })
        let runs = try connection.all(Query(name: "runs", "SELECT count(*) AS n FROM costreport.runs")) { try $0.decode(Int.self, "n") }
        #expect(runs == [2])
    }

    @Test func theRunsTotalsAreStoredAsJSONAmountsPerCurrency() throws {
        let database = try SampleFixture.freshDatabase("history")
        defer { database.drop() }
        let connection = try database.connect()
        try RunHistoryStore(connection: connection).createSchema()
        let outcome = try ReportPipeline.run(SampleFixture.configuration(database), logger: CapturedLogs().logger())
        let stored = try connection.all(Query(name: "totals", "SELECT totals::text AS totals FROM costreport.runs")) {
            try $0.decode(String.self, "totals")
        }
        let totals = try JSONDecoder().decode([[String: String]].self, from: Data(try #require(stored.first).utf8))
        #expect(totals == outcome.model.attribution.totals.map {
            ["currency": $0.currency, "billed_cost": Money.plain($0.amounts.billedCost), "effective_cost": Money.plain($0.amounts.effectiveCost)]
        })
    }

    @Test func aLostConnectionWhileRecordingHistoryFailsTheRunAndKeepsTheReport() throws {
        let database = try SampleFixture.freshDatabase("history")
        defer { database.drop() }
        let connection = try database.connect()
        try RunHistoryStore(connection: connection).createSchema()
        // The server ends the run's own session when it inserts its run row.
        try connection.executeScript(Query(name: "lose the connection", """
            CREATE FUNCTION costreport.end_session() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN PERFORM pg_terminate_backend(pg_backend_pid()); RETURN NEW; END $$;
            CREATE TRIGGER end_session BEFORE INSERT ON costreport.runs FOR EACH ROW EXECUTE FUNCTION costreport.end_session();
            """))
        let out = temporaryFolder()
        let error = #expect(throws: JobError.self) {
            try ReportPipeline.run(SampleFixture.configuration(database, out: out), logger: CapturedLogs().logger())
        }
        guard case .historyNotRecorded(let folder, let reason) = error else {
            Issue.record("expected historyNotRecorded, got \(String(describing: error))"); return
        }
        #expect(reason.contains("57P01") || reason.contains("connection"), "\(reason)")
        #expect(FileManager.default.fileExists(atPath: URL(fileURLWithPath: folder).appendingPathComponent("index.html").path))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("latest/cost_by_service.csv").path))
    }

    @Test func aReadOnlyDatabaseKeepsTheRunAndWarnsThatHistoryWasNotRecorded() throws {
        let database = try SampleFixture.freshDatabase("history")
        defer { database.drop() }
        let connection = try database.connect()
        try RunHistoryStore(connection: connection).createSchema()
        try connection.execute(Query(uncheckedName: "read only", sql: "ALTER DATABASE \(database.name) SET default_transaction_read_only = on"))
        let logs = CapturedLogs()
        let outcome = try ReportPipeline.run(SampleFixture.configuration(database), logger: logs.logger())
        #expect(outcome.folder != nil)
        #expect(logs.all.contains { $0.hasPrefix("warning history not recorded") && $0.contains("25006") }, "\(logs.all.filter { $0.contains("history") })")
    }

    @Test func withoutHistoryThePreviousReportFolderIsTheComparison() throws {
        let database = try SampleFixture.freshDatabase("ops")
        defer { database.drop() }
        let out = temporaryFolder()
        var first = SampleFixture.configuration(database, out: out, window: ReportWindow(
            start: SampleFixture.window.start.addingTimeInterval(-86_400), end: SampleFixture.window.end.addingTimeInterval(-86_400)))
        first.useHistory = false
        _ = try ReportPipeline.run(first, logger: CapturedLogs().logger())
        var second = SampleFixture.configuration(database, out: out)
        second.useHistory = false
        let outcome = try ReportPipeline.run(second, logger: CapturedLogs().logger())
        #expect(outcome.model.history.hasPrevious)
        #expect(outcome.model.history.entries.contains { $0.status == .persisting })
    }

    @Test func thePrometheusFileParsesWithPrometheusClient() throws {
        let database = try SampleFixture.freshDatabase("ops")
        defer { database.drop() }
        let out = temporaryFolder()
        var configuration = SampleFixture.configuration(database, out: out)
        configuration.useHistory = false
        let textfiles = temporaryFolder()
        try FileManager.default.createDirectory(at: textfiles, withIntermediateDirectories: true)
        configuration.textfileDirectory = textfiles
        let outcome = try ReportPipeline.run(configuration, logger: CapturedLogs().logger())
        let prom = try #require(outcome.folder).appendingPathComponent("costreport.prom")
        #expect(FileManager.default.contentsEqual(atPath: prom.path, andPath: textfiles.appendingPathComponent("costreport.prom").path))
        let script = """
            import sys
            from prometheus_client.parser import text_string_to_metric_families
            names = {}
            for family in text_string_to_metric_families(open(sys.argv[1]).read()):
                names[family.name] = len(family.samples)
            for name in sorted(names): print(name, names[name])
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, prom.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        process.waitUntilExit()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0, "prometheus_client could not parse costreport.prom (install it: pip install prometheus-client): \(output)")
        for metric in ["costreport_last_success_timestamp_seconds", "costreport_run_duration_seconds", "costreport_effective_cost",
                       "costreport_plan_monthly_savings", "costreport_findings", "costreport_unallocated_share"] {
            #expect(output.contains(metric), "\(metric) missing: \(output)")
        }
    }
}
