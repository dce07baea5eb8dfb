import BillingStore
import Foundation
import Logging
@_spi(UncheckedSQL) import Postgres
import PrometheusImport
import PrometheusQuery
import ReportJob
import TestSupport

/// The series the import tests backfill, with every expected value known, and the databases they write.
enum Fleet {
    /// 2026-10-01T00:00:00Z.
    static let day = 1_790_812_800
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let schema = repository.appendingPathComponent("sample-billing/schema.sql")
    static let resources = ["i-gauge-1", "i-gauge-2", "i-node-1", "i-node-2", "i-fine-1"]
    static let ghosts = (0..<12).map { String(format: "i-ghost-%02d", $0) }

    /// The gauge `test_cpu` of `resource` at `t`: distinct per minute and resource.
    static func gauge(_ resource: Int, _ t: Int) -> Double { Double((t / 60) % 97) / 100 + Double(resource) / 1000 }

    /// Non-finite gauge values: (resource, time, value).
    static let nonFinite: [(String, Int, Double)] = [
        ("i-gauge-1", day + 600, .nan), ("i-gauge-1", day + 900, .infinity), ("i-gauge-2", day + 1200, -.infinity),
    ]

    /// node_exporter shape: per machine, (idle seconds per second of cpu 0 and 1, MemAvailable,
    /// MemTotal, eth0 receive and transmit bytes per second). `lo` carries 1 MB/s that must not count.
    static let nodes: [(String, idle: (Double, Double), available: Double, total: Double, rx: Double, tx: Double)] = [
        ("i-node-1", (0.75, 0.25), 2e9, 8e9, 1000, 500),
        ("i-node-2", (0.875, 0.875), 6e9, 8e9, 10, 0),
    ]

    static func metrics(days: Int = 2) -> OpenMetrics {
        var m = OpenMetrics()
        let minutes = Array(stride(from: day - 3600, through: day + days * 86_400, by: 60))
        for (index, resource) in ["i-gauge-1", "i-gauge-2"].enumerated() {
            m.add("test_cpu", labels: ["instance_id": resource], points: minutes.map { t in
                (t, nonFinite.first { $0.0 == resource && $0.1 == t && $0.0 != "i-gauge-2" }?.2 ?? gauge(index, t))
            })
            m.add("test_memory", labels: ["instance_id": resource], points: minutes.map { t in
                (t, nonFinite.first { $0.0 == resource && $0.1 == t && $0.0 == "i-gauge-2" }?.2 ?? gauge(index + 5, t))
            })
        }
        for ghost in ghosts {
            m.add("test_cpu", labels: ["instance_id": ghost], points: minutes.prefix(80).map { ($0, 0.5) })
        }
        for node in nodes {
            let base = day - 3600
            for (cpu, idle) in [("0", node.idle.0), ("1", node.idle.1)] {
                m.add("node_cpu_seconds_total", type: "counter", labels: ["instance_id": node.0, "cpu": cpu, "mode": "idle"],
                      points: minutes.map { ($0, idle * Double($0 - base)) })
                m.add("node_cpu_seconds_total", type: "counter", labels: ["instance_id": node.0, "cpu": cpu, "mode": "user"],
                      points: minutes.map { ($0, (1 - idle) * Double($0 - base)) })
            }
            m.add("node_memory_MemAvailable_bytes", labels: ["instance_id": node.0], points: minutes.map { ($0, node.available) })
            m.add("node_memory_MemTotal_bytes", labels: ["instance_id": node.0], points: minutes.map { ($0, node.total) })
            for (device, rx, tx) in [("eth0", node.rx, node.tx), ("lo", 1e6, 1e6)] {
                m.add("node_network_receive_bytes_total", type: "counter", labels: ["instance_id": node.0, "device": device],
                      points: minutes.map { ($0, rx * Double($0 - base)) })
                m.add("node_network_transmit_bytes_total", type: "counter", labels: ["instance_id": node.0, "device": device],
                      points: minutes.map { ($0, tx * Double($0 - base)) })
            }
        }
        // Every 5 s for one day: value = seconds since `day`.
        m.add("fine_gauge", labels: ["instance_id": "i-fine-1"], points: stride(from: day, through: day + 86_400, by: 5).map { ($0, Double($0 - day)) })
        // One series the first day, two with the same instance_id from the second day's 01:00.
        m.add("test_dup", labels: ["instance_id": "i-gauge-1", "x": "a"], points: minutes.map { ($0, 0.5) })
        m.add("test_dup", labels: ["instance_id": "i-gauge-1", "x": "b"], points: minutes.filter { $0 >= day + 86_400 + 3600 }.map { ($0, 0.5) })
        return m
    }

    /// A database with the schema and the fleet's resources.
    static func database(_ label: String) throws -> TestDatabase {
        let database = try TestDatabase.create(label)
        _ = try DatabaseSetup.initialise(ConnectionOptions(conninfo: database.conninfo), schemaFile: schema, logger: Logger(label: "test"))
        let connection = try database.connect()
        for resource in resources {
            try connection.execute(Query(name: "add resource", "INSERT INTO resources (resource_id, kind) VALUES ($1, 'compute')"), [.text(resource)])
        }
        return database
    }

    /// Gauge settings: `test_cpu` and `test_memory`, no network.
    static var gaugeSettings: PrometheusSettings {
        var settings = PrometheusSettings()
        settings.machines.cpu = "max by (instance_id) (test_cpu)"
        settings.machines.memory = "max by (instance_id) (test_memory)"
        settings.machines.networkBytes = nil
        return settings
    }

    static func request(_ database: TestDatabase, _ server: TestPrometheus, _ settings: PrometheusSettings, days: Int = 1) -> PrometheusImportRequest {
        var settings = settings
        settings.url = server.url
        var request = PrometheusImportRequest(
            connection: ConnectionOptions(conninfo: database.conninfo), settings: settings,
            start: Date(timeIntervalSince1970: Double(day)), end: Date(timeIntervalSince1970: Double(day + days * 86_400)))
        request.retries = 1
        request.retryBaseDelaySeconds = 0.1
        return request
    }

    /// `usage_samples` of a resource: (seconds since `day` of sampled_at, interval, cpu, memory, network) in time order.
    static func samples(_ database: TestDatabase, _ resource: String) throws -> [(Int, Int, Double?, Double?, Double?)] {
        try database.connect().all(Query(name: "samples", """
            SELECT extract(epoch FROM sampled_at)::bigint AS t, interval_seconds, cpu_utilization::float8 AS cpu,
                   memory_utilization::float8 AS memory, network_bytes
            FROM usage_samples WHERE resource_id = $1 ORDER BY sampled_at
            """), [.text(resource)]) { row in
            (try row.decode(Int.self, "t") - day, try row.decode(Int.self, "interval_seconds"), try row.decode(Double?.self, "cpu"),
             try row.decode(Double?.self, "memory"), try row.decode(Double?.self, "network_bytes"))
        }
    }

    static func count(_ database: TestDatabase, _ whereClause: String = "") throws -> Int {
        try database.connect().all(Query(uncheckedName: "count", sql: "SELECT count(*) AS n FROM usage_samples \(whereClause)")) {
            try $0.decode(Int.self, "n")
        }[0]
    }
}
