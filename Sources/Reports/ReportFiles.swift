import CostModel

/// Every file of a run but `costreport.prom` (which needs the run's duration).
public enum ReportFiles {
    /// The page's sections and the CSV and JSON files, rendered on two threads that each take the
    /// next part not yet started; the parts that took longest start first (`longestFirst`), so
    /// that both threads finish together (BENCHMARKS.md).
    public static func render(_ model: ReportModel) -> [RenderedFile] {
        let page = HTMLReport.Parts(model)
        let sections = page.sections
        let files: [(name: String, render: () -> String)] = FinanceCSV.renderers(for: model.attribution) + [
            ("recommendations.csv", { RecommendationsCSV.render(model.findings.findings) }),
            ("plan.csv", { PlanCSV.render(model.findings.plan) }),
            ("unit_costs.csv", { TrendsCSV.unitCosts(model.trends.unitCosts) }),
            ("capacity.csv", { TrendsCSV.capacity(model.trends.capacity) }),
            ("summary.json", { SummaryJSON.render(model) }),
        ]
        let parts: [(name: String, render: () -> Part)] =
            sections.map { section in ("html:" + section.name, { .section(section.render()) }) }
            + files.map { file in (file.name, { .file(file.render()) }) }
        let order = parts.indices.sorted { (rank(parts[$0].name), $0) < (rank(parts[$1].name), $1) }
        var rendered = [Part?](repeating: nil, count: parts.count)
        for (index, part) in zip(order, concurrentMap(order.map { parts[$0].render })) { rendered[index] = part }

        let html = page.page(rendered.prefix(sections.count).map { if case .section(let section)? = $0 { section } else { nil } })
        let texts = zip(files, rendered.dropFirst(sections.count)).map { file, part in
            RenderedFile(name: file.name, contents: { if case .file(let text)? = part { text } else { "" } }())
        }
        return texts + [RenderedFile(name: "index.html", contents: html)]
    }

    /// What one part renders to.
    private enum Part {
        case section(HTMLPage.Section?)
        case file(String)
    }

    /// The parts that took longest at 15-minute samples (BENCHMARKS.md), longest first; the others follow
    /// in page and file order.
    static let longestFirst = [
        "cost_daily.csv", "html:recommendations", "html:charts", "recommendations.csv", "html:commitments",
        "capacity.csv", "html:teams",
    ]

    private static func rank(_ name: String) -> Int { longestFirst.firstIndex(of: name) ?? longestFirst.count }
}
