import CivilTime
import CostModel
import Foundation

extension HTMLReport {
    /// Every finding in one table, sortable by every column and filterable by kind, service, team
    /// and tier; each row carries its reason, the formula with its numbers and the evidence.
    static func recommendations(_ context: HTMLReportContext) -> HTMLPage.Section {
        var columns: [HTMLTable.Column] = []
        if context.hasHistory { columns.append(HTMLTable.Column("Status", isFilterable: true)) }
        columns += [
            HTMLTable.Column("Kind", isFilterable: true), HTMLTable.Column("Resource"),
            HTMLTable.Column("Service", isFilterable: true), HTMLTable.Column("Team", isFilterable: true),
            HTMLTable.Column("Tier", isFilterable: true), HTMLTable.Column("Recommendation"),
            HTMLTable.Column("Confidence"), HTMLTable.Column("Risk"), HTMLTable.Column("Effort"), .number("Phase"),
            .number("Saves per month"), .number("In plan per month"), HTMLTable.Column("Why: evidence and formula"),
        ]
        let rows = context.findings.filter { $0.kind != .insufficientData }.map { finding -> [HTMLTable.Cell] in
            var row: [HTMLTable.Cell] = []
            if context.hasHistory { row.append(statusCell(context, finding)) }
            row += [
                .plain(ReportText.kind(finding.kind)),
                HTMLTable.Cell(content: "\(finding.resourceId)\(environmentNote(finding))", sortKey: finding.resourceId),
                .plain(finding.ownership.service), .plain(finding.ownership.team),
                HTMLTable.Cell(content: .text(ReportText.tier(finding.ownership.tierLabel)),
                               sortKey: finding.ownership.tierLabel, filterValue: ReportText.tier(finding.ownership.tierLabel)),
                recommendationCell(finding),
                ReportText.confidenceCell(finding.confidence), ReportText.levelCell(finding.risk), ReportText.levelCell(finding.effort),
                .integer(finding.phase),
                ReportText.moneyCell(finding.monthlySavings, finding.currency),
                planCell(context, finding),
                HTMLTable.Cell(content: evidence(finding), sortKey: finding.reason),
            ]
            return row
        }
        let table = HTMLTable(
            id: "recommendations-table",
            caption: "Every finding but insufficient data (grouped below), in plan order (phase, then savings); click a column header to sort",
            columns: columns, rows: rows)
        let intro: HTMLFragment = """
            <p>“Saves per month” is the finding on its own; “In plan per month” is what it adds in the \
            de-duplicated plan after the earlier steps of the same resource. Savings are priced at the \
            resource's own effective rate from the bill. Tier 1 changes need the owner's approval.</p>

            """
        var parts = [intro, table.render(), insufficientDataGroups(context)]
        if context.hasHistory { parts.append(resolvedFindings(context)) }
        return HTMLPage.Section(id: "recommendations", title: "Recommendations", body: .joined(parts))
    }

    static func environmentNote(_ finding: Finding) -> HTMLFragment {
        guard let environment = finding.ownership.environment, !environment.isEmpty else { return .empty }
        return "<span class=\"sub\">\(environment)</span>"
    }

    static func recommendationCell(_ finding: Finding) -> HTMLTable.Cell {
        let approval: HTMLFragment = finding.needsApproval ? " <span class=\"badge approval\">needs approval</span>" : .empty
        let action = ReportText.action(finding.action)
        let target: HTMLFragment = finding.recommended.isEmpty || finding.recommended == action || finding.recommended == finding.action.rawValue
            ? .empty : ": <bdi>\(finding.recommended)</bdi>"
        return HTMLTable.Cell(content: """
            <strong>\(action)</strong>\(target)\(approval)<span class="sub">now: \(finding.current)</span>
            """, sortKey: action + ": " + finding.recommended)
    }

    static func planCell(_ context: HTMLReportContext, _ finding: Finding) -> HTMLTable.Cell {
        if let step = context.stepByFinding[finding.id] {
            return HTMLTable.Cell(
                content: "\(ReportText.money(step.marginalMonthlySavings, step.currency))<span class=\"sub\">step \(DisplayFormat.integer(step.step))</span>",
                sortKey: step.marginalMonthlySavings.description)
        }
        let reason = context.exclusionByFinding[finding.id] ?? "not planned"
        return HTMLTable.Cell(content: "<span class=\"sub\">not in the plan: \(reason)</span>", sortKey: "")
    }

    static func statusCell(_ context: HTMLReportContext, _ finding: Finding) -> HTMLTable.Cell {
        guard let entry = context.statusByFinding[finding.id] else {
            return HTMLTable.Cell(content: "<span class=\"badge status-new\">new</span>", sortKey: "new", filterValue: "new")
        }
        let age = entry.ageDays > 0 ? "<span class=\"sub\">\(DisplayFormat.integer(entry.ageDays)) days</span>" : ""
        return HTMLTable.Cell(
            content: "<span class=\"badge status-\(entry.status.rawValue)\">\(entry.status.rawValue)</span>\(HTMLFragment(raw: age))",
            sortKey: entry.status.rawValue, filterValue: entry.status.rawValue)
    }

    /// The reason, the formula with its numbers, and the measured facts of a finding.
    static func evidence(_ finding: Finding) -> HTMLFragment {
        let e = finding.evidence
        var facts: [String] = ["window \(DisplayFormat.number(Decimal(e.windowDays), fractionDigits: 0)) days"]
        if let days = e.daysWithData { facts.append("\(DisplayFormat.integer(days)) days with data") }
        if let samples = e.samples { facts.append("\(DisplayFormat.integer(samples)) samples") }
        if let coverage = e.coverage { facts.append("coverage \(DisplayFormat.percent(coverage))") }
        if let name = e.percentileName, let value = e.percentileValue {
            // Utilisation statistics are fractions; others (requests per day, …) are plain numbers.
            let isUtilisation = ["cpu", "memory", "utili", "share"].contains { name.lowercased().contains($0) }
            let text = isUtilisation ? DisplayFormat.percent(value)
                : (value.isFinite ? DisplayFormat.number(Decimal(value), fractionDigits: 2) : "–")
            facts.append("\(name) \(text)")
        }
        if let peak = e.peak { facts.append("peak CPU \(DisplayFormat.percent(peak))") }
        if let last = e.lastActiveAt { facts.append("last active \(UTCText.day(last))") }
        if !finding.currency.isEmpty { facts.append("cost \(ReportText.money(finding.monthlyCost, finding.currency)) per month") }
        return """
            \(finding.reason)<span class="formula">\(e.formula)</span>\
            <span class="sub">\(facts.joined(separator: " · "))</span>
            """
    }

    /// Findings of the previous run that are gone now, with the savings they claimed and realised.
    static func resolvedFindings(_ context: HTMLReportContext) -> HTMLFragment {
        let resolved = context.model.history.entries.filter { $0.status == .resolved }
        guard !resolved.isEmpty else { return "<p>No finding of the previous run was resolved.</p>\n" }
        let rows = resolved.map { entry -> [HTMLTable.Cell] in
            [.plain(entry.resourceId), .plain(entry.kind), .integer(entry.ageDays),
             ReportText.moneyCell(entry.monthlySavings, entry.currency),
             entry.realisedMonthlySavings.map { ReportText.moneyCell($0, entry.currency) } ?? .empty]
        }
        return HTMLTable(
            id: "resolved-findings", caption: "Resolved since the previous run",
            columns: [HTMLTable.Column("Resource"), HTMLTable.Column("Kind", isFilterable: true), .number("Age (days)"),
                      .number("Claimed per month"), .number("Realised per month")],
            rows: rows
        ).render()
    }
}
