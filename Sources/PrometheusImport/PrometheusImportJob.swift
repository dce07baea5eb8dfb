import BillingStore
import CivilTime
import Contract
import Foundation
import Logging
import Postgres
import PrometheusQuery

/// What `costreport import prometheus` is asked to do.
public struct PrometheusImportRequest: Sendable {
    public var connection: ConnectionOptions
    /// The `prometheus` policy section (its `url` already overridden by `--url`).
    public var settings: PrometheusSettings
    /// The range `[start, end)` of `sampled_at`.
    public var start: Date
    public var end: Date
    /// Retries of a request that failed to connect, timed out or got a 5xx answer. Default 3.
    public var retries: Int = 3
    /// The first retry's delay, seconds; doubles with each retry. Default 1.
    public var retryBaseDelaySeconds: Double = 1
    /// The longest chunk, seconds (one transaction and one request per measure). Default one day.
    public var chunkSeconds: Int = 86_400

    public init(connection: ConnectionOptions, settings: PrometheusSettings, start: Date, end: Date) {
        self.connection = connection
        self.settings = settings
        self.start = start
        self.end = end
    }
}

/// What an import did.
public struct PrometheusImportSummary: Sendable {
    public var chunks = 0
    /// `usage_samples` rows written.
    public var rowsWritten = 0
    /// Rows of earlier imports of the same ranges and resources, replaced.
    public var rowsReplaced = 0
    /// Distinct resources written.
    public var resources = 0
    public var statistics = SampleStatistics()
    /// `container_usage_samples` rows written.
    public var containerRowsWritten = 0
    /// Container samples of earlier imports of the same ranges and clusters, replaced.
    public var containerRowsReplaced = 0
    /// Distinct containers (cluster, namespace, pod, container) written.
    public var containers = 0
    /// Clusters written, sorted.
    public var clusters: [String] = []
    public var containerStatistics = ContainerStatistics()
    /// Nodes whose provider id has no known form (`cluster/node` -> provider id): no `node_resource_id`.
    public var unknownProviderIds: [String: String] = [:]
    /// Whether any Kubernetes measure was queried (the summary line then tells the container side).
    public var queriedContainers = false
    public var seconds: Double = 0

    /// The one line printed at the end.
    public var line: String {
        var text = "imported \(rowsWritten) usage samples (\(statistics.points) values) for \(resources) resources in \(chunks) chunk\(chunks == 1 ? "" : "s"), \(String(format: "%.1f", seconds)) s"
        if rowsReplaced > 0 { text += "; \(rowsReplaced) earlier samples replaced" }
        if statistics.nonFiniteValues > 0 { text += "; \(statistics.nonFiniteValues) NaN/Inf values left out" }
        if !statistics.unknownResources.isEmpty { text += "; \(statistics.unknownResources.count) label values not in resources, not written" }
        if queriedContainers {
            text += "; \(containerRowsWritten) container samples (\(containerStatistics.points) values) for \(containers) containers in \(clusters.count) cluster\(clusters.count == 1 ? "" : "s")"
            if containerRowsReplaced > 0 { text += ", \(containerRowsReplaced) earlier container samples replaced" }
            if containerStatistics.nonFiniteValues > 0 { text += ", \(containerStatistics.nonFiniteValues) NaN/Inf container values left out" }
            if !unknownProviderIds.isEmpty { text += ", \(unknownProviderIds.count) nodes with an unknown provider id (no node_resource_id)" }
        }
        return text
    }
}

/// `costreport import prometheus`: reads the machine and Kubernetes queries of the policy from the
/// Prometheus HTTP API, chunk by chunk, and writes `usage_samples` and `container_usage_samples`.
/// Each chunk is one transaction that first deletes the chunk's range for the resources and the
/// clusters it writes, so a re-run replaces instead of duplicating and an interrupted import leaves
/// whole chunks. Memory holds one chunk at a time.
public enum PrometheusImportJob {
    /// - Throws: `PrometheusImportError` (nothing to import, unreadable token file, HTTP 4xx),
    ///   `PrometheusQueryError` (Prometheus refused a query; names its policy key),
    ///   `PrometheusClientError` (unreachable), `PostgresError`. The chunk being written is rolled back.
    public static func run(_ request: PrometheusImportRequest, logger: Logger) throws -> PrometheusImportSummary {
        let began = Date()
        let settings = request.settings
        let measures = settings.machines.measures
        let kubernetes = settings.kubernetes
        let containerMeasures = kubernetes.measures
        guard !measures.isEmpty || !containerMeasures.isEmpty else { throw PrometheusImportError.nothingToImport }
        let plan = ChunkPlan(start: request.start, end: request.end, stepSeconds: settings.stepSeconds, chunkSeconds: request.chunkSeconds)
        guard plan.intervalCount > 0 else { throw PrometheusImportError.rangeShorterThanStep(settings.stepSeconds) }
        let client = try PrometheusClient(
            baseURL: settings.url, bearerToken: try settings.bearerTokenFile.map(readToken),
            timeoutSeconds: settings.timeoutSeconds, retries: request.retries, retryBaseDelaySeconds: request.retryBaseDelaySeconds)
        let placeholders = settings.placeholders
        let queries = measures.map { ($0, placeholders.apply(to: $0.template)) }
        let containerQueries = containerMeasures.map { ($0, placeholders.apply(to: $0.template)) }
        // The joins only matter when there are container measures to join them to.
        let joinQueries = containerMeasures.isEmpty ? [] : kubernetes.joins.map { ($0, placeholders.apply(to: $0.template)) }
        logger.info("importing from prometheus", metadata: [
            "url": "\(client.baseURL)", "from": "\(UTCText.preciseTimestamp(request.start))", "to": "\(UTCText.preciseTimestamp(request.end))",
            "step": "\(settings.stepSeconds)s", "window": "\(placeholders.windowSeconds)s", "chunks": "\(plan.chunkCount)",
            "measures": "\((measures.map(\.policyKey) + containerMeasures.map(\.policyKey)).joined(separator: ","))",
            "bearer_token": "\(settings.bearerTokenFile == nil ? "none" : "from file")",
        ])

        let columns = MachineSampleTable.columnNames
        _ = columns.map(UsageSamplesTable.table.index(of:))  // every name is a contract column
        let connection = try Connection(request.connection)
        let store = ImportStore(connection: connection)
        let known = try store.resourceIds()
        var summary = PrometheusImportSummary()
        summary.queriedContainers = !containerMeasures.isEmpty
        var written = Set<String>()
        var containersWritten = Set<ContainerSampleTable.ContainerKey>()
        var clustersWritten = Set<String>()
        /// One query's series for `chunk`.
        func series(_ query: String, policyKey: String, _ chunk: Chunk) throws -> [QueryResponse.Series] {
            let answer = try client.queryRange(
                query, start: chunk.queryStart, end: chunk.queryEnd, stepSeconds: chunk.stepSeconds,
                logger: logger.with(["query": "\(policyKey)"]))
            if answer.status == 401 || answer.status == 403 {
                throw PrometheusImportError.refused(url: client.baseURL, status: answer.status, policyKey: policyKey)
            }
            let response = try QueryResponse.decode(answer.body, httpStatus: answer.status, policyKey: policyKey)
            for warning in response.warnings ?? [] {
                logger.warning("prometheus warning", metadata: ["query": "\(policyKey)", "warning": "\(warning)"])
            }
            return response.data?.result ?? []
        }
        for chunk in plan.chunks {
            let chunkBegan = Date()
            var table = MachineSampleTable(chunk: chunk, resourceLabel: settings.machines.resourceLabel)
            for (measure, query) in queries {
                try table.add(try series(query, policyKey: measure.policyKey, chunk), measure: measure, isKnown: known.contains)
            }
            var containerTable = ContainerSampleTable(chunk: chunk, naming: kubernetes.naming)
            for (measure, query) in containerQueries {
                try containerTable.add(try series(query, policyKey: measure.policyKey, chunk), measure: measure)
            }
            var inventory = KubernetesInventory(naming: kubernetes.naming)
            for (join, query) in joinQueries {
                inventory.add(try series(query, policyKey: join.policyKey, chunk), join: join.join)
            }
            let resources = table.resources
            let clusters = containerTable.clusters
            try store.begin()
            do {
                let replaced = try store.deleteUsageSamples(resourceIds: resources, start: chunk.start, end: chunk.end)
                let rows = try store.copyRows(into: UsageSamplesTable.table.name, columns: columns) { emit in
                    try table.forEachRow(timestamp: UTCText.preciseTimestamp) { try emit($0) }
                }
                let containerReplaced = try store.deleteContainerSamples(clusters: clusters, start: chunk.start, end: chunk.end)
                let containerRows = try Loader(connection: connection).copyContainerUsageSamples { emit in
                    try containerTable.forEachSample(inventory, emit)
                }
                try store.commit()
                summary.rowsWritten += rows
                summary.rowsReplaced += replaced
                summary.containerRowsWritten += containerRows
                summary.containerRowsReplaced += containerReplaced
                logger.info("chunk imported", metadata: [
                    "chunk": "\(chunk.index + 1)/\(plan.chunkCount)", "from": "\(UTCText.preciseTimestamp(chunk.start))",
                    "series": "\(table.statistics.series)", "points": "\(table.statistics.points)", "rows": "\(rows)",
                    "replaced": "\(replaced)", "container_series": "\(containerTable.statistics.series)",
                    "container_rows": "\(containerRows)", "container_replaced": "\(containerReplaced)",
                    "seconds": "\(String(format: "%.2f", Date().timeIntervalSince(chunkBegan)))",
                ])
            } catch {
                store.rollback()
                logger.error("chunk rolled back; the chunks before it are complete", metadata: [
                    "chunk": "\(chunk.index + 1)/\(plan.chunkCount)", "from": "\(UTCText.preciseTimestamp(chunk.start))",
                ])
                throw error
            }
            written.formUnion(resources)
            containersWritten.formUnion(containerTable.containers)
            clustersWritten.formUnion(clusters)
            summary.statistics.merge(table.statistics)
            summary.containerStatistics.merge(containerTable.statistics)
            summary.unknownProviderIds.merge(inventory.unknownProviderIds) { $1 }
            summary.chunks += 1
        }
        summary.resources = written.count
        summary.containers = containersWritten.count
        summary.clusters = clustersWritten.sorted()
        summary.seconds = Date().timeIntervalSince(began)
        report(summary, label: settings.machines.resourceLabel, logger: logger)
        return summary
    }

    private static func report(_ summary: PrometheusImportSummary, label: String, logger: Logger) {
        let statistics = summary.statistics
        if !statistics.unknownResources.isEmpty {
            logger.warning("label values not in resources: their samples are not written (add them to resources first)", metadata: [
                "label": "\(label)", "count": "\(statistics.unknownResources.count)",
                "points": "\(statistics.unknownResources.values.reduce(0, +))",
                "values": "\(statistics.unknownExamples(limit: 10).joined(separator: ","))",
            ])
        }
        if statistics.seriesWithoutLabel > 0 {
            logger.warning("series without the resource label left out", metadata: [
                "label": "\(label)", "series": "\(statistics.seriesWithoutLabel)",
            ])
        }
        if statistics.nonFiniteValues > 0 {
            logger.warning("NaN and Inf values left out", metadata: ["values": "\(statistics.nonFiniteValues)"])
        }
        let containers = summary.containerStatistics
        if !summary.unknownProviderIds.isEmpty {
            logger.warning("nodes with a provider id of unknown form: their containers get no node_resource_id", metadata: [
                "count": "\(summary.unknownProviderIds.count)",
                "nodes": "\(summary.unknownProviderIds.sorted { $0.key < $1.key }.prefix(10).map { "\($0.key)=\($0.value)" }.joined(separator: ","))",
            ])
        }
        if containers.seriesWithoutLabels > 0 {
            logger.warning("container series without namespace, pod or container labels left out", metadata: ["series": "\(containers.seriesWithoutLabels)"])
        }
        if containers.nonFiniteValues > 0 {
            logger.warning("NaN and Inf container values left out", metadata: ["values": "\(containers.nonFiniteValues)"])
        }
        logger.info("prometheus import finished", metadata: [
            "chunks": "\(summary.chunks)", "resources": "\(summary.resources)", "series": "\(statistics.series)",
            "points": "\(statistics.points)", "rows": "\(summary.rowsWritten)", "replaced": "\(summary.rowsReplaced)",
            "seconds": "\(String(format: "%.2f", summary.seconds))",
            "points_per_second": "\(summary.seconds > 0 ? Int(Double(statistics.points) / summary.seconds) : 0)",
            "containers": "\(summary.containers)", "clusters": "\(summary.clusters.joined(separator: ","))",
            "container_points": "\(containers.points)", "container_rows": "\(summary.containerRowsWritten)",
            "container_replaced": "\(summary.containerRowsReplaced)",
        ])
    }

    /// The token file's content without surrounding white space.
    static func readToken(_ path: String) throws -> String {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw PrometheusImportError.tokenFile(path: path, reason: "cannot be read")
        }
        let token = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty else { throw PrometheusImportError.tokenFile(path: path, reason: "is empty") }
        return token
    }
}

/// An import that cannot go on, for a reason the user fixes in the policy or the command line.
public enum PrometheusImportError: Error, CustomStringConvertible, Sendable {
    case nothingToImport
    case rangeShorterThanStep(Int)
    case tokenFile(path: String, reason: String)
    case refused(url: String, status: Int, policyKey: String)

    public var description: String {
        switch self {
        case .nothingToImport:
            return "every query of prometheus.machines and every measure of prometheus.kubernetes is null: nothing to import"
        case .rangeShorterThanStep(let step):
            return "the range is shorter than one step (prometheus.step_seconds = \(step)): widen --from/--to"
        case .tokenFile(let path, let reason):
            return "prometheus.bearer_token_file \(path) \(reason)"
        case .refused(let url, let status, let policyKey):
            return "Prometheus at \(url) refused the query \(policyKey) (HTTP \(status)): check prometheus.bearer_token_file"
        }
    }
}

extension Logger {
    /// A copy carrying more metadata.
    func with(_ metadata: Logger.Metadata) -> Logger {
        var copy = self
        for (key, value) in metadata { copy[metadataKey: key] = value }
        return copy
    }
}
