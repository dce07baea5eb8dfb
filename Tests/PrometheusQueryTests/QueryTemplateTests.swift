import Foundation
import PrometheusQuery
import Testing

@Suite("PromQL templates and chunk planning")
struct QueryTemplateTests {
    @Test func theWindowIsGrafanasRateInterval() {
        #expect(QueryPlaceholders(stepSeconds: 300, scrapeIntervalSeconds: 60).windowSeconds == 360)
        #expect(QueryPlaceholders(stepSeconds: 300, scrapeIntervalSeconds: 300).windowSeconds == 1200)
        #expect(QueryPlaceholders(stepSeconds: 15, scrapeIntervalSeconds: 30).windowSeconds == 120)
    }

    @Test func placeholdersAreReplacedByWholeName() {
        let placeholders = QueryPlaceholders(stepSeconds: 300, scrapeIntervalSeconds: 300)
        #expect(placeholders.apply(to: "rate(x[$window]) * $step_seconds + count_over_time(y[$step])")
            == "rate(x[1200s]) * 300 + count_over_time(y[300s])")
        // A regex anchor and an unknown name stay as they are.
        #expect(placeholders.apply(to: #"up{job=~"node$"} + $unknown + $"#) == #"up{job=~"node$"} + $unknown + $"#)
        #expect(placeholders.apply(to: "$step$window") == "300s1200s")
    }

    @Test func theDefaultMachineQueriesAreDesignsWithTheirPlaceholdersReplaced() {
        let settings = PrometheusSettings()
        let measures = settings.machines.measures
        #expect(measures.map(\.policyKey) == ["prometheus.machines.cpu", "prometheus.machines.memory", "prometheus.machines.network_bytes"])
        #expect(settings.placeholders.apply(to: measures[0].template)
            == #"1 - avg by (instance_id) (rate(node_cpu_seconds_total{mode="idle"}[360s]))"#)
        #expect(settings.placeholders.apply(to: measures[2].template).hasSuffix("[360s]))) * 300"))
    }

    @Test func aDayAtFiveMinutesIsOneChunkOf288() throws {
        let start = Date(timeIntervalSince1970: 1_790_812_800)  // 2026-10-01
        let plan = ChunkPlan(start: start, end: start.addingTimeInterval(86_400), stepSeconds: 300)
        #expect(plan.intervalCount == 288)
        let chunks = plan.chunks
        #expect(chunks.count == 1)
        #expect(chunks[0].queryStart == start.addingTimeInterval(300))
        #expect(chunks[0].queryEnd == start.addingTimeInterval(86_400))
        #expect(chunks[0].intervalIndex(evaluatedAt: start.timeIntervalSince1970 + 300) == 0)
        #expect(chunks[0].intervalIndex(evaluatedAt: start.timeIntervalSince1970 + 86_400) == 287)
        #expect(chunks[0].intervalIndex(evaluatedAt: start.timeIntervalSince1970) == nil)
        #expect(chunks[0].intervalIndex(evaluatedAt: start.timeIntervalSince1970 + 450) == nil)
    }

    @Test func chunksAreDaysAndNeverOver11000PointsAndCoverTheRangeOnce() {
        let start = Date(timeIntervalSince1970: 1_790_812_800)
        let month = ChunkPlan(start: start, end: start.addingTimeInterval(30 * 86_400), stepSeconds: 300)
        #expect(month.chunkCount == 30)
        let fine = ChunkPlan(start: start, end: start.addingTimeInterval(60_000), stepSeconds: 5)
        #expect(fine.intervalCount == 12_000)
        #expect(fine.chunks.map(\.intervalCount) == [11_000, 1_000])
        #expect(fine.chunks[1].start == fine.chunks[0].end)
        let ragged = ChunkPlan(start: start, end: start.addingTimeInterval(1_000), stepSeconds: 300)
        #expect(ragged.intervalCount == 3)
        #expect(ragged.chunks.last?.end == start.addingTimeInterval(900))
        let daily = ChunkPlan(start: start, end: start.addingTimeInterval(3 * 86_400), stepSeconds: 86_400)
        #expect(daily.chunks.map(\.intervalCount) == [1, 1, 1])
        #expect(ChunkPlan(start: start, end: start.addingTimeInterval(299), stepSeconds: 300).chunkCount == 0)
    }
}
