import CostModel
import Foundation
import Postgres

/// Reads the billing database through the files in `queries/` and maps rows to `CostModel`
/// types. Every row is decoded at this boundary, naming the query, column and row on error.
public final class BillingStore {
    public let connection: Connection
    public let queries: QueryFolder
    /// Called after each query with its name, rows and seconds (for logs).
    public var onQuery: (String, Int, Double) -> Void = { _, _, _ in }
    /// Recoverable data problems met while decoding (e.g. tags that are not a JSON object).
    public private(set) var diagnostics: [Diagnostic] = []
    private var invalidTags: [String: (count: Int, example: String)] = [:]

    public init(connection: Connection, queries: QueryFolder) {
        self.connection = connection
        self.queries = queries
    }

    private func timed<T>(_ query: Query, _ body: () throws -> (T, Int)) throws -> T {
        let start = Date()
        let (value, rows) = try body()
        onQuery(query.name, rows, Date().timeIntervalSince(start))
        return value
    }

    /// Billing aggregated per account, invoice, currency, category, resource, service, day and tags.
    public func charges(in window: ReportWindow) throws -> [ChargeGroup] {
        try timed(queries.charges) {
            var groups: [ChargeGroup] = []
            let rows = try connection.query(queries.charges, [.timestamp(window.start), .timestamp(window.end)]) { row in
                groups.append(ChargeGroup(
                    billingAccountId: try row.decode(String.self, "billing_account_id"),
                    invoiceId: try row.decode(String?.self, "invoice_id"),
                    currency: try row.decode(String.self, "billing_currency"),
                    chargeCategory: try row.decode(String.self, "charge_category"),
                    resourceId: try row.decode(String?.self, "resource_id"),
                    serviceName: try row.decode(String?.self, "service_name"),
                    serviceCategory: try row.decode(String?.self, "service_category"),
                    pricingCategory: try row.decode(String?.self, "pricing_category"),
                    day: try row.decode(Date.self, "charge_day"),
                    tags: try tags(row, query: queries.charges),
                    billedCost: try row.decode(Decimal.self, "billed_cost"),
                    effectiveCost: try row.decode(Decimal.self, "effective_cost"),
                    listCost: try row.decode(Decimal.self, "list_cost"),
                    lineCount: try row.decode(Int.self, "line_items"),
                    chargeHours: try row.decode(Double?.self, "charge_hours") ?? 0))
            }
            return (groups, rows)
        }
    }

    /// The inventory.
    public func resources() throws -> [Resource] {
        try timed(queries.resources) {
            let resources = try connection.all(queries.resources) { row in
                Resource(
                    id: try row.decode(String.self, "resource_id"),
                    kind: try row.decode(String.self, "kind"),
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
                    state: try row.decode(String?.self, "state"),
                    attachedTo: try row.decode(String?.self, "attached_to"),
                    pricingModel: try row.decode(String?.self, "pricing_model"),
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

    /// Utilisation statistics per resource, aggregated in one scan (see queries/usage_stats.sql).
    public func usage(in window: ReportWindow, settings: UsageQuerySettings) throws -> [UsageSummary] {
        try timed(queries.usageStats) {
            var builders: [String: UsageSummary] = [:]
            let binds: [Bind] = [
                .timestamp(window.start), .timestamp(window.end), .text(settings.timeZone),
                .int(settings.serviceHoursStart), .int(settings.serviceHoursEnd), .int(settings.buckets),
            ]
            let rows = try connection.query(queries.usageStats, binds) { row in
                let id = try row.decode(String.self, "resource_id")
                var summary = builders[id] ?? UsageSummary(
                    resourceId: id,
                    cpu: UtilizationHistogram(bucketCount: settings.buckets),
                    cpuInServiceHours: UtilizationHistogram(bucketCount: settings.buckets),
                    memory: UtilizationHistogram(bucketCount: settings.buckets))
                let samples = try row.decode(Int.self, "samples")
                switch try row.decode(String?.self, "grain") {
                case "day":
                    let cpuMax = try row.decode(Double?.self, "cpu_max")
                    let memoryMax = try row.decode(Double?.self, "memory_max")
                    let covered = try row.decode(Double?.self, "covered_seconds") ?? 0
                    summary.sampleCount += samples
                    summary.coveredSeconds += covered
                    summary.invalidSamples += try row.decode(Int.self, "invalid_samples")
                    summary.cpuMax = Self.maximum(summary.cpuMax, cpuMax)
                    summary.memoryMax = Self.maximum(summary.memoryMax, memoryMax)
                    if let first = try row.decode(Date?.self, "first_sample") {
                        summary.firstSample = min(summary.firstSample ?? first, first)
                    }
                    if let last = try row.decode(Date?.self, "last_sample") {
                        summary.lastSample = max(summary.lastSample ?? last, last)
                    }
                    summary.days.append(DailyUsage(
                        day: try row.decode(Date.self, "day"), samples: samples, coveredSeconds: covered,
                        cpuAverage: try row.decode(Double?.self, "cpu_average"), cpuMax: cpuMax,
                        networkBytes: try row.decode(Double?.self, "network_bytes"),
                        diskIopsAverage: try row.decode(Double?.self, "disk_iops_average"),
                        requests: try row.decode(Double?.self, "requests"),
                        connectionsMax: try row.decode(Double?.self, "connections_max")))
                case "hour_of_week":
                    summary.hourOfWeek.append(HourOfWeekUsage(
                        isoWeekday: try row.decode(Int.self, "iso_weekday"), hour: try row.decode(Int.self, "hour"),
                        samples: samples, cpuAverage: try row.decode(Double?.self, "cpu_average")))
                case "cpu":
                    if let bucket = try row.decode(Int?.self, "bucket") { summary.cpu.add(bucket: bucket, count: samples) }
                case "memory":
                    if let bucket = try row.decode(Int?.self, "bucket") { summary.memory.add(bucket: bucket, count: samples) }
                case "cpu_service_hours":
                    if let bucket = try row.decode(Int?.self, "bucket") { summary.cpuInServiceHours.add(bucket: bucket, count: samples) }
                case let other:
                    throw PostgresError(
                        .decoding, message: "column \"grain\" in row \(row.rowNumber) is \(other ?? "NULL"), expected day, hour_of_week, cpu, memory or cpu_service_hours",
                        queryName: queries.usageStats.name)
                }
                builders[id] = summary
            }
            let summaries = builders.values
                .map { summary -> UsageSummary in
                    var sorted = summary
                    sorted.days.sort { $0.day < $1.day }
                    sorted.hourOfWeek.sort { ($0.isoWeekday, $0.hour) < ($1.isoWeekday, $1.hour) }
                    return sorted
                }
                .sorted { $0.resourceId < $1.resourceId }
            return (summaries, rows)
        }
    }

    /// The `tags` column as a dictionary. A value that is not a JSON object (an array, a string,
    /// a number) counts as no tags and is reported once per query as a diagnostic, so one bad row
    /// does not stop the nightly run.
    private func tags(_ row: Row, query: Query) throws -> [String: String] {
        guard let text = try row.decode(String?.self, "tags") else { return [:] }
        if let tags = Tags.parse(text) { return tags.values }
        let previous = invalidTags[query.name]
        invalidTags[query.name] = ((previous?.count ?? 0) + 1, previous?.example ?? String(text.prefix(60)))
        return [:]
    }

    /// Turns the counts of recoverable decoding problems into diagnostics (call after loading).
    public func collectDiagnostics() {
        for (name, problem) in invalidTags.sorted(by: { $0.key < $1.key }) {
            diagnostics.append(Diagnostic(
                .warning, code: "invalid_tags",
                "query \(name): column \"tags\" is not a JSON object in \(problem.count) row(s) (e.g. \(problem.example)); those rows were read with no tags. Fix the tags to a JSON object of strings"))
        }
        invalidTags = [:]
    }

    private static func maximum(_ a: Double?, _ b: Double?) -> Double? {
        switch (a, b) {
        case let (a?, b?): return Swift.max(a, b)
        default: return a ?? b
        }
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
