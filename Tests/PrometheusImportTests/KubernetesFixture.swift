import Foundation

/// A small cluster as kube-state-metrics v2 and cAdvisor expose it, every expected value known:
/// a Deployment pod (through its ReplicaSet) with a sidecar, a DaemonSet pod on a node whose
/// provider id has no known form, a CronJob's Job pod that lives from 12:01 to 17:59, a pod
/// without owner, and a pod of a second cluster that has no `cluster` label.
enum Kube {
    static let day = Fleet.day
    static let lifeStart = day + 12 * 3600 + 60
    static let lifeEnd = day + 18 * 3600 - 60

    /// One container: its cAdvisor usage (cores, a counter's slope) and working-set base (bytes;
    /// the series is a saw tooth `base + 1000 × (minute mod 5)`, so its maximum over each
    /// 5-minute step is `base + 4000` while its value at the step's end is `base`), and its
    /// kube-state-metrics requests and limits (nil: none).
    struct Container {
        var cluster: String?
        var namespace: String
        var pod: String
        var name: String
        var cores: Double
        var workingSet: Double
        var cpuRequest: Double?
        var cpuLimit: Double?
        var memoryRequest: Double?
        var memoryLimit: Double?
        /// The series' first and last sample times.
        var from = Fleet.day - 3600
        var through = Fleet.day + 86_400
    }

    static let containers: [Container] = [
        Container(cluster: "prod", namespace: "shop", pod: "web-5d8f7-abcde", name: "app", cores: 0.25, workingSet: 300e6,
                  cpuRequest: 0.5, cpuLimit: 1, memoryRequest: 536_870_912, memoryLimit: 1_073_741_824),
        Container(cluster: "prod", namespace: "shop", pod: "web-5d8f7-abcde", name: "istio-proxy", cores: 0.05, workingSet: 50e6,
                  cpuRequest: 0.1, memoryRequest: 67_108_864),
        Container(cluster: "prod", namespace: "kube-system", pod: "fluent-x1", name: "fluent", cores: 0.02, workingSet: 80e6,
                  cpuRequest: 0.1, cpuLimit: 0.2, memoryRequest: 134_217_728, memoryLimit: 268_435_456),
        Container(cluster: "prod", namespace: "ops", pod: "backup-29000000-q7x", name: "main", cores: 0.8, workingSet: 900e6,
                  cpuRequest: 1, memoryRequest: 1_073_741_824, from: lifeStart, through: lifeEnd),
        Container(cluster: "prod", namespace: "default", pod: "debug", name: "sh", cores: 0.001, workingSet: 1e6),
        Container(cluster: nil, namespace: "edge", pod: "probe-z", name: "probe", cores: 0.01, workingSet: 20e6, cpuRequest: 0.05),
    ]

    static func minutes(_ from: Int, _ through: Int) -> [Int] { Array(stride(from: from, through: through, by: 60)) }

    static func labels(_ cluster: String?, _ labels: [String: String]) -> [String: String] {
        var result = labels.merging(["job": "kube-state-metrics", "instance": "10.0.0.9:8080"]) { a, _ in a }
        if let cluster { result["cluster"] = cluster }
        return result
    }

    static func metrics() -> OpenMetrics {
        var m = OpenMetrics()
        for c in containers {
            let times = minutes(c.from, c.through)
            let cadvisor = ["namespace": c.namespace, "pod": c.pod, "container": c.name, "id": "/kubepods/\(c.pod)/\(c.name)",
                            "image": "registry/\(c.name):1", "job": "kubelet", "instance": "node"]
                .merging(c.cluster.map { ["cluster": $0] } ?? [:]) { a, _ in a }
            m.add("container_cpu_usage_seconds_total", type: "counter", labels: cadvisor, points: times.map { ($0, c.cores * Double($0 - c.from)) })
            m.add("container_memory_working_set_bytes", labels: cadvisor, points: times.map { ($0, c.workingSet + 1000 * Double((($0 - day) / 60) % 5)) })
            for (metric, resource, unit, value) in [
                ("kube_pod_container_resource_requests", "cpu", "core", c.cpuRequest), ("kube_pod_container_resource_limits", "cpu", "core", c.cpuLimit),
                ("kube_pod_container_resource_requests", "memory", "byte", c.memoryRequest), ("kube_pod_container_resource_limits", "memory", "byte", c.memoryLimit),
            ] {
                guard let value else { continue }
                m.add(metric, labels: labels(c.cluster, [
                    "namespace": c.namespace, "pod": c.pod, "container": c.name, "uid": "uid-\(c.pod)", "node": "node-a",
                    "resource": resource, "unit": unit,
                ]), points: times.map { ($0, value) })
            }
        }
        // cAdvisor's pod-level cgroup (container="") and pause container ("POD"): not containers.
        let web = ["cluster": "prod", "namespace": "shop", "pod": "web-5d8f7-abcde", "job": "kubelet"]
        for container in ["", "POD"] {
            m.add("container_cpu_usage_seconds_total", type: "counter", labels: web.merging(["container": container]) { a, _ in a },
                  points: minutes(day - 3600, day + 86_400).map { ($0, 5 * Double($0 - day + 3600)) })
            m.add("container_memory_working_set_bytes", labels: web.merging(["container": container]) { a, _ in a },
                  points: minutes(day - 3600, day + 86_400).map { ($0, 9e9) })
        }
        let always = minutes(day - 3600, day + 86_400), life = minutes(lifeStart, lifeEnd)
        func info(_ metric: String, _ cluster: String?, _ labels: [String: String], _ times: [Int] = always) {
            m.add(metric, labels: Self.labels(cluster, labels), points: times.map { ($0, 1) })
        }
        info("kube_pod_owner", "prod", ["namespace": "shop", "pod": "web-5d8f7-abcde", "uid": "u1", "owner_kind": "ReplicaSet", "owner_name": "web-5d8f7", "owner_is_controller": "true"])
        info("kube_pod_owner", "prod", ["namespace": "kube-system", "pod": "fluent-x1", "uid": "u2", "owner_kind": "DaemonSet", "owner_name": "fluent", "owner_is_controller": "true"])
        info("kube_pod_owner", "prod", ["namespace": "ops", "pod": "backup-29000000-q7x", "uid": "u3", "owner_kind": "Job", "owner_name": "backup-29000000", "owner_is_controller": "true"], life)
        info("kube_pod_owner", "prod", ["namespace": "default", "pod": "debug", "uid": "u4", "owner_kind": "<none>", "owner_name": "<none>", "owner_is_controller": "<none>"])
        info("kube_pod_owner", nil, ["namespace": "edge", "pod": "probe-z", "uid": "u5", "owner_kind": "DaemonSet", "owner_name": "probe", "owner_is_controller": "true"])
        info("kube_replicaset_owner", "prod", ["namespace": "shop", "replicaset": "web-5d8f7", "owner_kind": "Deployment", "owner_name": "web", "owner_is_controller": "true"])
        info("kube_replicaset_owner", "prod", ["namespace": "shop", "replicaset": "web-4c1a2", "owner_kind": "Deployment", "owner_name": "web", "owner_is_controller": "true"])
        info("kube_job_owner", "prod", ["namespace": "ops", "job_name": "backup-29000000", "owner_kind": "CronJob", "owner_name": "backup", "owner_is_controller": "true"], life)
        for (pod, namespace, node, times) in [
            ("web-5d8f7-abcde", "shop", "node-a", always), ("fluent-x1", "kube-system", "node-b", always),
            ("backup-29000000-q7x", "ops", "node-a", life), ("debug", "default", "node-a", always),
        ] {
            info("kube_pod_info", "prod", ["namespace": namespace, "pod": pod, "node": node, "uid": "u-\(pod)", "host_ip": "10.0.1.1",
                                           "pod_ip": "10.1.0.7", "created_by_kind": "x", "created_by_name": "y", "priority_class": "", "host_network": "false"], times)
        }
        info("kube_node_info", "prod", ["node": "node-a", "provider_id": "aws:///us-east-1a/i-0aaa", "kernel_version": "6.1", "os_image": "Bottlerocket", "internal_ip": "10.0.1.1"])
        info("kube_node_info", "prod", ["node": "node-b", "provider_id": "openstack:///b0b", "kernel_version": "6.1", "os_image": "Ubuntu", "internal_ip": "10.0.1.2"])
        info("kube_pod_labels", "prod", ["namespace": "shop", "pod": "web-5d8f7-abcde", "uid": "u1", "label_app_kubernetes_io_name": "web", "label_team": "payments", "label_pod_template_hash": "5d8f7"])
        info("kube_pod_labels", "prod", ["namespace": "ops", "pod": "backup-29000000-q7x", "uid": "u3", "label_team": "data"], life)
        info("kube_pod_labels", "prod", ["namespace": "default", "pod": "debug", "uid": "u4"])
        return m
    }
}
