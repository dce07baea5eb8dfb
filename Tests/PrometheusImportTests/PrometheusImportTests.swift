import BillingStore
import Foundation
import Logging
import Postgres
import PrometheusImport
import PrometheusQuery
import Testing
import TestSupport

/// `costreport import prometheus` against a real Prometheus backfilled with the `Fleet` series.
@Suite("Import from a real Prometheus", .enabled(if: TestPrometheus.enabled))
struct PrometheusImportTests {
    /// One Prometheus for the suite (stopped by its watchdog when the test process ends).
    static let shared: Result<TestPrometheus, Error> = Result { try TestPrometheus.start(Fleet.metrics()) }

    @Test func gaugesAreReadExactlyAtTheStepNaNAndInfAreLeftOutAndUnknownResourcesAreNotWritten() throws {
        let server = try Self.shared.get()
        let database = try Fleet.database("promgauge")
        defer { database.drop() }
        let logs = CapturedLogs()
        let summary = try PrometheusImportJob.run(Fleet.request(database, server, Fleet.gaugeSettings), logger: logs.logger())

        for (index, resource) in ["i-gauge-1", "i-gauge-2"].enumerated() {
            let rows = try Fleet.samples(database, resource)
            #expect(rows.count == 288)
            for (k, row) in rows.enumerated() {
                // The value Prometheus evaluates at the end of the interval, stored at its start.
                let evaluated = Fleet.day + (k + 1) * 300
                #expect(row.0 == k * 300 && row.1 == 300)
                let badCPU = Fleet.nonFinite.contains { $0.0 == resource && $0.1 == evaluated && resource == "i-gauge-1" }
                let badMemory = Fleet.nonFinite.contains { $0.0 == resource && $0.1 == evaluated && resource == "i-gauge-2" }
                #expect(row.2 == (badCPU ? nil : Double(Float(Fleet.gauge(index, evaluated)))), "cpu of \(resource) at \(k)")
                #expect(row.3 == (badMemory ? nil : Double(Float(Fleet.gauge(index + 5, evaluated)))), "memory of \(resource) at \(k)")
                #expect(row.4 == nil)
            }
        }
        #expect(summary.statistics.nonFiniteValues == 3)
        #expect(summary.rowsWritten == 576)
        #expect(summary.statistics.points == 4 * 288 - 3)
        #expect(summary.statistics.unknownResources.count == 12)
        #expect(try Fleet.count(database, "WHERE resource_id LIKE 'i-ghost%'") == 0)
        let warning = try #require(logs.all.first { $0.contains("label values not in resources") })
        #expect(warning.contains("count=12"))
        #expect(warning.hasSuffix("values=i-ghost-00,i-ghost-01,i-ghost-02,i-ghost-03,i-ghost-04,i-ghost-05,i-ghost-06,i-ghost-07,i-ghost-08,i-ghost-09"))
        #expect(!warning.contains("i-ghost-10"))
        #expect(logs.all.contains { $0.contains("chunk imported") && $0.contains("chunk=1/1") && $0.contains("series=4") && $0.contains("points=1149") })
        #expect(logs.all.contains { $0.contains("NaN and Inf values left out") && $0.contains("values=3") })
    }

    @Test func nodeExporterCountersGoThroughTheDefaultCPUMemoryAndNetworkQueries() throws {
        let server = try Self.shared.get()
        let database = try Fleet.database("promnode")
        defer { database.drop() }
        _ = try PrometheusImportJob.run(Fleet.request(database, server, PrometheusSettings()), logger: Logger(label: "test"))
        for node in Fleet.nodes {
            let rows = try Fleet.samples(database, node.0)
            #expect(rows.count == 288)
            let cpu = 1 - (node.idle.0 + node.idle.1) / 2
            let memory = 1 - node.available / node.total
            let network = (node.rx + node.tx) * 300
            for row in rows {
                #expect(abs((row.2 ?? -1) - cpu) < 1e-6, "cpu of \(node.0) at \(row.0): \(String(describing: row.2)) != \(cpu)")
                #expect(abs((row.3 ?? -1) - memory) < 1e-6)
                #expect(abs((row.4 ?? -1) - network) < network * 1e-9 + 1e-9, "network of \(node.0): \(String(describing: row.4)) != \(network)")
            }
        }
        // The gauge machines have no node_exporter series; the fine one neither.
        #expect(try Fleet.count(database) == 576)
    }

    @Test func aRangeOfMoreThan11000StepsIsSplitAndEveryStepIsRead() throws {
        let server = try Self.shared.get()
        let database = try Fleet.database("promfine")
        defer { database.drop() }
        var settings = PrometheusSettings()
        settings.stepSeconds = 5
        settings.scrapeIntervalSeconds = 5
        settings.machines.cpu = "fine_gauge"
        settings.machines.memory = nil
        settings.machines.networkBytes = nil
        let logs = CapturedLogs()
        let summary = try PrometheusImportJob.run(Fleet.request(database, server, settings), logger: logs.logger())
        #expect(summary.chunks == 2)
        #expect(logs.all.contains { $0.contains("chunk=1/2") && $0.contains("points=11000") })
        #expect(logs.all.contains { $0.contains("chunk=2/2") && $0.contains("points=6280") })
        let rows = try Fleet.samples(database, "i-fine-1")
        #expect(rows.count == 17_280)
        #expect(rows.enumerated().allSatisfy { k, row in row.0 == k * 5 && row.1 == 5 && row.2 == Double(k * 5 + 5) })
    }

    @Test func reImportingReplacesTheRangeAndLeavesOtherSamplesAlone() throws {
        let server = try Self.shared.get()
        let database = try Fleet.database("promagain")
        defer { database.drop() }
        let connection = try database.connect()
        let insert = Query(name: "old sample", """
            INSERT INTO usage_samples (resource_id, sampled_at, interval_seconds, cpu_utilization) VALUES ($1, $2::timestamptz, 300, 0.99)
            """)
        let dayStart = Date(timeIntervalSince1970: Double(Fleet.day))
        try connection.execute(insert, [.text("i-gauge-1"), .timestamp(dayStart.addingTimeInterval(60))])     // in the range: replaced
        try connection.execute(insert, [.text("i-gauge-1"), .timestamp(dayStart.addingTimeInterval(-300))])  // the day before: kept
        try connection.execute(insert, [.text("i-node-1"), .timestamp(dayStart.addingTimeInterval(600))])    // not written by this import: kept
        let request = Fleet.request(database, server, Fleet.gaugeSettings)
        let first = try PrometheusImportJob.run(request, logger: Logger(label: "test"))
        let afterFirst = try Fleet.samples(database, "i-gauge-1").map { "\($0)" }
        let second = try PrometheusImportJob.run(request, logger: Logger(label: "test"))
        #expect(first.rowsReplaced == 1)
        #expect(second.rowsReplaced == first.rowsWritten)
        #expect(try Fleet.samples(database, "i-gauge-1").map { "\($0)" } == afterFirst)
        #expect(afterFirst.count == 289)
        #expect(try Fleet.count(database) == 576 + 2)
        #expect(try Fleet.count(database, "WHERE cpu_utilization = 0.99::real") == 2)
    }

    @Test func aFailingChunkIsRolledBackAndTheChunksBeforeItStayWhole() throws {
        let server = try Self.shared.get()
        let database = try Fleet.database("promdup")
        defer { database.drop() }
        var settings = PrometheusSettings()
        settings.machines.cpu = "test_dup"
        settings.machines.memory = nil
        settings.machines.networkBytes = nil
        #expect {
            try PrometheusImportJob.run(Fleet.request(database, server, settings, days: 2), logger: Logger(label: "test"))
        } throws: { error in
            "\(error)".contains("prometheus.machines.cpu") && "\(error)".contains("two series have instance_id=\"i-gauge-1\"")
        }
        let rows = try Fleet.samples(database, "i-gauge-1")
        #expect(rows.count == 288)
        #expect(rows.last?.0 == 86_400 - 300)
    }

    @Test func aBadQueryFailsWithPrometheusMessageAndThePolicyKey() throws {
        let server = try Self.shared.get()
        let database = try Fleet.database("prombad")
        defer { database.drop() }
        var settings = Fleet.gaugeSettings
        settings.machines.memory = "sum(rate(test_memory[$window]"
        #expect {
            try PrometheusImportJob.run(Fleet.request(database, server, settings), logger: Logger(label: "test"))
        } throws: { error in
            let text = "\(error)"
            return text.hasPrefix("the query prometheus.machines.memory failed: Prometheus answered HTTP 400 bad_data: ")
                && text.contains("parse error") && !text.contains("\n")
        }
        #expect(try Fleet.count(database) == 0)
    }
}
