import CostModel

/// Every file of a run but `costreport.prom` (which needs the run's duration).
public enum ReportFiles {
    public static func render(_ model: ReportModel) -> [RenderedFile] {
        FinanceCSV.files(for: model.attribution).map { RenderedFile(name: $0.name, contents: $0.contents) } + [
            RenderedFile(name: "recommendations.csv", contents: RecommendationsCSV.render(model.findings.findings)),
            RenderedFile(name: "plan.csv", contents: PlanCSV.render(model.findings.plan)),
            RenderedFile(name: "unit_costs.csv", contents: TrendsCSV.unitCosts(model.trends.unitCosts)),
            RenderedFile(name: "capacity.csv", contents: TrendsCSV.capacity(model.trends.capacity)),
            RenderedFile(name: "summary.json", contents: SummaryJSON.render(model)),
            RenderedFile(name: "index.html", contents: HTMLReport.render(model)),
        ]
    }
}
