import BillingStore
import Contract
import CostModel
import Foundation
import Postgres
import Testing

/// `sample-billing/schema.sql` and the contract descriptions (`Contract`) agree: same columns,
/// order, types and nullability; the FOCUS writer's header follows the description.
@Suite struct ContractSchemaTests {
    @Test func schemaFileMatchesEveryDescription() throws {
        let (database, connection) = try ImportFixtures.database("contract")
        defer { database.drop() }
        let check = SchemaCheck(connection: connection)
        #expect(try check.problems(BillingLineItemsTable.table, ordered: true) == [])
        #expect(try check.problems(UsageSamplesTable.table, ordered: true) == [])
        #expect(try check.problems(ResourcesTable.table, ordered: true) == [])
        #expect(try check.problems(InstanceTypesTable.table, ordered: true) == [])
        #expect(try check.problems(ContainerUsageSamplesTable.table, ordered: true) == [])
        #expect(try check.liveColumns(of: "billing_line_items").map(\.name) == BillingLineItemsTable.table.columnNames)
    }

    @Test func schemaCheckNamesWhatDiffers() throws {
        let (database, connection) = try ImportFixtures.database("contractdiff")
        defer { database.drop() }
        try connection.executeScript(Query(name: "alter", """
            ALTER TABLE instance_types DROP COLUMN arch;
            ALTER TABLE instance_types ALTER COLUMN family DROP NOT NULL;
            """))
        let problems = try SchemaCheck(connection: connection).problems(InstanceTypesTable.table)
        #expect(problems == [
            "instance_types.family is nullable, the contract says NOT NULL",
            "instance_types.arch is missing (text): run costreport db init",
        ])
        #expect(try SchemaCheck(connection: connection).problems(ContractTable<Int>(name: "nope", columns: [])) == [
            "table nope does not exist: run costreport db init",
        ])
    }

    /// A database made before DESIGN.md §2.2 lacks `container_usage_samples`: the upgrade creates it
    /// from the description (same columns, order, types, NOT NULL and the labels default).
    @Test func upgradeCreatesContainerUsageSamplesWhenMissing() throws {
        let (database, connection) = try ImportFixtures.database("contractcontainers")
        defer { database.drop() }
        try connection.execute(Query(name: "drop", "DROP TABLE container_usage_samples"))
        let check = SchemaCheck(connection: connection)
        #expect(try check.problems(ContainerUsageSamplesTable.table) == ["table container_usage_samples does not exist: run costreport db init"])
        let upgrade = try check.upgradeContractTables()
        #expect(upgrade.added == ["created container_usage_samples"])
        #expect(upgrade.problems == [])
        #expect(try check.problems(ContainerUsageSamplesTable.table, ordered: true) == [])
        #expect(try check.upgradeContractTables().added == [])
        try connection.execute(Query(name: "default", """
            INSERT INTO container_usage_samples (cluster, namespace, pod, container, sampled_at, interval_seconds)
            VALUES ('c', 'n', 'p', 'k', '2026-11-01 00:00:00+00', 300)
            """))
        #expect(try connection.all(Query(name: "labels", "SELECT labels::text AS l FROM container_usage_samples")) { try $0.decode(String.self, "l") } == ["{}"])
    }

    /// `Loader` streams `ContainerUsageSample`s with COPY: every column round-trips, labels as a JSON object.
    @Test func loaderCopiesContainerSamples() throws {
        let (database, connection) = try ImportFixtures.database("contractcontainercopy")
        defer { database.drop() }
        let at = Date(timeIntervalSince1970: 1_793_491_200)  // 2026-11-01T00:00:00Z
        let samples = [
            ContainerUsageSample(
                cluster: "prod", namespace: "shop", workloadKind: "Deployment", workload: "checkout", pod: "checkout-7d9f-abcde",
                container: "app", nodeResourceId: "i-0abc", sampledAt: at, intervalSeconds: 300, cpuRequestCores: 0.5,
                cpuLimitCores: 1, cpuUsageCores: 0.125, memoryRequestBytes: 536_870_912, memoryLimitBytes: 1_073_741_824,
                memoryUsageBytes: 400_000_000, labels: ["app.kubernetes.io/name": "checkout", "team": "payments"]),
            ContainerUsageSample(cluster: "prod", namespace: "kube-system", pod: "orphan", container: "c", sampledAt: at, intervalSeconds: 60),
        ]
        let loaded = try Loader(connection: connection).copyContainerUsageSamples { emit in for sample in samples { try emit(sample) } }
        #expect(loaded == 2)
        let rows = try connection.all(Query(name: "rows", """
            SELECT concat_ws('|', cluster, namespace, workload_kind, workload, pod, container, node_resource_id,
              to_char(sampled_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS'), interval_seconds, cpu_request_cores, cpu_limit_cores,
              cpu_usage_cores, memory_request_bytes, memory_limit_bytes, memory_usage_bytes, labels->>'team', labels::text) AS r
            FROM container_usage_samples ORDER BY pod
            """)) { try $0.decode(String.self, "r") }
        #expect(rows == [
            "prod|shop|Deployment|checkout|checkout-7d9f-abcde|app|i-0abc|2026-11-01T00:00:00|300|0.5|1|0.125|536870912|1073741824|400000000|payments|{\"team\": \"payments\", \"app.kubernetes.io/name\": \"checkout\"}",
            "prod|kube-system|orphan|c|2026-11-01T00:00:00|60|{}",
        ])
    }

    @Test func focusWriterHeaderIsTheDescriptionsExportNames() throws {
        var bytes: [UInt8] = []
        var writer = try FocusCSVWriter { bytes += $0 }
        try writer.flush()
        let header = String(decoding: bytes, as: UTF8.self).split(separator: "\r\n").first.map(String.init)
        #expect(header == (BillingLineItemsTable.table.columns.map { $0.focus!.exportName } + FocusOnlyColumns.all.map(\.name)).joined(separator: ","))
        #expect(BillingLineItemsTable.table.columns.allSatisfy { $0.focus != nil })
    }
}
