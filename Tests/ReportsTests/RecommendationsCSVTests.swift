import CostModel
import Foundation
import Testing
import TestSupport
@testable import Reports

/// Golden files for `recommendations.csv` and `plan.csv` on a small fixed scenario.
/// Re-record with `RECORD_GOLDEN=1 swift test --filter RecommendationsCSVTests`.
@Suite struct RecommendationsCSVTests {
    static let start = Date(timeIntervalSince1970: 1_790_812_800) // 2026-10-01T00:00:00Z
    static let window = ReportWindow(start: start, end: start.addingTimeInterval(30 * 86_400))

    static func type(_ name: String, _ vcpus: Decimal, _ memory: Decimal, _ price: String) -> InstanceType {
        InstanceType(providerName: "AWS", regionId: "us-east-1", name: name, family: "m5", vcpus: vcpus,
                     memoryGiB: memory, arch: "x86_64", onDemandHourly: Decimal(string: price)!, currency: "USD")
    }

    static func usage(_ id: String, cpu: Double, dailyCPU: Double, network: Double, offHours: Double) -> UsageSummary {
        var histogram = UtilizationHistogram(bucketCount: 200)
        histogram.add(bucket: Int(cpu * 200) + 1, count: 8640)
        var memory = UtilizationHistogram(bucketCount: 200)
        memory.add(bucket: 41, count: 8640)
        return UsageSummary(
            resourceId: id, sampleCount: 8640, coveredSeconds: window.seconds, firstSample: start,
            lastSample: window.end.addingTimeInterval(-300), cpuMax: cpu + 0.05, memoryMax: 0.2,
            cpu: histogram, cpuInServiceHours: histogram, memory: memory,
            days: (0..<30).map {
                DailyUsage(day: start.addingTimeInterval(Double($0) * 86_400), samples: 288, coveredSeconds: 86_400,
                           cpuAverage: dailyCPU, cpuMax: cpu + 0.05, networkBytes: network, connectionsMax: 4)
            },
            hourOfWeek: (1...7).flatMap { d in (0..<24).map { h in
                HourOfWeekUsage(isoWeekday: d, hour: h, samples: 12,
                                cpuAverage: (1...5).contains(d) && (8..<18).contains(h) ? cpu : offHours)
            } })
    }

    static func scenario() -> FindingsResult {
        func compute(_ id: String, tier: Int?, service: String) -> Resource {
            Resource(id: id, kind: "compute", service: service, team: "payments", tier: tier, environment: "production",
                     providerName: "AWS", regionId: "us-east-1", instanceType: "m5.2xlarge", state: "running",
                     pricingModel: "on_demand")
        }
        let resources = [
            compute("i-api", tier: 1, service: "=checkout"),
            compute("i-dev", tier: 4, service: "sandbox, tools"),
            compute("i-idle", tier: 2, service: "reports"),
            compute("i-new", tier: 3, service: "etl"),
            Resource(id: "vol-old", kind: "volume", service: "reports", team: "payments", tier: 2,
                     storageGiB: 500, storageClass: "gp2", state: "unattached", lastActiveAt: start),
        ]
        let usage = [
            usage("i-api", cpu: 0.1, dailyCPU: 0.1, network: 1e9, offHours: 0.1),
            usage("i-dev", cpu: 0.12, dailyCPU: 0.05, network: 1e8, offHours: 0.01),
            usage("i-idle", cpu: 0.005, dailyCPU: 0.005, network: 1000, offHours: 0.005),
        ]
        let charges = resources.map {
            ChargeGroup(billingAccountId: "acct", currency: "USD", chargeCategory: "Usage", resourceId: $0.id, day: start,
                        billedCost: Decimal(string: "276.48")!, effectiveCost: Decimal(string: "276.48")!,
                        listCost: Decimal(string: "276.48")!)
        }
        let input = FindingsInput(
            window: window, resources: resources, ownership: [:],
            usage: Dictionary(uniqueKeysWithValues: usage.map { ($0.resourceId, $0) }), charges: charges,
            catalog: [type("m5.large", 2, 8, "0.096"), type("m5.xlarge", 4, 16, "0.192"), type("m5.2xlarge", 8, 32, "0.384")])
        return FindingEngine.run(input, policy: .default)
    }

    @Test func recommendationsMatchTheGoldenFile() throws {
        try Golden.assertMatches(RecommendationsCSV.render(Self.scenario().findings), named: "recommendations-small.csv")
    }

    @Test func planMatchesTheGoldenFile() throws {
        try Golden.assertMatches(PlanCSV.render(Self.scenario().plan), named: "plan-small.csv")
    }

    @Test func rowsAreSortedByPhaseThenSavingsAndFormulasAreNeutralised() {
        let findings = Self.scenario().findings
        let csv = RecommendationsCSV.render(findings)
        let lines = csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.first == RecommendationsCSV.header.joined(separator: ","))
        #expect(lines.count == findings.count + 1)
        let sorted = RecommendationsCSV.sorted(findings)
        #expect(sorted.map(\.phase) == sorted.map(\.phase).sorted())
        #expect(csv.contains(",'=checkout,"))
        #expect(csv.contains(",\"sandbox, tools\","))
    }

    @Test func planCumulativeColumnAddsUpTheRoundedMarginals() {
        let plan = Self.scenario().plan
        let rows = PlanCSV.render(plan).components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }
        var running: Decimal = 0
        for row in rows {
            // The last three cells hold no commas: marginal, cumulative, currency.
            let cells = Array(row.components(separatedBy: ",").suffix(3))
            running += Decimal(string: cells[0])!
            #expect(Decimal(string: cells[1])! == running)
        }
        #expect(!rows.isEmpty)
    }
}
