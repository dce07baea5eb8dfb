import BillingStore
import CostModel
import Foundation
import Postgres
import ReportJob
import Testing

@Suite("Bad usage and inventory data through the real pipeline")
struct BadUsageAndInventoryTests {
    typealias Line = HardeningDatabase.Line

    func usage(_ db: HardeningDatabase, timeZone: String = "UTC") throws -> [String: UsageSummary] {
        let store = BillingStore(connection: try db.database.connect(), queries: try QueryFolder(directory: HardeningDatabase.queries))
        let summaries = try store.usage(in: HardeningDatabase.window, settings: UsageQuerySettings(timeZone: timeZone))
        return Dictionary(uniqueKeysWithValues: summaries.map { ($0.resourceId, $0) })
    }

    @Test func utilisationOutsideZeroToOneNaNAndInfinityAreCountedNotUsed() throws {
        let db = try HardeningDatabase.make("utilisation")
        defer { db.drop() }
        try db.resource("i-1")
        try db.bill(Line(resource: "i-1", billed: "100"))
        let base = HardeningDatabase.utc("2026-03-10T00:00:00Z")
        let values = ["0.2", "1.7", "-0.3", "NaN", "Infinity", "-Infinity", "0.4"]
        for (offset, value) in values.enumerated() {
            try db.usage("i-1", at: base.addingTimeInterval(Double(offset) * 3600), cpu: value, memory: value == "0.2" ? "NaN" : "0.5")
        }
        let summary = try #require(try usage(db)["i-1"])
        #expect(summary.sampleCount == 7)
        #expect(summary.invalidSamples == 4)  // NaN, +Inf, -Inf CPU, and the NaN memory of the first
        #expect(summary.cpuMax == Double(Float(1.7)))
        #expect(summary.cpu.counts.first == 1, "negative CPU lands in the below-zero bucket")
        #expect(summary.cpu.counts.last == 1, "a burst above 1 lands in the top bucket")
        #expect(summary.cpu.total == 4, "only finite values are in the histogram")
        let outcome = try db.run()
        for file in outcome.files {
            #expect(!file.contents.lowercased().contains("nan,") && !file.contents.contains("inf,"), "\(file.name)")
        }
    }

    @Test func timestampsInOtherZonesAndAcrossDaylightSaving() throws {
        let db = try HardeningDatabase.make("timezones")
        defer { db.drop() }
        try db.resource("i-1")
        // 01:30 EST and 03:30 EDT on 8 March 2026 (02:00-03:00 does not exist in New York that day).
        try db.connection.execute(Query(name: "samples in zones", """
            INSERT INTO usage_samples (resource_id, sampled_at, interval_seconds, cpu_utilization) VALUES
              ('i-1', '2026-03-08T01:30:00-05:00', 3600, 0.1),
              ('i-1', '2026-03-08T03:30:00-04:00', 3600, 0.9),
              ('i-1', '2026-03-29T01:30:00+01:00', 3600, 0.5)
            """))
        // A charge at 23:30 on 31 March in UTC-02 is 01:30 on 1 April UTC: outside March.
        // A charge at 08:00 on 1 March in Tokyo is 23:00 on 28 February UTC: outside March.
        // A charge at 23:30 on 31 March in UTC+02 is 21:30 UTC: inside.
        try db.connection.execute(Query(name: "charges in zones", """
            INSERT INTO billing_line_items (billing_account_id, provider_name, billing_period_start, billing_period_end,
              charge_period_start, charge_period_end, charge_category, resource_id, list_cost, effective_cost, billed_cost, billing_currency)
            VALUES ('a', 'AWS', '2026-03-01Z', '2026-04-01Z', '2026-03-31T23:30:00-02:00', '2026-04-01T00:30:00-02:00', 'Usage', 'i-1', 1, 1, 1, 'USD'),
                   ('a', 'AWS', '2026-03-01Z', '2026-04-01Z', '2026-03-01T08:00:00+09:00', '2026-03-01T09:00:00+09:00', 'Usage', 'i-1', 10, 10, 10, 'USD'),
                   ('a', 'AWS', '2026-03-01Z', '2026-04-01Z', '2026-03-31T23:30:00+02:00', '2026-04-01T00:30:00+02:00', 'Usage', 'i-1', 100, 100, 100, 'USD')
            """))
        let summary = try #require(try usage(db, timeZone: "America/New_York")["i-1"])
        let sunday = summary.hourOfWeek.filter { $0.isoWeekday == 7 }.map(\.hour).sorted()
        #expect(sunday == [1, 3], "local hours in New York: 01:30 EST, then 03:30 EDT an hour later")
        let saturday = summary.hourOfWeek.filter { $0.isoWeekday == 6 }.map(\.hour)
        #expect(saturday == [20], "00:30 UTC on 29 March is 20:30 EDT on Saturday")
        let days = summary.days.map { DateFormatterUTC.day($0.day) }
        #expect(days == ["2026-03-08", "2026-03-29"], "days are UTC days")
        let outcome = try db.run()
        #expect(try outcome.billedByCurrencyFromCSV() == ["USD": 100])
        let daily = try outcome.csv("cost_daily.csv")
        #expect(daily.map { $0["charge_date"] } == ["2026-03-31"])
    }

    @Test func billedButAbsentUsageWithoutBillUnknownInstanceTypesAndBadTiers() throws {
        let db = try HardeningDatabase.make("inventory")
        defer { db.drop() }
        try db.catalog("m5.large", vcpus: 2, memory: 8, hourly: "0.096")
        try db.resource("i-known", tier: 2, instanceType: "m5.large")
        try db.resource("i-exotic", tier: 3, instanceType: "zz9.plural")
        try db.resource("i-tier-zero", tier: 1)
        try db.resource("i-tier-nine", tier: 1)
        try db.resource("i-idle-unbilled", tier: 4, instanceType: "m5.large")
        for id in ["i-known", "i-exotic", "i-tier-zero", "i-tier-nine", "i-ghost"] {
            try db.bill(Line(resource: id, billed: "10"))
        }
        let base = HardeningDatabase.utc("2026-03-02T00:00:00Z")
        for hour in 0..<48 {
            try db.usage("i-exotic", at: base.addingTimeInterval(Double(hour) * 3600), cpu: "0.05")
            try db.usage("i-idle-unbilled", at: base.addingTimeInterval(Double(hour) * 3600), cpu: "0.01")
            try db.usage("i-not-in-inventory", at: base.addingTimeInterval(Double(hour) * 3600), cpu: "0.9")
        }
        // The schema's CHECK keeps tiers in 1..4; a user's query can still return others.
        let resources = try String(contentsOf: HardeningDatabase.queries.appendingPathComponent("resources.sql"), encoding: .utf8)
            .replacingOccurrences(of: "tier::integer AS tier", with: "CASE resource_id WHEN 'i-tier-zero' THEN 0 WHEN 'i-tier-nine' THEN 9 ELSE tier::integer END AS tier")
        let queries = try TemporaryFolder.queries(replacing: ["resources.sql": resources])
        let outcome = try db.run(queries: queries)
        #expect(try outcome.billedByCurrencyFromCSV() == ["USD": 50])
        #expect(outcome.diagnosticCodes.contains("invalid_inventory_tier"), "\(outcome.diagnosticCodes)")
        #expect(outcome.diagnosticCodes.contains("unallocated_cost"), "i-ghost is billed but not in resources")
        let untagged = try outcome.csv("untagged_spenders.csv").map { $0["resource_id"] }
        #expect(untagged.contains("i-ghost"))
        let tiers = Set(outcome.model.attribution.rows.compactMap(\.tier))
        #expect(tiers.isSubset(of: [1, 2, 3, 4]), "tiers 0 and 9 are not kept as tiers: \(tiers)")
        #expect(!outcome.model.findings.findings.contains { $0.resourceId == "i-not-in-inventory" })
    }
}

enum DateFormatterUTC {
    static func day(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        return formatter.string(from: date)
    }
}
