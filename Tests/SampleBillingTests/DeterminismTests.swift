import CostModel
import Foundation
import Testing
@testable import SampleBilling

@Suite("Determinism and streaming")
struct DeterminismTests {
    static func fingerprint(_ organisation: SampleOrganisation) -> (resources: UInt64, bill: UInt64, usage: UInt64) {
        var resources = Fingerprint()
        for resource in organisation.resources {
            var untagged = resource
            untagged.tags = [:]
            resources.add("\(untagged)" + Self.canonical(resource.tags))
        }
        var bill = Fingerprint()
        organisation.forEachBillingLineItem { line in
            var untagged = line
            untagged.tags = [:]
            bill.add("\(untagged)" + Self.canonical(line.tags))
        }
        var usage = Fingerprint()
        organisation.forEachUsageSample { usage.add("\($0)") }
        return (resources.value, bill.value, usage.value)
    }

    /// Tags in key order (a dictionary's own order is not stable between instances).
    static func canonical(_ tags: [String: String]) -> String {
        tags.keys.sorted().map { "\($0)=\(tags[$0]!)" }.joined(separator: ";")
    }

    @Test("the same options give identical rows; another seed gives other rows")
    func sameSeedSameRows() {
        let options = SampleOptions(end: Fixtures.end, seed: 7, days: 20)
        let first = Self.fingerprint(SampleOrganisation(options: options, catalog: Fixtures.catalog))
        let second = Self.fingerprint(SampleOrganisation(options: options, catalog: Fixtures.catalog))
        #expect(first == second)

        var otherSeed = options
        otherSeed.seed = 8
        let third = Self.fingerprint(SampleOrganisation(options: otherSeed, catalog: Fixtures.catalog))
        #expect(third.resources != first.resources)
        #expect(third.bill != first.bill)
        #expect(third.usage != first.usage)
    }

    @Test("a known value does not drift between machines: the generator's first outputs")
    func generatorIsStable() {
        var generator = SplitMix64(seed: 0)
        // Reference values of SplitMix64 seeded with 0 (Vigna's reference implementation).
        #expect(generator.next() == 0xE220_A839_7B1D_CDAF)
        #expect(generator.next() == 0x6E78_9E6A_A1B9_65F4)
    }

    @Test("streaming: rows are produced one by one, counts follow the options")
    func streamingCounts() {
        let options = SampleOptions(end: Fixtures.end, days: 3, sampleIntervalSeconds: 300)
        let organisation = SampleOrganisation(options: options, catalog: Fixtures.catalog)
        var fiveMinuteSamples = 0
        organisation.forEachUsageSample { if $0.intervalSeconds == 300 { fiveMinuteSamples += 1 } }
        var hourly = options
        hourly.sampleIntervalSeconds = 3600
        var hourlySamples = 0
        SampleOrganisation(options: hourly, catalog: Fixtures.catalog).forEachUsageSample {
            if $0.intervalSeconds == 3600 { hourlySamples += 1 }
        }
        #expect(hourlySamples > 0)
        #expect(fiveMinuteSamples == hourlySamples * 12)

        var dailyLines = 0
        organisation.forEachBillingLineItem { if $0.resourceId != nil && $0.chargeCategory == "Usage" { dailyLines += 1 } }
        var hourlyBilling = options
        hourlyBilling.billingGranularity = .hourly
        var hourlyLines = 0
        var hourlyTotal = Decimal(0)
        var dailyTotal = Decimal(0)
        SampleOrganisation(options: hourlyBilling, catalog: Fixtures.catalog).forEachBillingLineItem {
            if $0.resourceId != nil && $0.chargeCategory == "Usage" {
                hourlyLines += 1
                if $0.skuId != "LCUUsage" && $0.skuId != "DataTransfer-Out-Bytes" { hourlyTotal += $0.effectiveCost }
            }
        }
        organisation.forEachBillingLineItem {
            if $0.resourceId != nil && $0.chargeCategory == "Usage" && $0.skuId != "LCUUsage"
                && $0.skuId != "DataTransfer-Out-Bytes" { dailyTotal += $0.effectiveCost }
        }
        #expect(hourlyLines > dailyLines * 20)
        // Hour-priced charges add up to the same money whichever the granularity (storage rounding aside).
        let difference = hourlyTotal - dailyTotal
        #expect(difference < Decimal(string: "0.001")! && difference > Decimal(string: "-0.001")!)
    }

    @Test("the default organisation generates quickly enough for benchmarks")
    func generationIsFast() {
        let clock = ContinuousClock()
        var samples = 0
        var lines = 0
        let elapsed = clock.measure {
            let organisation = SampleOrganisation(options: SampleOptions(end: Fixtures.end), catalog: Fixtures.catalog)
            organisation.forEachUsageSample { _ in samples += 1 }
            organisation.forEachBillingLineItem { _ in lines += 1 }
        }
        #expect(samples > 250_000)
        #expect(lines > 20_000)
        // Generous for a debug build on a shared 2-core machine; release is several times faster.
        #expect(elapsed < .seconds(60))
    }
}
