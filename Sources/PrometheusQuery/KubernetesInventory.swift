/// What the Kubernetes join queries of one chunk say about pods, ReplicaSets, Jobs and nodes: a
/// pod's workload (its owner, a ReplicaSet resolved to its Deployment and a Job to its CronJob),
/// its node's `resource_id` (from the node's provider id) and its labels. Where several series
/// disagree (a pod's labels changed within the chunk), the one seen last wins.
public struct KubernetesInventory: Sendable {
    /// A namespaced object (pod, ReplicaSet, Job) of one cluster.
    public struct ObjectKey: Sendable, Hashable, Comparable {
        public var cluster: String
        public var namespace: String
        public var name: String

        public init(cluster: String, namespace: String, name: String) {
            self.cluster = cluster; self.namespace = namespace; self.name = name
        }

        public static func < (a: Self, b: Self) -> Bool {
            (a.cluster, a.namespace, a.name) < (b.cluster, b.namespace, b.name)
        }
    }

    /// A workload: the controller kind and name that own a pod.
    public struct Workload: Sendable, Hashable {
        public var kind: String
        public var name: String

        public init(kind: String, name: String) { self.kind = kind; self.name = name }
    }

    /// A value and the time of the last point of the series that said it.
    struct Latest<Value: Sendable>: Sendable {
        var time: Double
        var value: Value
    }

    public let naming: ClusterNaming
    private var podOwners: [ObjectKey: Latest<Workload>] = [:]
    private var replicasetOwners: [ObjectKey: Latest<Workload>] = [:]
    private var jobOwners: [ObjectKey: Latest<Workload>] = [:]
    private var podNodes: [ObjectKey: Latest<String>] = [:]
    /// Keyed by (cluster, "", node name).
    private var nodeProviderIds: [ObjectKey: Latest<String>] = [:]
    private var podLabels: [ObjectKey: Latest<[String: String]>] = [:]
    /// Series of a join that lacked a label the join needs, left out.
    public private(set) var seriesWithoutLabels = 0

    public init(naming: ClusterNaming) { self.naming = naming }

    /// Adds one join query's series.
    public mutating func add(_ series: [QueryResponse.Series], join: KubernetesJoin) {
        for item in series {
            guard let time = item.values.last?.time else { continue }
            let metric = item.metric
            let cluster = naming.cluster(of: metric)
            func key(_ label: String, namespaced: Bool = true) -> ObjectKey? {
                guard let name = metric[label], !name.isEmpty else { return nil }
                if !namespaced { return ObjectKey(cluster: cluster, namespace: "", name: name) }
                guard let namespace = metric["namespace"], !namespace.isEmpty else { return nil }
                return ObjectKey(cluster: cluster, namespace: namespace, name: name)
            }
            var owner: Workload? {
                guard let kind = metric["owner_kind"], let name = metric["owner_name"] else { return nil }
                return Workload(kind: kind, name: name)
            }
            switch join {
            case .podOwners:
                guard let key = key("pod"), let owner else { seriesWithoutLabels += 1; continue }
                Self.keepLatest(&podOwners, key, Latest(time: time, value: owner))
            case .replicasetOwners:
                guard let key = key("replicaset"), let owner else { seriesWithoutLabels += 1; continue }
                Self.keepLatest(&replicasetOwners, key, Latest(time: time, value: owner))
            case .jobOwners:
                guard let key = key("job_name"), let owner else { seriesWithoutLabels += 1; continue }
                Self.keepLatest(&jobOwners, key, Latest(time: time, value: owner))
            case .podNodes:
                guard let key = key("pod"), let node = metric["node"], !node.isEmpty else { seriesWithoutLabels += 1; continue }
                Self.keepLatest(&podNodes, key, Latest(time: time, value: node))
            case .nodeProviderIds:
                guard let key = key("node", namespaced: false), let provider = metric["provider_id"] else { seriesWithoutLabels += 1; continue }
                Self.keepLatest(&nodeProviderIds, key, Latest(time: time, value: provider))
            case .podLabels:
                guard let key = key("pod") else { seriesWithoutLabels += 1; continue }
                Self.keepLatest(&podLabels, key, Latest(time: time, value: Self.podLabels(metric)))
            }
        }
    }

    private static func keepLatest<Value>(_ map: inout [ObjectKey: Latest<Value>], _ key: ObjectKey, _ value: Latest<Value>) {
        if let existing = map[key], existing.time > value.time { return }
        map[key] = value
    }

    /// The pod's workload: its owner, with a ReplicaSet owned by a Deployment resolved to the
    /// Deployment and a Job owned by a CronJob resolved to the CronJob; a pod without owner (or
    /// with owner `<none>`, or unknown to `kube_pod_owner`) is its own workload of kind `Pod`.
    public func workload(of pod: ObjectKey) -> Workload {
        guard let owner = podOwners[pod]?.value, !owner.kind.isEmpty, owner.kind != "<none>", !owner.name.isEmpty else {
            return Workload(kind: "Pod", name: pod.name)
        }
        let parents: [ObjectKey: Latest<Workload>]
        switch owner.kind {
        case "ReplicaSet": parents = replicasetOwners
        case "Job": parents = jobOwners
        default: return owner
        }
        let key = ObjectKey(cluster: pod.cluster, namespace: pod.namespace, name: owner.name)
        guard let parent = parents[key]?.value, !parent.kind.isEmpty, parent.kind != "<none>", !parent.name.isEmpty else { return owner }
        return parent
    }

    /// The name of the pod's node, when `kube_pod_info` said it.
    public func node(of pod: ObjectKey) -> String? { podNodes[pod]?.value }

    /// The `resource_id` of the pod's node (`ProviderID.resourceId` of its provider id); nil when
    /// the node, its provider id or the provider id's form is unknown.
    public func nodeResourceId(of pod: ObjectKey) -> String? {
        guard let node = node(of: pod),
              let provider = nodeProviderIds[ObjectKey(cluster: pod.cluster, namespace: "", name: node)]?.value else { return nil }
        return ProviderID.resourceId(provider)
    }

    /// Nodes whose provider id has no known form (`cluster/node` -> provider id): their pods get no
    /// `node_resource_id`.
    public var unknownProviderIds: [String: String] {
        var result: [String: String] = [:]
        for (key, provider) in nodeProviderIds where ProviderID.resourceId(provider.value) == nil {
            result["\(key.cluster)/\(key.name)"] = provider.value
        }
        return result
    }

    /// The pod's labels (empty when unknown).
    public func labels(of pod: ObjectKey) -> [String: String] { podLabels[pod]?.value ?? [:] }

    /// Kubernetes' recommended label keys, as kube-state-metrics sanitises them (`.`, `/`, `-` to `_`).
    static let recommendedLabels: [String: String] = Dictionary(uniqueKeysWithValues: [
        "name", "instance", "version", "component", "part-of", "managed-by", "created-by",
    ].map { ("app_kubernetes_io_" + $0.replacingOccurrences(of: "-", with: "_"), "app.kubernetes.io/" + $0) })

    /// A `kube_pod_labels` series' `label_*` labels, the prefix stripped; the sanitised names of
    /// Kubernetes' recommended labels restored (`label_app_kubernetes_io_part_of` -> `app.kubernetes.io/part-of`).
    static func podLabels(_ metric: [String: String]) -> [String: String] {
        var labels: [String: String] = [:]
        for (name, value) in metric where name.hasPrefix("label_") && name.count > 6 {
            let key = String(name.dropFirst(6))
            labels[recommendedLabels[key] ?? key] = value
        }
        return labels
    }
}
