import CostModel
import Foundation

/// `index.html`: the self-contained report (inline CSS, SVG and script; no network access).
///
/// Sections, in order: summary, charts, cost per service/team/tier, Kubernetes clusters (with
/// container data), roadmap, recommendations,
/// per-team view, commitments, unit costs, capacity runway, methodology, data quality. Money is shown per currency and never summed across
/// currencies. Deterministic: the same model gives the same bytes (the run time is an input).
public enum HTMLReport {
    /// The whole page.
    public static func render(_ model: ReportModel) -> String {
        let context = HTMLReportContext(model)
        // The sections in two groups on two threads (each about half of the page's time; the
        // teams' blocks are its largest part), then joined in page order.
        let (first, second) = concurrently({
            [summary(context), charts(context), costTables(context), clusters(context), roadmap(context), recommendations(context)]
        }, {
            [teams(context), commitments(context), unitCosts(context), capacity(context), methodology(context), dataQuality(context)]
        })
        return HTMLPage.render(
            title: "Cost report \(DateText.window(model.run.window))",
            generatedAt: DisplayFormat.dateTime(model.run.generatedAt),
            sections: (first + second).compactMap { $0 },
            stylesheet: HTMLReportStyle.css)
    }
}
