import Foundation
import Logging
@_spi(UncheckedSQL) import Postgres
import PrometheusImport
import PrometheusQuery
import Testing
import TestSupport

/// `costreport import prometheus` fills `container_usage_samples` from a real Prometheus
/// backfilled with kube-state-metrics- and cAdvisor-shaped series (`Kube`), with the default queries.
@Suite("Containers from a real Prometheus", .enabled(if: TestPrometheus.enabled))
struct KubernetesImportTests {
    static let shared: Result<TestPrometheus, Error> = Result { try TestPrometheus.start(Kube.metrics()) }

    /// Per container: (cluster, kind/workload, node, rows, first and last sampled_at as seconds
    /// since the day, requests and limits, labels).
    struct Summary: Equatable, CustomStringConvertible {
        var key: String
        var workload: String
        var node: String
        var rows: Int
        var first: Int
        var last: Int
        var limits: String
        var labels: String
        var description: String { "\(key) \(workload) \(node) rows=\(rows) \(first)..\(last) \(limits) \(labels)" }
    }

    static func summaries(_ connection: Connection) throws -> [Summary] {
        try connection.all(Query(name: "per container", """
            SELECT cluster || '/' || namespace || '/' || pod || '/' || container AS key,
                   min(workload_kind) || '/' || min(workload) AS workload, coalesce(min(node_resource_id), '-') AS node,
                   count(*)::bigint AS rows, extract(epoch FROM min(sampled_at))::bigint AS first, extract(epoch FROM max(sampled_at))::bigint AS last,
                   concat_ws(' ', coalesce(min(cpu_request_cores)::text, '-'), coalesce(max(cpu_request_cores)::text, '-'),
                     coalesce(min(cpu_limit_cores)::text, '-'), coalesce(min(memory_request_bytes)::text, '-'),
                     coalesce(min(memory_limit_bytes)::text, '-')) AS limits,
                   min(labels::text) AS labels
            FROM container_usage_samples GROUP BY 1 ORDER BY 1
            """)) { row in
            Summary(
                key: try row.decode(String.self, "key"), workload: try row.decode(String.self, "workload"), node: try row.decode(String.self, "node"),
                rows: try row.decode(Int.self, "rows"), first: try row.decode(Int.self, "first") - Kube.day,
                last: try row.decode(Int.self, "last") - Kube.day, limits: try row.decode(String.self, "limits"),
                labels: try row.decode(String.self, "labels"))
        }
    }

    /// (seconds since the day, cpu usage, working set) of one container, in time order.
    static func usage(_ connection: Connection, pod: String, container: String) throws -> [(Int, Double?, Double?)] {
        try connection.all(Query(name: "usage", """
            SELECT extract(epoch FROM sampled_at)::bigint AS t, cpu_usage_cores::float8 AS cpu, memory_usage_bytes AS ws
            FROM container_usage_samples WHERE pod = $1 AND container = $2 ORDER BY sampled_at
            """), [.text(pod), .text(container)]) { row in
            (try row.decode(Int.self, "t") - Kube.day, try row.decode(Double?.self, "cpu"), try row.decode(Double?.self, "ws"))
        }
    }

    @Test func defaultQueriesWriteRequestsUsageOwnersNodesAndLabels() throws {
        let server = try Self.shared.get()
        let database = try Fleet.database("promkube")
        defer { database.drop() }
        let logs = CapturedLogs()
        let summary = try PrometheusImportJob.run(Fleet.request(database, server, PrometheusSettings()), logger: logs.logger())
        let connection = try database.connect()

        let job = (12 * 3600, 17 * 3600 + 55 * 60)  // sampled_at of the Job pod's first and last interval
        #expect(try Self.summaries(connection) == [
            Summary(key: "default/edge/probe-z/probe", workload: "DaemonSet/probe", node: "-", rows: 288, first: 0, last: 86_100,
                    limits: "0.05 0.05 - - -", labels: "{}"),
            Summary(key: "prod/default/debug/sh", workload: "Pod/debug", node: "i-0aaa", rows: 288, first: 0, last: 86_100,
                    limits: "- - - - -", labels: "{}"),
            Summary(key: "prod/kube-system/fluent-x1/fluent", workload: "DaemonSet/fluent", node: "-", rows: 288, first: 0, last: 86_100,
                    limits: "0.1 0.1 0.2 134217728 268435456", labels: "{}"),
            Summary(key: "prod/ops/backup-29000000-q7x/main", workload: "CronJob/backup", node: "i-0aaa", rows: 72, first: job.0, last: job.1,
                    limits: "1 1 - 1073741824 -", labels: #"{"team": "data"}"#),
            Summary(key: "prod/shop/web-5d8f7-abcde/app", workload: "Deployment/web", node: "i-0aaa", rows: 288, first: 0, last: 86_100,
                    limits: "0.5 0.5 1 536870912 1073741824",
                    labels: #"{"team": "payments", "pod_template_hash": "5d8f7", "app.kubernetes.io/name": "web"}"#),
            Summary(key: "prod/shop/web-5d8f7-abcde/istio-proxy", workload: "Deployment/web", node: "i-0aaa", rows: 288, first: 0, last: 86_100,
                    limits: "0.1 0.1 - 67108864 -",
                    labels: #"{"team": "payments", "pod_template_hash": "5d8f7", "app.kubernetes.io/name": "web"}"#),
        ])
        // Usage: the mean cores of every interval (a counter's slope), the working set's maximum
        // over the step (base + 4000, where the value at the step's end is the base).
        for container in Kube.containers {
            let rows = try Self.usage(connection, pod: container.pod, container: container.name)
            for (index, row) in rows.enumerated() {
                let cpu = try #require(row.1, "cpu of \(container.pod)/\(container.name) at \(row.0)")
                if container.from > Kube.day - 3600 && index == 0 {
                    // The Job's first interval sees its first samples only: Prometheus extrapolates less.
                    #expect(cpu > 0 && cpu <= Double(Float(container.cores)) * (1 + 1e-6), "first rate of \(container.pod): \(cpu)")
                } else {
                    #expect(abs(cpu - container.cores) <= container.cores * 1e-6, "cpu of \(container.pod)/\(container.name) at \(row.0): \(cpu)")
                }
                #expect(row.2 == container.workingSet + 4000, "working set of \(container.pod)/\(container.name) at \(row.0)")
            }
        }
        #expect(summary.containerRowsWritten == 5 * 288 + 72)
        #expect(summary.containers == 6)
        #expect(summary.clusters == ["default", "prod"])
        #expect(summary.unknownProviderIds == ["prod/node-b": "openstack:///b0b"])
        #expect(summary.rowsWritten == 0)
        #expect(summary.line.contains("; 1512 container samples ("))
        #expect(summary.line.contains("for 6 containers in 2 clusters, 1 nodes with an unknown provider id (no node_resource_id)"))
        #expect(logs.all.contains { $0.contains("nodes with a provider id of unknown form") && $0.contains("nodes=prod/node-b=openstack:///b0b") })

        // Again, with the CPU limits query set to null: the same rows replaced, no CPU limit left.
        var settings = PrometheusSettings()
        settings.kubernetes.cpuLimit = nil
        let again = try PrometheusImportJob.run(Fleet.request(database, server, settings), logger: Logger(label: "test"))
        #expect(again.containerRowsWritten == 1512 && again.containerRowsReplaced == 1512)
        #expect(try Self.summaries(connection).map(\.rows).reduce(0, +) == 1512)
        #expect(try Self.summaries(connection).allSatisfy { $0.limits.split(separator: " ")[2] == "-" })
    }

    /// Only the machine queries: the container table is left as it was, and the line says nothing of it.
    @Test func everyKubernetesMeasureNullSkipsContainers() throws {
        let server = try Self.shared.get()
        let database = try Fleet.database("promkubenull")
        defer { database.drop() }
        var settings = PrometheusSettings()
        settings.kubernetes.cpuRequest = nil; settings.kubernetes.cpuLimit = nil; settings.kubernetes.cpuUsage = nil
        settings.kubernetes.memoryRequest = nil; settings.kubernetes.memoryLimit = nil; settings.kubernetes.memoryUsage = nil
        let summary = try PrometheusImportJob.run(Fleet.request(database, server, settings), logger: Logger(label: "test"))
        #expect(summary.containerRowsWritten == 0 && !summary.line.contains("container"))
        #expect(try Self.summaries(database.connect()).isEmpty)
        settings.machines.cpu = nil; settings.machines.memory = nil; settings.machines.networkBytes = nil
        #expect { try PrometheusImportJob.run(Fleet.request(database, server, settings), logger: Logger(label: "test")) } throws: {
            "\($0)" == "every query of prometheus.machines and every measure of prometheus.kubernetes is null: nothing to import"
        }
    }
}
