import Foundation
import Testing
@testable import CostModel
@testable import Reports

@Suite struct TrendsCSVTests {
    @Test func unitCostsAreUnrounded() {
        let trends = HTMLReportScenario.trends(HTMLReportScenario.Names())
        var rows = trends.unitCosts
        rows.append(UnitCost(service: "=cmd", currency: "USD", effectiveCost: 10, requests: 3,
                             costPer1000Requests: FindingsPrecision.normalized(Decimal(10) / 3 * 1000), previousCostPer1000Requests: nil))
        #expect(TrendsCSV.unitCosts(rows) == """
            service,billing_currency,effective_cost,requests,cost_per_1000_requests,previous_cost_per_1000_requests\r
            web-shop,USD,1234.5,24690000,0.05,0.0625\r
            '=cmd,USD,10,3,3333.3333333333,\r

            """)
    }

    @Test func capacityRowsWithAnEmptyDateWhenFlat() {
        let trends = HTMLReportScenario.trends(HTMLReportScenario.Names())
        #expect(TrendsCSV.capacity(trends.capacity) == """
            resource_id,service,tier,metric,current_p95,weekly_trend,threshold,days_to_threshold\r
            i-web-1,web-shop,1,cpu,0.5547,0.050000,0.70,16.8\r
            i-web-1,web-shop,1,memory,0.3000,0.000000,0.80,\r

            """)
    }

    @Test func bothFilesAreAlwaysWritten() {
        let names = ReportFiles.render(HTMLReportScenario.model()).map(\.name)
        #expect(names.contains("unit_costs.csv") && names.contains("capacity.csv"))
    }
}
