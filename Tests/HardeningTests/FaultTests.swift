import BillingStore
import CostModel
import Foundation
import Postgres
import ReportJob
import Testing
import TestSupport

@Suite("Faults: lost connections, unwritable output, signals", .serialized)
struct FaultTests {
    typealias Line = HardeningDatabase.Line

    func hiddenEntries(_ folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasPrefix(".") }
    }

    @Test(arguments: ["charges.sql", "usage_histograms.sql"])
    func connectionKilledMidQueryFailsClearlyAndPublishesNothing(file: String) throws {
        let db = try HardeningDatabase.make("terminate")
        defer { db.drop() }
        try db.bill(Line())
        let out = try TemporaryFolder.make("terminate-out")
        let configuration = db.configuration(queries: try SlowQueries.folder(file: file, seconds: 30), out: out)
        let logs = CapturedLogs()
        // A thread of its own: the run blocks in libpq, and the test pool's few threads may all be busy.
        let run = BackgroundRun { try ReportPipeline.run(configuration, logger: logs.logger()) }
        let pid = try #require(try db.sleepingRunBackend(), "the run's backend was not seen running \(file)")
        _ = try db.connection.all(Query(name: "terminate", "SELECT pg_terminate_backend($1) AS done"), [.int(pid)]) {
            try $0.decode(Bool.self, "done")
        }
        let started = Date()
        let result = run.wait()
        #expect(Date().timeIntervalSince(started) < 10)
        guard case .failure(let error) = result else { Issue.record("the run succeeded after its connection was killed"); return }
        let text = String(describing: error)
        #expect(text.contains(file), "\(text)")
        #expect(text.lowercased().contains("terminat") || text.lowercased().contains("connection"), "\(text)")
        #expect(!text.contains("\n"))
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: out.path)) ?? []).isEmpty, "nothing published, no temp folder")
    }

    @Test func serverUnreachableIsRetriedAndAMissingDatabaseIsNot() throws {
        let db = try HardeningDatabase.make("unreachable")
        defer { db.drop() }
        var configuration = db.configuration()
        configuration.connection = ConnectionOptions(conninfo: "host=127.0.0.1 port=1 dbname=billing", connectTimeoutSeconds: 2)
        configuration.policy.job.connectRetries = 2
        configuration.policy.job.retryBaseDelaySeconds = 0.05
        let logs = CapturedLogs()
        let error = #expect(throws: PostgresError.self) { try ReportPipeline.run(configuration, logger: logs.logger()) }
        #expect(error?.kind == .connection)
        #expect(error?.description.contains("port 1") == true)
        #expect(logs.all.filter { $0.contains("retrying") }.count == 2)

        // A database the server says does not exist (SQLSTATE 3D000) is not retried.
        let missing = CapturedLogs()
        configuration.connection = ConnectionOptions(conninfo: "\(try TestDatabase.serverConninfo()) dbname=no_such_db_for_retry")
        let refused = #expect(throws: PostgresError.self) { try ReportPipeline.run(configuration, logger: missing.logger()) }
        #expect(refused?.sqlState == "3D000")
        #expect(missing.all.filter { $0.contains("retrying") }.isEmpty)
    }

    @Test func outputFolderThatCannotBeCreatedFailsAndLeavesNothing() throws {
        let db = try HardeningDatabase.make("readonly")
        defer { db.drop() }
        try db.bill(Line())
        // chmod does not stop root; a folder below a regular file cannot be created by anyone.
        let parent = try TemporaryFolder.make("readonly-parent")
        let blocker = parent.appendingPathComponent("a-file")
        try Data("x".utf8).write(to: blocker)
        let error = #expect(throws: PublishError.self) { try db.run(out: blocker.appendingPathComponent("reports")) }
        #expect(error?.description.contains("a-file/reports") == true, "\(error?.description ?? "")")
        #expect(error?.description.contains("nothing was published") == true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path) == ["a-file"])
    }

    @Test func readOnlyOutputFolderKeepsThePreviousReport() throws {
        let db = try HardeningDatabase.make("readonly")
        defer { db.drop() }
        try db.bill(Line())
        let out = try TemporaryFolder.make("readonly-out")
        let first = try db.run(out: out)
        let folder = try #require(first.folder)
        let before = try String(contentsOf: folder.appendingPathComponent("index.html"), encoding: .utf8)
        try ReadOnly.apply(to: out)
        let error = #expect(throws: PublishError.self) { try db.run(out: out) }
        try ReadOnly.remove(from: out)
        #expect(error?.description.contains(out.path) == true, "\(error?.description ?? "")")
        #expect(error?.description.contains("previous report is intact") == true)
        #expect(try String(contentsOf: out.appendingPathComponent("latest/index.html"), encoding: .utf8) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() == [folder.lastPathComponent, "latest"])
    }

    @Test(.enabled(if: getuid() == 0, "mounting a tiny tmpfs needs root"))
    func fullDiskFailsTheWriteAndKeepsThePreviousReport() throws {
        let db = try HardeningDatabase.make("diskfull")
        defer { db.drop() }
        try db.bill(Line())
        let out = try TemporaryFolder.make("diskfull-out")
        let mount = Process()
        mount.executableURL = URL(fileURLWithPath: "/bin/mount")
        mount.arguments = ["-t", "tmpfs", "-o", "size=1m", "tmpfs", out.path]
        try mount.run()
        mount.waitUntilExit()
        try #require(mount.terminationStatus == 0, "cannot mount a tmpfs to fill")
        defer {
            let umount = Process()
            umount.executableURL = URL(fileURLWithPath: "/bin/umount")
            umount.arguments = [out.path]
            try? umount.run()
            umount.waitUntilExit()
        }
        let first = try db.run(out: out)
        let before = try String(contentsOf: try #require(first.folder).appendingPathComponent("index.html"), encoding: .utf8)
        // Fill the file system to the last block.
        let filler = FileHandle(forWritingAtPath: { FileManager.default.createFile(atPath: out.appendingPathComponent("filler").path, contents: nil); return out.appendingPathComponent("filler").path }())!
        let chunk = Data(repeating: 0, count: 4096)
        while (try? filler.write(contentsOf: chunk)) != nil {}
        try? filler.close()
        let later = ReportWindow(start: HardeningDatabase.windowStart, end: HardeningDatabase.windowEnd.addingTimeInterval(86_400))
        let error = #expect(throws: PublishError.self) { try db.run(window: later, out: out) }
        #expect(error?.description.contains("No space left on device") == true, "\(error?.description ?? "")")
        #expect(try String(contentsOf: out.appendingPathComponent("latest/index.html"), encoding: .utf8) == before)
        #expect(hiddenEntries(out).isEmpty, "\(hiddenEntries(out))")
    }

    @Test(arguments: [(SIGTERM, Int32(143)), (SIGINT, Int32(130))])
    func signalMidRunStopsCleansUpAndKeepsThePreviousReport(signal: Int32, expectedStatus: Int32) throws {
        let db = try HardeningDatabase.make("signal")
        defer { db.drop() }
        try db.bill(Line(start: HardeningDatabase.utc("2026-02-10T00:00:00Z")))
        try db.bill(Line())
        let out = try TemporaryFolder.make("signal-out")
        let previous = try BinaryRunner.run(["report", "--db", db.database.conninfo, "--from", "2026-02-01", "--to", "2026-03-01", "--out", out.path])
        #expect(previous.status == 0, "\(previous.stderr)")
        let before = try String(contentsOf: out.appendingPathComponent("latest/index.html"), encoding: .utf8)

        let slow = try SlowQueries.folder(seconds: 60)
        let runner = try BinaryRunner(["report", "--db", db.database.conninfo, "--from", "2026-03-01", "--to", "2026-04-01",
                                       "--out", out.path, "--queries", slow.path])
        try runner.start()
        let pid = try #require(try db.sleepingRunBackend(), "the run's backend was not seen")
        kill(runner.process.processIdentifier, signal)
        let result = runner.finish()
        #expect(result.status == expectedStatus, "\(result.stderr)")
        #expect(result.stderr.contains("interrupted"), "\(result.stderr)")
        #expect(try String(contentsOf: out.appendingPathComponent("latest/index.html"), encoding: .utf8) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() == ["2026-02-28", "latest"])
        // The server stops the run's query soon (it would otherwise hold the run lock until it ends).
        let deadline = Date().addingTimeInterval(8)
        while Date() < deadline, try db.runBackends().contains(pid) { Thread.sleep(forTimeInterval: 0.2) }
        #expect(try !db.runBackends().contains(pid), "the interrupted run's query is still running on the server")
    }
}

/// Runs a blocking closure on its own thread and hands back its result.
final class BackgroundRun<Value>: @unchecked Sendable {
    private let condition = NSCondition()
    private var result: Result<Value, Error>?

    init(_ body: @escaping @Sendable () throws -> Value) {
        let thread = Thread { [self] in
            let outcome = Result { try body() }
            condition.lock()
            result = outcome
            condition.signal()
            condition.unlock()
        }
        thread.start()
    }

    func wait() -> Result<Value, Error> {
        condition.lock()
        defer { condition.unlock() }
        while result == nil { condition.wait() }
        return result!
    }
}
