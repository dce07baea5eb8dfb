import BillingStore
import CostModel
import Foundation
import Logging
import Postgres
import PrometheusImport
import PrometheusQuery
import ReportJob
import SampleBilling
import SampleSetup
import Testing
import TestSupport

/// The cron order: import from Prometheus, then report on what was imported.
@Suite("The report on imported metrics", .enabled(if: TestPrometheus.enabled))
struct ReportOnImportTests {
    /// 2026-11-01: the sample organisation's data ends here; the window is the 30 days before.
    static let end = Date(timeIntervalSince1970: 1_793_491_200)
    static let window = ReportWindow(start: end.addingTimeInterval(-30 * 86_400), end: end)

    func report(_ database: TestDatabase) throws -> [Finding] {
        var configuration = ReportConfiguration(
            connection: ConnectionOptions(conninfo: database.conninfo), window: Self.window,
            outputDirectory: FileManager.default.temporaryDirectory.appendingPathComponent("costreport-prom-\(UUID().uuidString.prefix(8))"),
            queriesDirectory: Fleet.repository.appendingPathComponent("queries"), policy: PolicyFile(), policyText: Handoff("(defaults)"),
            runId: "test", startedAt: Self.end.addingTimeInterval(3600))
        configuration.dryRun = true
        configuration.useHistory = false
        return try ReportPipeline.run(configuration, logger: Logger(label: "test")).model.findings.findings
    }

    @Test func anIdleMachineSeenOnlyThroughNodeExporterIsFoundUnused() throws {
        let database = try TestDatabase.create("promreport")
        defer { database.drop() }
        _ = try SampleDatabase.load(
            ConnectionOptions(conninfo: database.conninfo), sample: SampleOptions(end: Self.end),
            catalogFile: Fleet.repository.appendingPathComponent("sample-billing/instance-types-aws-us-east-1.csv"),
            schemaFile: Fleet.schema, replace: false, logger: Logger(label: "test"))
        let candidates = try database.connect().all(Query(name: "busy billed machines", """
            SELECT r.resource_id FROM resources r
            WHERE r.kind = 'compute' AND r.state = 'running' AND r.tier = 4
              AND EXISTS (SELECT 1 FROM billing_line_items b WHERE b.resource_id = r.resource_id AND b.charge_period_start >= $1::timestamptz)
            ORDER BY r.resource_id
            """), [.timestamp(Self.window.start)]) { try $0.decode(String.self, "resource_id") }
        let before = try report(database)
        let flagged = Set(before.filter { $0.kind == .unused }.map(\.resourceId))
        let machine = try #require(candidates.first { !flagged.contains($0) })

        // Thirty days of an idle node_exporter: 1 % CPU on two cores, 20 B/s on eth0, every 5 minutes.
        var metrics = OpenMetrics()
        let base = Int(Self.window.start.timeIntervalSince1970) - 3600
        let times = Array(stride(from: base, through: Int(Self.end.timeIntervalSince1970), by: 300))
        for cpu in ["0", "1"] {
            for (mode, rate) in [("idle", 0.99), ("user", 0.01)] {
                metrics.add("node_cpu_seconds_total", type: "counter", labels: ["instance_id": machine, "cpu": cpu, "mode": mode],
                            points: times.map { ($0, rate * Double($0 - base)) })
            }
        }
        metrics.add("node_memory_MemAvailable_bytes", labels: ["instance_id": machine], points: times.map { ($0, 3e9) })
        metrics.add("node_memory_MemTotal_bytes", labels: ["instance_id": machine], points: times.map { ($0, 4e9) })
        for name in ["node_network_receive_bytes_total", "node_network_transmit_bytes_total"] {
            metrics.add(name, type: "counter", labels: ["instance_id": machine, "device": "eth0"], points: times.map { ($0, 10 * Double($0 - base)) })
        }
        let server = try TestPrometheus.start(metrics)
        defer { server.stop() }
        var settings = PrometheusSettings()
        settings.url = server.url
        settings.scrapeIntervalSeconds = 300
        let summary = try PrometheusImportJob.run(
            PrometheusImportRequest(connection: ConnectionOptions(conninfo: database.conninfo), settings: settings,
                                    start: Self.window.start, end: Self.window.end),
            logger: Logger(label: "test"))
        #expect(summary.chunks == 30)
        #expect(summary.rowsWritten == 30 * 288)
        #expect(summary.resources == 1)

        let after = try report(database)
        let unused = try #require(after.first { $0.kind == .unused && $0.resourceId == machine })
        #expect(unused.action == .delete)
        #expect(after.filter { $0.kind == .unused }.count == flagged.count + 1)
    }
}
