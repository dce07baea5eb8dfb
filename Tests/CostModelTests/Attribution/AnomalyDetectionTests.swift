import Foundation
import Testing
@testable import CostModel

@Suite("Anomalies")
struct AnomalyDetectionTests {
    let d = AttributionFixture.decimal
    let resources = [Resource(id: "a-1", kind: "compute", service: "alpha", team: "t", tier: 1)]

    /// Days 1...14 alternate 90 and 110 (mean 100, population sd 10); day 15 costs `spike`.
    func run(spike: String, minimum: Decimal = 10) -> AttributionResult {
        var charges = (1...14).map { AttributionFixture.charge("a-1", $0 % 2 == 0 ? "90" : "110", day: $0) }
        charges.append(AttributionFixture.charge("a-1", spike, day: 15))
        return Attribution.run(
            AttributionInput(window: AttributionFixture.window, charges: charges, resources: resources),
            policy: AttributionPolicy(anomalyMinimumAmount: minimum))
    }

    @Test("exactly mean + 3 sd is not an anomaly")
    func atThreshold() {
        #expect(run(spike: "130").anomalies.isEmpty)
    }

    @Test("just above mean + 3 sd is reported with day, amount and baseline")
    func justAbove() throws {
        let result = run(spike: "130.01")
        let anomaly = try #require(result.anomalies.first)
        #expect(result.anomalies.count == 1)
        #expect(anomaly.service == "alpha")
        #expect(anomaly.day == AttributionFixture.day(15))
        #expect(anomaly.effectiveCost == d("130.01"))
        #expect(anomaly.baselineMean == 100)
        #expect(anomaly.baselineStandardDeviation == 10)
        #expect(anomaly.baselineDays == 14)
        #expect(anomaly.excessOverMean == d("30.01"))
    }

    @Test("above the sigma threshold but not above the minimum amount is not reported")
    func minimumAmount() {
        #expect(run(spike: "140", minimum: 40).anomalies.isEmpty)
        #expect(run(spike: "140.01", minimum: 40).anomalies.count == 1)
    }

    @Test("days without cost count as 0 in the baseline; no cost at all means no test")
    func zeroDays() {
        // Cost only on day 2 (5) within the baseline of day 15: mean 5/14, sd small → 20 is an anomaly.
        let charges = [AttributionFixture.charge("a-1", "5", day: 2), AttributionFixture.charge("a-1", "20", day: 15)]
        let result = Attribution.run(AttributionInput(window: AttributionFixture.window, charges: charges, resources: resources))
        #expect(result.anomalies.map(\.day) == [AttributionFixture.day(15)])
        // A brand-new service has no baseline: nothing is reported.
        let fresh = Attribution.run(AttributionInput(
            window: AttributionFixture.window, charges: [AttributionFixture.charge("a-1", "500", day: 20)], resources: resources))
        #expect(fresh.anomalies.isEmpty)
    }

    @Test("the baseline reaches into the previous window")
    func previousWindowBaseline() {
        let previous = (18...31).map { day in
            ChargeGroup(billingAccountId: "a", currency: "USD", chargeCategory: "Usage", resourceId: "a-1",
                        day: AttributionFixture.day(day, month: 10), billedCost: 50, effectiveCost: 50, listCost: 50)
        }
        let result = Attribution.run(AttributionInput(
            window: AttributionFixture.window, charges: [AttributionFixture.charge("a-1", "61", day: 1)], previousCharges: previous,
            resources: resources))
        #expect(result.anomalies.map(\.day) == [AttributionFixture.day(1)])
        #expect(result.anomalies.first?.baselineMean == 50)
    }
}
