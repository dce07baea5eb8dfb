import BillingStore
import CostModel
import Foundation
import Postgres
import ReportJob
import Testing
import TestSupport

/// A known cluster in a real PostgreSQL: one node (4 vCPU, 16 GiB) billed daily on 2026-11-01
/// (24.00 USD) and hourly on 2026-11-02 (24 × 1.00), 5-minute container samples, the report run
/// end to end. Weights 1 per vCPU-hour and 0.25 per GiB-hour make each hour half CPU, half memory.
/// Per day (hand-computed as in `HandComputedClusterTests`):
/// - web: 2 pods × max(1 core request, 0.25 used), max(2 GiB request, 1.5 GiB used) = 2 cores, 4 GiB
///   all day: 6.00 CPU + 3.00 memory = 9.00;
/// - agent (DaemonSet, kube-system, namespace owner): max(0.25 request, 0.5 used) = 0.5 cores,
///   2 GiB: 1.50 + 1.50 = 3.00;
/// - report (Job, hours 0-11): 1 core, max(4 GiB request, 8 GiB used) = 8 GiB: 1.50 + 3.00 = 4.50;
/// - idle: 3.00 CPU + 4.50 memory = 7.50.
@Suite("Container allocation through PostgreSQL and the report")
struct ClusterReportTests {
    static let day1 = Date(timeIntervalSince1970: 1_793_491_200)  // 2026-11-01T00:00:00Z
    static let window = ReportWindow(start: day1, end: day1.addingTimeInterval(2 * 86_400))

    static func loadCluster(_ database: TestDatabase) throws {
        let connection = try database.connect()
        try Loader(connection: connection).applySchema(file: SampleFixture.schema)
        try connection.executeScript(Query(name: "cluster fixture", """
            INSERT INTO resources (resource_id, kind, service, team, tier, environment, vcpus, memory_gib)
            VALUES ('i-node1', 'compute', 'platform', 'platform-team', 1, 'production', 4, 16),
                   ('vm-1', 'compute', 'orders', 'commerce', 1, 'production', 2, 8);
            INSERT INTO billing_line_items (billing_account_id, invoice_id, provider_name, billing_period_start, billing_period_end,
                charge_period_start, charge_period_end, charge_category, resource_id, list_cost, effective_cost, billed_cost, billing_currency)
            SELECT 'acct', 'inv-11', 'AWS', '2026-11-01T00:00:00Z', '2026-12-01T00:00:00Z', s, e, 'Usage', r, c, c, c, 'USD'
            FROM (VALUES ('2026-11-01T00:00:00Z'::timestamptz, '2026-11-02T00:00:00Z'::timestamptz, 'i-node1', 24.00::numeric),
                         ('2026-11-01T00:00:00Z', '2026-11-01T01:00:00Z', 'vm-1', 5.00)) AS v(s, e, r, c);
            INSERT INTO billing_line_items (billing_account_id, invoice_id, provider_name, billing_period_start, billing_period_end,
                charge_period_start, charge_period_end, charge_category, resource_id, list_cost, effective_cost, billed_cost, billing_currency)
            SELECT 'acct', 'inv-11', 'AWS', '2026-11-01T00:00:00Z', '2026-12-01T00:00:00Z', h, h + interval '1 hour', 'Usage',
                   'i-node1', 1.00, 1.00, 1.00, 'USD'
            FROM generate_series('2026-11-02T00:00:00Z'::timestamptz, '2026-11-02T23:00:00Z', interval '1 hour') AS h;
            INSERT INTO container_usage_samples (cluster, namespace, workload_kind, workload, pod, container, node_resource_id,
                sampled_at, interval_seconds, cpu_request_cores, cpu_limit_cores, cpu_usage_cores, memory_request_bytes,
                memory_limit_bytes, memory_usage_bytes, labels)
            SELECT 'prod', ns, kind, wl, pod, 'main', 'i-node1', t, 300, req, NULL, used, mreq, NULL, mused, labels::jsonb
            FROM generate_series('2026-11-01T00:00:00Z'::timestamptz, '2026-11-02T23:55:00Z', interval '5 minutes') AS t,
                 (VALUES ('shop', 'Deployment', 'web', 'web-a', 1.0, 0.25, 2147483648.0, 1610612736.0,
                          '{"app.kubernetes.io/name": "web", "team": "shop"}'),
                         ('shop', 'Deployment', 'web', 'web-b', 1.0, 0.25, 2147483648.0, 1610612736.0,
                          '{"app.kubernetes.io/name": "web", "team": "shop"}'),
                         ('kube-system', 'DaemonSet', 'agent', 'agent-x', 0.25, 0.5, 2147483648.0, 1073741824.0, '{}'),
                         ('batch', 'Job', 'report', 'report-1', 1.0, 0.5, 4294967296.0, 8589934592.0,
                          '{"app": "report", "team": "data"}')) AS c(ns, kind, wl, pod, req, used, mreq, mused, labels)
            WHERE wl <> 'report' OR extract(hour FROM t AT TIME ZONE 'UTC') < 12;
            """))
    }

    static func configuration(_ database: TestDatabase, idle: IdleCostPolicy) -> ReportConfiguration {
        var configuration = SampleFixture.configuration(database, window: window)
        configuration.dryRun = true
        configuration.useHistory = false
        configuration.policy.kubernetes = KubernetesPolicy(
            namespaceOwners: ["kube-system": NamespaceOwner(service: "cluster-addons", team: "platform-team")],
            cpuHourlyWeight: 1, memoryGibHourlyWeight: 0.25, idle: idle)
        return configuration
    }

    /// `cost_by_workload.csv` as (workload → cells by column name).
    static func workloads(_ outcome: RunOutcome) throws -> [String: [String: String]] {
        let file = try #require(outcome.files.first { $0.name == "cost_by_workload.csv" })
        let lines = file.contents.split(separator: "\r\n").map(String.init)
        let header = CSVTestParser.cells(lines[0])
        #expect(header == ["cluster", "namespace", "workload_kind", "workload", "service", "team", "tier", "environment",
                           "billing_currency", "cpu_cost", "memory_cost", "effective_cost", "cpu_request_core_hours",
                           "cpu_usage_core_hours", "memory_request_gib_hours", "memory_usage_gib_hours"])
        var rows: [String: [String: String]] = [:]
        for line in lines.dropFirst() {
            let cells = CSVTestParser.cells(line)
            rows[cells[3]] = Dictionary(uniqueKeysWithValues: zip(header, cells))
        }
        return rows
    }

    @Test("each workload's cost in cost_by_workload.csv is the rule's hand-computed result; the bill is conserved")
    func separate() throws {
        let database = try TestDatabase.create("cluster")
        defer { database.drop() }
        try Self.loadCluster(database)
        let outcome = try ReportPipeline.run(Self.configuration(database, idle: .separate), logger: CapturedLogs().logger())
        let rows = try Self.workloads(outcome)
        #expect(rows.keys.sorted() == ["(cluster idle)", "agent", "report", "web"])
        #expect(rows["web"]?["cpu_cost"] == "12" && rows["web"]?["memory_cost"] == "6" && rows["web"]?["effective_cost"] == "18")
        #expect(rows["web"]?["service"] == "web" && rows["web"]?["team"] == "shop" && rows["web"]?["workload_kind"] == "Deployment")
        #expect(rows["web"]?["cpu_request_core_hours"] == "96" && rows["web"]?["cpu_usage_core_hours"] == "24")
        #expect(rows["web"]?["memory_request_gib_hours"] == "192" && rows["web"]?["memory_usage_gib_hours"] == "144")
        #expect(rows["agent"]?["effective_cost"] == "6" && rows["agent"]?["service"] == "cluster-addons")
        #expect(rows["report"]?["cpu_cost"] == "3" && rows["report"]?["memory_cost"] == "6")
        #expect(rows["(cluster idle)"]?["cpu_cost"] == "6" && rows["(cluster idle)"]?["memory_cost"] == "9")
        #expect(rows["(cluster idle)"]?["team"] == "platform-team" && rows["(cluster idle)"]?["namespace"] == "")
        // Idle is the last row of the cluster; workloads by cost descending.
        let file = try #require(outcome.files.first { $0.name == "cost_by_workload.csv" })
        #expect(file.contents.split(separator: "\r\n").dropFirst().map { CSVTestParser.cells(String($0))[3] }
                == ["web", "report", "agent", "(cluster idle)"])

        // The views: the node's owner keeps nothing, the bill is conserved to the digit.
        let services = Dictionary(uniqueKeysWithValues: outcome.model.attribution.byService.map { ($0.key, $0.amounts.effectiveCost) })
        #expect(services["platform"] == nil && services["web"] == 18 && services["orders"] == 5)
        #expect(outcome.model.attribution.totals.first?.amounts.effectiveCost == 53)
        #expect(outcome.model.attribution.reconciliation.first?.billedCost == 53)
        let html = try #require(outcome.files.first { $0.name == "index.html" }).contents
        #expect(html.contains("id=\"clusters\"") && html.contains("kubernetes.idle"))
    }

    @Test("proportional: no idle row, the node's 48.00 spread over the three workloads; node_owner: idle to platform")
    func otherModes() throws {
        let database = try TestDatabase.create("clustermodes")
        defer { database.drop() }
        try Self.loadCluster(database)
        let proportional = try Self.workloads(ReportPipeline.run(Self.configuration(database, idle: .proportional), logger: CapturedLogs().logger()))
        #expect(proportional["(cluster idle)"] == nil)
        let sum = ["web", "agent", "report"].compactMap { proportional[$0]?["effective_cost"].flatMap { Decimal(string: $0) } }.reduce(0, +)
        #expect(sum == 48)
        let nodeOwner = try ReportPipeline.run(Self.configuration(database, idle: .nodeOwner), logger: CapturedLogs().logger())
        let services = Dictionary(uniqueKeysWithValues: nodeOwner.model.attribution.byService.map { ($0.key, $0.amounts.effectiveCost) })
        #expect(services["platform"] == 15 && services[Ownership.clusterIdle] == nil)
    }
}

/// The sample organisation's cluster through the whole report (the shared dry run of
/// `SampleReportTests`): the workloads' cost equals the nodes' charges in the database.
@Suite("The sample cluster in the report")
struct SampleClusterReportTests {
    @Test("cost_by_workload.csv sums to the nodes' effective cost in the database; every workload and the idle row are there")
    func nodesConserved() throws {
        let outcome = try SampleReportTests.sharedOutcome.get()
        let connection = try SampleFixture.database.get().connect()
        let expected = try connection.all(Query(name: "node sums", """
            SELECT sum(effective_cost) AS effective FROM billing_line_items
            WHERE resource_id LIKE 'i-k8s-node-%' AND charge_period_start >= $1::timestamptz AND charge_period_start < $2::timestamptz
            """), [.timestamp(SampleFixture.window.start), .timestamp(SampleFixture.window.end)]) {
            try $0.decode(Decimal.self, "effective")
        }
        let rows = try ClusterReportTests.workloads(outcome)
        let sum = rows.values.compactMap { $0["effective_cost"].flatMap { Decimal(string: $0) } }.reduce(0, +)
        #expect(expected.first == sum)
        #expect(Set(rows.keys) == ["cart", "search", "notifier", "checkout", "storefront", "node-exporter", "nightly-export",
                                   "debug-shell", "(cluster idle)"])
        #expect(rows["(cluster idle)"]?["team"] == "platform")
        #expect(rows["cart"]?["service"] == "cart-service" && rows["node-exporter"]?["workload_kind"] == "DaemonSet")
        let services = Dictionary(uniqueKeysWithValues: outcome.model.attribution.byService.map { ($0.key, $0) })
        #expect(services["k8s-platform"] == nil)
        #expect(services[Ownership.clusterIdle] != nil)
        let html = try #require(outcome.files.first { $0.name == "index.html" }).contents
        #expect(html.contains("Allocated and idle cost per node (USD)") && html.contains("i-k8s-node-02"))
    }
}
