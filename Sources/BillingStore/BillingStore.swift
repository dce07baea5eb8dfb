import CostModel
import Foundation
@_spi(UncheckedSQL) import Postgres

/// Reads the billing database through the files in `queries/` and maps rows to `CostModel`
/// types. Every row is decoded at this boundary, naming the query, column and row on error.
public final class BillingStore {
    public let connection: Connection
    public let queries: QueryFolder
    /// Called after each query with its name, rows and seconds (for logs).
    public var onQuery: (String, Int, Double) -> Void = { _, _, _ in }
    /// When set, charges and usage are read through these queries over the rollup tables
    /// (decide with `rollupStatus()`); otherwise through the raw-table queries.
    public var rollups: QueryFolder.Rollups?
    /// Recoverable data problems met while decoding (e.g. tags that are not a JSON object).
    public private(set) var diagnostics: [Diagnostic] = []
    /// Rows whose tags or labels were not a JSON object, by query name and column.
    private var invalidTags: [QueryColumn: (count: Int, example: String)] = [:]
    /// Parsed tags by their JSON text: charge groups repeat the same few tag sets day after day.
    private var parsedTags: [String: [String: String]] = [:]
    /// One copy of each text the charge dimension sets repeat (accounts, invoices, resource ids,
    /// service names): a resource's sets differ by invoice, and every set names its account.
    private var texts: Set<String> = []

    public init(connection: Connection, queries: QueryFolder) {
        self.connection = connection
        self.queries = queries
    }

    func timed<T>(_ query: Query, _ body: () throws -> (T, Int)) throws -> T {
        let start = Date()
        let (value, rows) = try body()
        onQuery(query.name, rows, Date().timeIntervalSince(start))
        return value
    }

    /// Billing aggregated per account, invoice, currency, category, resource, service, day and tags.
    public func charges(in window: ReportWindow) throws -> [ChargeGroup] {
        guard let rollups else { return try chargeRows(queries.charges, in: window, sets: nil) }
        // The rollup's rows through a cursor: a plain scan, with no parallel plan to lose, whose
        // single-row `PGresult`s (three allocations each) cost the job 7 % of its CPU
        // (BENCHMARKS.md). The raw query aggregates: it stays in single-row mode, planned for all
        // its rows. In binary format: a timestamp costs PostgreSQL less to send than to print.
        return try chargeRows(
            rollups.charges.streamed(.cursor).withBinaryResults(), in: window, sets: try chargeSets(rollups.chargeSets, in: window))
    }

    /// charge_sets_rollup.sql's sets, by set_id (tags that are not a JSON object read as no tags,
    /// each such set counted in the diagnostics).
    private func chargeSets(_ query: Query, in window: ReportWindow) throws -> [Int: ChargeDimensions] {
        try timed(query) {
            var sets: [Int: ChargeDimensions] = [:]
            let rows = try connection.query(query, Self.windowBinds(window)) { row in
                let id = try row.decode(Int.self, "set_id")
                let (dimensions, invalidTags) = try chargeDimensions(row)
                sets[id] = dimensions
                if let invalidTags { countInvalidTags(invalidTags, query: query, column: "tags") }
            }
            return (sets, rows)
        }
    }

    /// The rows of charges.sql, or of charges_rollup.sql, whose rows name a set of `sets` by its
    /// set_id or (the pending days) carry their dimensions.
    private func chargeRows(_ query: Query, in window: ReportWindow, sets: [Int: ChargeDimensions]?) throws -> [ChargeGroup] {
        try timed(query) {
            var groups: [ChargeGroup] = []
            var dimensions = RowBytesCache<ChargeDimensions>(columns: Self.chargeDimensionColumns)
            let rows = try connection.query(query, Self.windowBinds(window)) { row in
                let set: ChargeDimensions
                if let sets, let id = try row.decode(Int?.self, "set_id") {
                    guard let known = sets[id] else { throw Self.unknownChargeSet(id, row: row, query: query) }
                    set = known
                } else {
                    set = try dimensions.value(of: row) { row in
                        let (dimensions, invalidTags) = try chargeDimensions(row)
                        // Not cached: each such row is counted in the diagnostics.
                        if let invalidTags { countInvalidTags(invalidTags, query: query, column: "tags") }
                        return (dimensions, invalidTags == nil)
                    }
                }
                let day = try row.decode(Date.self, "charge_day")
                let amounts = sets == nil ? try ChargeRowAmounts(columnsOf: row) : try ChargeRowAmounts(packedIn: row, query: query)
                groups.append(ChargeGroup(
                    dimensions: set, day: day, billedCost: amounts.billed, effectiveCost: amounts.effective,
                    listCost: amounts.list, lineCount: amounts.lines, chargeHours: amounts.hours))
            }
            return (groups, rows)
        }
    }

    static func unknownChargeSet(_ id: Int, row: Row, query: Query) -> PostgresError {
        PostgresError(
            .decoding, message: "row \(row.rowNumber) names set_id \(id), which charge_sets_rollup.sql did not return for the window",
            hint: "both queries must read the same days of costreport.charges_daily; run `costreport db rollups` if the rollups are damaged",
            queryName: query.name)
    }

    /// The columns `chargeDimensions` reads (and only those): the cache keys a set on their bytes.
    static let chargeDimensionColumns = [
        "billing_account_id", "invoice_id", "billing_currency", "charge_category", "resource_id", "service_name",
        "service_category", "pricing_category", "tags",
    ]

    /// A row's charge dimensions, and its tags' text when they are not a JSON object (read as no
    /// tags; the caller counts it in the diagnostics).
    private func chargeDimensions(_ row: Row) throws -> (value: ChargeDimensions, invalidTags: String?) {
        var tags: [String: String] = [:]
        var invalidTags: String?
        if let text = try row.decode(String?.self, "tags") {
            if let parsed = jsonObjectTags(text) { tags = parsed } else { invalidTags = text }
        }
        let dimensions = ChargeDimensions(
            billingAccountId: shared(try row.decode(String.self, "billing_account_id")),
            invoiceId: try row.decode(String?.self, "invoice_id").map(shared),
            currency: try row.decode(String.self, "billing_currency"),
            chargeCategory: try row.decode(ChargeCategory.self, "charge_category"),
            resourceId: try row.decode(String?.self, "resource_id").map(shared),
            serviceName: try row.decode(String?.self, "service_name").map(shared),
            serviceCategory: try row.decode(String?.self, "service_category").map(shared),
            pricingCategory: try row.decode(PricingCategory?.self, "pricing_category"),
            tags: tags)
        return (dimensions, invalidTags)
    }

    /// The inventory.
    public func resources() throws -> [Resource] {
        try timed(queries.resources) {
            let resources = try connection.all(queries.resources) { row in
                Resource(
                    id: try row.decode(String.self, "resource_id"),
                    kind: try row.decode(ResourceKind.self, "kind"),
                    service: try row.decode(String?.self, "service"),
                    team: try row.decode(String?.self, "team"),
                    tier: try row.decode(Int?.self, "tier"),
                    environment: try row.decode(String?.self, "environment"),
                    providerName: try row.decode(String?.self, "provider_name"),
                    regionId: try row.decode(String?.self, "region_id"),
                    instanceType: try row.decode(String?.self, "instance_type"),
                    vcpus: try row.decode(Decimal?.self, "vcpus"),
                    memoryGiB: try row.decode(Decimal?.self, "memory_gib"),
                    storageGiB: try row.decode(Decimal?.self, "storage_gib"),
                    storageClass: try row.decode(String?.self, "storage_class"),
                    state: try row.decode(ResourceState?.self, "state"),
                    attachedTo: try row.decode(String?.self, "attached_to"),
                    pricingModel: try row.decode(PricingModel?.self, "pricing_model"),
                    createdAt: try row.decode(Date?.self, "created_at"),
                    lastActiveAt: try row.decode(Date?.self, "last_active_at"),
                    tags: try tags(row, query: queries.resources))
            }
            return (resources, resources.count)
        }
    }

    /// The instance catalog.
    public func instanceTypes() throws -> [InstanceType] {
        try timed(queries.instanceTypes) {
            let types = try connection.all(queries.instanceTypes) { row in
                InstanceType(
                    providerName: try row.decode(String.self, "provider_name"),
                    regionId: try row.decode(String.self, "region_id"),
                    name: try row.decode(String.self, "instance_type"),
                    family: try row.decode(String.self, "family"),
                    vcpus: try row.decode(Decimal.self, "vcpus"),
                    memoryGiB: try row.decode(Decimal.self, "memory_gib"),
                    arch: try row.decode(String?.self, "arch"),
                    onDemandHourly: try row.decode(Decimal.self, "on_demand_hourly"),
                    currency: try row.decode(String.self, "currency"))
            }
            return (types, types.count)
        }
    }

    /// Utilisation statistics per resource: days and the hour-of-week profile
    /// (queries/usage_daily.sql), and histogram bucket counts (queries/usage_histograms.sql), or
    /// all of them from usage_days_rollup.sql. Memory grows with resources × days, not with samples.
    public func usage(in window: ReportWindow, settings: UsageQuerySettings) throws -> [UsageSummary] {
        if let rollups { return try usageDays(rollups.usageDays, hourCodes: rollups.usageHourCodes, in: window, settings: settings, weekly: false).usage }
        var builders: [String: UsageBuilder] = [:]
        try timed(queries.usageDaily) {
            let rows = try connection.query(queries.usageDaily, Self.usageDailyBinds(window, settings)) { row in
                let id = try row.decode(String.self, "resource_id")
                try builders[id, default: UsageBuilder(id: id, buckets: settings.buckets, window: window)].add(row, query: queries.usageDaily)
            }
            return ((), rows)
        }
        let histograms = queries.usageHistograms
        try timed(histograms) {
            let usageHistograms = Self.usageHistograms
            let rows = try connection.query(histograms, Self.usageHistogramsBinds(window, settings)) { row in
                let id = try row.decode(String.self, "resource_id")
                let name = try row.decode(String?.self, "histogram")
                guard let histogram = usageHistograms.first(where: { $0.name == name })?.histogram else {
                    throw PostgresError(
                        .decoding, message: "column \"histogram\" in row \(row.rowNumber) is \(name ?? "NULL"), expected cpu, memory or cpu_service_hours",
                        queryName: histograms.name)
                }
                let counts = try Self.bucketCounts(row, query: histograms)
                if !counts.isEmpty {
                    // Mutated in place: a copy of the builder would copy the histogram for every row.
                    builders[id, default: UsageBuilder(id: id, buckets: settings.buckets, window: window)].summary[keyPath: histogram].add(counts)
                }
            }
            return ((), rows)
        }
        return UsageBuilder.finish(&builders)
    }

    /// `usage(in:settings:)` and `weeklyUsage(in:settings:)`; from the rollups in one pass.
    public func usageAndWeeklyUsage(in window: ReportWindow, settings: UsageQuerySettings) throws
        -> (usage: [UsageSummary], weekly: [String: [WeeklyUsage]]) {
        if let rollups { return try usageDays(rollups.usageDays, hourCodes: rollups.usageHourCodes, in: window, settings: settings, weekly: true) }
        return (try usage(in: window, settings: settings), try weeklyUsage(in: window, settings: settings))
    }

    /// The histograms of usage_histograms.sql: the `histogram` names of its rows (the columns of
    /// usage_days_rollup.sql) and where `UsageSummary` keeps them.
    static var usageHistograms: [(name: String, histogram: WritableKeyPath<UsageSummary, UtilizationHistogram>)] {
        [("cpu", \.cpu), ("memory", \.memory), ("cpu_service_hours", \.cpuInServiceHours)]
    }

    /// The bucket count of one row of a raw histogram query (`bucket`, `samples`; a NULL bucket
    /// counts nothing).
    static func bucketCounts(_ row: Row, query: Query) throws -> [(bucket: Int, samples: Int)] {
        guard let bucket = try row.decode(Int?.self, "bucket") else { return [] }
        let samples = try row.decode(Int.self, "samples")
        guard samples >= 0 else { throw negativeSamples(row: row, column: "samples", query: query) }
        return [(bucket, samples)]
    }

    static func negativeSamples(row: Row, column: String, query: Query) -> PostgresError {
        PostgresError(
            .decoding, message: "column \"\(column)\" in row \(row.rowNumber) has a negative number of samples",
            hint: "return numbers of samples (count(*)), as the query's header comment says", queryName: query.name)
    }

    /// `$1` and `$2` of the queries that take only the window: its start and end.
    static func windowBinds(_ window: ReportWindow) -> [Bind] { [.timestamp(window.start), .timestamp(window.end)] }

    static func usageDailyBinds(_ window: ReportWindow, _ settings: UsageQuerySettings) -> [Bind] {
        [.timestamp(window.start), .timestamp(window.end), .text(settings.timeZone)]
    }

    static func usageHistogramsBinds(_ window: ReportWindow, _ settings: UsageQuerySettings) -> [Bind] {
        [.timestamp(window.start), .timestamp(window.end), .text(settings.timeZone),
         .int(settings.serviceHoursStart), .int(settings.serviceHoursEnd), .int(settings.buckets)]
    }

    /// `EXPLAIN (VERBOSE)` of every raw-table query over the big tables (charges.sql,
    /// usage_daily.sql, usage_histograms.sql, usage_weekly_histograms.sql, requests.sql,
    /// commitments.sql and, with the container queries, node_charges.sql) with the parameters a run
    /// binds, in the current transaction's settings: on a sharded coordinator it shows which
    /// aggregates the shards compute (docs/scale-out.md). Returns (query name, plan text) in that order.
    public func explainBigTableQueries(in window: ReportWindow, settings: UsageQuerySettings) throws -> [(query: String, plan: String)] {
        let range = Self.windowBinds(window)
        var explained: [(Query, [Bind])] = [
            (queries.charges, range), (queries.usageDaily, Self.usageDailyBinds(window, settings)),
            (queries.usageHistograms, Self.usageHistogramsBinds(window, settings)),
            (queries.usageWeeklyHistograms, range + [.int(settings.buckets)]), (queries.requests, range), (queries.commitments, range),
        ]
        if let containers = queries.containers { explained.append((containers.nodeCharges, range)) }
        return try explained.map { query, binds in
            let lines = try connection.all(Query(uncheckedName: "explain \(query.name)", sql: "EXPLAIN (VERBOSE) " + query.sql), binds) {
                try $0.decode(String.self, "QUERY PLAN")
            }
            return (query.name, lines.joined(separator: "\n"))
        }
    }

    private struct QueryColumn: Hashable { var query: String; var column: String }

    /// `text`, or the equal text met before (whose storage is then shared).
    func shared(_ text: String) -> String {
        guard texts.count < 100_000 else { return text }  // bounds the memory
        return texts.insert(text).memberAfterInsert
    }

    /// The `tags` column as a dictionary. A value that is not a JSON object (an array, a string,
    /// a number) counts as no tags and is reported once per query as a diagnostic, so one bad row
    /// does not stop the nightly run.
    func tags(_ row: Row, query: Query, column: String = "tags") throws -> [String: String] {
        guard let text = try row.decode(String?.self, column) else { return [:] }
        return tags(text: text, query: query, column: column)
    }

    /// `tags(_:query:column:)` for a value already read.
    func tags(text: String, query: Query, column: String) -> [String: String] {
        parsedTags(text: text, query: query, column: column) ?? [:]
    }

    /// The tags of `text`; nil, counted in the diagnostics, when it is not a JSON object.
    private func parsedTags(text: String, query: Query, column: String) -> [String: String]? {
        if let tags = jsonObjectTags(text) { return tags }
        countInvalidTags(text, query: query, column: column)
        return nil
    }

    /// The tags of `text`; nil when it is not a JSON object.
    private func jsonObjectTags(_ text: String) -> [String: String]? {
        if let tags = parsedTags[text] { return tags }
        guard let tags = Tags.parse(text) else { return nil }
        if parsedTags.count < 100_000 { parsedTags[text] = tags.values }  // bounds the memory
        return tags.values
    }

    /// Counts a row of `query` whose `column` is not a JSON object, for `collectDiagnostics`.
    private func countInvalidTags(_ text: String, query: Query, column: String) {
        let source = QueryColumn(query: query.name, column: column)
        let previous = invalidTags[source]
        invalidTags[source] = ((previous?.count ?? 0) + 1, previous?.example ?? String(text.prefix(60)))
    }

    /// Turns the counts of recoverable decoding problems into diagnostics (call after loading).
    public func collectDiagnostics() {
        for (source, problem) in invalidTags.sorted(by: { ($0.key.query, $0.key.column) < ($1.key.query, $1.key.column) }) {
            diagnostics.append(Diagnostic(
                .warning, code: "invalid_tags",
                "query \(source.query): column \"\(source.column)\" is not a JSON object in \(problem.count) row(s) (e.g. \(problem.example)); those rows were read with no \(source.column). Fix the \(source.column) to a JSON object of strings"))
        }
        invalidTags = [:]
    }

}

/// Parameters of the usage statistics query.
public struct UsageQuerySettings: Sendable {
    /// Time zone of the service hours and hour-of-week profile. Default "UTC".
    public var timeZone: String
    /// Service hours (Monday to Friday), `[start, end)` hours of the day. Default 7 to 19.
    public var serviceHoursStart: Int
    public var serviceHoursEnd: Int
    /// Histogram buckets between 0 and 1. Default 200 (0.5 percentage points each).
    public var buckets: Int

    public init(timeZone: String = "UTC", serviceHoursStart: Int = 7, serviceHoursEnd: Int = 19, buckets: Int = 200) {
        self.timeZone = timeZone
        self.serviceHoursStart = serviceHoursStart
        self.serviceHoursEnd = serviceHoursEnd
        self.buckets = buckets
    }
}

extension UtilizationHistogram {
    /// Adds the counts of one row of a histogram query (`BillingStore.bucketCounts`).
    mutating func add(_ counts: [(bucket: Int, samples: Int)]) {
        for (bucket, samples) in counts { add(bucket: bucket, count: samples) }
    }
}
