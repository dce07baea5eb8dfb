/// How series name their cluster: the `label` label (`prometheus.kubernetes.cluster_label`), else
/// `defaultName` (`cluster_name`).
public struct ClusterNaming: Sendable, Hashable {
    public var label: String
    public var defaultName: String

    public init(label: String, defaultName: String) {
        self.label = label
        self.defaultName = defaultName
    }

    /// The cluster of a series with these labels.
    public func cluster(of metric: [String: String]) -> String {
        if let value = metric[label], !value.isEmpty { return value }
        return defaultName
    }
}

/// A `container_usage_samples` measure column that a Kubernetes query fills.
public enum ContainerColumn: Int, Sendable, Hashable, CaseIterable {
    case cpuRequest, cpuLimit, cpuUsage, memoryRequest, memoryLimit, memoryUsage

    /// The column's name in `container_usage_samples`.
    public var columnName: String {
        switch self {
        case .cpuRequest: return "cpu_request_cores"
        case .cpuLimit: return "cpu_limit_cores"
        case .cpuUsage: return "cpu_usage_cores"
        case .memoryRequest: return "memory_request_bytes"
        case .memoryLimit: return "memory_limit_bytes"
        case .memoryUsage: return "memory_usage_bytes"
        }
    }
}

/// One container measure's PromQL template and its column.
public struct ContainerMeasureQuery: Sendable, Hashable {
    /// e.g. `prometheus.kubernetes.cpu_request` (named in errors).
    public var policyKey: String
    public var column: ContainerColumn
    public var template: String

    public init(policyKey: String, column: ContainerColumn, template: String) {
        self.policyKey = policyKey
        self.column = column
        self.template = template
    }
}

/// What a Kubernetes join query tells, and the labels its series carry.
public enum KubernetesJoin: Sendable, Hashable, CaseIterable {
    /// `kube_pod_owner`: `namespace`, `pod`, `owner_kind`, `owner_name`.
    case podOwners
    /// `kube_replicaset_owner`: `namespace`, `replicaset`, `owner_kind`, `owner_name`.
    case replicasetOwners
    /// `kube_job_owner`: `namespace`, `job_name`, `owner_kind`, `owner_name`.
    case jobOwners
    /// `kube_pod_info`: `namespace`, `pod`, `node`.
    case podNodes
    /// `kube_node_info`: `node`, `provider_id`.
    case nodeProviderIds
    /// `kube_pod_labels`: `namespace`, `pod`, `label_*`.
    case podLabels
}

/// One join's PromQL template.
public struct KubernetesJoinQuery: Sendable, Hashable {
    public var policyKey: String
    public var join: KubernetesJoin
    public var template: String

    public init(policyKey: String, join: KubernetesJoin, template: String) {
        self.policyKey = policyKey
        self.join = join
        self.template = template
    }
}
