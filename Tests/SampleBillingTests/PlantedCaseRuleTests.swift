import CostModel
import Foundation
import Testing
@testable import SampleBilling

/// Checks the planted cases against a plain reference implementation of issue 4's default rules
/// (and issue 3's untagged spenders and anomaly rule), computed from the streamed rows over the
/// default report window: the last 30 days of the data. Issue 17's cases (modernize, autoscale,
/// capacity) are checked end to end against the real engine in SampleReportTests; here their
/// look-alikes must get none of issue 4's findings either.
@Suite("Planted cases against the default rules")
struct PlantedCaseRuleTests {
    static let evaluation = RuleEvaluation(organisation: Fixtures.defaultOrganisation, windowDays: 30)

    @Test("every planted finding is found by its rule", arguments: Fixtures.defaultOrganisation.plantedCases.filter {
        if case .finding(let kind) = $0.expectation { FindingKind.issue4.contains(kind) } else { false }
    })
    func plantedFindingIsFound(_ planted: PlantedCase) throws {
        guard case .finding(let kind) = planted.expectation else { return }
        let findings = Self.evaluation.findings(of: planted.resourceId)
        #expect(findings.contains(kind), "\(planted.resourceId): \(findings.sorted()) \(Self.evaluation.explain(planted.resourceId))")
    }

    @Test("no healthy look-alike gets any finding", arguments: Fixtures.defaultOrganisation.plantedCases.filter {
        if case .healthy = $0.expectation { !$0.resourceId.hasPrefix("fleet://") } else { false }
    })
    func lookAlikeIsClean(_ planted: PlantedCase) {
        let findings = Self.evaluation.findings(of: planted.resourceId)
        #expect(findings.isEmpty, "\(planted.resourceId): \(findings.sorted()) \(Self.evaluation.explain(planted.resourceId))")
    }

    @Test("the planted untagged resources are the top untagged spenders")
    func untaggedTopSpenders() {
        let planted = Set(Fixtures.defaultOrganisation.plantedCases.filter { $0.expectation == .untagged }.map(\.resourceId))
        let top = Self.evaluation.untaggedSpenders.prefix(planted.count).map(\.id)
        #expect(Set(top) == planted, "\(Self.evaluation.untaggedSpenders.prefix(6))")
    }

    @Test("the planted cost spike is more than 3 standard deviations above the previous 14 days")
    func costSpike() throws {
        let spike = try #require(Fixtures.defaultOrganisation.plantedCases.compactMap { planted -> (String, Date)? in
            if case .costSpike(let service, let day) = planted.expectation { (service, day) } else { nil }
        }.first)
        let anomalies = Self.evaluation.anomalies(minimumAmount: 10)
        #expect(anomalies.contains { $0.service == spike.0 && $0.day == spike.1 }, "\(anomalies)")
        // The only anomaly in the last 10 days of data.
        let recent = anomalies.filter { $0.day >= Fixtures.end.addingTimeInterval(-10 * 86_400) }
        #expect(recent.count == 1, "\(recent)")
    }
}

/// Per-resource usage statistics and the default rules, computed naively in memory (fine for tests).
struct RuleEvaluation {
    struct Stats {
        var cpu: [Double] = []
        var cpuInServiceHours: [Double] = []
        var memoryMax = 0.0
        var coveredSeconds = 0.0
        var dailyCpuSum: [Int: Double] = [:]
        var dailyCpuCount: [Int: Int] = [:]
        var dailyNetwork: [Int: Double] = [:]
        var dailyRequests: [Int: Double] = [:]
        var dailyConnectionsMax: [Int: Double] = [:]
        var offHoursSum: [Int: Double] = [:]
        var offHoursCount: [Int: Int] = [:]
    }

    let organisation: SampleOrganisation
    let windowStart: Date
    let windowEnd: Date
    let windowDays: Int
    let resources: [String: Resource]
    let catalog: [InstanceType]
    var stats: [String: Stats] = [:]
    var costById: [String: Decimal] = [:]
    var hoursById: [String: Decimal] = [:]
    var tagsById: [String: [String: String]] = [:]
    var serviceDaily: [String: [Date: Decimal]] = [:]

    init(organisation: SampleOrganisation, windowDays: Int) {
        self.organisation = organisation
        self.windowDays = windowDays
        windowEnd = organisation.window.end
        windowStart = windowEnd.addingTimeInterval(-Double(windowDays) * 86_400)
        resources = Dictionary(uniqueKeysWithValues: organisation.resources.map { ($0.id, $0) })
        catalog = Fixtures.catalog
        var stats: [String: Stats] = [:]
        let start = windowStart
        let resources = self.resources
        organisation.forEachUsageSample { sample in
            guard sample.sampledAt >= start, let resource = resources[sample.resourceId] else { return }
            let seconds = Int64(sample.sampledAt.timeIntervalSince1970)
            let day = Int(sample.sampledAt.timeIntervalSince(start) / 86_400)
            let hour = UTCClock.hour(seconds)
            let workday = UTCClock.isWorkday(seconds)
            var entry = stats[sample.resourceId, default: Stats()]
            entry.coveredSeconds += Double(sample.intervalSeconds)
            if let cpu = sample.cpuUtilization.map(Double.init) {
                entry.cpu.append(cpu)
                entry.dailyCpuSum[day, default: 0] += cpu
                entry.dailyCpuCount[day, default: 0] += 1
                let tier = resource.tier ?? 0
                let (from, to) = tier == 4 ? (8, 18) : (7, 19)
                let inService = workday && hour >= from && hour < to
                if tier != 2 || inService { entry.cpuInServiceHours.append(cpu) }
                if !inService {
                    let hourOfWeek = UTCClock.isoWeekday(seconds) * 24 + hour
                    entry.offHoursSum[hourOfWeek, default: 0] += cpu
                    entry.offHoursCount[hourOfWeek, default: 0] += 1
                }
            }
            if let memory = sample.memoryUtilization { entry.memoryMax = max(entry.memoryMax, Double(memory)) }
            if let network = sample.networkBytes { entry.dailyNetwork[day, default: 0] += network }
            if let requests = sample.requests { entry.dailyRequests[day, default: 0] += requests }
            if let connections = sample.connections {
                entry.dailyConnectionsMax[day] = max(entry.dailyConnectionsMax[day] ?? 0, Double(connections))
            }
            stats[sample.resourceId] = entry
        }
        self.stats = stats

        var cost: [String: Decimal] = [:]
        var hours: [String: Decimal] = [:]
        var tags: [String: [String: String]] = [:]
        var daily: [String: [Date: Decimal]] = [:]
        let dataStart = organisation.window.start
        organisation.forEachBillingLineItem { line in
            if let id = line.resourceId {
                tags[id] = line.tags
                if line.chargePeriodStart >= start {
                    cost[id, default: 0] += line.effectiveCost
                    if line.pricingUnit == "Hours" && line.chargeCategory == "Usage" && line.serviceCategory != "Networking" {
                        hours[id, default: 0] += line.pricingQuantity ?? 0
                    }
                }
                let service = resources[id]?.service ?? line.tags["service"] ?? line.tags["app"]
                if let service, line.chargePeriodStart >= dataStart {
                    daily[service, default: [:]][line.chargePeriodStart, default: 0] += line.effectiveCost
                }
            }
        }
        costById = cost; hoursById = hours; tagsById = tags; serviceDaily = daily
    }

    static func percentile(_ values: [Double], _ p: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let rank = Int((p * Double(sorted.count)).rounded(.up)) - 1
        return sorted[min(max(rank, 0), sorted.count - 1)]
    }

    func coverage(_ id: String) -> Double { (stats[id]?.coveredSeconds ?? 0) / (Double(windowDays) * 86_400) }

    func findings(of id: String) -> Set<String> {
        guard let resource = resources[id] else { return [] }
        var result = Set<String>()
        let entry = stats[id]
        let tier = resource.tier ?? 0
        let daysAgo: (Date?) -> Double = { date in date.map { windowEnd.timeIntervalSince($0) / 86_400 } ?? 0 }
        switch resource.kind {
        case "compute", "database":
            if resource.state == "stopped" {
                if daysAgo(resource.lastActiveAt) >= 14 && (costById[id] ?? 0) > 0 { result.insert("unused") }
                break
            }
            guard let entry, coverage(id) >= 0.7 else { result.insert("insufficient_data"); break }
            let days = entry.dailyCpuCount.keys.sorted()
            let idleDays = days.filter { day in
                (entry.dailyCpuSum[day]! / Double(entry.dailyCpuCount[day]!)) < 0.02 && (entry.dailyNetwork[day] ?? 0) < 5e6
            }
            var idle = days.count >= 14 && Double(idleDays.count) >= 0.9 * Double(days.count)
            if resource.kind == "database" {
                idle = idle && (windowDays - 7..<windowDays).allSatisfy { (entry.dailyConnectionsMax[$0] ?? 0) == 0 }
            }
            if idle { result.insert("unused") }
            let (percentile, target): (Double, Double) = switch tier {
            case 1: (0.99, 0.5)
            case 2: (0.95, 0.65)
            case 3: (0.95, 0.8)
            default: (0.90, 0.8)
            }
            let vcpus = NSDecimalNumber(decimal: resource.vcpus ?? 0).doubleValue
            let memory = NSDecimalNumber(decimal: resource.memoryGiB ?? 0).doubleValue
            let neededCpu = Self.percentile(entry.cpuInServiceHours, percentile) * vcpus / target
            let neededMemory = entry.memoryMax * memory * 1.15
            if let current = catalog.first(where: { $0.name == resource.instanceType }),
               catalog.contains(where: {
                   $0.family == current.family && $0.arch == current.arch && $0.onDemandHourly < current.onDemandHourly
                       && NSDecimalNumber(decimal: $0.vcpus).doubleValue >= neededCpu
                       && NSDecimalNumber(decimal: $0.memoryGiB).doubleValue >= neededMemory
               }), !idle {
                result.insert("over_provisioned")
            }
            if Self.percentile(entry.cpu, 0.95) > 0.8 || entry.memoryMax > 0.9 { result.insert("under_provisioned") }
            if resource.kind == "compute" {
                if tier == 2 || tier == 4, !entry.offHoursSum.isEmpty,
                   entry.offHoursSum.allSatisfy({ $0.value / Double(entry.offHoursCount[$0.key]!) < 0.05 }), !idle {
                    result.insert("schedule")
                }
                if (tier == 3 || tier == 4) && resource.pricingModel == "on_demand" { result.insert("spot") }
                if tier == 1 && resource.pricingModel == "on_demand"
                    && (hoursById[id] ?? 0) >= Decimal(windowDays * 24) * Decimal(string: "0.95")! {
                    result.insert("commitment")
                }
            }
        case "volume":
            if resource.state == "unattached" && daysAgo(resource.lastActiveAt) >= 7 { result.insert("unused") }
            if resource.storageClass == "gp2" { result.insert("storage_class") }
        case "ip_address":
            if resource.state == "unassociated" || resource.attachedTo == nil { result.insert("unused") }
        case "load_balancer":
            if let entry, (windowDays - 7..<windowDays).allSatisfy({ (entry.dailyRequests[$0] ?? 0) < 100 }) {
                result.insert("unused")
            }
        case "object_storage":
            let requests = entry?.dailyRequests.values.reduce(0, +) ?? 0
            if resource.storageClass == "standard" && requests / Double(windowDays) < 10 { result.insert("storage_class") }
        default:
            if resource.storageClass == "snapshot", daysAgo(resource.createdAt) > 90 { result.insert("storage_class") }
        }
        return result
    }

    func explain(_ id: String) -> String {
        guard let entry = stats[id], let resource = resources[id] else { return "no samples" }
        return "coverage \(coverage(id)) p95 \(Self.percentile(entry.cpu, 0.95)) p99 \(Self.percentile(entry.cpu, 0.99)) "
            + "p95 in service \(Self.percentile(entry.cpuInServiceHours, 0.95)) mem max \(entry.memoryMax) "
            + "type \(resource.instanceType ?? "-")"
    }

    /// Billed resources with no service from the inventory or the bill's tags, by effective cost, largest first.
    var untaggedSpenders: [(id: String, cost: Decimal)] {
        costById.filter { id, _ in
            let tags = tagsById[id] ?? [:]
            return resources[id]?.service == nil && tags["service"] == nil && tags["app"] == nil
        }
        .map { (id: $0.key, cost: $0.value) }
        .sorted { $0.cost > $1.cost }
    }

    /// Service days whose effective cost is more than 3 standard deviations above the mean of the
    /// previous 14 days and more than `minimumAmount` above it.
    func anomalies(minimumAmount: Double) -> [(service: String, day: Date)] {
        var result: [(String, Date)] = []
        for (service, days) in serviceDaily {
            let ordered = days.keys.sorted()
            for (index, day) in ordered.enumerated() where index >= 14 {
                let previous = ordered[(index - 14)..<index].map { NSDecimalNumber(decimal: days[$0]!).doubleValue }
                let mean = previous.reduce(0, +) / 14
                let deviation = (previous.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 14).squareRoot()
                let value = NSDecimalNumber(decimal: days[day]!).doubleValue
                if value > mean + 3 * deviation && value - mean > minimumAmount { result.append((service, day)) }
            }
        }
        return result.sorted { ($0.1, $0.0) < ($1.1, $1.0) }
    }
}

@Suite("Planted cases under other seeds")
struct PlantedCaseSeedTests {
    @Test("the seed changes noise and sizes, never which side of a threshold a planted case is on",
          arguments: [UInt64(1), 2024])
    func plantedCasesHold(seed: UInt64) {
        let organisation = SampleOrganisation(options: SampleOptions(end: Fixtures.end, seed: seed), catalog: Fixtures.catalog)
        let evaluation = RuleEvaluation(organisation: organisation, windowDays: 30)
        for planted in organisation.plantedCases {
            let findings = evaluation.findings(of: planted.resourceId)
            switch planted.expectation {
            case .finding(let kind) where FindingKind.issue4.contains(kind):
                #expect(findings.contains(kind), "seed \(seed) \(planted.resourceId): \(findings.sorted())")
            case .healthy:
                #expect(findings.isEmpty, "seed \(seed) \(planted.resourceId): \(findings.sorted())")
            case .finding, .untagged, .costSpike, .capacityRunway, .flatTrend:
                break
            }
        }
        let untagged = Set(organisation.plantedCases.filter { $0.expectation == .untagged }.map(\.resourceId))
        #expect(Set(evaluation.untaggedSpenders.prefix(untagged.count).map(\.id)) == untagged)
    }
}
