import CostModel
import Foundation
import Testing
@testable import Reports

/// Compares each finance CSV of the fixed scenario with its golden file in `Golden/`.
/// Re-record with `RECORD_GOLDEN=1 swift test --filter FinanceCSVGolden`.
@Suite("Finance CSV golden files")
struct FinanceCSVGoldenTests {
    static let goldenFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    @Test("each CSV matches its golden file byte for byte", arguments: [
        "cost_by_service.csv", "cost_by_team.csv", "cost_by_tier.csv", "cost_daily.csv", "reconciliation.csv",
    ])
    func golden(name: String) throws {
        let file = try #require(FinanceCSV.files(for: FinanceCSVScenario.result).first { $0.name == name })
        let url = Self.goldenFolder.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
            try Data(file.contents.utf8).write(to: url)
            return
        }
        let expected = try String(decoding: Data(contentsOf: url), as: UTF8.self)
        #expect(file.contents == expected, "\(name) differs from \(url.path); re-record with RECORD_GOLDEN=1 if intended")
    }

    @Test("renders are deterministic")
    func deterministic() {
        #expect(FinanceCSV.files(for: FinanceCSVScenario.result) == FinanceCSV.files(for: FinanceCSVScenario.result))
    }
}
