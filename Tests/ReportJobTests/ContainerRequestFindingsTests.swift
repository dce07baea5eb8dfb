import BillingStore
import CivilTime
import CostModel
import Foundation
import Logging
import Postgres
import ReportJob
import Testing
import TestSupport

/// The container request findings and the plan's node removal through the real PostgreSQL: samples
/// in `container_usage_samples`, the shipped queries, the pipeline and its CSV and HTML files.
@Suite("Container request findings through PostgreSQL")
struct ContainerRequestFindingsTests {
    static let start = UTCText.parseDay("2026-10-01")!
    /// 20 days: 480 hourly samples per pod; tier 3 needs 14 days, sizes at p95 ÷ 0.80.
    static let window = ReportWindow(start: start, end: start.addingTimeInterval(20 * 86_400))

    static func load(_ database: TestDatabase) throws {
        try DatabaseSetup.initialise(
            ConnectionOptions(conninfo: database.conninfo), schemaFile: SampleFixture.schema, logger: Logger(label: "test"))
        let connection = try database.connect()
        try connection.executeScript(Query(name: "cluster", """
            INSERT INTO resources (resource_id, kind, service, team, tier, environment, provider_name, region_id, vcpus, memory_gib, state, pricing_model)
            VALUES ('i-k8s-1', 'compute', 'kubernetes', 'platform', 2, 'production', 'AWS', 'us-east-1', 8, 32, 'running', 'on_demand'),
                   ('i-k8s-2', 'compute', 'kubernetes', 'platform', 2, 'production', 'AWS', 'us-east-1', 8, 32, 'running', 'on_demand');
            -- 24 and 12 USD a day: 730 and 365 a month.
            INSERT INTO billing_line_items (billing_account_id, provider_name, billing_period_start, billing_period_end,
                charge_period_start, charge_period_end, charge_category, service_name, resource_id, list_cost,
                effective_cost, billed_cost, billing_currency)
            SELECT 'acct', 'AWS', '2026-10-01', '2026-11-01', d, d + interval '1 day', 'Usage', 'Amazon EC2', node.id,
                   node.daily, node.daily, node.daily, 'USD'
            FROM generate_series(timestamptz '2026-10-01', timestamptz '2026-10-20', interval '1 day') AS d,
                 (VALUES ('i-k8s-1', 24), ('i-k8s-2', 12)) AS node(id, daily);
            -- Pods 3 and 4 of 'scaled' run the first 240 hours only, on i-k8s-2.
            INSERT INTO container_usage_samples (cluster, namespace, workload_kind, workload, pod, container,
                node_resource_id, sampled_at, interval_seconds, cpu_request_cores, cpu_usage_cores,
                memory_request_bytes, memory_limit_bytes, memory_usage_bytes, labels)
            SELECT 'prod', 'shop', 'Deployment', c.workload, c.workload || '-' || p.n, 'app',
                   CASE WHEN p.n > 2 THEN 'i-k8s-2' ELSE 'i-k8s-1' END,
                   timestamptz '2026-10-01' + i * interval '1 hour', 3600, c.cpu_request,
                   CASE WHEN i < c.busy THEN 0.3 ELSE 0.16 END,
                   c.memory_request * 1048576.0, c.memory_limit * 1048576.0, c.memory_max * 1048576.0,
                   jsonb_build_object('app.kubernetes.io/name', c.workload, 'tier', '3', 'team', 'shop')
            -- Workloads (one container `app` each, tier 3 by label, node i-k8s-1): CPU request (cores), memory
            -- request / limit / working set (MiB), hours (of 480) at 0.3 cores instead of 0.16, pods, hours with samples.
            FROM (VALUES
                ('cpu-at', 0.2, 128, NULL, 100, 0, 1, 480),
                ('cpu-below', 0.19, 128, NULL, 100, 0, 1, 480),
                ('cpu-above', 0.21, 128, NULL, 100, 0, 1, 480),
                ('mem-below', 0.2, 112, NULL, 100, 0, 1, 480),
                ('mem-above', 0.2, 144, NULL, 100, 0, 1, 480),
                ('busy-below', 0.2, 128, NULL, 100, 23, 1, 480),
                ('busy-at', 0.2, 128, NULL, 100, 24, 1, 480),
                ('busy-above', 0.2, 128, NULL, 100, 25, 1, 480),
                ('limit-below', 0.2, 1000, 1000, 899, 0, 1, 480),
                ('limit-at', 0.2, 1000, 1000, 900, 0, 1, 480),
                ('limit-above', 0.2, 1000, 1000, 901, 0, 1, 480),
                ('scaled', 1.0, 128, NULL, 100, 0, 4, 480),
                ('young', 0.2, 128, NULL, 100, 0, 1, 312)
            ) AS c(workload, cpu_request, memory_request, memory_limit, memory_max, busy, pods, hours)
            CROSS JOIN generate_series(0, 479) AS i
            CROSS JOIN generate_series(1, 4) AS p(n)
            WHERE i < c.hours AND p.n <= c.pods AND (p.n <= 2 OR i < 240);
            """))
    }

    static func configuration(_ database: TestDatabase) -> ReportConfiguration {
        var configuration = SampleFixture.configuration(database, window: window)
        configuration.dryRun = true
        configuration.useHistory = false
        configuration.policy.kubernetes.minimumRequestReduction = 0  // the thresholds are the rule's own
        return configuration
    }

    @Test func thresholdsRemovalAndOutputs() throws {
        let database = try TestDatabase.create("k8sreq")
        defer { database.drop() }
        try Self.load(database)
        let outcome = try ReportPipeline.run(Self.configuration(database), logger: Logger(label: "test"))
        let findings = outcome.model.findings.findings.filter { $0.resourceId.hasPrefix("k8s://") }
        let byWorkload = Dictionary(grouping: findings) { $0.resourceId.split(separator: "/").dropFirst(4).first.map(String.init) ?? "" }
        let kinds = byWorkload.mapValues { $0.map(\.kind.rawValue).sorted() }
        #expect(kinds == [
            "cpu-above": ["over_provisioned"], "mem-above": ["over_provisioned"], "busy-above": ["under_provisioned"],
            "limit-above": ["under_provisioned"], "scaled": ["over_provisioned"], "young": ["insufficient_data"],
            "": ["over_provisioned"],  // k8s://prod: the node-removal step
        ], "\(findings.map { "\($0.resourceId) \($0.kind.rawValue) \($0.recommended)" })")

        let recommended = Dictionary(uniqueKeysWithValues: findings.map { ($0.resourceId, $0.recommended) })
        #expect(recommended["k8s://prod/shop/Deployment/cpu-above/app"] == "requests cpu 210m → 200m per pod")
        #expect(recommended["k8s://prod/shop/Deployment/mem-above/app"] == "requests memory 144Mi → 128Mi per pod")
        #expect(recommended["k8s://prod/shop/Deployment/busy-above/app"] == "cpu request 380m per pod")
        #expect(recommended["k8s://prod/shop/Deployment/limit-above/app"] == "memory limit 1040Mi, memory request 1040Mi per pod")
        #expect(recommended["k8s://prod/shop/Deployment/scaled/app"] == "requests cpu 1000m → 200m per pod")
        #expect(recommended["k8s://prod"] == "remove 1 node: i-k8s-1")

        // cpu-above: node i-k8s-1 costs 730/month = 1/h; 8 × 0.031611 : 32 × 0.004237 gives
        // 0.252888 / 0.388472 of it to CPU, over 8 cores; one pod all the window.
        let cpuAbove = try #require(findings.first { $0.resourceId == "k8s://prod/shop/Deployment/cpu-above/app" })
        let perCore = FindingsPrecision.normalized(Decimal(string: "0.252888")! / Decimal(string: "0.388472")! / 8)
        #expect(cpuAbove.monthlySavings == FindingsPrecision.normalized(Decimal(string: "0.01")! * perCore * 730))
        #expect(cpuAbove.ownership.team == "shop")
        #expect(cpuAbove.ownership.tier == 3)
        let scaled = try #require(findings.first { $0.resourceId == "k8s://prod/shop/Deployment/scaled/app" })
        #expect(scaled.evidence.formula.contains("replicas 2–4, mean 3 pods, sized per pod"), "\(scaled.evidence.formula)")
        #expect(scaled.evidence.formula.contains("2 nodes (i-k8s-1, i-k8s-2) weighted by pod-seconds"), "\(scaled.evidence.formula)")

        // The plan: the set_requests findings are listed, the cluster's node goes (730 a month).
        let plan = outcome.model.findings.plan
        #expect(plan.monthlyTotal["USD"] == 730)
        #expect(plan.steps.map(\.resourceId) == ["k8s://prod"])
        let files = Dictionary(uniqueKeysWithValues: outcome.files.map { ($0.name, $0.contents) })
        let planCSV = try #require(files["plan.csv"])
        #expect(planCSV.contains(",k8s://prod,remove_nodes,kubernetes,platform,730.00,730.00,USD"), "\(planCSV)")
        let recommendations = try #require(files["recommendations.csv"])
        #expect(recommendations.contains("k8s://prod/shop/Deployment/cpu-above/app,over_provisioned,set_requests,cpu-above,shop,3,"))
        #expect(recommendations.contains("k8s://prod/shop/Deployment/young/app,insufficient_data,collect_data,"))
        let html = try #require(files["index.html"])
        #expect(html.contains("k8s://prod/shop/Deployment/busy-above/app"))
        #expect(html.contains("remove 1 node: i-k8s-1"))
    }

    @Test func statisticsMatchTheSamples() throws {
        let database = try TestDatabase.create("k8sreqstats")
        defer { database.drop() }
        try Self.load(database)
        let store = BillingStore(connection: try database.connect(), queries: try QueryFolder(directory: SampleFixture.queries))
        let summaries = Dictionary(uniqueKeysWithValues: try store.containerUsage(in: Self.window).map { ($0.key.workload, $0) })
        #expect(summaries.count == 13)
        let scaled = try #require(summaries["scaled"])
        #expect(scaled.samples == 2 * 480 + 2 * 240)
        #expect(scaled.podSeconds == Double(scaled.samples) * 3600)
        #expect(scaled.replicaRange == 2...4)
        #expect(scaled.nodeSeconds == ["i-k8s-1": 960 * 3600, "i-k8s-2": 480 * 3600])
        #expect(scaled.days.count == 20)
        let busy = try #require(summaries["busy-above"])
        #expect(busy.cpuOverRequestSeconds == 25 * 3600)
        #expect(busy.cpuComparedSeconds == 480 * 3600)
        #expect(busy.cpuHistogram.total == 480)
        #expect(busy.cpuUsageMax == Double(Float(0.3)))
        #expect(busy.current.cpuRequestCores == 0.2)  // a real prints as its shortest text
        #expect(busy.labels["app.kubernetes.io/name"] == "busy-above")
        let limit = try #require(summaries["limit-above"])
        #expect(limit.memoryLimitRatioMax == 901.0 / 1000.0)
        #expect(try #require(summaries["young"]).days.count == 13)
    }

    @Test func labelsThatAreNotAnObjectAreReadAsNoLabelsAndReported() throws {
        let database = try TestDatabase.create("k8sbadlabels")
        defer { database.drop() }
        try Self.load(database)
        try database.connect().execute(Query(
            name: "bad labels", "UPDATE container_usage_samples SET labels = '[\"busy-above\"]' WHERE workload = 'busy-above'"))
        let outcome = try ReportPipeline.run(Self.configuration(database), logger: Logger(label: "test"))
        let messages = outcome.model.diagnostics.filter { $0.code == "invalid_tags" }.map(\.message)
        #expect(messages.contains { $0.contains("container_usage.sql") && $0.contains("column \"labels\"") }, "\(messages)")
        #expect(messages.contains { $0.contains("container_allocation.sql") && $0.contains("column \"labels\"") }, "\(messages)")
        // Without labels the workload has no owner from them: still sized, owned by (unallocated).
        let busy = try #require(outcome.model.findings.findings.first { $0.resourceId == "k8s://prod/shop/Deployment/busy-above/app" })
        #expect(busy.ownership.service == Ownership.unallocated)
    }
}
