import Foundation
@testable import CostModel

/// Builders for small, exact findings scenarios. The window is 30 days (720 h); a resource billed
/// 720 in the window costs exactly 730 per month.
enum Fixture {
    static let start = Date(timeIntervalSince1970: 1_790_812_800) // 2026-10-01T00:00:00Z
    static let window = ReportWindow(start: start, end: start.addingTimeInterval(30 * 86_400))

    static func day(_ index: Int) -> Date { start.addingTimeInterval(Double(index) * 86_400) }

    static func type(_ name: String, _ vcpus: Decimal, _ memory: Decimal, _ price: Decimal,
                     arch: String = "x86_64", family: String? = nil) -> InstanceType {
        InstanceType(providerName: "AWS", regionId: "us-east-1", name: name,
                     family: family ?? String(name.split(separator: ".")[0]), vcpus: vcpus, memoryGiB: memory,
                     arch: arch, onDemandHourly: price, currency: "USD")
    }

    static let catalog: [InstanceType] = [
        type("m5.large", 2, 8, Decimal(string: "0.096")!),
        type("m5.xlarge", 4, 16, Decimal(string: "0.192")!),
        type("m5.2xlarge", 8, 32, Decimal(string: "0.384")!),
        type("m5.4xlarge", 16, 64, Decimal(string: "0.768")!),
        type("m5.bigarm", 2, 8, Decimal(string: "0.05")!, arch: "arm64", family: "m5"),
        type("c5.large", 2, 4, Decimal(string: "0.085")!),
    ]

    static func compute(_ id: String, tier: Int? = 3, type: String = "m5.2xlarge", pricing: PricingModel = .onDemand,
                        state: ResourceState = .running, kind: ResourceKind = .compute) -> Resource {
        Resource(id: id, kind: kind, service: "svc-\(id)", team: "team-a", tier: tier, environment: "production",
                 providerName: "AWS", regionId: "us-east-1", instanceType: type, state: state,
                 pricingModel: pricing)
    }

    static func charge(_ id: String, _ amount: Decimal = 720, currency: String = "USD") -> ChargeGroup {
        ChargeGroup(billingAccountId: "acct", currency: currency, chargeCategory: "Usage", resourceId: id,
                    day: start, billedCost: amount, effectiveCost: amount, listCost: amount)
    }

    /// A histogram filled like `width_bucket(value, 0, 1, 200)`.
    static func histogram(_ values: [Double]) -> UtilizationHistogram {
        var h = UtilizationHistogram(bucketCount: 200)
        for v in values {
            let bucket = v < 0 ? 0 : v >= 1 ? 201 : Int((v * 200).rounded(.down)) + 1
            h.add(bucket: bucket, count: 1)
        }
        return h
    }

    /// Usage with `days` full days, CPU samples `cpu` (repeated), the given daily means.
    static func usage(
        _ id: String, days: Int = 30, coverage: Double = 1, cpu: [Double] = [0.3], cpuMax: Double? = nil,
        memoryMax: Double? = 0.3, dailyCPU: Double = 0.3, dailyNetwork: Double? = 1e9,
        connections: Double? = 5, requests: Double? = 10_000, offHoursCPU: Double = 0.3,
        offHoursSamples: Int = 10, serviceHours: ServiceHours = ServiceHours(startHour: 7, endHour: 19)
    ) -> UsageSummary {
        let values = Array(repeating: cpu, count: 10).flatMap { $0 }
        return UsageSummary(
            resourceId: id, sampleCount: days * 288, coveredSeconds: window.seconds * coverage,
            firstSample: start, lastSample: day(days).addingTimeInterval(-300),
            cpuMax: cpuMax ?? values.max(), memoryMax: memoryMax,
            cpu: histogram(values), cpuInServiceHours: histogram(values), memory: histogram(memoryMax.map { [$0] } ?? []),
            days: (0..<days).map {
                DailyUsage(day: day($0), samples: 288, coveredSeconds: 86_400 * coverage, cpuAverage: dailyCPU,
                           cpuMax: cpuMax, networkBytes: dailyNetwork, requests: requests, connectionsMax: connections)
            },
            hourOfWeek: (1...7).flatMap { weekday in
                (0..<24).map { hour in
                    let inService = serviceHours.contains(isoWeekday: weekday, hour: hour)
                    return HourOfWeekUsage(isoWeekday: weekday, hour: hour, samples: inService ? 10 : offHoursSamples,
                                           cpuAverage: inService ? 0.4 : offHoursCPU)
                }
            })
    }

    static func run(_ resources: [Resource], usage: [UsageSummary] = [], charges: [ChargeGroup]? = nil,
                    policy: FindingsPolicy = .default, catalog: [InstanceType] = Fixture.catalog) -> FindingsResult {
        let input = FindingsInput(
            window: window, resources: resources, ownership: [:],
            usage: Dictionary(uniqueKeysWithValues: usage.map { ($0.resourceId, $0) }),
            charges: charges ?? resources.map { charge($0.id) }, catalog: catalog)
        return FindingEngine.run(input, policy: policy)
    }

    static func findings(_ resources: [Resource], usage: [UsageSummary] = [], charges: [ChargeGroup]? = nil,
                         policy: FindingsPolicy = .default) -> [Finding] {
        run(resources, usage: usage, charges: charges, policy: policy).findings
    }
}

