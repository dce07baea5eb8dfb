import CostModel
import Foundation

extension HTMLReport {
    /// One subsection per team (teams with cost or findings, by name): its cost per currency,
    /// its services and only its findings, so a team reviews its own list.
    static func teams(_ context: HTMLReportContext) -> HTMLPage.Section {
        let attribution = context.model.attribution
        var names = Set(attribution.byTeam.map(\.key))
        for finding in context.findings { names.insert(finding.ownership.team) }
        names.remove(Ownership.shared)
        let teams = names.sorted()
        guard !teams.isEmpty else {
            return HTMLPage.Section(id: "teams", title: "Per team", body: "<p>No team owns any cost or finding.</p>\n")
        }
        let anchors = teamAnchors(teams)
        var findingsByTeam: [String: [Finding]] = [:]
        for finding in context.findings { findingsByTeam[finding.ownership.team, default: []].append(finding) }
        var parts: [HTMLFragment] = []
        let index = zip(teams, anchors).map { team, anchor -> HTMLFragment in
            let count = findingsByTeam[team]?.count ?? 0
            return "<li><a href=\"#\(anchor)\"><bdi>\(team)</bdi></a> <span class=\"sub-inline\">\(DisplayFormat.integer(count)) \(count == 1 ? "finding" : "findings")</span></li>"
        }
        parts.append("<nav class=\"team-index\" aria-label=\"Teams\"><ul>\(index)</ul></nav>\n")
        for (position, (team, anchor)) in zip(teams, anchors).enumerated() {
            parts.append(teamBlock(context, team: team, anchor: anchor, number: position + 1, findings: findingsByTeam[team] ?? []))
        }
        return HTMLPage.Section(id: "teams", title: "Per team", body: .joined(parts))
    }

    /// Unique anchors `team-<slug>` for the teams, in order.
    static func teamAnchors(_ teams: [String]) -> [String] {
        var used: Set<String> = []
        return teams.map { team in
            let base = "team-" + HTML.identifier(team)
            var candidate = base
            var counter = 2
            while used.contains(candidate) { candidate = "\(base)-\(counter)"; counter += 1 }
            used.insert(candidate)
            return candidate
        }
    }

    static func teamBlock(_ context: HTMLReportContext, team: String, anchor: String, number: Int, findings: [Finding]) -> HTMLFragment {
        let attribution = context.model.attribution
        let costs = attribution.byTeam.filter { $0.key == team }
            .map { ReportText.money($0.amounts.effectiveCost, $0.currency) }.joined(separator: ", ")
        var services: [String: [String: Decimal]] = [:]
        for row in attribution.rows where row.team == team {
            services[row.service, default: [:]][row.currency, default: 0] += row.amounts.effectiveCost
        }
        let serviceList = services.keys.sorted().map { service -> HTMLFragment in
            let amounts = context.currencies.compactMap { currency in services[service]?[currency].map { ReportText.money($0, currency) } }
            return "<li><bdi>\(service)</bdi>: \(amounts.joined(separator: ", "))</li>"
        }
        var savings: [String: Decimal] = [:]
        for finding in findings { if let step = context.stepByFinding[finding.id] { savings[step.currency, default: 0] += step.marginalMonthlySavings } }
        let savingsText = context.currencies.compactMap { currency in savings[currency].map { ReportText.money($0, currency) } }.joined(separator: ", ")
        var parts: [HTMLFragment] = ["""
            <section class="team" id="\(anchor)" aria-labelledby="\(anchor)-heading">
            <h3 id="\(anchor)-heading">Team <bdi>\(team)</bdi></h3>
            <p>Effective cost in the window: \(costs.isEmpty ? "none" : costs). \
            Plan savings per month: \(savingsText.isEmpty ? "none" : savingsText).</p>

            """]
        if !serviceList.isEmpty { parts.append("<ul class=\"services\">\(serviceList)</ul>\n") }
        if findings.isEmpty {
            parts.append("<p>No findings for this team.</p>\n")
        } else {
            let rows = findings.map { finding -> [HTMLTable.Cell] in
                [.plain(ReportText.kind(finding.kind)), .plain(finding.resourceId), .plain(finding.ownership.service),
                 .plain(ReportText.tier(finding.ownership.tierLabel), sortKey: finding.ownership.tierLabel),
                 .plain(ReportText.recommendation(finding)),
                 ReportText.levelCell(finding.risk), ReportText.confidenceCell(finding.confidence),
                 ReportText.moneyCell(finding.monthlySavings, finding.currency)]
            }
            parts.append(HTMLTable(
                id: "team-\(number)-findings", caption: "Findings of this team (evidence and formulas in Recommendations)",
                columns: [HTMLTable.Column("Kind", isFilterable: true), HTMLTable.Column("Resource"),
                          HTMLTable.Column("Service", isFilterable: true), HTMLTable.Column("Tier"), HTMLTable.Column("Recommendation"),
                          HTMLTable.Column("Risk"), HTMLTable.Column("Confidence"), .number("Saves per month")],
                rows: rows
            ).render())
        }
        parts.append("</section>\n")
        return .joined(parts)
    }
}
