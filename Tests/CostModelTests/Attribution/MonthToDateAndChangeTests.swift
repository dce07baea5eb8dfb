import Foundation
import Testing
@testable import CostModel

@Suite("Month to date and change against the previous window")
struct MonthToDateAndChangeTests {
    let d = AttributionFixture.decimal
    let resources = [
        Resource(id: "a-1", kind: "compute", service: "alpha", team: "t", tier: 1),
        Resource(id: "b-1", kind: "compute", service: "beta", team: "t", tier: 2),
    ]

    @Test("run rate: MTD ÷ elapsed days × days in month, per currency")
    func forecast() throws {
        // As of 11 November: 10 elapsed days of a 30-day month.
        let mtd = MonthToDateInput(asOf: AttributionFixture.day(11), charges: [
            AttributionFixture.charge("a-1", "100.00", day: 1), AttributionFixture.charge("b-1", "33.33", day: 10),
            AttributionFixture.charge("a-1", "1000", currency: "JPY", day: 3),
            AttributionFixture.charge("a-1", "999", day: 11),  // on as-of: outside the period
        ])
        let result = Attribution.run(AttributionInput(window: AttributionFixture.window, charges: [], resources: resources, monthToDate: mtd))
        let usd = try #require(result.monthToDate.first { $0.currency == "USD" })
        #expect(usd.elapsedDays == 10)
        #expect(usd.daysInMonth == 30)
        #expect(usd.effectiveCost == d("133.33"))
        #expect(usd.forecastEffectiveCost == d("399.99"))
        let jpy = try #require(result.monthToDate.first { $0.currency == "JPY" })
        #expect(jpy.forecastEffectiveCost == 3000)
        #expect(result.diagnostics.contains { $0.code == "mtd_charges_outside_period" })
    }

    @Test("February and the first of the month")
    func calendarEdges() throws {
        let february = MonthToDateInput(asOf: AttributionFixture.day(8, month: 2, year: 2028), charges: [
            ChargeGroup(billingAccountId: "a", currency: "EUR", chargeCategory: "Usage", resourceId: "a-1",
                        day: AttributionFixture.day(2, month: 2, year: 2028), billedCost: 7, effectiveCost: 7, listCost: 7),
        ])
        let leap = try #require(Attribution.run(AttributionInput(
            window: AttributionFixture.window, charges: [], resources: resources, monthToDate: february)).monthToDate.first)
        #expect(leap.daysInMonth == 29)
        #expect(leap.elapsedDays == 7)
        #expect(leap.forecastEffectiveCost == 29)

        let first = MonthToDateInput(asOf: AttributionFixture.day(1), charges: [AttributionFixture.charge("a-1", "5", day: 1)])
        #expect(Attribution.run(AttributionInput(
            window: AttributionFixture.window, charges: [], resources: resources, monthToDate: first)).monthToDate.isEmpty)
    }

    @Test("change per service and overall; previous 0 has no percent")
    func change() throws {
        let previous = [
            ChargeGroup(billingAccountId: "a", currency: "USD", chargeCategory: "Usage", resourceId: "a-1",
                        day: AttributionFixture.day(5, month: 10), billedCost: 80, effectiveCost: 80, listCost: 80),
        ]
        let result = Attribution.run(AttributionInput(
            window: AttributionFixture.window, charges: [AttributionFixture.charge("a-1", "100"), AttributionFixture.charge("b-1", "20")],
            previousCharges: previous, resources: resources))
        let alpha = try #require(result.changeByService.first { $0.service == "alpha" })
        #expect(alpha.change == 20)
        #expect(alpha.changePercent == 25)
        let beta = try #require(result.changeByService.first { $0.service == "beta" })
        #expect(beta.previousEffectiveCost == 0)
        #expect(beta.changePercent == nil)
        let overall = try #require(result.changeOverall.first)
        #expect(overall.service == nil)
        #expect(overall.change == 40)
        #expect(overall.changePercent == 50)
    }
}
