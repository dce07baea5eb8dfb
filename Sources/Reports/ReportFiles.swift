import CostModel

/// Every file of a run but `costreport.prom` (which needs the run's duration).
public enum ReportFiles {
    /// The HTML page is rendered on a thread of its own while the CSV and JSON files are rendered on
    /// the caller's (each about half of the rendering, BENCHMARKS.md).
    public static func render(_ model: ReportModel) -> [RenderedFile] {
        let (html, files) = concurrently({ RenderedFile(name: "index.html", contents: HTMLReport.render(model)) }, {
            FinanceCSV.files(for: model.attribution).map { RenderedFile(name: $0.name, contents: $0.contents) } + [
                RenderedFile(name: "recommendations.csv", contents: RecommendationsCSV.render(model.findings.findings)),
                RenderedFile(name: "plan.csv", contents: PlanCSV.render(model.findings.plan)),
                RenderedFile(name: "unit_costs.csv", contents: TrendsCSV.unitCosts(model.trends.unitCosts)),
                RenderedFile(name: "capacity.csv", contents: TrendsCSV.capacity(model.trends.capacity)),
                RenderedFile(name: "summary.json", contents: SummaryJSON.render(model)),
            ]
        })
        return files + [html]
    }
}
