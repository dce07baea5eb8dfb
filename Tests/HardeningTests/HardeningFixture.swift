import BillingStore
import CostModel
import Foundation
import Logging
import Postgres
import ReportJob
import Reports
import TestSupport

/// A fresh database with the canonical schema, filled row by row with plain SQL INSERTs whose
/// every value is a bound parameter (so hostile values reach the tables exactly as written).
struct HardeningDatabase {
    let database: TestDatabase
    let connection: Connection

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let queries = repository.appendingPathComponent("queries")
    static let schema = repository.appendingPathComponent("sample-billing/schema.sql")

    /// March 2026: holds the US (8 March) and EU (29 March) daylight-saving changes.
    static let windowStart = utc("2026-03-01T00:00:00Z")
    static let windowEnd = utc("2026-04-01T00:00:00Z")
    static let window = ReportWindow(start: windowStart, end: windowEnd)

    static func utc(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    static func make(_ label: String) throws -> HardeningDatabase {
        let database = try TestDatabase.create(label)
        let connection = try database.connect()
        try Loader(connection: connection).applySchema(file: schema)
        return HardeningDatabase(database: database, connection: connection)
    }

    /// One billing line item; amounts are numeric text so that any number of digits reaches the table.
    struct Line {
        var account = "acct-1"
        var invoice: String? = "inv-1"
        var start = HardeningDatabase.utc("2026-03-10T00:00:00Z")
        var end: Date? = nil
        var category = "Usage"
        var service: String? = "Amazon EC2"
        var resource: String? = "i-1"
        var billed = "10"
        var effective: String? = nil
        var list: String? = nil
        var currency = "USD"
        var tags = "{}"
    }

    func bill(_ line: Line) throws {
        try connection.execute(Query(name: "insert line", """
            INSERT INTO billing_line_items (billing_account_id, invoice_id, provider_name, billing_period_start,
              billing_period_end, charge_period_start, charge_period_end, charge_category, service_name, resource_id,
              list_cost, effective_cost, billed_cost, billing_currency, tags)
            VALUES ($1, $2, 'AWS', '2026-03-01Z', '2026-04-01Z', $3::timestamptz, $4::timestamptz, $5, $6, $7,
              $8::numeric, $9::numeric, $10::numeric, $11, $12::jsonb)
            """), [
                .text(line.account), line.invoice.map(Bind.text) ?? .null, .timestamp(line.start),
                .timestamp(line.end ?? line.start.addingTimeInterval(3600)), .text(line.category),
                line.service.map(Bind.text) ?? .null, line.resource.map(Bind.text) ?? .null,
                .text(line.list ?? line.billed), .text(line.effective ?? line.billed), .text(line.billed),
                .text(line.currency), .text(line.tags),
            ])
    }

    func resource(_ id: String, kind: String = "compute", service: String? = "svc", team: String? = "team",
                  tier: Int? = 2, instanceType: String? = nil, tags: String = "{}") throws {
        try connection.execute(Query(name: "insert resource", """
            INSERT INTO resources (resource_id, kind, service, team, tier, instance_type, state, tags)
            VALUES ($1, $2, $3, $4, $5::smallint, $6, 'running', $7::jsonb)
            """), [.text(id), .text(kind), service.map(Bind.text) ?? .null, team.map(Bind.text) ?? .null,
                   tier.map(Bind.int) ?? .null, instanceType.map(Bind.text) ?? .null, .text(tags)])
    }

    func usage(_ id: String, at: Date, cpu: String? = "0.5", memory: String? = "0.5", interval: Int = 3600) throws {
        try connection.execute(Query(name: "insert usage", """
            INSERT INTO usage_samples (resource_id, sampled_at, interval_seconds, cpu_utilization, memory_utilization)
            VALUES ($1, $2::timestamptz, $3, $4::real, $5::real)
            """), [.text(id), .timestamp(at), .int(interval), cpu.map(Bind.text) ?? .null, memory.map(Bind.text) ?? .null])
    }

    func catalog(_ name: String, vcpus: Int, memory: Int, hourly: String) throws {
        try connection.execute(Query(name: "insert instance type", """
            INSERT INTO instance_types (provider_name, region_id, instance_type, family, vcpus, memory_gib, on_demand_hourly, currency)
            VALUES ('AWS', 'us-east-1', $1, split_part($1, '.', 1), $2, $3, $4::numeric, 'USD')
            """), [.text(name), .int(vcpus), .int(memory), .text(hourly)])
    }

    func configuration(window: ReportWindow = HardeningDatabase.window, queries: URL = HardeningDatabase.queries,
                       out: URL? = nil) -> ReportConfiguration {
        var configuration = ReportConfiguration(
            connection: ConnectionOptions(conninfo: database.conninfo), window: window,
            outputDirectory: out ?? TemporaryFolder.url("out"), queriesDirectory: queries, policy: PolicyFile(),
            policyText: Handoff("(defaults)"), runId: "hardening-\(UUID().uuidString.prefix(8))", startedAt: window.end)
        configuration.dryRun = out == nil
        return configuration
    }

    /// A dry run of the whole pipeline (or a published one when `out` is given).
    func run(window: ReportWindow = HardeningDatabase.window, queries: URL = HardeningDatabase.queries,
             out: URL? = nil, logs: CapturedLogs = CapturedLogs()) throws -> RunOutcome {
        try ReportPipeline.run(configuration(window: window, queries: queries, out: out), logger: logs.logger())
    }

    /// Sum of a numeric expression over the rows in `[start, end)` of the window, per currency, as PostgreSQL computes it.
    func billedInWindow(_ window: ReportWindow = HardeningDatabase.window) throws -> [String: Decimal] {
        let rows = try connection.all(Query(name: "billed sums", """
            SELECT billing_currency, sum(billed_cost) AS billed FROM billing_line_items
            WHERE charge_period_start >= $1::timestamptz AND charge_period_start < $2::timestamptz GROUP BY 1
            """), [.timestamp(window.start), .timestamp(window.end)]) {
            (try $0.decode(String.self, "billing_currency"), try $0.decode(Decimal.self, "billed"))
        }
        return Dictionary(uniqueKeysWithValues: rows)
    }

    func drop() { database.drop() }
}

extension RunOutcome {
    func file(_ name: String) -> String? { files.first { $0.name == name }?.contents }

    /// A CSV file as a header and rows of cells keyed by column name.
    func csv(_ name: String) throws -> [[String: String]] {
        guard let text = file(name) else { throw FixtureError("no file \(name)") }
        let table = try RFC4180.parse(text)
        guard let header = table.first else { return [] }
        return table.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }

    /// Billed cost per currency, summed from cost_by_service.csv as written.
    func billedByCurrencyFromCSV() throws -> [String: Decimal] {
        var sums: [String: Decimal] = [:]
        for row in try csv("cost_by_service.csv") {
            sums[row["billing_currency"]!, default: 0] += Decimal(string: row["billed_cost"]!)!
        }
        return sums
    }

    var diagnosticCodes: Set<String> { Set(model.diagnostics.map(\.code)) }
}

/// A folder under the system temporary folder, unique per call.
enum TemporaryFolder {
    static func url(_ label: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("costreport-hardening-\(label)-\(UUID().uuidString.prefix(8))")
    }

    static func make(_ label: String) throws -> URL {
        let url = url(label)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A copy of queries/ with some files replaced (nil removes the file).
    static func queries(replacing files: [String: String?]) throws -> URL {
        let folder = try make("queries")
        for name in QueryFolder.requiredFiles {
            try FileManager.default.copyItem(at: HardeningDatabase.queries.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        for (name, contents) in files {
            let url = folder.appendingPathComponent(name)
            try? FileManager.default.removeItem(at: url)
            if let contents { try contents.write(to: url, atomically: true, encoding: .utf8) }
        }
        return folder
    }
}

struct FixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

