import CostModel
import Foundation
import PrometheusQuery
import Testing

/// Kubernetes answers into `container_usage_samples` rows, without a server: provider ids, owner
/// resolution, labels, and the join of measures with owners, nodes and labels.
@Suite("Kubernetes answers into container_usage_samples rows")
struct KubernetesJoinTests {
    let start = Date(timeIntervalSince1970: 1_790_812_800)  // 2026-10-01T00:00:00Z
    var chunk: Chunk { ChunkPlan(start: start, end: start.addingTimeInterval(900), stepSeconds: 300).chunks[0] }
    var t: Double { start.timeIntervalSince1970 }

    func series(_ items: String) throws -> [QueryResponse.Series] {
        let body = Data(#"{"status":"success","data":{"resultType":"matrix","result":[\#(items)]}}"#.utf8)
        return try QueryResponse.decode(body, httpStatus: 200, policyKey: "test").data!.result
    }

    func measure(_ column: ContainerColumn) -> ContainerMeasureQuery {
        ContainerMeasureQuery(policyKey: "prometheus.kubernetes.\(column)", column: column, template: "x")
    }

    @Test(arguments: [
        ("aws:///us-east-1a/i-0123456789abcdef0", "i-0123456789abcdef0"),
        ("aws:///i-0abc", "i-0abc"),
        ("aws:///us-east-1a/fargate-ip-10-0-0-1", nil),
        ("gce://my-project/europe-west1-b/gke-pool-1-abcd", "gke-pool-1-abcd"),
        ("gce://my-project/europe-west1-b", nil),
        ("azure:///subscriptions/S1/resourceGroups/MC_rg/providers/Microsoft.Compute/virtualMachines/aks-node-0",
         "/subscriptions/s1/resourcegroups/mc_rg/providers/microsoft.compute/virtualmachines/aks-node-0"),
        ("azure:///subscriptions/S1/resourceGroups/MC_rg/providers/Microsoft.Compute/virtualMachineScaleSets/aks-pool-vmss/virtualMachines/3",
         "/subscriptions/s1/resourcegroups/mc_rg/providers/microsoft.compute/virtualmachinescalesets/aks-pool-vmss"),
        ("azure:///subscriptions/S1/resourceGroups/rg/providers/Microsoft.Network/loadBalancers/x", nil),
        ("kind://docker/kind/kind-control-plane", nil),
        ("", nil),
        ("i-0abc", nil),
    ] as [(String, String?)])
    func providerIdsBecomeTheBillsResourceId(providerId: String, resourceId: String?) {
        #expect(ProviderID.resourceId(providerId) == resourceId)
    }

    @Test func ownersResolveThroughReplicaSetsAndJobs() throws {
        var inventory = KubernetesInventory(naming: .init(label: "cluster", defaultName: "main"))
        inventory.add(try series(#"""
            {"metric":{"namespace":"shop","pod":"web-7d9f-x1","owner_kind":"ReplicaSet","owner_name":"web-7d9f"},"values":[[\#(t + 300),"1"]]},
            {"metric":{"namespace":"shop","pod":"bare-rs-x","owner_kind":"ReplicaSet","owner_name":"bare-rs"},"values":[[\#(t + 300),"1"]]},
            {"metric":{"namespace":"shop","pod":"lost-rs-x","owner_kind":"ReplicaSet","owner_name":"lost-rs"},"values":[[\#(t + 300),"1"]]},
            {"metric":{"namespace":"ops","pod":"backup-28911-z","owner_kind":"Job","owner_name":"backup-28911"},"values":[[\#(t + 300),"1"]]},
            {"metric":{"namespace":"ops","pod":"once-z","owner_kind":"Job","owner_name":"once"},"values":[[\#(t + 300),"1"]]},
            {"metric":{"namespace":"kube-system","pod":"fluent-abc","owner_kind":"DaemonSet","owner_name":"fluent"},"values":[[\#(t + 300),"1"]]},
            {"metric":{"namespace":"db","pod":"pg-0","owner_kind":"StatefulSet","owner_name":"pg"},"values":[[\#(t + 300),"1"]]},
            {"metric":{"namespace":"default","pod":"debug","owner_kind":"<none>","owner_name":"<none>"},"values":[[\#(t + 300),"1"]]},
            {"metric":{"cluster":"eu","namespace":"shop","pod":"web-7d9f-x1","owner_kind":"ReplicaSet","owner_name":"web-7d9f"},"values":[[\#(t + 300),"1"]]},
            {"metric":{"namespace":"shop","owner_kind":"ReplicaSet","owner_name":"x"},"values":[[\#(t + 300),"1"]]}
            """#), join: .podOwners)
        inventory.add(try series(#"""
            {"metric":{"namespace":"shop","replicaset":"web-7d9f","owner_kind":"Deployment","owner_name":"web"},"values":[[\#(t + 300),"1"]]},
            {"metric":{"namespace":"shop","replicaset":"bare-rs","owner_kind":"<none>","owner_name":"<none>"},"values":[[\#(t + 300),"1"]]}
            """#), join: .replicasetOwners)
        inventory.add(try series(#"""
            {"metric":{"namespace":"ops","job_name":"backup-28911","owner_kind":"CronJob","owner_name":"backup"},"values":[[\#(t + 300),"1"]]},
            {"metric":{"namespace":"ops","job_name":"once","owner_kind":"<none>","owner_name":"<none>"},"values":[[\#(t + 300),"1"]]}
            """#), join: .jobOwners)
        func workload(_ namespace: String, _ pod: String, cluster: String = "main") -> String {
            let w = inventory.workload(of: .init(cluster: cluster, namespace: namespace, name: pod))
            return "\(w.kind)/\(w.name)"
        }
        #expect(workload("shop", "web-7d9f-x1") == "Deployment/web")
        #expect(workload("shop", "bare-rs-x") == "ReplicaSet/bare-rs")
        #expect(workload("shop", "lost-rs-x") == "ReplicaSet/lost-rs")
        #expect(workload("ops", "backup-28911-z") == "CronJob/backup")
        #expect(workload("ops", "once-z") == "Job/once")
        #expect(workload("kube-system", "fluent-abc") == "DaemonSet/fluent")
        #expect(workload("db", "pg-0") == "StatefulSet/pg")
        #expect(workload("default", "debug") == "Pod/debug")
        #expect(workload("default", "never-seen") == "Pod/never-seen")
        // The eu cluster's ReplicaSet owner is unknown (the Deployment is main's).
        #expect(workload("shop", "web-7d9f-x1", cluster: "eu") == "ReplicaSet/web-7d9f")
        #expect(inventory.seriesWithoutLabels == 1)
    }

    @Test func nodesLabelsAndTheLatestSeriesWin() throws {
        var inventory = KubernetesInventory(naming: .init(label: "k8s", defaultName: "main"))
        inventory.add(try series(#"""
            {"metric":{"namespace":"shop","pod":"web-1","node":"node-a"},"values":[[\#(t + 300),"1"]]},
            {"metric":{"namespace":"shop","pod":"web-2","node":"node-odd"},"values":[[\#(t + 300),"1"]]},
            {"metric":{"namespace":"shop","pod":"web-3","node":"node-gone"},"values":[[\#(t + 300),"1"]]}
            """#), join: .podNodes)
        inventory.add(try series(#"""
            {"metric":{"node":"node-a","provider_id":"aws:///us-east-1a/i-0aaa"},"values":[[\#(t + 300),"1"]]},
            {"metric":{"node":"node-odd","provider_id":"openstack:///4f1c"},"values":[[\#(t + 300),"1"]]},
            {"metric":{"k8s":"other","node":"node-a","provider_id":"aws:///us-east-1a/i-0bbb"},"values":[[\#(t + 300),"1"]]}
            """#), join: .nodeProviderIds)
        inventory.add(try series(#"""
            {"metric":{"namespace":"shop","pod":"web-1","uid":"u1","label_app_kubernetes_io_name":"web","label_app_kubernetes_io_part_of":"shop","label_team":"payments","label_":"x"},"values":[[\#(t + 300),"1"],[\#(t + 600),"1"]]},
            {"metric":{"namespace":"shop","pod":"web-1","uid":"u1","label_team":"storefront"},"values":[[\#(t + 900),"1"]]},
            {"metric":{"namespace":"shop","pod":"web-2","label_tier":"2"},"values":[[\#(t + 900),"1"]]},
            {"metric":{"namespace":"shop","pod":"web-2","label_tier":"1"},"values":[[\#(t + 600),"1"]]}
            """#), join: .podLabels)
        let web1 = KubernetesInventory.ObjectKey(cluster: "main", namespace: "shop", name: "web-1")
        let web2 = KubernetesInventory.ObjectKey(cluster: "main", namespace: "shop", name: "web-2")
        let web3 = KubernetesInventory.ObjectKey(cluster: "main", namespace: "shop", name: "web-3")
        #expect(inventory.nodeResourceId(of: web1) == "i-0aaa")
        #expect(inventory.nodeResourceId(of: web2) == nil)
        #expect(inventory.nodeResourceId(of: web3) == nil)
        #expect(inventory.node(of: web3) == "node-gone")
        #expect(inventory.unknownProviderIds == ["main/node-odd": "openstack:///4f1c"])
        // web-1's labels changed in the chunk: the series seen last wins, whole.
        #expect(inventory.labels(of: web1) == ["team": "storefront"])
        #expect(inventory.labels(of: web2) == ["tier": "2"])
        var first = KubernetesInventory(naming: .init(label: "k8s", defaultName: "main"))
        first.add(try series(#"{"metric":{"namespace":"shop","pod":"web-1","label_app_kubernetes_io_name":"web","label_app_kubernetes_io_part_of":"shop","label_team":"payments","label_":"x"},"values":[[\#(t + 300),"1"]]}"#), join: .podLabels)
        #expect(first.labels(of: web1) == ["app.kubernetes.io/name": "web", "app.kubernetes.io/part-of": "shop", "team": "payments"])
    }

    @Test func measuresJoinIntoRowsPerContainerAndInterval() throws {
        var table = ContainerSampleTable(chunk: chunk, naming: .init(label: "cluster", defaultName: "main"))
        try table.add(try series(#"""
            {"metric":{"namespace":"shop","pod":"web-1","container":"app"},"values":[[\#(t + 300),"0.5"],[\#(t + 600),"0.5"],[\#(t + 900),"0.5"]]},
            {"metric":{"namespace":"shop","pod":"web-2","container":"app"},"values":[[\#(t + 900),"0.25"]]},
            {"metric":{"namespace":"shop","pod":"web-1"},"values":[[\#(t + 300),"9"]]}
            """#), measure: measure(.cpuRequest))
        try table.add(try series(#"""
            {"metric":{"namespace":"shop","pod":"web-1","container":"app"},"values":[[\#(t + 300),"0.125"],[\#(t + 600),"NaN"]]},
            {"metric":{"cluster":"eu","namespace":"shop","pod":"web-1","container":"app"},"values":[[\#(t + 600),"2"]]}
            """#), measure: measure(.cpuUsage))
        try table.add(try series(#"{"metric":{"namespace":"shop","pod":"web-1","container":"app"},"values":[[\#(t + 300),"1.5e9"]]}"#), measure: measure(.memoryUsage))
        var inventory = KubernetesInventory(naming: .init(label: "cluster", defaultName: "main"))
        inventory.add(try series(#"{"metric":{"namespace":"shop","pod":"web-1","owner_kind":"StatefulSet","owner_name":"web"},"values":[[\#(t + 300),"1"]]}"#), join: .podOwners)
        inventory.add(try series(#"{"metric":{"namespace":"shop","pod":"web-1","node":"n1"},"values":[[\#(t + 300),"1"]]}"#), join: .podNodes)
        inventory.add(try series(#"{"metric":{"node":"n1","provider_id":"aws:///z/i-1"},"values":[[\#(t + 300),"1"]]}"#), join: .nodeProviderIds)
        inventory.add(try series(#"{"metric":{"namespace":"shop","pod":"web-1","label_team":"payments"},"values":[[\#(t + 300),"1"]]}"#), join: .podLabels)
        var rows: [String] = []
        table.forEachSample(inventory) { s in
            func text<T>(_ value: T?) -> String { value.map { "\($0)" } ?? "-" }
            rows.append([s.cluster, s.namespace, text(s.workloadKind), text(s.workload), s.pod, s.container, text(s.nodeResourceId),
                         "\(Int(s.sampledAt.timeIntervalSince(start)))", "\(s.intervalSeconds)", text(s.cpuRequestCores),
                         text(s.cpuLimitCores), text(s.cpuUsageCores), text(s.memoryUsageBytes), s.labels.map { "\($0)=\($1)" }.joined()]
                .joined(separator: "|"))
        }
        #expect(rows == [
            "eu|shop|Pod|web-1|web-1|app|-|300|300|-|-|2.0|-|",
            "main|shop|StatefulSet|web|web-1|app|i-1|0|300|0.5|-|0.125|1500000000.0|team=payments",
            "main|shop|StatefulSet|web|web-1|app|i-1|300|300|0.5|-|-|-|team=payments",
            "main|shop|StatefulSet|web|web-1|app|i-1|600|300|0.5|-|-|-|team=payments",
            "main|shop|Pod|web-2|web-2|app|-|600|300|0.25|-|-|-|",
        ])
        #expect(table.clusters == ["eu", "main"])
        #expect(table.containers.count == 3)
        #expect(table.statistics.nonFiniteValues == 1 && table.statistics.seriesWithoutLabels == 1)
        #expect(table.statistics.series == 5 && table.statistics.points == 7)
        #expect(throws: PrometheusQueryError.self) {
            try table.add(try series(#"""
                {"metric":{"namespace":"shop","pod":"web-1","container":"app","instance":"a"},"values":[[\#(t + 300),"1"]]},
                {"metric":{"namespace":"shop","pod":"web-1","container":"app","instance":"b"},"values":[[\#(t + 300),"1"]]}
                """#), measure: measure(.memoryLimit))
        }
    }

    @Test func defaultsAreKubeStateMetricsAndCAdvisorAndNullSkips() throws {
        let settings = try JSONDecoder().decode(
            PrometheusSettings.self, from: Data(#"{"kubernetes": {"cpu_limit": null, "job_owners": null, "cluster_label": "k8s_cluster"}}"#.utf8))
        let kubernetes = settings.kubernetes
        #expect(kubernetes.clusterLabel == "k8s_cluster")
        #expect(kubernetes.measures.map(\.policyKey) == [
            "prometheus.kubernetes.cpu_request", "prometheus.kubernetes.cpu_usage", "prometheus.kubernetes.memory_request",
            "prometheus.kubernetes.memory_limit", "prometheus.kubernetes.memory_usage",
        ])
        #expect(kubernetes.measures.map(\.column) == [.cpuRequest, .cpuUsage, .memoryRequest, .memoryLimit, .memoryUsage])
        #expect(kubernetes.joins.map(\.join) == [.podOwners, .replicasetOwners, .podNodes, .nodeProviderIds, .podLabels])
        let defaults = KubernetesQueries()
        #expect(defaults.cpuRequest == #"max by (cluster, namespace, pod, container) (kube_pod_container_resource_requests{resource="cpu"})"#)
        #expect(defaults.memoryLimit == #"max by (cluster, namespace, pod, container) (kube_pod_container_resource_limits{resource="memory"})"#)
        #expect(settings.placeholders.apply(to: defaults.cpuUsage!) == #"sum by (cluster, namespace, pod, container) (rate(container_cpu_usage_seconds_total{container!="", container!="POD"}[360s]))"#)
        #expect(settings.placeholders.apply(to: defaults.memoryUsage!) == #"max by (cluster, namespace, pod, container) (max_over_time(container_memory_working_set_bytes{container!="", container!="POD"}[300s]))"#)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let text = String(decoding: try encoder.encode(settings), as: UTF8.self)
        #expect(text.contains(#""cpu_limit":null"#) && text.contains(#""pod_labels":"kube_pod_labels""#))
        #expect(try JSONDecoder().decode(PrometheusSettings.self, from: Data(text.utf8)) == settings)
        #expect { try JSONDecoder().decode(PrometheusSettings.self, from: Data(#"{"kubernetes": {"pod_nodes": " "}}"#.utf8)) } throws: { "\($0)".contains("pod_nodes") }
    }
}
