import CostModel
import Foundation
import Testing
import TestSupport
@testable import Reports

/// Compares each finance CSV of the fixed scenario with its golden file in `Golden/`.
/// Re-record with `RECORD_GOLDEN=1 swift test --filter FinanceCSVGolden`.
@Suite("Finance CSV golden files")
struct FinanceCSVGoldenTests {
    @Test("each CSV matches its golden file byte for byte", arguments: [
        "cost_by_service.csv", "cost_by_team.csv", "cost_by_tier.csv", "cost_daily.csv", "reconciliation.csv",
    ])
    func golden(name: String) throws {
        let file = try #require(FinanceCSV.files(for: FinanceCSVScenario.result).first { $0.name == name })
        try Golden.assertMatches(file.contents, named: name)
    }

    @Test("the CSVs do not depend on the order of the charges and resources")
    func inputOrderDoesNotMatter() {
        var reversed = FinanceCSVScenario.input
        reversed.charges.reverse()
        reversed.resources.reverse()
        let files = FinanceCSV.files(for: Attribution.run(reversed, policy: AttributionPolicy()))
        #expect(files == FinanceCSV.files(for: FinanceCSVScenario.result))
    }
}
