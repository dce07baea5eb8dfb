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

/// `prometheus.kubernetes`: how clusters are named in the container queries.
public struct KubernetesQueries: Sendable, Codable, Hashable {
    /// The label naming the cluster. Default `cluster`.
    public var clusterLabel: String = "cluster"
    /// The cluster name when the label is absent. Default `default`.
    public var clusterName: String = "default"

    public init() {}

    enum CodingKeys: String, CodingKey { case clusterLabel = "cluster_label", clusterName = "cluster_name" }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        clusterLabel = try c.setting(.clusterLabel, default: "cluster", rule: "a label name", isValid: { !$0.isEmpty })
        clusterName = try c.setting(.clusterName, default: "default", rule: "a non-empty name", isValid: { !$0.isEmpty })
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
