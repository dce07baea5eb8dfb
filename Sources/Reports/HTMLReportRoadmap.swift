import CostModel
import Foundation

extension HTMLReport {
    /// The plan's four phases (quick wins first) with their actions, savings, highest risk and
    /// effort, the plan totals next to the plain sum of findings, and the findings left out of the plan.
    static func roadmap(_ context: HTMLReportContext) -> HTMLPage.Section {
        let plan = context.model.findings.plan
        let findingsById = Dictionary(context.findings.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let rows = plan.phases.map { phase -> [HTMLTable.Cell] in
            let steps = plan.steps.filter { $0.phase == phase.number }
            var actionCounts: [String: Int] = [:]
            var risk: FindingLevel?
            var effort: FindingLevel?
            var approvals = 0
            for step in steps {
                actionCounts[ReportText.action(step.action), default: 0] += 1
                if step.needsApproval { approvals += 1 }
                if let finding = findingsById[step.findingId] {
                    risk = risk.map { max($0, finding.risk) } ?? finding.risk
                    effort = effort.map { max($0, finding.effort) } ?? finding.effort
                }
            }
            let breakdown = actionCounts.sorted { $0.key < $1.key }.map { "\(DisplayFormat.integer($0.value)) \($0.key)" }.joined(separator: ", ")
            let approvalNote = approvals > 0 ? "; \(DisplayFormat.integer(approvals)) need the owner's approval" : ""
            let first = context.currencies.first.flatMap { phase.monthlySavings[$0] } ?? 0
            return [
                .integer(phase.number),
                HTMLTable.Cell(content: "\(phase.title)<span class=\"sub\">\(breakdown)\(approvalNote)</span>", sortKey: phase.title),
                .integer(phase.stepCount),
                HTMLTable.Cell(content: ReportText.moneyLines(rounded(phase.monthlySavings), currencies: context.currencies), sortKey: first.description),
                HTMLTable.Cell(content: ReportText.moneyLines(rounded(phase.annualSavings), currencies: context.currencies), sortKey: (first * 12).description),
                risk.map(ReportText.levelCell) ?? .empty, effort.map(ReportText.levelCell) ?? .empty,
            ]
        }
        let footer: [[HTMLTable.Cell]] = [[
            HTMLTable.Cell(content: "", sortKey: nil), .plain("The plan (de-duplicated)"), .integer(plan.steps.count),
            HTMLTable.Cell(content: ReportText.moneyLines(rounded(plan.monthlyTotal), currencies: context.currencies)),
            HTMLTable.Cell(content: ReportText.moneyLines(rounded(plan.annualTotal), currencies: context.currencies)), .empty, .empty,
        ], [
            HTMLTable.Cell(content: "", sortKey: nil), .plain("Sum of findings (each alone)"), .empty,
            HTMLTable.Cell(content: ReportText.moneyLines(rounded(plan.sumOfFindings), currencies: context.currencies)),
            HTMLTable.Cell(content: ReportText.moneyLines(rounded(plan.sumOfFindings.mapValues { $0 * 12 }), currencies: context.currencies)), .empty, .empty,
        ]]
        let phases = HTMLTable(
            id: "roadmap-phases", caption: "Roadmap: phases in order, quick wins first",
            columns: [.number("Phase"), HTMLTable.Column("What"), .number("Actions"), .number("Savings per month"),
                      .number("Savings per year"), HTMLTable.Column("Highest risk"), HTMLTable.Column("Highest effort")],
            rows: rows, footerRows: footer)
        var parts: [HTMLFragment] = [
            """
            <p>The plan applies the actions of each resource in order (delete or stop; else storage class, \
            then schedule or spot, then right-size, then commit) and prices each step on the cost the earlier \
            steps left, so no saving is counted twice. The sum of findings prices every finding alone. Each \
            step of the plan is in the Recommendations table (column “In plan per month”) and in plan.csv.</p>

            """,
            phases.render(),
        ]
        if !plan.exclusions.isEmpty {
            let rows = plan.exclusions.map { exclusion -> [HTMLTable.Cell] in
                let finding = findingsById[exclusion.findingId]
                return [.plain(finding?.resourceId ?? exclusion.findingId), .plain(finding.map { ReportText.kind($0.kind) } ?? ""),
                        .plain(finding?.ownership.team ?? ""), .plain(exclusion.reason)]
            }
            parts.append(HTMLTable(
                id: "plan-exclusions", caption: "Findings listed but not in the plan, and why",
                columns: [HTMLTable.Column("Resource"), HTMLTable.Column("Kind", isFilterable: true),
                          HTMLTable.Column("Team", isFilterable: true), HTMLTable.Column("Why not planned")],
                rows: rows
            ).render())
        }
        return HTMLPage.Section(id: "roadmap", title: "Roadmap", body: .joined(parts))
    }

    /// Amounts rounded to their currency's minor unit.
    static func rounded(_ amounts: [String: Decimal]) -> [String: Decimal] {
        Dictionary(uniqueKeysWithValues: amounts.map { ($0.key, Money.roundedToMinorUnit($0.value, currency: $0.key)) })
    }
}
