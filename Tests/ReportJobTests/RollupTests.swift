import BillingStore
import CivilTime
@testable import CostModel
import Foundation
import Imports
import Logging
import Postgres
@testable import ReportJob
import SampleSetup
import Testing
import TestSupport

/// The optional rollup tables (sample-billing/rollups.sql): the report reads the same figures
/// from them as from the raw tables, the triggers keep them exact through every kind of write,
/// and the report falls back to the raw tables when they cannot be trusted.
@Suite("Rollup tables")
struct RollupTests {
    static let rollupFile = SampleFixture.repository.appendingPathComponent("sample-billing/rollups.sql")
    static let logger = Logger(label: "test")

    static func install(_ database: TestDatabase, policy: PolicyFile = PolicyFile()) throws {
        try DatabaseSetup.rollups(
            ConnectionOptions(conninfo: database.conninfo), file: rollupFile, policy: policy, drop: false, logger: logger)
    }

    /// Charges (window and previous window), usage, commitments, container usage and the
    /// container allocation's totals read through the raw queries and through the rollup queries,
    /// on one connection.
    static func readBothWays(_ connection: Connection, window: ReportWindow = SampleFixture.window,
                             settings: UsageQuerySettings = PolicyFile().usageQuerySettings) throws
        -> (raw: Figures, rollup: Figures)
    {
        let store = BillingStore(connection: connection, queries: try QueryFolder(directory: SampleFixture.queries))
        let resources = try store.resources(), catalog = try store.instanceTypes()
        func read() throws -> Figures {
            let charges = try store.charges(in: window) + store.charges(in: window.previous)
            let policy = PolicyFile()
            let owners = ContainerOwnershipResolver(tagKeys: policy.attribution.tagKeys, policy: policy.kubernetes)
            let allocation = try #require(try store.containerAllocation(
                in: window, settings: policy.kubernetes.allocationSettings, resources: resources, catalog: catalog,
                resolveOwner: { owners.resolve(namespace: $0, labels: $1, container: $2) }))
            return (charges, try store.usage(in: window, settings: settings), try store.commitments(in: window),
                    ContainerFigures(usage: try store.containerUsage(in: window), workloads: allocation.workloads,
                                     nodes: allocation.nodes, costWeights: allocation.costWeights,
                                     hourWeights: allocation.hourWeights))
        }
        let raw = try read()
        store.rollups = try #require(store.queries.rollups)
        return (raw, try read())
    }

    typealias Figures = ([ChargeGroup], [UsageSummary], Commitments, ContainerFigures)

    struct ContainerFigures: Equatable {
        var usage: [ContainerUsageSummary]
        var workloads: [ContainerAllocation.WorkloadOwnerKey: WorkloadUsageTotals]
        var nodes: [String: NodeUsageTotals]
        /// How the nodes' charges are split: node_charges.sql's periods weigh the hours.
        var costWeights: [ContainerAllocation.NodeDayCurrency: [AllocationSlot: Decimal]]
        var hourWeights: [ContainerAllocation.NodeDay: [AllocationSlot: Decimal]]
    }

    /// The integer `n` of a one-row query.
    static func count(_ connection: Connection, _ sql: StaticString) throws -> Int {
        try #require(try connection.all(Query(name: "count", sql)) { try $0.decode(Int.self, "n") }.first)
    }

    /// Charge groups must be equal to the last digit; usage counts exactly, floating sums to
    /// 1e-9 relative (PostgreSQL adds them in a different order).
    static func expectSameFigures(_ raw: Figures, _ rollup: Figures, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(raw.2 == rollup.2, "commitments differ", sourceLocation: sourceLocation)
        #expect(raw.3.usage == rollup.3.usage, "container usage differs", sourceLocation: sourceLocation)
        #expect(raw.3.workloads == rollup.3.workloads, "container allocation differs", sourceLocation: sourceLocation)
        #expect(raw.3.nodes == rollup.3.nodes, "node totals differ", sourceLocation: sourceLocation)
        #expect(raw.3.costWeights == rollup.3.costWeights, "node cost weights differ", sourceLocation: sourceLocation)
        #expect(raw.3.hourWeights == rollup.3.hourWeights, "node hour weights differ", sourceLocation: sourceLocation)
        #expect(Set(raw.0) == Set(rollup.0), "charge groups differ", sourceLocation: sourceLocation)
        #expect(raw.0.count == rollup.0.count, sourceLocation: sourceLocation)
        #expect(raw.1.map(\.resourceId) == rollup.1.map(\.resourceId), sourceLocation: sourceLocation)
        func close(_ a: Double?, _ b: Double?) -> Bool {
            switch (a, b) {
            case (nil, nil): return true
            case let (a?, b?): return abs(a - b) <= 1e-9 * max(1, abs(a), abs(b))
            default: return false
            }
        }
        for (a, b) in zip(raw.1, rollup.1) {
            let same = a.sampleCount == b.sampleCount && a.invalidSamples == b.invalidSamples
                && a.coveredSeconds == b.coveredSeconds && a.cpuMax == b.cpuMax && a.memoryMax == b.memoryMax
                && a.firstSample == b.firstSample && a.lastSample == b.lastSample
                && a.cpu == b.cpu && a.memory == b.memory && a.cpuInServiceHours == b.cpuInServiceHours
                && a.days.count == b.days.count && a.hourOfWeek.count == b.hourOfWeek.count
                && zip(a.days, b.days).allSatisfy { x, y in
                    x.day == y.day && x.samples == y.samples && x.coveredSeconds == y.coveredSeconds && x.cpuMax == y.cpuMax
                        && close(x.cpuAverage, y.cpuAverage) && close(x.networkBytes, y.networkBytes)
                        && close(x.diskIopsAverage, y.diskIopsAverage) && close(x.requests, y.requests)
                        && x.connectionsMax == y.connectionsMax
                }
                && zip(a.hourOfWeek, b.hourOfWeek).allSatisfy { x, y in
                    x.isoWeekday == y.isoWeekday && x.hour == y.hour && x.samples == y.samples && close(x.cpuAverage, y.cpuAverage)
                }
            #expect(same, "usage of \(a.resourceId) differs between the raw tables and the rollups", sourceLocation: sourceLocation)
        }
    }

    /// A day's measures packed in `usage_days.measures` read back as the raw query's columns give
    /// them: microsecond timestamps, float4 maxima, sums beyond 32 bits, and NULL measures.
    @Test func packedMeasuresReadAsTheRawColumnsGiveThem() throws {
        let database = try TestDatabase.create("rollupmeasures")
        defer { database.drop() }
        try DatabaseSetup.initialise(ConnectionOptions(conninfo: database.conninfo), schemaFile: SampleFixture.schema, logger: Self.logger)
        let connection = try database.connect()
        try connection.executeScript(Query(name: "samples", """
            INSERT INTO usage_samples (resource_id, sampled_at, interval_seconds, cpu_utilization, memory_utilization,
                                       network_bytes, disk_iops, requests, connections)
            VALUES ('pm-1', '2026-10-10 03:00:00.123456+00', 300, 0.1, 0.333, 1e15, 1.5, 2.25, 7.5),
                   ('pm-1', '2026-10-10 23:59:59.999999+00', 300, 0.7, 0.25, 3, NULL, NULL, NULL),
                   ('pm-2', '2026-10-11 12:00:00+00', 60, 'NaN', 'Infinity', NULL, NULL, NULL, NULL)
            """))
        try Self.install(database)
        let store = BillingStore(connection: connection, queries: try QueryFolder(directory: SampleFixture.queries))
        let settings = PolicyFile().usageQuerySettings
        let raw = try store.usage(in: SampleFixture.window, settings: settings)
        store.rollups = try #require(store.queries.rollups)
        let rollup = try store.usage(in: SampleFixture.window, settings: settings)
        #expect(rollup == raw)
        let measured = try #require(rollup.first { $0.resourceId == "pm-1" }?.days.first)
        #expect(measured.cpuMax == Double(Float(0.7)) && measured.connectionsMax == 7.5 && measured.networkBytes == 1e15 + 3)
        #expect(measured.diskIopsAverage == 1.5 && measured.requests == 2.25 && measured.coveredSeconds == 600)
        #expect(rollup.first?.firstSample == UTCText.parseTimestamp("2026-10-10 03:00:00.123456+00"))
        #expect(rollup.first?.lastSample == UTCText.parseTimestamp("2026-10-10 23:59:59.999999+00"))
        let invalid = try #require(rollup.first { $0.resourceId == "pm-2" })
        #expect(invalid.invalidSamples == 1 && invalid.cpuMax == nil && invalid.memoryMax == nil)
        #expect(invalid.days.map(\.networkBytes) == [nil] && invalid.days.map(\.connectionsMax) == [nil])
        #expect(invalid.days.map(\.diskIopsAverage) == [nil] && invalid.days.map(\.cpuAverage) == [nil])
    }

    /// Rollup rows whose packed records are cut short, name an hour or code out of range or count
    /// negative samples are an error naming the query, the row and what to return, not figures
    /// read from half a record.
    @Test func packedRollupRecordsThatDoNotParseAreAnErrorNamingTheQueryAndRow() throws {
        let overrides = try RollupQueryOverrides("rolluparrays")
        defer { overrides.drop() }
        let replace = overrides.replace
        func readError(_ read: (BillingStore) throws -> Void) -> String {
            do {
                try read(try overrides.store())
                return "no error"
            } catch { return "\(error)" }
        }
        func usageError() -> String { readError { _ = try $0.usage(in: SampleFixture.window, settings: PolicyFile().usageQuerySettings) } }
        func weeklyError() -> String {
            readError { _ = try $0.weeklyUsage(in: SampleFixture.window, settings: PolicyFile().usageQuerySettings) }
        }
        // 4 samples over 3,600 s, no CPU, memory, network, disk or connections values.
        let dayMeasures = """
            int2send(127::smallint) || int4send(4) || int4send(0) || int8send(3600) || int8send(0) || float8send(0)
            || float4send(0) || float4send(0) || float8send(0) || float8send(0) || int4send(0) || float4send(0)
            || timestamptz_send($1::timestamptz) || timestamptz_send($2::timestamptz)
            """
        func dayRow(hourData: String, hourCodes: String, memory: String = "''::bytea", codesDay: String = "$1::timestamptz",
                    measures: String = dayMeasures) throws {
            try replace("usage_days_rollup.sql", """
                SELECT 'i-1' AS resource_id, $1::timestamptz AS day, ''::bytea AS cpu, \(memory) AS memory,
                       ''::bytea AS cpu_service_hours, \(measures) AS measures, NULL::float8 AS requests,
                       \(hourData) AS hour_data
                WHERE $2::timestamptz IS NOT NULL
                """)
            try replace("usage_hour_codes_rollup.sql", """
                SELECT \(codesDay) AS day, \(hourCodes) AS hour_codes WHERE $2::timestamptz IS NOT NULL AND $3::text IS NOT NULL
                """)
        }
        let codes = "(SELECT string_agg(int2send(c::smallint), ''::bytea ORDER BY c) FROM generate_series(24, 47) c)"
        let hour = "int2send(%d::smallint) || int4send(2) || int4send(0) || float8send(0)"
        try dayRow(hourData: "'\\x0000'::bytea", hourCodes: codes)
        #expect(usageError().contains("query usage_days_rollup.sql: column \"hour_data\" in row 1 holds 2 bytes, not a whole number of 18-byte records; hint: pack each hour as the header of usage_days_rollup.sql says"))
        try dayRow(hourData: String(format: hour, 24), hourCodes: codes)
        #expect(usageError().contains("query usage_days_rollup.sql: column \"hour_data\" in row 1 names hour 24, outside 0...23"))
        try dayRow(hourData: String(format: hour, 3), hourCodes: "(SELECT string_agg(int2send(c::smallint), ''::bytea ORDER BY c) FROM generate_series(200, 223) c)")
        #expect(usageError().contains("query usage_hour_codes_rollup.sql: column \"hour_codes\" in row 1 is not 24 codes from 24 to 191"))
        try dayRow(hourData: String(format: hour, 3), hourCodes: "int2send(24::smallint)")
        #expect(usageError().contains("query usage_hour_codes_rollup.sql: column \"hour_codes\" in row 1 is not 24 codes from 24 to 191"))
        try dayRow(hourData: String(format: hour, 3), hourCodes: "'not hex'::text")
        #expect(usageError().contains("query usage_hour_codes_rollup.sql: column \"hour_codes\" in row 1 is a text (7 bytes in binary format), not a valid bytea"))
        // Codes for another day than the usage row's, or for an instant that is not a midnight of the window.
        try dayRow(hourData: String(format: hour, 3), hourCodes: codes, codesDay: "$1::timestamptz + interval '1 day'")
        #expect(usageError().contains("query usage_days_rollup.sql: row 1 is of \(UTCText.day(SampleFixture.window.start)), a day usage_hour_codes_rollup.sql returned no hour codes for"))
        try dayRow(hourData: String(format: hour, 3), hourCodes: codes, codesDay: "$1::timestamptz + interval '1 hour'")
        #expect(usageError().contains("query usage_hour_codes_rollup.sql: row 1 is of"))
        #expect(usageError().contains("not a UTC midnight of the window"))
        try dayRow(hourData: String(format: hour, 3), hourCodes: codes, memory: "'\\x000100'::bytea")
        #expect(usageError().contains("query usage_days_rollup.sql: column \"memory\" in row 1 holds 3 bytes, not a whole number of 6-byte records; hint: pack each bucket as int2send(bucket) || int4send(samples)"))
        try dayRow(hourData: String(format: hour, 3), hourCodes: codes, memory: "int2send(1::smallint) || int4send(-5)")
        #expect(usageError().contains("query usage_days_rollup.sql: column \"memory\" in row 1 has a negative number of samples"))
        #expect(weeklyError().contains("query usage_days_rollup.sql: column \"memory\" in row 1 has a negative number of samples"))
        try dayRow(hourData: String(format: hour, 3), hourCodes: codes, memory: "int2send(1::smallint) || int4send(5)")
        #expect(usageError() == "no error")
        // Measures cut short, or counting negative samples.
        try dayRow(hourData: String(format: hour, 3), hourCodes: codes, measures: "int2send(0::smallint) || int4send(4)")
        #expect(usageError().contains("query usage_days_rollup.sql: column \"measures\" in row 1 holds 6 bytes, not the 82 of a day's measures; hint: pack the measures as the header of usage_days_rollup.sql says"))
        try dayRow(hourData: String(format: hour, 3), hourCodes: codes, measures: dayMeasures.replacingOccurrences(of: "int4send(4)", with: "int4send(-4)"))
        #expect(usageError().contains("query usage_days_rollup.sql: column \"measures\" in row 1 has a negative number of samples"))
    }

    /// A stored day's charge row that names a set charge_sets_rollup.sql did not return, or whose
    /// amounts are not five numbers separated by single spaces, is an error naming the query, the
    /// row and what is wrong, not a charge without keys or with amounts half read.
    @Test func aChargeRowOfAnUnknownSetOrWithUnreadableAmountsIsAnErrorNamingTheQueryAndRow() throws {
        let overrides = try RollupQueryOverrides("rollupchargesets")
        defer { overrides.drop() }
        try overrides.replace("charge_sets_rollup.sql", """
            SELECT 7::bigint AS set_id, 'acct' AS billing_account_id, NULL::text AS invoice_id, 'USD' AS billing_currency,
                   'Usage' AS charge_category, 'i-1' AS resource_id, NULL::text AS service_name, NULL::text AS service_category,
                   NULL::text AS pricing_category, '{}' AS tags
            WHERE $1::timestamptz IS NOT NULL AND $2::timestamptz IS NOT NULL
            """)
        func chargeRow(set: Int, amounts: String = "'1.50 1.5 2 1 5400.000000'") throws {
            try overrides.replace("charges_rollup.sql", """
                SELECT \(set)::bigint AS set_id, $1::timestamptz AS charge_day, \(amounts)::text AS amounts,
                       NULL::text AS billing_account_id, NULL::text AS invoice_id, NULL::text AS billing_currency,
                       NULL::text AS charge_category, NULL::text AS resource_id, NULL::text AS service_name,
                       NULL::text AS service_category, NULL::text AS pricing_category, NULL::text AS tags
                WHERE $2::timestamptz IS NOT NULL
                """)
        }
        func chargesError() -> String {
            do {
                _ = try overrides.store().charges(in: SampleFixture.window)
                return "no error"
            } catch { return "\(error)" }
        }
        try chargeRow(set: 7)
        let charges = try overrides.store().charges(in: SampleFixture.window)
        #expect(charges.map(\.resourceId) == ["i-1"])
        #expect(charges.map(\.billedCost) == [Decimal(string: "1.5")!] && charges.map(\.listCost) == [2])
        #expect(charges.map(\.lineCount) == [1] && charges.map(\.chargeHours) == [1.5])
        try chargeRow(set: 8)
        #expect(chargesError().contains(
            "query charges_rollup.sql: row 1 names set_id 8, which charge_sets_rollup.sql did not return for the window"))
        for amounts in ["'1.5 1.5 2 1'", "'1.5 1.5 2 1 3600 7'", "'1.5  1.5 2 1 3600'", "'1.5 1.5 2 1.0 3600'", "'1,5 1.5 2 1 3600'"] {
            try chargeRow(set: 7, amounts: amounts)
            #expect(chargesError().contains(
                "query charges_rollup.sql: column \"amounts\" in row 1 is \"\(amounts.dropFirst().dropLast())\", not five numbers (billed, effective and list cost, line items, charge seconds) separated by single spaces; hint: return the amounts as the header of charges_rollup.sql says"),
                "\(amounts)")
        }
        try chargeRow(set: 7, amounts: "NULL")
        #expect(chargesError().contains("query charges_rollup.sql: column \"amounts\" is NULL in row 1, expected text"))
    }

    /// container_hours_rollup.sql's day rows hold the hours as arrays: arrays of unequal length or
    /// an hour out of range are an error naming the query and the row; good arrays give one hour
    /// per element.
    @Test func containerHourArraysThatDoNotMatchAreAnErrorNamingTheQueryAndRow() throws {
        let overrides = try RollupQueryOverrides("rollupcontainerhours")
        defer { overrides.drop() }
        let replace = overrides.replace
        let none = "SELECT 1 AS nothing WHERE $1::timestamptz > $2::timestamptz"
        try replace("container_usage_rollup.sql", none)
        try replace("container_cpu_histogram_rollup.sql", none)
        func dayRow(hours: String, minPods: String = "ARRAY[1, 2]") throws {
            try replace("container_hours_rollup.sql", """
                SELECT 'c' AS cluster, 'ns' AS namespace, 'Deployment' AS workload_kind, 'web' AS workload, 'app' AS container,
                       $1::timestamptz AS day, \(hours)::smallint[] AS hours, \(minPods)::integer[] AS hour_min_pods,
                       ARRAY[2, 3]::integer[] AS hour_max_pods, ARRAY[7200, 3600]::float8[] AS hour_pod_seconds,
                       ARRAY[0.5, 0.25]::float8[] AS hour_cpu_core_seconds, ARRAY[1e9, 2e9]::float8[] AS hour_memory_byte_seconds
                WHERE $2::timestamptz IS NOT NULL
                """)
        }
        func read() throws -> [ContainerUsageSummary] { try overrides.store().containerUsage(in: SampleFixture.window) }
        func readError() -> String {
            do { _ = try read(); return "no error" } catch { return "\(error)" }
        }
        try dayRow(hours: "ARRAY[3, 4]", minPods: "ARRAY[1]")
        #expect(readError().contains("query container_hours_rollup.sql: the hour arrays in row 1 differ in length (hours has 2 elements)"))
        try dayRow(hours: "ARRAY[3, 24]")
        #expect(readError().contains("query container_hours_rollup.sql: column \"hours\" in row 1 names hour 24, outside 0...23"))
        try dayRow(hours: "ARRAY[3, 4]")
        let hours = try #require(try read().first).hours
        let day = UTCDays.startOfDay(SampleFixture.window.start)
        #expect(hours == [
            ContainerHour(hour: day.addingTimeInterval(3 * 3600), podSeconds: 7200, cpuCoreSeconds: 0.5, memoryByteSeconds: 1e9,
                          minPods: 1, maxPods: 2),
            ContainerHour(hour: day.addingTimeInterval(4 * 3600), podSeconds: 3600, cpuCoreSeconds: 0.25, memoryByteSeconds: 2e9,
                          minPods: 2, maxPods: 3),
        ])

        // The CPU histogram's days: two rows of the container add up; arrays of unequal length or
        // a negative count are an error naming the query and the row.
        func histogramDays(_ counts: String, second: String = "ARRAY[1]") throws {
            try replace("container_cpu_histogram_rollup.sql", """
                SELECT 'c' AS cluster, 'ns' AS namespace, 'Deployment' AS workload_kind, 'web' AS workload, 'app' AS container,
                       ARRAY[5, 700]::integer[] AS cpu_buckets, \(counts)::integer[] AS cpu_counts
                WHERE $1::timestamptz < $2::timestamptz
                UNION ALL
                SELECT 'c', 'ns', 'Deployment', 'web', 'app', ARRAY[700]::integer[], \(second)::integer[]
                """)
        }
        try histogramDays("ARRAY[2, 3]")
        let histogram = try #require(try read().first).cpuHistogram
        #expect(histogram.counts[5] == 2 && histogram.counts[700] == 4 && histogram.total == 6)
        try histogramDays("ARRAY[2]")
        #expect(readError().contains("query container_cpu_histogram_rollup.sql: cpu_buckets and cpu_counts in row 1 differ in length (2 and 1 elements)"))
        try histogramDays("ARRAY[2, 3]", second: "ARRAY[-1]")
        #expect(readError().contains("query container_cpu_histogram_rollup.sql: column \"cpu_counts\" in row 2 has a negative number of samples"))
    }

    @Test func rollupsBuiltFromExistingRowsGiveTheRawFigures() throws {
        let database = try SampleFixture.freshDatabase("rollupbuild")
        defer { database.drop() }
        try Self.install(database)
        let connection = try database.connect()
        let (raw, rollup) = try Self.readBothWays(connection)
        #expect(raw.0.count > 1_000 && raw.1.count > 100, "the sample must give something to compare")
        #expect(!raw.2.utilization.isEmpty && !raw.2.coverage.isEmpty, "the sample holds commitments")
        Self.expectSameFigures(raw, rollup)

        // The weeks of the capacity forecast, read with the usage in one pass over the rollups:
        // the full weeks counted back from the window's end (30 days: 4 weeks, 2 days left out).
        let store = BillingStore(connection: connection, queries: try QueryFolder(directory: SampleFixture.queries))
        let settings = PolicyFile().usageQuerySettings
        let rawWeeks = try store.weeklyUsage(in: SampleFixture.window, settings: settings)
        store.rollups = try #require(store.queries.rollups)
        let (rollupUsage, rollupWeeks) = try store.usageAndWeeklyUsage(in: SampleFixture.window, settings: settings)
        #expect(rawWeeks.count > 100 && rawWeeks.values.allSatisfy { $0.count <= 4 } && rawWeeks.values.contains { $0.count == 4 })
        #expect(rawWeeks.values.joined().map(\.weekStart).min() == SampleFixture.window.start.addingTimeInterval(2 * 86_400))
        #expect(rollupWeeks == rawWeeks)
        #expect(rollupUsage == rollup.1)

        // Service hours in a zone with summer time (the window holds the change of 2026-10-25): the
        // rollups decide per sample, usage_histograms.sql per 15-minute slot.
        var berlin = PolicyFile()
        berlin.findings.timeZone = "Europe/Berlin"
        try Self.install(database, policy: berlin)
        let (rawBerlin, rollupBerlin) = try Self.readBothWays(connection, settings: berlin.usageQuerySettings)
        #expect(rawBerlin.1.map(\.cpuInServiceHours) != raw.1.map(\.cpuInServiceHours), "the time zone must matter")
        Self.expectSameFigures(rawBerlin, rollupBerlin)
    }

    @Test func triggersKeepTheRollupsExactThroughCopyInsertUpdateDeleteAndTruncate() throws {
        let database = try TestDatabase.create("rolluptriggers")
        defer { database.drop() }
        let options = ConnectionOptions(conninfo: database.conninfo)
        try DatabaseSetup.initialise(options, schemaFile: SampleFixture.schema, logger: Self.logger)
        try Self.install(database)  // on empty tables: everything below goes through the triggers
        try SampleFixture.load(into: database)  // COPY
        let connection = try database.connect()
        var (raw, rollup) = try Self.readBothWays(connection)
        Self.expectSameFigures(raw, rollup)

        // Ordinary writes, several rows per statement, touching hours and days already rolled up
        // (the window is 2026-10-02 to 2026-11-01).
        #expect(SampleFixture.window.start == UTCText.parseDay("2026-10-02"))
        try connection.executeScript(Query(name: "writes", """
            -- A writer in a time zone half an hour off UTC: the rollups still key UTC hours and days.
            SET TimeZone = 'Asia/Kolkata';
            INSERT INTO usage_samples (resource_id, sampled_at, interval_seconds, cpu_utilization, memory_utilization, network_bytes)
            SELECT resource_id, sampled_at + interval '90 seconds', 60, cpu_utilization / 3, NULL, 42
            FROM usage_samples WHERE sampled_at >= '2026-10-02 00:00:00+00' AND sampled_at < '2026-10-05 00:00:00+00';
            INSERT INTO usage_samples (resource_id, sampled_at, interval_seconds, cpu_utilization, memory_utilization)
            VALUES ('rollup-new', '2026-10-02 01:00:00+00', 300, 'NaN', 0.5),
                   ('rollup-new', '2026-10-02 01:05:00+00', 300, 0.97, NULL);
            UPDATE usage_samples SET cpu_utilization = 1 - cpu_utilization, sampled_at = sampled_at + interval '1 day'
            WHERE resource_id IN (SELECT resource_id FROM usage_samples GROUP BY resource_id ORDER BY resource_id LIMIT 5)
              AND sampled_at >= '2026-10-12 00:00:00+00'
              AND sampled_at < '2026-10-14 00:00:00+00';
            DELETE FROM usage_samples
            WHERE resource_id IN (SELECT resource_id FROM usage_samples GROUP BY resource_id ORDER BY resource_id DESC LIMIT 7)
              AND extract(hour FROM sampled_at) BETWEEN 9 AND 14;
            UPDATE billing_line_items SET effective_cost = effective_cost * 3, tags = tags || '{"team": "moved"}'
            WHERE resource_id IN (SELECT resource_id FROM resources ORDER BY resource_id LIMIT 9);
            DELETE FROM billing_line_items WHERE charge_category = 'Tax' OR resource_id IS NULL AND service_name LIKE 'A%';
            UPDATE billing_line_items SET list_cost = list_cost * 2, commitment_discount_status = 'Unused'
            WHERE commitment_discount_id IS NOT NULL AND commitment_discount_status = 'Used'
              AND charge_period_start >= '2026-10-20 00:00:00+00' AND charge_period_start < '2026-10-21 00:00:00+00';
            INSERT INTO billing_line_items (billing_account_id, provider_name, billing_period_start, billing_period_end,
                charge_period_start, charge_period_end, charge_category, list_cost, effective_cost, billed_cost, billing_currency, tags)
            VALUES ('acct-rollup', 'AWS', '2026-10-02 00:00:00+00', '2026-11-01 00:00:00+00',
                    '2026-10-02 02:00:00+00', '2026-10-02 03:00:00+00',
                    'Usage', 1.5, 1.25, 1.25, 'EUR', '{"a": 1.0}'),
                   ('acct-rollup', 'AWS', '2026-10-02 00:00:00+00', '2026-11-01 00:00:00+00',
                    '2026-10-02 02:01:40+00', '2026-10-02 03:00:00+00',
                    'Usage', 2, 0.0000000001, 0.0000000001, 'EUR', '{"a": 1.00}');
            -- Containers: a second pod of every workload for a day (its requests doubled), a pod
            -- without owner, node or valid CPU, requests changed and moved a day on, an hour deleted.
            INSERT INTO container_usage_samples (cluster, namespace, workload_kind, workload, pod, container,
                node_resource_id, sampled_at, interval_seconds, cpu_request_cores, cpu_limit_cores, cpu_usage_cores,
                memory_request_bytes, memory_limit_bytes, memory_usage_bytes, labels)
            SELECT cluster, namespace, workload_kind, workload, pod || '-b', container, node_resource_id,
                   sampled_at + interval '30 seconds', interval_seconds, cpu_request_cores * 2, cpu_limit_cores,
                   cpu_usage_cores, memory_request_bytes, memory_limit_bytes, memory_usage_bytes, labels
            FROM container_usage_samples
            WHERE sampled_at >= '2026-10-03 00:00:00+00' AND sampled_at < '2026-10-04 00:00:00+00';
            -- The lonely pod runs on a billed machine that was no node before (its charges are read
            -- from billing_line_items until a refresh adds it to costreport.rollup_nodes).
            INSERT INTO container_usage_samples (cluster, namespace, pod, container, node_resource_id, sampled_at,
                interval_seconds, cpu_usage_cores, memory_usage_bytes, labels)
            SELECT 'rollup-cluster', 'rollup-ns', 'lonely-pod', 'c', min(resource_id), '2026-10-02 05:00:00+00', 60, 'NaN', 1e9,
                   '{"app": "x"}'
            FROM billing_line_items
            WHERE charge_period_start <= '2026-10-02 05:00:00+00' AND charge_period_end > '2026-10-02 05:00:00+00'
              AND effective_cost > 0
              AND resource_id IN (SELECT resource_id FROM resources WHERE vcpus > 0 AND memory_gib > 0)
              AND resource_id NOT IN (SELECT node_resource_id FROM container_usage_samples WHERE node_resource_id IS NOT NULL);
            UPDATE billing_line_items SET effective_cost = effective_cost + 0.5
            WHERE resource_id IN (SELECT node_resource_id FROM container_usage_samples)
              AND charge_period_start >= '2026-10-15 00:00:00+00' AND charge_period_start < '2026-10-16 00:00:00+00';
            UPDATE container_usage_samples SET cpu_request_cores = cpu_request_cores + 0.25, sampled_at = sampled_at + interval '1 day'
            WHERE sampled_at >= '2026-10-12 00:00:00+00' AND sampled_at < '2026-10-12 06:00:00+00';
            DELETE FROM container_usage_samples WHERE extract(hour FROM sampled_at) = 13 AND sampled_at < '2026-10-20 00:00:00+00';
            -- As a logical replica's apply worker writes: the triggers are ENABLE ALWAYS.
            SET session_replication_role = replica;
            INSERT INTO usage_samples (resource_id, sampled_at, interval_seconds, cpu_utilization, memory_utilization)
            VALUES ('rollup-replica', '2026-10-03 05:00:00+00', 60, 0.3, 0.4);
            SET session_replication_role = DEFAULT;
            SET TimeZone = 'UTC';
            """))
        // Before a refresh the written days are pending: the rollup queries compute them from the
        // raw rows. After it they are read rolled up. Same figures both ways.
        let pending = try Self.count(connection, "SELECT count(*) AS n FROM costreport.rollup_pending")
        #expect(pending > 5, "the writes above touch several days of both tables")
        (raw, rollup) = try Self.readBothWays(connection)
        #expect(raw.1.contains { $0.resourceId == "rollup-new" && $0.invalidSamples == 1 })
        #expect(rollup.1.contains { $0.resourceId == "rollup-replica" })
        #expect(raw.0.contains { $0.currency == "EUR" })
        #expect(raw.3.usage.contains { $0.key.workload == "lonely-pod" && $0.key.workloadKind == "Pod" })
        let lonelyNode = try #require(raw.3.usage.first { $0.key.workload == "lonely-pod" }?.nodeSeconds.keys.first)
        #expect(lonelyNode != ContainerUsageSummary.unknownNode)
        #expect(raw.3.costWeights.keys.contains { $0.node == lonelyNode }, "the new node's charges are split")
        Self.expectSameFigures(raw, rollup)
        #expect(try RollupInstaller(connection: connection).refresh() == pending)
        #expect(try Self.count(connection, "SELECT count(*) AS n FROM costreport.rollup_pending") == 0)
        (raw, rollup) = try Self.readBothWays(connection)
        #expect(rollup.1.contains { $0.resourceId == "rollup-replica" })
        Self.expectSameFigures(raw, rollup)

        // Deleting every row of a group removes it from the rollups, not just zeroes it.
        try connection.execute(Query(name: "delete all", "DELETE FROM billing_line_items WHERE billing_account_id = 'acct-rollup'"))
        try connection.execute(Query(name: "delete new", "DELETE FROM usage_samples WHERE resource_id = 'rollup-new'"))
        try connection.execute(Query(name: "delete pod", "DELETE FROM container_usage_samples WHERE cluster = 'rollup-cluster'"))
        #expect(try RollupInstaller(connection: connection).refresh() > 0)
        #expect(try Self.count(connection, """
            SELECT (SELECT count(*) FROM costreport.charges_daily JOIN costreport.charge_sets USING (set_id)
                    WHERE billing_account_id = 'acct-rollup' OR split_part(amounts, ' ', 4) = '0')
                 + (SELECT count(*) FROM costreport.usage_days WHERE resource_id = 'rollup-new' OR substring(measures from 3 for 4) = int4send(0))
                 + (SELECT count(*) FROM costreport.container_usage_days WHERE cluster = 'rollup-cluster' OR samples = 0)
                 + (SELECT count(*) FROM costreport.container_days WHERE cluster = 'rollup-cluster')
                 + (SELECT count(*) FROM costreport.container_allocation_days WHERE cluster = 'rollup-cluster') AS n
            """) == 0)

        try connection.execute(Query(name: "truncate", "TRUNCATE usage_samples, billing_line_items, container_usage_samples"))
        #expect(try Self.count(connection, """
            SELECT (SELECT count(*) FROM costreport.charges_daily) + (SELECT count(*) FROM costreport.charge_sets)
                 + (SELECT count(*) FROM costreport.usage_days)
                 + (SELECT count(*) FROM costreport.commitments_daily) + (SELECT count(*) FROM costreport.container_usage_days)
                 + (SELECT count(*) FROM costreport.container_days) + (SELECT count(*) FROM costreport.container_allocation_days)
                 + (SELECT count(*) FROM costreport.rollup_pending) AS n
            """) == 0)
    }

    /// `import focus` replaces whole billing periods (DELETE, then INSERT … SELECT from staging) and
    /// `import usage` appends samples: both go through the triggers.
    @Test func importsKeepTheRollupsExact() throws {
        let database = try SampleFixture.freshDatabase("rollupimport")
        defer { database.drop() }
        try Self.install(database)
        let connection = try database.connect()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rollup-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let bill = folder.appendingPathComponent("bill.csv")
        _ = try SampleFocusExport.write(sample: SampleFixture.options, catalogFile: SampleFixture.catalog, output: bill, logger: Self.logger)
        let usage = folder.appendingPathComponent("usage.csv")
        try """
            resource_id,sampled_at,interval_seconds,cpu_utilization,memory_utilization
            i-import-1,2026-10-20T10:00:00Z,300,0.5,0.25
            i-import-1,2026-10-20T10:05:00Z,300,0.75,
            i-import-2,2026-10-21T23:55:00Z,300,0.1,0.9

            """.write(to: usage, atomically: true, encoding: .utf8)
        try connection.execute(Query(name: "change bill", "UPDATE billing_line_items SET billed_cost = billed_cost + 1"))
        _ = try FileImport<FocusFormat>.importFile(bill, connection: connection, settings: ImportSettings(), logger: Self.logger)
        _ = try FileImport<UsageFormat>.importFile(usage, connection: connection, settings: ImportSettings(), logger: Self.logger)
        let (raw, rollup) = try Self.readBothWays(connection)
        #expect(raw.1.contains { $0.resourceId == "i-import-2" })
        Self.expectSameFigures(raw, rollup)
    }

    @Test func theReportReadsTheRollupsOnlyWhenTheyAreCurrentAndMatchThePolicy() throws {
        let database = try SampleFixture.freshDatabase("rollupreport")
        defer { database.drop() }
        try Self.install(database)
        func run(_ policy: PolicyFile = PolicyFile()) throws -> RunOutcome {
            var configuration = SampleFixture.configuration(database)
            configuration.dryRun = true
            configuration.policy = policy
            return try ReportPipeline.run(configuration, logger: Self.logger)
        }
        func readsRollups(_ outcome: RunOutcome) -> Bool {
            outcome.model.run.dataSources.contains { $0.hasPrefix("charges and usage from the rollup tables") }
        }
        func unused(_ outcome: RunOutcome) -> String? {
            outcome.model.diagnostics.first { $0.code == "rollups_unused" }?.message
        }

        let withRollups = try run()
        #expect(readsRollups(withRollups))
        #expect(unused(withRollups) == nil)
        var rawPolicy = PolicyFile()
        rawPolicy.job.useRollups = false
        let withoutRollups = try run(rawPolicy)
        #expect(!readsRollups(withoutRollups))
        #expect(unused(withoutRollups) == nil)
        // Every CSV, to the byte.
        func expectSameCSVs(_ a: RunOutcome, _ b: RunOutcome, sourceLocation: SourceLocation = #_sourceLocation) {
            let csv = a.files.filter { $0.name.hasSuffix(".csv") }
            #expect(csv.count >= 8, sourceLocation: sourceLocation)
            for file in csv {
                #expect(b.files.first { $0.name == file.name }?.contents == file.contents, "\(file.name) differs",
                        sourceLocation: sourceLocation)
            }
        }
        expectSameCSVs(withRollups, withoutRollups)

        // A disabled trigger: the rollups may be stale, so the raw tables are read, with a warning.
        let connection = try database.connect()
        try connection.execute(Query(name: "disable", "ALTER TABLE usage_samples DISABLE TRIGGER costreport_rollup_delete"))
        let disabled = try run()
        #expect(!readsRollups(disabled))
        #expect(unused(disabled)?.contains("11 of the 12") == true)
        try connection.execute(Query(name: "enable", "ALTER TABLE usage_samples ENABLE TRIGGER costreport_rollup_delete"))
        #expect(readsRollups(try run()))

        // Rollups installed by an older costreport, without costreport.commitments_daily: raw
        // tables, with the command that brings them up to date.
        try connection.execute(Query(name: "older install", "DROP TABLE costreport.commitments_daily CASCADE"))
        let older = try run()
        #expect(!readsRollups(older))
        #expect(unused(older)?.contains("lack costreport.commitments_daily; run `costreport db rollups`") == true)
        try Self.install(database)
        #expect(readsRollups(try run()))
        // usage_days of an older costreport (a column per measure), its container_allocation_days
        // (hours as arrays) and its charges_daily (a column per amount):
        // raw tables until `db rollups` replaces them, then the same figures again.
        try connection.executeScript(Query(name: "older rollups", """
            ALTER TABLE costreport.usage_days ADD COLUMN samples integer;
            ALTER TABLE costreport.container_allocation_days ADD COLUMN cpu_usage_core_hours float8[];
            ALTER TABLE costreport.charges_daily ADD COLUMN billed_cost numeric
            """))
        let olderShape = try run()
        #expect(!readsRollups(olderShape))
        #expect(unused(olderShape)?.contains("lack costreport.usage_days with packed measures, costreport.container_allocation_days with packed records, costreport.charges_daily with packed amounts; run `costreport db rollups`") == true)
        try Self.install(database)
        let replaced = try run()
        #expect(readsRollups(replaced))
        expectSameCSVs(replaced, withoutRollups)
        let chargesColumns = try connection.all(Query(name: "charges_daily columns", """
            SELECT attname::text AS name FROM pg_attribute
            WHERE attrelid = 'costreport.charges_daily'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum
            """)) { try $0.decode(String.self, "name") }
        #expect(chargesColumns == ["charge_day", "set_id", "amounts"])

        // Histograms built for other service hours than the policy's.
        var otherHours = PolicyFile()
        otherHours.findings.timeZone = "Europe/Berlin"
        let mismatch = try run(otherHours)
        #expect(!readsRollups(mismatch))
        #expect(unused(mismatch)?.contains("Europe/Berlin") == true)
        try Self.install(database, policy: otherHours)
        let berlin = try run(otherHours)
        #expect(readsRollups(berlin))
        // The rollups decide service hours per sample, usage_histograms.sql per 15-minute slot: the
        // same in Europe/Berlin, across the change from summer time on 2026-10-25 in the window.
        var otherHoursRaw = otherHours
        otherHoursRaw.job.useRollups = false
        expectSameCSVs(berlin, try run(otherHoursRaw))

        // A window that does not start at a UTC midnight.
        var shifted = SampleFixture.configuration(
            database, window: ReportWindow(start: SampleFixture.window.start.addingTimeInterval(3_600), end: SampleFixture.window.end))
        shifted.dryRun = true
        shifted.policy = otherHours
        let offMidnight = try ReportPipeline.run(shifted, logger: Self.logger)
        #expect(!readsRollups(offMidnight))
        #expect(unused(offMidnight)?.contains("UTC midnight") == true)
    }

    /// billing_line_items and usage_samples partitioned by month (DESIGN.md §8): the triggers
    /// sit on the partitioned tables, the sample is loaded through them, and the report read
    /// from the rollups (pending days, then refreshed) has the bytes of the plain database's
    /// report read from the raw tables.
    @Test func partitionedTablesGiveTheBytesOfThePlainDatabase() throws {
        let database = try TestDatabase.create("rolluppartitioned")
        defer { database.drop() }
        let options = ConnectionOptions(conninfo: database.conninfo)
        try DatabaseSetup.initialise(options, schemaFile: SampleFixture.schema, logger: Self.logger)
        let connection = try database.connect()
        try connection.executeScript(Query(name: "partition by month", """
            BEGIN;
            ALTER TABLE usage_samples RENAME TO usage_samples_plain;
            CREATE TABLE usage_samples (LIKE usage_samples_plain INCLUDING DEFAULTS INCLUDING CONSTRAINTS) PARTITION BY RANGE (sampled_at);
            CREATE TABLE usage_samples_2026_09 PARTITION OF usage_samples FOR VALUES FROM ('2026-09-01 00:00:00+00') TO ('2026-10-01 00:00:00+00');
            CREATE TABLE usage_samples_2026_10 PARTITION OF usage_samples FOR VALUES FROM ('2026-10-01 00:00:00+00') TO ('2026-11-01 00:00:00+00');
            CREATE TABLE usage_samples_default PARTITION OF usage_samples DEFAULT;
            DROP TABLE usage_samples_plain;
            ALTER TABLE billing_line_items RENAME TO billing_line_items_plain;
            CREATE TABLE billing_line_items (LIKE billing_line_items_plain INCLUDING DEFAULTS INCLUDING CONSTRAINTS) PARTITION BY RANGE (charge_period_start);
            CREATE TABLE billing_line_items_2026_09 PARTITION OF billing_line_items FOR VALUES FROM ('2026-09-01 00:00:00+00') TO ('2026-10-01 00:00:00+00');
            CREATE TABLE billing_line_items_2026_10 PARTITION OF billing_line_items FOR VALUES FROM ('2026-10-01 00:00:00+00') TO ('2026-11-01 00:00:00+00');
            CREATE TABLE billing_line_items_default PARTITION OF billing_line_items DEFAULT;
            DROP TABLE billing_line_items_plain;
            COMMIT;
            """))
        try Self.install(database)
        try SampleFixture.load(into: database)
        #expect(try Self.count(connection, """
            SELECT count(*) AS n FROM pg_inherits WHERE inhparent IN ('usage_samples'::regclass, 'billing_line_items'::regclass)
            """) == 6)
        #expect(try Self.count(connection, "SELECT count(*) AS n FROM costreport.rollup_pending") > 30)

        let plain = try SampleFixture.freshDatabase("rollupplain")
        defer { plain.drop() }
        func run(_ database: TestDatabase, rollups: Bool) throws -> RunOutcome {
            var configuration = SampleFixture.configuration(database)
            configuration.dryRun = true
            configuration.policy.job.useRollups = rollups
            return try ReportPipeline.run(configuration, logger: Self.logger)
        }
        let expected = try run(plain, rollups: false)
        let csv = expected.files.filter { $0.name.hasSuffix(".csv") }
        #expect(csv.count >= 8)
        func expectSameCSVs(_ outcome: RunOutcome, sourceLocation: SourceLocation = #_sourceLocation) {
            #expect(outcome.model.run.dataSources.contains { $0.hasPrefix("charges and usage from the rollup tables") },
                    sourceLocation: sourceLocation)
            for file in csv {
                #expect(outcome.files.first { $0.name == file.name }?.contents == file.contents, "\(file.name) differs",
                        sourceLocation: sourceLocation)
            }
        }
        expectSameCSVs(try run(database, rollups: true))  // every day pending: computed from the partitions
        #expect(try RollupInstaller(connection: connection).refresh() > 30)
        expectSameCSVs(try run(database, rollups: true))  // every day rolled up
    }

    @Test func dropRemovesTheRollupsAndTheReportReadsTheRawTables() throws {
        let database = try SampleFixture.freshDatabase("rollupdrop")
        defer { database.drop() }
        try Self.install(database)
        try Self.install(database)  // idempotent: a second install rebuilds
        let options = ConnectionOptions(conninfo: database.conninfo)
        try DatabaseSetup.rollups(options, file: Self.rollupFile, policy: PolicyFile(), drop: true, logger: Self.logger)
        try DatabaseSetup.rollups(options, file: Self.rollupFile, policy: PolicyFile(), drop: true, logger: Self.logger)
        let connection = try database.connect()
        let left = try connection.all(Query(name: "left", """
            SELECT (SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'costreport\\_rollup\\_%')
                 + (SELECT count(*) FROM pg_tables WHERE schemaname = 'costreport' AND tablename <> ALL ('{runs,findings}'))
                 + (SELECT count(*) FROM pg_proc WHERE pronamespace = 'costreport'::regnamespace) AS n
            """)) { try $0.decode(Int.self, "n") }
        #expect(left == [0])
        var configuration = SampleFixture.configuration(database)
        configuration.dryRun = true
        let outcome = try ReportPipeline.run(configuration, logger: Self.logger)
        #expect(outcome.model.run.dataSources.contains { $0.hasPrefix("charges and usage from the raw tables") })
        #expect(!outcome.model.diagnostics.contains { $0.code == "rollups_unused" })
    }

    @Test func theRefreshWaitsForAWritersOpenTransactionOnlyUntilItsLockTimeout() throws {
        let database = try SampleFixture.freshDatabase("rolluplocktimeout")
        defer { database.drop() }
        try Self.install(database)
        // An import still running: its transaction holds the rollup_pending rows of its days.
        let writer = try database.connect()
        try writer.executeScript(Query(name: "open import", """
            BEGIN;
            INSERT INTO usage_samples (resource_id, sampled_at, interval_seconds, cpu_utilization, memory_utilization)
            VALUES ('rollup-writer', '2026-10-03 05:00:00+00', 60, 0.3, 0.4);
            """))
        let reader = try database.connect()
        // Safety net: without the lock timeout the refresh would wait for the writer forever.
        try reader.executeScript(Query(name: "safety net", "SET statement_timeout = '60s'"))
        let logs = CapturedLogs()
        Snapshot.refreshRollups(reader, logger: logs.logger(), lockTimeoutSeconds: 1)
        #expect(logs.all.contains { $0.hasPrefix("warning the rollups were not refreshed") && $0.contains("lock timeout") }, "\(logs.all)")
        #expect(try reader.all(Query(name: "lock timeout", "SHOW lock_timeout")) { try $0.decode(String.self, "lock_timeout") } == ["0"])

        try writer.executeScript(Query(name: "commit", "COMMIT"))
        Snapshot.refreshRollups(reader, logger: logs.logger(), lockTimeoutSeconds: 1)
        #expect(logs.all.contains { $0.hasPrefix("info rollups refreshed") }, "\(logs.all)")
        #expect(try Self.count(reader, "SELECT count(*) AS n FROM costreport.rollup_pending") == 0)
    }
}

/// A test database, and a copy of the sample's query folder whose files a test replaces, read as
/// rollups.
struct RollupQueryOverrides {
    let database: TestDatabase
    let connection: Connection
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rollup-queries-\(UUID().uuidString)")

    init(_ name: String) throws {
        database = try TestDatabase.create(name)
        connection = try database.connect()
        try FileManager.default.copyItem(at: SampleFixture.queries, to: folder)
    }

    /// Replaces `file` with `sql` under a name header.
    func replace(_ file: String, _ sql: String) throws {
        try "-- name: \(file.dropLast(4))\n\(sql)\n".write(to: folder.appendingPathComponent(file), atomically: true, encoding: .utf8)
    }

    /// A store reading the folder as it is now, with its rollup queries.
    func store() throws -> BillingStore {
        let store = BillingStore(connection: connection, queries: try QueryFolder(directory: folder))
        store.rollups = store.queries.rollups
        return store
    }

    func drop() {
        try? FileManager.default.removeItem(at: folder)
        database.drop()
    }
}
