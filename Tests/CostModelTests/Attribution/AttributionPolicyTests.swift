import Foundation
import Testing
@testable import CostModel

@Suite("Attribution policy decoding")
struct AttributionPolicyTests {
    func decode(_ json: String) throws -> AttributionPolicy {
        try JSONDecoder().decode(AttributionPolicy.self, from: Data(json.utf8))
    }

    @Test("missing keys use the defaults")
    func defaults() throws {
        let policy = try decode("{}")
        #expect(policy == AttributionPolicy())
        #expect(policy.tagKeys.service == ["service", "app", "application"])
        #expect(policy.sharedCost == .proportional)
        #expect(policy.anomalySigma == 3)
        #expect(policy.anomalyBaselineDays == 14)
        #expect(policy.anomalyMinimumAmount == 10)
        #expect(policy.topUntaggedCount == 20)
    }

    @Test("given values are read; amounts from strings or numbers; round trip")
    func values() throws {
        let policy = try decode(#"{"shared_cost":"even","anomaly_minimum_amount":"12.50","tag_keys":{"team":["squad"]},"top_untagged_count":5}"#)
        #expect(policy.sharedCost == .even)
        #expect(policy.anomalyMinimumAmount == Decimal(string: "12.5"))
        #expect(policy.tagKeys.team == ["squad"])
        #expect(policy.tagKeys.tier == ["tier"])
        #expect(policy.topUntaggedCount == 5)
        #expect(try decode(#"{"anomaly_minimum_amount": 7}"#).anomalyMinimumAmount == 7)
        let encoded = try JSONEncoder().encode(policy)
        #expect(try JSONDecoder().decode(AttributionPolicy.self, from: encoded) == policy)
    }

    @Test("invalid values throw naming the key", arguments: [
        (#"{"anomaly_sigma": 0}"#, "anomaly_sigma"),
        (#"{"anomaly_baseline_days": 1}"#, "anomaly_baseline_days"),
        (#"{"anomaly_minimum_amount": "-1"}"#, "anomaly_minimum_amount"),
        (#"{"anomaly_minimum_amount": "ten"}"#, "anomaly_minimum_amount"),
        (#"{"anomaly_minimum_amount": "1-2"}"#, "anomaly_minimum_amount"),
        (#"{"top_untagged_count": -3}"#, "top_untagged_count"),
        (#"{"shared_cost": "random"}"#, "shared_cost"),
        (#"{"tag_keys": {"service": [""]}}"#, "service"),
    ])
    func invalid(json: String, key: String) {
        do {
            _ = try decode(json)
            Issue.record("expected an error for \(json)")
        } catch let DecodingError.dataCorrupted(context) {
            #expect(context.codingPath.map(\.stringValue).contains(key))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }
}
