import BillingStore
import CostModel
import Foundation
import Postgres
import Testing
import TestSupport

@Suite("Usage statistics computed in PostgreSQL")
struct UsageStatisticsTests {
    /// The histogram percentiles of usage_histograms.sql against PostgreSQL's exact `percentile_cont`
    /// (used only here, as the reference) for every sampled resource of the sample.
    @Test func histogramPercentilesAreWithinOnePointOfExactOnes() throws {
        let database = try SampleFixture.database.get()
        let connection = try database.connect()
        let store = BillingStore(connection: connection, queries: try QueryFolder(directory: SampleFixture.queries))
        let summaries = try store.usage(in: SampleFixture.window, settings: UsageQuerySettings())
        let exact = try connection.all(Query(name: "exact percentiles", """
            SELECT resource_id,
                   percentile_cont(ARRAY[0.5, 0.9, 0.95, 0.99]) WITHIN GROUP (ORDER BY cpu_utilization) AS cpu,
                   percentile_cont(ARRAY[0.5, 0.9, 0.95, 0.99]) WITHIN GROUP (ORDER BY memory_utilization) AS memory
            FROM usage_samples
            WHERE sampled_at >= $1::timestamptz AND sampled_at < $2::timestamptz AND cpu_utilization IS NOT NULL
            GROUP BY resource_id
            """), [.timestamp(SampleFixture.window.start), .timestamp(SampleFixture.window.end)]) { row in
            (try row.decode(String.self, "resource_id"), Self.array(try row.decode(String.self, "cpu")),
             Self.array(try row.decode(String?.self, "memory") ?? "{}"))
        }
        let byId = Dictionary(uniqueKeysWithValues: summaries.map { ($0.resourceId, $0) })
        #expect(exact.count > 100)
        var worst = 0.0
        for (id, cpu, memory) in exact {
            let summary = try #require(byId[id])
            for (index, p) in [50.0, 90, 95, 99].enumerated() {
                let cpuEstimate = try #require(summary.cpu.percentile(p, top: summary.cpuMax))
                worst = max(worst, abs(cpuEstimate - cpu[index]))
                #expect(abs(cpuEstimate - cpu[index]) <= 0.01, "\(id) p\(p) CPU: histogram \(cpuEstimate), exact \(cpu[index])")
                if memory.count == 4, let memoryEstimate = summary.memory.percentile(p, top: summary.memoryMax) {
                    #expect(abs(memoryEstimate - memory[index]) <= 0.01, "\(id) p\(p) memory: histogram \(memoryEstimate), exact \(memory[index])")
                }
            }
        }
        #expect(worst > 0, "the comparison must have compared something")
    }

    @Test func coverageAndDailyFiguresMatchTheSamples() throws {
        let database = try SampleFixture.database.get()
        let connection = try database.connect()
        let store = BillingStore(connection: connection, queries: try QueryFolder(directory: SampleFixture.queries))
        let summaries = try store.usage(in: SampleFixture.window, settings: UsageQuerySettings())
        let counts = try connection.all(Query(name: "sample counts", """
            SELECT resource_id, count(*) AS n, sum(interval_seconds)::float8 AS seconds, count(DISTINCT date_trunc('day', sampled_at)) AS days
            FROM usage_samples WHERE sampled_at >= $1::timestamptz AND sampled_at < $2::timestamptz GROUP BY resource_id
            """), [.timestamp(SampleFixture.window.start), .timestamp(SampleFixture.window.end)]) {
            (try $0.decode(String.self, "resource_id"), try $0.decode(Int.self, "n"), try $0.decode(Double.self, "seconds"), try $0.decode(Int.self, "days"))
        }
        let byId = Dictionary(uniqueKeysWithValues: summaries.map { ($0.resourceId, $0) })
        #expect(counts.count == summaries.count)
        for (id, n, seconds, days) in counts {
            let summary = try #require(byId[id])
            #expect(summary.sampleCount == n)
            #expect(summary.coveredSeconds == seconds)
            #expect(summary.days.count == days)
            #expect(summary.hourOfWeek.reduce(0) { $0 + $1.samples } == n)
        }
    }

    static func array(_ text: String) -> [Double] {
        text.trimmingCharacters(in: CharacterSet(charactersIn: "{}")).split(separator: ",").compactMap { Double($0) }
    }
}
