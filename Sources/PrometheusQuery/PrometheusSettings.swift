import Foundation
import CostModel

/// The `prometheus` section of the policy file: where Prometheus is and the PromQL templates that
/// `costreport import prometheus` sends (DESIGN §2.3). Every key is optional; `costreport config
/// defaults` prints the defaults.
public struct PrometheusSettings: Sendable, Codable, Hashable {
    /// The Prometheus base URL (`--url` overrides). Default `http://127.0.0.1:9090`.
    public var url: String = "http://127.0.0.1:9090"
    /// A file holding a bearer token sent as `Authorization: Bearer`; never taken from the command
    /// line and never logged. Default none.
    public var bearerTokenFile: String?
    /// The `usage_samples` interval and the query step, seconds. Default 300.
    public var stepSeconds: Int = 300
    /// How often Prometheus scrapes the exporters, seconds (sets `$window`). Default 60.
    public var scrapeIntervalSeconds: Int = 60
    /// Longest one HTTP request may take, seconds. Default 120.
    public var timeoutSeconds: Int = 120
    /// The machine queries (`usage_samples`).
    public var machines: MachineQueries = MachineQueries()
    /// The Kubernetes queries (`container_usage_samples`).
    public var kubernetes: KubernetesQueries = KubernetesQueries()

    public init() {}

    enum CodingKeys: String, CodingKey {
        case url, bearerTokenFile = "bearer_token_file", stepSeconds = "step_seconds"
        case scrapeIntervalSeconds = "scrape_interval_seconds", timeoutSeconds = "timeout_seconds", machines, kubernetes
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = PrometheusSettings()
        url = try c.setting(.url, default: defaults.url, rule: "an http:// or https:// URL", isValid: PrometheusURL.isValid)
        bearerTokenFile = try c.decodeIfPresent(String.self, forKey: .bearerTokenFile)
        stepSeconds = try c.setting(.stepSeconds, default: defaults.stepSeconds, rule: "1 to 86400", isValid: { (1...86_400).contains($0) })
        scrapeIntervalSeconds = try c.setting(
            .scrapeIntervalSeconds, default: defaults.scrapeIntervalSeconds, rule: "1 to 86400", isValid: { (1...86_400).contains($0) })
        timeoutSeconds = try c.setting(.timeoutSeconds, default: defaults.timeoutSeconds, rule: "at least 1", isValid: { $0 >= 1 })
        machines = try c.decodeIfPresent(MachineQueries.self, forKey: .machines) ?? MachineQueries()
        kubernetes = try c.decodeIfPresent(KubernetesQueries.self, forKey: .kubernetes) ?? KubernetesQueries()
    }

    /// Writes `null` for the unset files so the printed defaults show every key.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(url, forKey: .url)
        try c.encodeOptional(bearerTokenFile, forKey: .bearerTokenFile)
        try c.encode(stepSeconds, forKey: .stepSeconds)
        try c.encode(scrapeIntervalSeconds, forKey: .scrapeIntervalSeconds)
        try c.encode(timeoutSeconds, forKey: .timeoutSeconds)
        try c.encode(machines, forKey: .machines)
        try c.encode(kubernetes, forKey: .kubernetes)
    }

    /// The placeholders' values for these settings.
    public var placeholders: QueryPlaceholders {
        QueryPlaceholders(stepSeconds: stepSeconds, scrapeIntervalSeconds: scrapeIntervalSeconds)
    }
}

/// `prometheus.machines`: one PromQL template per `usage_samples` column; `null` skips the column.
public struct MachineQueries: Sendable, Codable, Hashable {
    /// The label whose value is `resources.resource_id`. Default `instance_id`.
    public var resourceLabel: String = "instance_id"
    /// CPU busy fraction of the machine's vCPUs, 0..1 (`cpu_utilization`).
    public var cpu: String? = #"1 - avg by (instance_id) (rate(node_cpu_seconds_total{mode="idle"}[$window]))"#
    /// Used memory fraction, 0..1 (`memory_utilization`).
    public var memory: String? = "1 - avg by (instance_id) (node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes)"
    /// Bytes received and sent during the step (`network_bytes`).
    public var networkBytes: String? = #"(sum by (instance_id) (rate(node_network_receive_bytes_total{device!="lo"}[$window])) + sum by (instance_id) (rate(node_network_transmit_bytes_total{device!="lo"}[$window]))) * $step_seconds"#

    public init() {}

    enum CodingKeys: String, CodingKey { case resourceLabel = "resource_label", cpu, memory, networkBytes = "network_bytes" }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = MachineQueries()
        resourceLabel = try c.setting(.resourceLabel, default: defaults.resourceLabel, rule: "a label name", isValid: { !$0.isEmpty })
        cpu = try c.query(.cpu, default: defaults.cpu)
        memory = try c.query(.memory, default: defaults.memory)
        networkBytes = try c.query(.networkBytes, default: defaults.networkBytes)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(resourceLabel, forKey: .resourceLabel)
        try c.encodeOptional(cpu, forKey: .cpu)
        try c.encodeOptional(memory, forKey: .memory)
        try c.encodeOptional(networkBytes, forKey: .networkBytes)
    }

    /// The measures to import, in column order, each named by its policy key.
    public var measures: [MeasureQuery] {
        [
            (UsageColumn.cpuUtilization, "cpu", cpu), (.memoryUtilization, "memory", memory),
            (.networkBytes, "network_bytes", networkBytes),
        ].compactMap { column, key, template in
            template.map { MeasureQuery(policyKey: "prometheus.machines.\(key)", column: column, template: $0) }
        }
    }
}

/// `prometheus.kubernetes`: how clusters are named, and one PromQL template per
/// `container_usage_samples` measure or join (kube-state-metrics v2 and cAdvisor names); `null`
/// skips it. Measures give one series per (cluster, namespace, pod, container); joins are read as
/// "the latest series of the chunk wins" per pod, ReplicaSet, Job or node.
public struct KubernetesQueries: Sendable, Codable, Hashable {
    /// The label naming the cluster. Default `cluster`.
    public var clusterLabel: String = "cluster"
    /// The cluster name when the label is absent. Default `default`.
    public var clusterName: String = "default"
    /// Requested cores (`cpu_request_cores`).
    public var cpuRequest: String? = #"max by (cluster, namespace, pod, container) (kube_pod_container_resource_requests{resource="cpu"})"#
    /// Core limit (`cpu_limit_cores`).
    public var cpuLimit: String? = #"max by (cluster, namespace, pod, container) (kube_pod_container_resource_limits{resource="cpu"})"#
    /// Mean cores used over the interval (`cpu_usage_cores`).
    public var cpuUsage: String? = #"sum by (cluster, namespace, pod, container) (rate(container_cpu_usage_seconds_total{container!="", container!="POD"}[$window]))"#
    /// Requested bytes (`memory_request_bytes`).
    public var memoryRequest: String? = #"max by (cluster, namespace, pod, container) (kube_pod_container_resource_requests{resource="memory"})"#
    /// Memory limit, bytes (`memory_limit_bytes`).
    public var memoryLimit: String? = #"max by (cluster, namespace, pod, container) (kube_pod_container_resource_limits{resource="memory"})"#
    /// The working set's maximum over the step, bytes (`memory_usage_bytes`).
    public var memoryUsage: String? = #"max by (cluster, namespace, pod, container) (max_over_time(container_memory_working_set_bytes{container!="", container!="POD"}[$step]))"#
    /// Each pod's owner (labels `owner_kind`, `owner_name`).
    public var podOwners: String? = "max by (cluster, namespace, pod, owner_kind, owner_name) (kube_pod_owner)"
    /// Each ReplicaSet's owner, to resolve a pod's ReplicaSet to its Deployment (labels `replicaset`, `owner_kind`, `owner_name`).
    public var replicasetOwners: String? = "max by (cluster, namespace, replicaset, owner_kind, owner_name) (kube_replicaset_owner)"
    /// Each Job's owner, to resolve a pod's Job to its CronJob (labels `job_name`, `owner_kind`, `owner_name`).
    public var jobOwners: String? = "max by (cluster, namespace, job_name, owner_kind, owner_name) (kube_job_owner)"
    /// Each pod's node (label `node`).
    public var podNodes: String? = "max by (cluster, namespace, pod, node) (kube_pod_info)"
    /// Each node's cloud instance (labels `node`, `provider_id`), read into `node_resource_id`.
    public var nodeProviderIds: String? = "max by (cluster, node, provider_id) (kube_node_info)"
    /// Each pod's labels (`label_*` labels, the prefix stripped).
    public var podLabels: String? = "kube_pod_labels"

    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable {
        case clusterLabel = "cluster_label", clusterName = "cluster_name"
        case cpuRequest = "cpu_request", cpuLimit = "cpu_limit", cpuUsage = "cpu_usage"
        case memoryRequest = "memory_request", memoryLimit = "memory_limit", memoryUsage = "memory_usage"
        case podOwners = "pod_owners", replicasetOwners = "replicaset_owners", jobOwners = "job_owners"
        case podNodes = "pod_nodes", nodeProviderIds = "node_provider_ids", podLabels = "pod_labels"
    }

    /// The template keys, in `CodingKeys` order, with their key paths.
    static var templates: [(CodingKeys, WritableKeyPath<KubernetesQueries, String?>)] { [
        (.cpuRequest, \.cpuRequest), (.cpuLimit, \.cpuLimit), (.cpuUsage, \.cpuUsage),
        (.memoryRequest, \.memoryRequest), (.memoryLimit, \.memoryLimit), (.memoryUsage, \.memoryUsage),
        (.podOwners, \.podOwners), (.replicasetOwners, \.replicasetOwners), (.jobOwners, \.jobOwners),
        (.podNodes, \.podNodes), (.nodeProviderIds, \.nodeProviderIds), (.podLabels, \.podLabels),
    ] }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        clusterLabel = try c.setting(.clusterLabel, default: "cluster", rule: "a label name", isValid: { !$0.isEmpty })
        clusterName = try c.setting(.clusterName, default: "default", rule: "a non-empty name", isValid: { !$0.isEmpty })
        let defaults = KubernetesQueries()
        for (key, path) in Self.templates { self[keyPath: path] = try c.query(key, default: defaults[keyPath: path]) }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(clusterLabel, forKey: .clusterLabel)
        try c.encode(clusterName, forKey: .clusterName)
        for (key, path) in Self.templates { try c.encodeOptional(self[keyPath: path], forKey: key) }
    }

    /// How the series name their cluster.
    public var naming: ClusterNaming { ClusterNaming(label: clusterLabel, defaultName: clusterName) }

    /// The measures to import, in `container_usage_samples` column order, each named by its policy key.
    public var measures: [ContainerMeasureQuery] {
        [
            (ContainerColumn.cpuRequest, CodingKeys.cpuRequest, cpuRequest), (.cpuLimit, .cpuLimit, cpuLimit),
            (.cpuUsage, .cpuUsage, cpuUsage), (.memoryRequest, .memoryRequest, memoryRequest),
            (.memoryLimit, .memoryLimit, memoryLimit), (.memoryUsage, .memoryUsage, memoryUsage),
        ].compactMap { column, key, template in
            template.map { ContainerMeasureQuery(policyKey: "prometheus.kubernetes.\(key.rawValue)", column: column, template: $0) }
        }
    }

    /// The joins to read (owners, nodes, provider ids, labels), each named by its policy key.
    public var joins: [KubernetesJoinQuery] {
        [
            (KubernetesJoin.podOwners, CodingKeys.podOwners, podOwners), (.replicasetOwners, .replicasetOwners, replicasetOwners),
            (.jobOwners, .jobOwners, jobOwners), (.podNodes, .podNodes, podNodes), (.nodeProviderIds, .nodeProviderIds, nodeProviderIds),
            (.podLabels, .podLabels, podLabels),
        ].compactMap { join, key, template in
            template.map { KubernetesJoinQuery(policyKey: "prometheus.kubernetes.\(key.rawValue)", join: join, template: $0) }
        }
    }
}

/// A `usage_samples` column a machine measure fills.
public enum UsageColumn: Int, Sendable, Hashable, CaseIterable {
    case cpuUtilization, memoryUtilization, networkBytes

    /// The column's name in `usage_samples`.
    public var columnName: String {
        switch self {
        case .cpuUtilization: return "cpu_utilization"
        case .memoryUtilization: return "memory_utilization"
        case .networkBytes: return "network_bytes"
        }
    }
}

/// One PromQL template and where its values go.
public struct MeasureQuery: Sendable, Hashable {
    /// The policy key the template came from (named in errors), e.g. `prometheus.machines.cpu`.
    public var policyKey: String
    public var column: UsageColumn
    public var template: String

    public init(policyKey: String, column: UsageColumn, template: String) {
        self.policyKey = policyKey
        self.column = column
        self.template = template
    }
}

/// Checks of a Prometheus base URL.
public enum PrometheusURL {
    /// True for an `http://` or `https://` URL with a host.
    public static func isValid(_ text: String) -> Bool {
        let lower = text.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else { return false }
        let rest = text.drop(while: { $0 != "/" }).dropFirst(2)
        return !rest.isEmpty && rest.first != "/"
    }

    /// True when the URL carries a password (`user:secret@host`), which would show in the process list.
    public static func containsPassword(_ text: String) -> Bool {
        guard let schemeEnd = text.range(of: "://") else { return false }
        let authority = text[schemeEnd.upperBound...].prefix(while: { $0 != "/" })
        guard let at = authority.lastIndex(of: "@") else { return false }
        return authority[..<at].contains(":")
    }
}

extension KeyedDecodingContainer {
    /// A query template: the default when the key is missing, nil when it is `null` (the measure is skipped).
    func query(_ key: Key, default fallback: String?) throws -> String? {
        guard contains(key) else { return fallback }
        if try decodeNil(forKey: key) { return nil }
        let text = try decode(String.self, forKey: key)
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: self, debugDescription: "invalid value for '\(key.stringValue)': must be a PromQL query or null")
        }
        return text
    }
}

extension KeyedEncodingContainer {
    mutating func encodeOptional(_ value: String?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
}
