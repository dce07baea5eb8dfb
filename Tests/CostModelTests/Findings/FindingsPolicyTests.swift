import Foundation
import Testing
@testable import CostModel

@Suite struct FindingsPolicyTests {
    func decode(_ json: String) throws -> FindingsPolicy {
        try JSONDecoder().decode(FindingsPolicy.self, from: Data(json.utf8))
    }

    @Test func defaultsMatchTheDesign() {
        let p = FindingsPolicy.default
        #expect(p.tiers.tier1.sizingPercentile == 99 && p.tiers.tier1.targetUtilization == 0.50 && p.tiers.tier1.minimumWindowDays == 30)
        #expect(p.tiers.tier2.sizingPercentile == 95 && p.tiers.tier2.sizingInServiceHours && p.tiers.tier2.targetUtilization == 0.65)
        #expect(p.tiers.tier3.targetUtilization == 0.80 && p.tiers.tier4.sizingPercentile == 90)
        #expect(p.usageQueryServiceHours == ServiceHours(startHour: 7, endHour: 19, workdays: [1, 2, 3, 4, 5]))
        #expect(p.tiers.tier4.serviceHours == ServiceHours(startHour: 8, endHour: 18))
        #expect(!p.tiers.tier1.allows(.delete) && !p.tiers.tier1.allows(.moveToSpot))
        #expect(p.tierPolicy(for: nil) == p.tiers.tier2 && p.tierPolicy(for: 9) == p.tiers.tier2)
        #expect(p.spot.discount(forProvider: "aws") == Decimal(string: "0.6"))
        #expect(p.hoursPerMonthDecimal == 730)
    }

    @Test func emptyFileIsTheDefaultAndRoundTrips() throws {
        #expect(try decode("{}") == .default)
        let encoded = try JSONEncoder().encode(FindingsPolicy.default)
        #expect(try JSONDecoder().decode(FindingsPolicy.self, from: encoded) == .default)
    }

    @Test func missingKeysInATierKeepThatTiersDefaults() throws {
        let p = try decode(#"{"tiers": {"4": {"target_utilization": 0.7}}, "spot": {"discounts": {"AWS": 0.7, "default": 0.5}}}"#)
        #expect(p.tiers.tier4.targetUtilization == 0.7)
        #expect(p.tiers.tier4.sizingPercentile == 90 && p.tiers.tier4.serviceHours == ServiceHours(startHour: 8, endHour: 18))
        #expect(p.tiers.tier1 == .tier1)
        #expect(p.spot.discount(forProvider: "AWS") == Decimal(string: "0.7"))
        #expect(p.spot.discount(forProvider: "GCP") == Decimal(string: "0.5"))
    }

    @Test(arguments: [
        (#"{"unused": {"cpu_daily_average_max": 2}}"#, "cpu_daily_average_max"),
        (#"{"tiers": {"2": {"target_utilization": 0}}}"#, "target_utilization"),
        (#"{"time_zone": "Mars/Olympus"}"#, "time_zone"),
        (#"{"tiers": {"1": {"allowed_actions": ["delete"]}}}"#, "allowed_actions"),
        (#"{"tiers": {"1": {"never_below_peak": false}}}"#, "never_below_peak"),
        (#"{"tiers": {"4": {"service_hours": {"start_hour": 18, "end_hour": 8}}}}"#, "end_hour"),
    ])
    func invalidValuesThrowNamingTheKey(json: String, key: String) {
        do {
            _ = try decode(json)
            Issue.record("expected a decoding error for \(key)")
        } catch let DecodingError.dataCorrupted(context) {
            #expect(context.debugDescription.contains(key))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }
}
