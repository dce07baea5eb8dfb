import Foundation
import PrometheusQuery
import Testing

@Suite("query_range answers into usage_samples rows")
struct ResponseDecodingTests {
    let start = Date(timeIntervalSince1970: 1_790_812_800)  // 2026-10-01T00:00:00Z
    var chunk: Chunk { ChunkPlan(start: start, end: start.addingTimeInterval(900), stepSeconds: 300).chunks[0] }
    let cpu = MeasureQuery(policyKey: "prometheus.machines.cpu", column: .cpuUtilization, template: "x")
    let memory = MeasureQuery(policyKey: "prometheus.machines.memory", column: .memoryUtilization, template: "y")

    func answer(_ series: String) -> Data {
        Data(#"{"status":"success","data":{"resultType":"matrix","result":[\#(series)]}}"#.utf8)
    }

    func rows(_ table: MachineSampleTable) -> [[String?]] {
        var rows: [[String?]] = []
        table.forEachRow(timestamp: { "\(Int($0.timeIntervalSince1970))" }) { rows.append($0) }
        return rows
    }

    @Test func valuesAreMergedByResourceAndIntervalAndKeptAsPrometheusWroteThem() throws {
        let t = start.timeIntervalSince1970
        let cpuBody = answer(#"""
            {"metric":{"instance_id":"i-b"},"values":[[\#(t + 300),"0.25"],[\#(t + 600),"NaN"],[\#(t + 900),"+Inf"]]},
            {"metric":{"instance_id":"i-a"},"values":[[\#(t + 300),"0.1000000000000001"]]},
            {"metric":{"instance_id":"i-ghost"},"values":[[\#(t + 300),"1"],[\#(t + 600),"1"]]},
            {"metric":{"job":"node"},"values":[[\#(t + 300),"1"]]}
            """#)
        let memoryBody = answer(#"{"metric":{"instance_id":"i-b"},"values":[[\#(t + 600),"0.5"],[\#(t + 900),"-Inf"]]}"#)
        var table = MachineSampleTable(chunk: chunk, resourceLabel: "instance_id")
        let known: Set<String> = ["i-a", "i-b"]
        try table.add(QueryResponse.decode(cpuBody, httpStatus: 200, policyKey: cpu.policyKey).data!.result, measure: cpu, isKnown: known.contains)
        try table.add(QueryResponse.decode(memoryBody, httpStatus: 200, policyKey: memory.policyKey).data!.result, measure: memory, isKnown: known.contains)
        let s = Int(t)
        #expect(rows(table) == [
            ["i-a", "\(s)", "300", "0.1000000000000001", nil, nil],
            ["i-b", "\(s)", "300", "0.25", nil, nil],
            ["i-b", "\(s + 300)", "300", nil, "0.5", nil],
        ])
        #expect(table.resources == ["i-a", "i-b"])
        #expect(table.statistics.points == 3)
        #expect(table.statistics.nonFiniteValues == 3)
        #expect(table.statistics.series == 3)
        #expect(table.statistics.unknownResources == ["i-ghost": 2])
        #expect(table.statistics.seriesWithoutLabel == 1)
    }

    @Test func anErrorAnswerNamesThePolicyKeyAndPrometheusMessageOnOneLine() {
        let body = Data(#"{"status":"error","errorType":"bad_data","error":"1:5: parse error:\nunexpected \")\""}"#.utf8)
        #expect {
            try QueryResponse.decode(body, httpStatus: 400, policyKey: "prometheus.machines.cpu")
        } throws: { error in
            let text = "\(error)"
            return text == #"the query prometheus.machines.cpu failed: Prometheus answered HTTP 400 bad_data: 1:5: parse error: unexpected ")""#
        }
    }

    @Test func aNonJSONAnswerAndAVectorAreRefused() {
        #expect(throws: PrometheusQueryError.self) {
            try QueryResponse.decode(Data("Unauthorized\n".utf8), httpStatus: 401, policyKey: "k")
        }
        let vector = Data(#"{"status":"success","data":{"resultType":"vector","result":[]}}"#.utf8)
        #expect(throws: PrometheusQueryError.self) { try QueryResponse.decode(vector, httpStatus: 200, policyKey: "k") }
    }

    @Test func warningsAreDecoded() throws {
        let body = Data(#"{"status":"success","warnings":["too many samples"],"data":{"resultType":"matrix","result":[]}}"#.utf8)
        #expect(try QueryResponse.decode(body, httpStatus: 200, policyKey: "k").warnings == ["too many samples"])
    }

    @Test func twoSeriesForOneResourceAreAQueryError() throws {
        let t = start.timeIntervalSince1970
        let body = answer(#"{"metric":{"instance_id":"i-a","cpu":"0"},"values":[[\#(t + 300),"1"]]},{"metric":{"instance_id":"i-a","cpu":"1"},"values":[[\#(t + 300),"1"]]}"#)
        var table = MachineSampleTable(chunk: chunk, resourceLabel: "instance_id")
        #expect {
            try table.add(QueryResponse.decode(body, httpStatus: 200, policyKey: cpu.policyKey).data!.result, measure: cpu, isKnown: { _ in true })
        } throws: { "\($0)".contains("prometheus.machines.cpu") && "\($0)".contains("aggregate the query by instance_id") }
    }

    @Test func aPointOffTheStepsIsRefused() throws {
        let body = answer(#"{"metric":{"instance_id":"i-a"},"values":[[\#(start.timeIntervalSince1970 + 301),"1"]]}"#)
        var table = MachineSampleTable(chunk: chunk, resourceLabel: "instance_id")
        #expect(throws: PrometheusQueryError.self) {
            try table.add(QueryResponse.decode(body, httpStatus: 200, policyKey: cpu.policyKey).data!.result, measure: cpu, isKnown: { _ in true })
        }
    }
}
