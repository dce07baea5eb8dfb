import Foundation
import Testing
@testable import CostModel

/// Findings carry their computation as steps with values; one renderer writes the formula.
@Suite struct EvidenceTests {
    @Test func formulaTextJoinsStepsAndWritesEachValueOneWay() {
        let steps: [EvidenceStep] = [
            "needed vCPU = \("p95 CPU") \(.number(0.2134, digits: 3)) × \(.exact(8)) vCPU ÷ \(.number(0.65)) = \(.number(2.6265))",
            EvidenceStep("→ \("m5.large")").joined(by: " "),
            "saving = \(.money(Decimal(string: "280.325")!, currency: "USD")) × (1 − \(.rounded(Decimal(string: "0.50004")!, digits: 4))) = "
                + "\(.money(140, currency: "JPY"))/month",
            "ran \(.percent(0.9512, digits: 1)) of \(30) days",
        ]
        #expect(FormulaText.render(steps)
            == "needed vCPU = p95 CPU 0.213 × 8 vCPU ÷ 0.65 = 2.63 → m5.large; saving = 280.33 USD × (1 − 0.5) = 140 JPY/month; ran 95.1% of 30 days")
        #expect(steps[0].values == [.name("p95 CPU"), .number(0.2134, digits: 3), .exact(8), .number(0.65), .number(2.6265)])
        #expect(FormulaText.render([]) == "")
    }

    /// The saving a finding reports is the last amount its formula shows, for every kind that saves.
    @Test func theFormulaShowsTheSavingTheFindingCarries() throws {
        let resources = [
            Fixture.compute("i-sched", tier: 4, pricing: .spot), Fixture.compute("i-spot", tier: 3),
            Fixture.compute("i-commit", tier: 1), Fixture.compute("i-hot", tier: 3),
            Resource(id: "vol-1", kind: .volume, tier: 3, storageClass: "gp2", state: .unattached,
                     lastActiveAt: Fixture.window.start),
        ]
        let usage = [
            Fixture.usage("i-sched", cpu: [0.4], offHoursCPU: 0.01, serviceHours: ServiceHours(startHour: 8, endHour: 18)),
            Fixture.usage("i-spot", cpu: [0.4]),
            Fixture.usage("i-commit", cpu: [0.1], cpuMax: 0.45, memoryMax: 0.1),
            Fixture.usage("i-hot", cpu: [0.95], memoryMax: 0.5),
        ]
        let charges = resources.map { Fixture.charge($0.id, Decimal(string: "713.37")!) }
        let findings = Fixture.findings(resources, usage: usage, charges: charges)
        let kinds = Set(findings.map(\.kind))
        #expect(kinds.isSuperset(of: [.schedule, .spot, .commitment, .overProvisioned, .underProvisioned, .unused, .storageClass]))
        for finding in findings {
            guard case .money(let shown, let currency)? = finding.evidence.steps.last?.values.last else {
                Issue.record("\(finding.id) \(finding.kind): the formula does not end with an amount: \(finding.evidence.formula)")
                continue
            }
            let saving = finding.kind == .underProvisioned ? -finding.monthlySavings : finding.monthlySavings
            #expect(Money.roundedToMinorUnit(shown, currency: currency) == Money.roundedToMinorUnit(saving, currency: currency),
                    "\(finding.kind): \(finding.evidence.formula) vs \(finding.monthlySavings)")
            #expect(finding.evidence.formula.hasSuffix(NumberText.money(shown, currency) + "/month"))
        }
    }
}
