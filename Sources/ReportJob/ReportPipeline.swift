import BillingStore
import CivilTime
import CostModel
import Foundation
import Logging
import Postgres
import Reports

/// Everything one report run needs, resolved at the edge (flags, file, defaults).
public struct ReportConfiguration: Sendable {
    public var connection: ConnectionOptions
    public var window: ReportWindow
    public var outputDirectory: URL
    public var queriesDirectory: URL
    public var policy: PolicyFile
    /// The policy as YAML, printed in the report's methodology section (a text that can be
    /// computed while the run starts).
    public var policyText: Handoff<String, any Error>
    public var runId: String
    /// The run's start time (an input: renderers never read the clock).
    public var startedAt: Date
    /// Run everything but publication.
    public var dryRun: Bool = false
    /// Data-quality gates; a failed gate still publishes the report, then exits with its own code.
    public var qualityGates: [QualityGate] = []
    /// Also write `costreport.prom` here (node_exporter textfile collector), atomically.
    public var textfileDirectory: URL?
    /// Record runs and findings in the `costreport` schema and compare with the previous run there.
    /// Off (`--no-history`, read-only replicas): compare with the previous report folder instead.
    public var useHistory = true

    public init(connection: ConnectionOptions, window: ReportWindow, outputDirectory: URL, queriesDirectory: URL,
                policy: PolicyFile, policyText: Handoff<String, any Error>, runId: String, startedAt: Date) {
        self.connection = connection; self.window = window; self.outputDirectory = outputDirectory
        self.queriesDirectory = queriesDirectory; self.policy = policy; self.policyText = policyText
        self.runId = runId; self.startedAt = startedAt
    }

    /// The report folder's name: the last day of data in the window.
    public var folderName: String { UTCText.day(asOf) }

    /// `policyText`, or what kept it from being written.
    var policyTextOrProblem: String {
        do { return try policyText.wait() } catch { return "(the policy could not be written as YAML: \(error))" }
    }

    /// UTC midnight of the last day of data in the window (the run's as-of date).
    public var asOf: Date {
        Date(timeIntervalSince1970: ((window.end.timeIntervalSince1970 - 1) / 86_400).rounded(.down) * 86_400)
    }
}

/// What a finished run produced.
public struct RunOutcome: Sendable {
    /// The published folder (nil for a dry run).
    public var folder: URL?
    public var model: ReportModel
    public var files: [RenderedFile]
    public var durationSeconds: Double
    /// Gates that failed (the report is published all the same).
    public var failedGates: [String]

    /// The one-line summary printed on stdout at the end.
    public var summaryLine: String {
        let totals = model.attribution.totals.map { "\(Money.plain($0.amounts.effectiveCost, scale: Money.minorUnitDigits($0.currency))) \($0.currency)" }
        let plan = model.findings.plan.monthlyTotal.keys.sorted().map {
            "\(Money.plain(model.findings.plan.monthlyTotal[$0]!, scale: Money.minorUnitDigits($0))) \($0)/month"
        }
        return "window \(DateText.window(model.run.window)): effective cost \(totals.isEmpty ? "0" : totals.joined(separator: ", ")); "
            + "plan saves \(plan.isEmpty ? "0" : plan.joined(separator: ", ")); \(model.findings.findings.count) findings; "
            + (folder.map { "report \($0.path)" } ?? "dry run, nothing written")
    }
}

/// The nightly pipeline: load → attribute → recommend → plan → render → publish.
public enum ReportPipeline {
    /// Runs the whole report.
    /// - Throws: `JobError.anotherRunInProgress`, `JobError.historyNotRecorded` (report published),
    ///   `PostgresError`, `PublishError`, `StoreError`.
    public static func run(_ configuration: ReportConfiguration, logger: Logger) throws -> RunOutcome {
        let clock = ContinuousClock.now
        let queries = try QueryFolder(directory: configuration.queriesDirectory)
        // A dry run writes nothing (no rollup refresh, no publication, no history), so it takes no
        // run lock, like `check`: dry runs may overlap each other and a real run.
        let snapshot = try Snapshot(
            options: configuration.connection, settings: configuration.policy.job, logger: logger,
            takeLock: !configuration.dryRun, refreshRollups: configuration.policy.job.useRollups && !configuration.dryRun)
        defer { snapshot.releaseLock() }
        let logQuery: (String, Int, Double) -> Void = { name, rows, seconds in
            logger.info("query done", metadata: ["query": "\(name)", "rows": "\(rows)", "seconds": "\(String(format: "%.3f", seconds))"])
        }
        let store = BillingStore(connection: snapshot.connection, queries: queries)
        store.onQuery = logQuery
        let openCompanion = { () -> BillingStore? in
            snapshot.openCompanion(options: configuration.connection, settings: configuration.policy.job, logger: logger)
            let companion = snapshot.companion.map { BillingStore(connection: $0, queries: queries) }
            companion?.onQuery = logQuery
            return companion
        }
        let loaded = try load(store, openCompanion: openCompanion, configuration: configuration)
        try snapshot.finish()
        logger.info("data source", metadata: ["source": "\(loaded.source)"])
        let dataSources = [snapshot.connection.target, "queries \(queries.directory.path)", loaded.source]
        var model = analyse(loaded, configuration: configuration, dataSources: dataSources)
        let history = RunHistoryStore(connection: snapshot.connection)
        let previous = try previousRun(history, configuration: configuration, model: &model, logger: logger)
        model.history = FindingHistory.compare(
            current: model.findings.findings, previous: previous, asOf: configuration.asOf,
            currentMonthlyCost: monthlyCostByResource(
                model.findings.resourceCosts, of: previous?.findings.map(\.resourceId) ?? [], window: loaded.data.window,
                policy: configuration.policy.findings))
        // The rows read are not needed from here on: freed on a thread of their own while the
        // files render, not on this one before (10 ms with one core idle in a per-thread timeline).
        releaseInBackground(loaded)
        logger.info("analysed", metadata: [
            "findings": "\(model.findings.findings.count)", "plan_steps": "\(model.findings.plan.steps.count)",
            "diagnostics": "\(model.diagnostics.count)",
        ])
        for diagnostic in model.diagnostics where diagnostic.severity >= .warning {
            logger.warning("\(diagnostic.message)", metadata: ["code": "\(diagnostic.code)"])
        }
        var files = ReportFiles.render(model)
        let elapsed = ContinuousClock.now - clock
        let duration = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let prometheus = RenderedFile(name: "costreport.prom", contents: PrometheusText.render(model, durationSeconds: duration))
        files.append(prometheus)
        let failedGates = configuration.qualityGates.compactMap { $0.failure(in: model) }

        var folder: URL?
        if !configuration.dryRun {
            let publisher = Publisher(outputDirectory: configuration.outputDirectory, retention: configuration.policy.job.retentionRuns)
            publisher.removeStaleTemporaryFolders()
            folder = try publisher.publish(
                files: files.map { ($0.name, Data($0.contents.utf8)) }, folderName: configuration.folderName,
                runId: configuration.runId)
            if let textfileDirectory = configuration.textfileDirectory {
                try TextfilePublisher.write(prometheus, into: textfileDirectory, runId: configuration.runId)
            }
            logger.info("published", metadata: ["folder": "\(folder!.path)", "files": "\(files.count)"])
            if configuration.useHistory {
                try record(model, previous: previous, in: history, configuration: configuration, folder: folder!, logger: logger)
            }
        }
        return RunOutcome(folder: folder, model: model, files: files, durationSeconds: duration, failedGates: failedGates)
    }

    /// Everything the analysis needs, read inside one snapshot. Memory depends on resources, days
    /// and services; billing rows and usage samples are aggregated by PostgreSQL.
    struct Loaded {
        var data: LoadedData
        var monthToDate: MonthToDateInput
        /// Problems met while reading (invalid tags, invalid usage samples, unusable rollups).
        var diagnostics: [Diagnostic]
        /// Where charges and usage were read from: the raw tables or the rollups.
        var source: String
        /// Node cost split over containers in the window and the previous one (nil without
        /// container queries or table).
        var containers: ContainerAllocation? = nil
        var previousContainers: ContainerAllocation? = nil
        /// Who owns each resource, the findings and the capacity runway (computed while the
        /// allocation is read).
        var ownership: [String: Ownership]
        var findings: FindingsResult
        var capacity: [CapacityForecast]
    }

    /// The window's charges, the previous window's and those of the month to date, and what else
    /// the findings need besides the usage: the previous window's requests and the commitments.
    private struct Charges {
        var charges: [ChargeGroup]
        var previousCharges: [ChargeGroup]
        var monthToDate: [ChargeGroup]
        var previousRequests: [String: Double]
        var commitments: Commitments
    }

    /// The usage statistics, per resource its full weeks' histograms, and the containers' usage.
    private struct Usage {
        var usage: [UsageSummary]
        var weekly: [String: [WeeklyUsage]]
        var containers: [ContainerUsageSummary]
    }

    /// Node cost split over containers in the window and the previous one.
    private typealias Allocations = (window: ContainerAllocation?, previous: ContainerAllocation?)

    /// The resources and the instance catalog.
    private struct Inventory {
        var resources: [Resource]
        var catalog: [InstanceType]
    }

    /// The loaded data with its owners, findings and capacity runway.
    private struct Analysed {
        var data: LoadedData
        var ownership: [String: Ownership]
        var findings: FindingsResult
        var capacity: [CapacityForecast]
    }

    /// Reads everything in the snapshot and computes the findings and the capacity runway, which
    /// need no container allocation. With the rollups, on two connections in the same snapshot:
    /// the inventory, the charges and the small queries, then the container allocation, on
    /// `store`; the usage statistics and the containers' usage on a second connection
    /// (`openCompanion`, opened on the second thread), then the findings and the capacity runway
    /// on that thread once the charges are there (the allocation overlaps the findings:
    /// BENCHMARKS.md). Otherwise
    /// everything in turn on `store`. On the rollups the job's own decoding is most of the time,
    /// and two threads share it; on the raw tables PostgreSQL's parallel workers already use the
    /// cores, and two connections were no faster (BENCHMARKS.md).
    static func load(_ store: BillingStore, openCompanion: @escaping () -> BillingStore? = { nil },
                     configuration: ReportConfiguration) throws -> Loaded {
        let window = configuration.window
        let usageSettings = configuration.policy.usageQuerySettings
        let choice = try RollupChoice.apply(
            to: store, window: window, settings: usageSettings, enabled: configuration.policy.job.useRollups)
        // Not on a sharded coordinator, where a second session would open transactions of its own on the shards.
        let twoConnections = try store.rollups != nil && store.foreignPartitionCount() == 0
        let kubernetes = configuration.policy.kubernetes
        let owners = ContainerOwnershipResolver(tagKeys: configuration.policy.attribution.tagKeys, policy: kubernetes)
        let resolve: ContainerAllocator.OwnerResolver = { namespace, labels, name in
            owners.resolve(namespace: namespace, labels: labels, container: name)
        }
        let readCharges = { () throws -> Charges in
            let charges = try store.charges(in: window)
            let previous = try store.charges(in: window.previous)
            // Month to date: taken from the window's charges (grouped per UTC day) when the month
            // starts inside the window, read with its own query otherwise.
            let monthStart = Self.monthStart(of: window.end)
            let monthToDate: [ChargeGroup]
            if monthStart >= window.end {
                monthToDate = []
            } else if monthStart >= window.start {
                monthToDate = charges.filter { $0.day >= monthStart }
            } else {
                monthToDate = try store.charges(in: ReportWindow(start: monthStart, end: window.end))
            }
            return Charges(
                charges: charges, previousCharges: previous, monthToDate: monthToDate,
                previousRequests: try store.requests(in: window.previous), commitments: try store.commitments(in: window))
        }
        let readUsage = { (store: BillingStore) throws -> Usage in
            let (usage, weekly) = try store.usageAndWeeklyUsage(in: window, settings: usageSettings)
            return Usage(usage: usage, weekly: weekly, containers: try store.containerUsage(in: window))
        }
        let readAllocations = { (inventory: Inventory) throws -> Allocations in
            let containers = try store.containerAllocation(
                in: window, settings: kubernetes.allocationSettings, resources: inventory.resources,
                catalog: inventory.catalog, resolveOwner: resolve)
            return (containers, containers == nil ? nil : try store.containerAllocation(
                in: window.previous, settings: kubernetes.allocationSettings, resources: inventory.resources,
                catalog: inventory.catalog, resolveOwner: resolve))
        }
        // The loaded data, the owners, the findings and the capacity runway, once the usage is read.
        let computeFindings = { (inventory: Inventory, charges: Charges, usage: Usage) -> Analysed in
            var data = LoadedData(window: window, charges: charges.charges, previousCharges: charges.previousCharges,
                                  resources: inventory.resources, usage: usage.usage, catalog: inventory.catalog)
            data.weeklyUsage = usage.weekly
            data.previousRequests = charges.previousRequests
            data.commitments = charges.commitments
            data.containers = usage.containers
            let (ownership, findings) = ownershipAndFindings(data, policy: configuration.policy)
            return Analysed(data: data, ownership: ownership, findings: findings,
                            capacity: Trends.capacity(data, ownership: ownership, policy: configuration.policy.findings))
        }
        // Handed from the first connection's thread to the second's: the inventory and the charges.
        let charged = Handoff<(Inventory, Charges), any Error>()
        var companion: BillingStore?
        let (analysedBeside, (inventory, charges, containers)) = try concurrently({ () throws -> Analysed? in
            guard twoConnections, let opened = openCompanion() else { return nil }
            opened.rollups = store.rollups
            companion = opened
            let usage = try readUsage(opened)
            let (inventory, charges) = try charged.wait()
            return computeFindings(inventory, charges, usage)
        }, { () throws -> (Inventory, Charges, Allocations) in
            let read = Result { (Inventory(resources: try store.resources(), catalog: try store.instanceTypes()), try readCharges()) }
            charged.fulfil(read)
            let (inventory, charges) = try read.get()
            return (inventory, charges, try readAllocations(inventory))
        })
        let analysed = try analysedBeside ?? computeFindings(inventory, charges, readUsage(store))
        let data = analysed.data

        var diagnostics: [Diagnostic] = []
        for reader in [store] + (companion.map { [$0] } ?? []) {
            reader.collectDiagnostics()
            diagnostics += reader.diagnostics
        }
        diagnostics += choice.diagnostic.map { [$0] } ?? []
        let invalid = data.usage.filter { $0.invalidSamples > 0 }
        if !invalid.isEmpty {
            let examples = invalid.prefix(3).map(\.resourceId).joined(separator: ", ")
            diagnostics.append(Diagnostic(
                .warning, code: "invalid_usage_samples",
                "\(invalid.reduce(0) { $0 + $1.invalidSamples }) usage samples of \(invalid.count) resource(s) (e.g. \(examples)) have a NaN or infinite CPU or memory utilisation; they were left out of the statistics"))
        }
        return Loaded(data: data, monthToDate: MonthToDateInput(asOf: window.end, charges: charges.monthToDate), diagnostics: diagnostics,
                      source: choice.source, containers: containers.window, previousContainers: containers.previous,
                      ownership: analysed.ownership, findings: analysed.findings, capacity: analysed.capacity)
    }

    /// Attribution, findings and the plan: pure.
    static func analyse(_ loaded: Loaded, configuration: ReportConfiguration, dataSources: [String]) -> ReportModel {
        let policy = configuration.policy
        let attribution = Attribution.run(
            AttributionInput(loaded.data, monthToDate: loaded.monthToDate, containers: loaded.containers,
                             previousContainers: loaded.previousContainers),
            policy: policy.attribution)
        let (ownership, findings) = (loaded.ownership, loaded.findings)
        let trends = Trends.compute(loaded.data, attribution: attribution, ownership: ownership, capacity: loaded.capacity)
        let diagnostics = (loaded.diagnostics + attribution.diagnostics + findings.diagnostics)
            .sorted { ($1.severity, $0.code) < ($0.severity, $1.code) }
        let run = ReportModel.Run(
            runId: configuration.runId, generatedAt: configuration.startedAt, window: loaded.data.window,
            asOfLabel: configuration.folderName, dataSources: dataSources, policyText: configuration.policyTextOrProblem,
            findingsPolicy: policy.findings, histogramBuckets: policy.usageQuerySettings.buckets)
        return ReportModel(run: run, attribution: attribution, findings: findings, diagnostics: diagnostics, trends: trends,
                           commitments: loaded.data.commitments)
    }

    /// Each resource's owner and the findings and plan.
    private static func ownershipAndFindings(_ data: LoadedData, policy: PolicyFile) -> (ownership: [String: Ownership], findings: FindingsResult) {
        let resolver = OwnershipResolver(tagKeys: policy.attribution.tagKeys)
        var ownership: [String: Ownership] = [:]
        for resource in data.resources { ownership[resource.id] = resolver.ownership(of: resource, chargeTags: [:]) }
        // A commitment outside the inventory is owned as the tags of its own charges say.
        let commitmentIds = Set(data.commitments.utilization.map(\.commitmentId)).subtracting(ownership.keys)
        for group in data.charges where group.resourceId.map(commitmentIds.contains) == true && ownership[group.resourceId!] == nil {
            ownership[group.resourceId!] = resolver.ownership(of: nil, chargeTags: group.tags)
        }
        let usage = Dictionary(data.usage.map { ($0.resourceId, $0) }, uniquingKeysWith: { first, _ in first })
        let findings = FindingEngine.run(
            FindingsInput(window: data.window, resources: data.resources, ownership: ownership,
                          usage: usage, charges: data.charges, catalog: data.catalog,
                          commitments: data.commitments.utilization,
                          containers: data.containers, kubernetes: policy.kubernetes,
                          tagKeys: policy.attribution.tagKeys),
            policy: policy.findings)
        return (ownership, findings)
    }

    /// The previous run: from the `costreport` schema, or from the previous report folder with
    /// `--no-history`. A missing history schema or one this role cannot read is the documented
    /// warning (`history_unavailable`); any other error (a lost connection) fails the run.
    static func previousRun(_ history: RunHistoryStore, configuration: ReportConfiguration, model: inout ReportModel,
                            logger: Logger) throws -> PreviousRun? {
        guard configuration.useHistory else {
            return PreviousReport.read(outputDirectory: configuration.outputDirectory, before: configuration.asOf)
        }
        do {
            return try history.previousRun(before: configuration.asOf)
        } catch where RunHistoryStore.isUnavailable(error) {
            model.diagnostics.append(Diagnostic(
                .warning, code: "history_unavailable",
                "run history could not be read (\(error)): findings are not compared with the last run; run `costreport db init` to create the costreport schema, or pass --no-history"))
            logger.warning("history unavailable", metadata: ["error": "\(error)"])
            return nil
        }
    }

    /// Records the run and its findings after publication. A read-only replica (SQLSTATE 25006),
    /// a missing history schema or missing privileges is the documented warning; any other
    /// error (a lost connection) fails the run with the published report kept.
    /// - Throws: `JobError.historyNotRecorded`.
    static func record(_ model: ReportModel, previous: PreviousRun?, in history: RunHistoryStore,
                       configuration: ReportConfiguration, folder: URL, logger: Logger) throws {
        let record = RunHistoryStore.RunRecord(
            runId: configuration.runId, startedAt: configuration.startedAt, window: configuration.window,
            asOf: configuration.asOf,
            totals: model.attribution.totals.map {
                .init(currency: $0.currency, billedCost: $0.amounts.billedCost, effectiveCost: $0.amounts.effectiveCost)
            },
            findings: FindingHistory.records(of: model.findings.findings, asOf: configuration.asOf, previous: previous))
        do {
            try history.record(record)
            logger.info("history recorded", metadata: ["findings": "\(record.findings.count)"])
        } catch where RunHistoryStore.isUnavailable(error) {
            logger.warning("history not recorded", metadata: ["error": "\(error)"])
        } catch {
            throw JobError.historyNotRecorded(folder: folder.path, reason: "\(error)")
        }
    }

    /// The effective cost per month in this window of `resources` (those of the previous run's
    /// findings), for realised savings.
    static func monthlyCostByResource(_ costs: [String: [String: ResourceCost]], of resources: [String], window: ReportWindow,
                                      policy: FindingsPolicy) -> [String: Decimal] {
        var monthly: [String: Decimal] = [:]
        for id in resources where monthly[id] == nil {
            monthly[id] = costs[id].flatMap(ResourceCost.primary)?
                .monthlyEffectiveCost(window: window, hoursPerMonth: policy.hoursPerMonthDecimal)
        }
        return monthly
    }

    /// UTC midnight of the first day of the month of `asOf` (the window's exclusive end): month
    /// to date is `[monthStart, asOf)`, empty on the 1st (no day of the month has elapsed).
    static func monthStart(of asOf: Date) -> Date { CivilCalendar.monthStart(of: asOf) }
}
