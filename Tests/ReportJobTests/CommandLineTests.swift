import Foundation
import Postgres
import Testing
import TestSupport

/// End-to-end runs of the built `costreport` binary (`COSTREPORT_BINARY`, set by scripts/test).
@Suite("The costreport command line")
struct CommandLineTests {
    func costreport(_ arguments: [String], environment: [String: String] = [:]) throws -> CostReportBinary.Result {
        try CostReportBinary.run(arguments, in: SampleFixture.repository, environment: environment)
    }

    @Test func aPasswordOnTheCommandLineIsAUsageError() throws {
        let result = try costreport(["report", "--db", "host=127.0.0.1 password=hunter2 dbname=x"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("must not contain a password"))
        let uri = try costreport(["check", "--db", "postgresql://me:hunter2@127.0.0.1/x"])
        #expect(uri.status == 64)
    }

    @Test func anUnreachableDatabaseExits69WithinTheTimeoutAndOneLine() throws {
        let start = Date()
        let result = try costreport(["report", "--db", "host=127.0.0.1 port=1 dbname=billing connect_timeout=3", "--out", "/tmp/costreport-unreachable"],
                                    environment: ["PGPASSWORD": "from-the-environment"])
        #expect(result.status == 69)
        #expect(Date().timeIntervalSince(start) < 30)
        let errors = result.stderr.split(separator: "\n").filter { $0.contains("ERROR") }
        #expect(errors.count == 1)
        #expect(errors.first?.contains("host 127.0.0.1 port 1 database billing") == true)
        #expect(!result.stderr.contains("from-the-environment"))
        #expect(!FileManager.default.fileExists(atPath: "/tmp/costreport-unreachable"))
    }

    @Test("a query file with other placeholders than the job binds fails with exit 1 naming the query, not as an unreachable shard")
    func aQueryWithOtherParametersIsAFailureNamingIt() throws {
        let database = try SampleFixture.freshDatabase("cliparams")
        defer { database.drop() }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("costreport-params-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(at: SampleFixture.queries, to: folder)
        let resources = folder.appendingPathComponent("resources.sql")
        try (try String(contentsOf: resources, encoding: .utf8) + "\nLIMIT $1::integer\n").write(to: resources, atomically: true, encoding: .utf8)
        let result = try costreport(["report", "--db", database.conninfo, "--queries", folder.path, "--dry-run", "--no-history"])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("resources.sql"), "\(result.stderr)")
        #expect(result.stderr.contains("08P01"), "\(result.stderr)")
        #expect(!result.stderr.contains("shard"), "\(result.stderr)")
    }

    @Test func aReportRunPrintsOneSummaryLineAndLogsJSONWithTheRunID() throws {
        let database = try SampleFixture.freshDatabase("cli")
        defer { database.drop() }
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("costreport-cli-\(UUID().uuidString)")
        let result = try costreport(["report", "--db", database.conninfo, "--from", "2026-10-02", "--to", "2026-11-01",
                                     "--out", out.path, "--log-format", "json", "--no-history"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.contains("report \(out.path)/2026-10-31") == true)
        let logLines = result.stderr.split(separator: "\n")
        #expect(!logLines.isEmpty)
        var runIds = Set<String>()
        for line in logLines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            runIds.insert(object?["run_id"] as? String ?? "missing")
        }
        #expect(runIds.count == 1 && !runIds.contains("missing"))
        #expect(result.stderr.contains("\"query\":\"usage_histograms.sql\""))
        for file in ["index.html", "cost_by_service.csv", "recommendations.csv", "plan.csv", "summary.json", "costreport.prom"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("latest/\(file)").path), "\(file)")
        }
    }

    @Test func aHeldLockExits75() throws {
        let database = try SampleFixture.freshDatabase("clilock")
        defer { database.drop() }
        let holder = try database.connect()
        _ = try holder.execute(Query(name: "hold", "SELECT pg_advisory_lock($1::bigint)"), [.int(0x636f_7374_7265_706f)])
        let result = try costreport(["report", "--db", database.conninfo, "--to", "2026-11-01", "--out", "/tmp/costreport-locked-\(UUID().uuidString)"])
        #expect(result.status == 75)
        #expect(result.stderr.contains("another costreport run is in progress"))
    }

    @Test func aFailedQualityGateStillPublishesAndExits65() throws {
        let database = try SampleFixture.freshDatabase("cligate")
        defer { database.drop() }
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("costreport-gate-\(UUID().uuidString)")
        let result = try costreport(["report", "--db", database.conninfo, "--to", "2026-11-01", "--out", out.path,
                                     "--fail-on", "unallocated>0.01"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("unallocated share above 0.01"))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("latest/index.html").path))
    }

    @Test func checkRunsEveryQueryAndWritesNothing() throws {
        let database = try SampleFixture.freshDatabase("clicheck")
        defer { database.drop() }
        let result = try costreport(["check", "--db", database.conninfo])
        #expect(result.status == 0, "\(result.stderr)")
        for query in ["charges.sql", "resources.sql", "instance_types.sql", "usage_daily.sql", "usage_histograms.sql"] {
            #expect(result.stdout.contains("ok   \(query)"), "\(query)")
        }
    }

    @Test func dbRollupsInstallsWhatCheckThenReadsAndDropRemovesIt() throws {
        let database = try SampleFixture.freshDatabase("clirollups")
        defer { database.drop() }
        let installed = try costreport(["db", "rollups", "--db", database.conninfo])
        #expect(installed.status == 0, "\(installed.stderr)")
        let check = try costreport(["check", "--db", database.conninfo])
        #expect(check.status == 0, "\(check.stderr)")
        for query in ["charges_rollup.sql", "usage_days_rollup.sql", "container_allocation_rollup.sql"] {
            #expect(check.stdout.contains("ok   \(query)"), "\(query)")
        }
        #expect(check.stdout.contains("read: charges and usage from the rollup tables"))
        let dropped = try costreport(["db", "rollups", "--db", database.conninfo, "--drop"])
        #expect(dropped.status == 0, "\(dropped.stderr)")
        let after = try costreport(["check", "--db", database.conninfo])
        #expect(after.stdout.contains("read: charges and usage from the raw tables"))
        let badZone = FileManager.default.temporaryDirectory.appendingPathComponent("zone-\(UUID().uuidString).yaml")
        try "findings:\n  time_zone: Mars/Olympus\n".write(to: badZone, atomically: true, encoding: .utf8)
        let rejected = try costreport(["db", "rollups", "--db", database.conninfo, "--config", badZone.path])
        #expect(rejected.status == 64)
        #expect(rejected.stderr.contains("time_zone"), "\(rejected.stderr)")
    }

    @Test func dbInitInstallsTheRollupsUnlessToldNotAndCheckSaysWhatTheReportReads() throws {
        let database = try SampleFixture.freshDatabase("cliinit")
        defer { database.drop() }
        let initialised = try costreport(["db", "init", "--db", database.conninfo])
        #expect(initialised.status == 0, "\(initialised.stderr)")
        #expect(initialised.stdout.contains("rollups installed"))
        let again = try costreport(["db", "init", "--db", database.conninfo])
        #expect(again.stdout.contains("rollups already installed"), "\(again.stdout)")
        let check = try costreport(["check", "--db", database.conninfo])
        #expect(check.stdout.contains("read: charges and usage from the rollup tables"), "\(check.stdout)")

        let bare = try SampleFixture.freshDatabase("clinorollups")
        defer { bare.drop() }
        let optedOut = try costreport(["db", "init", "--db", bare.conninfo, "--no-rollups"])
        #expect(optedOut.status == 0, "\(optedOut.stderr)")
        #expect(!optedOut.stdout.contains("rollups installed"))
        let small = try costreport(["check", "--db", bare.conninfo])
        #expect(small.stdout.contains("read: charges and usage from the raw tables"), "\(small.stdout)")
        #expect(!small.stdout.contains("rollups_hint"), "the sample is too small for the hint")
        // A large usage_samples (the planner's estimate, which the hint reads instead of counting).
        let connection = try bare.connect()
        try connection.execute(Query(name: "pretend large", "UPDATE pg_class SET reltuples = 2e6 WHERE oid = 'usage_samples'::regclass"))
        let large = try costreport(["check", "--db", bare.conninfo])
        #expect(large.stdout.contains("info rollups_hint: usage_samples holds about 2000000 rows"), "\(large.stdout)")
    }

    @Test func configDefaultsRoundTripsThroughTheConfigOption() throws {
        let defaults = try costreport(["config", "defaults"])
        #expect(defaults.status == 0)
        #expect(defaults.stdout.contains("statementTimeoutSeconds") || defaults.stdout.contains("statement_timeout_seconds"))
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("policy-\(UUID().uuidString).yaml")
        try defaults.stdout.write(to: file, atomically: true, encoding: .utf8)
        let bad = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID().uuidString).yaml")
        try "job:\n  retention_runs: 0\n".write(to: bad, atomically: true, encoding: .utf8)
        let rejected = try costreport(["report", "--config", bad.path, "--db", "host=127.0.0.1 port=1", "--dry-run"])
        #expect(rejected.status == 64)
        #expect(rejected.stderr.contains("retention"))
        #expect(defaults.stdout.contains("kubernetes:\n  cpu_hourly_weight: 0.031611\n  idle: separate\n  memory_gib_hourly_weight: 0.004237\n  minimum_request_reduction: 0.1\n  namespace_owners: {}\n"), "\(defaults.stdout)")
        let badTier = FileManager.default.temporaryDirectory.appendingPathComponent("k8s-\(UUID().uuidString).yaml")
        try "kubernetes:\n  namespace_owners:\n    shop:\n      tier: gold\n".write(to: badTier, atomically: true, encoding: .utf8)
        let badOwner = try costreport(["report", "--config", badTier.path, "--db", "host=127.0.0.1 port=1", "--dry-run"])
        #expect(badOwner.status == 64)
        #expect(badOwner.stderr.contains("kubernetes.namespace_owners.shop.tier"), "\(badOwner.stderr)")
    }
}
