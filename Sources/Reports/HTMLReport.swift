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
        let parts = Parts(model)
        return parts.page(concurrentMap(parts.sections.map(\.render)))
    }

    /// The page in parts: the sections, each rendered on any thread, and the page they make.
    struct Parts: Sendable {
        let model: ReportModel
        let context: HTMLReportContext

        init(_ model: ReportModel) {
            self.model = model
            context = HTMLReportContext(model)
        }

        /// Each section's name and what renders it (nil: the section is left out), in page order.
        var sections: [(name: String, render: () -> HTMLPage.Section?)] {
            let context = context
            return [
                ("summary", { summary(context) }), ("charts", { charts(context) }), ("costTables", { costTables(context) }),
                ("clusters", { clusters(context) }), ("roadmap", { roadmap(context) }),
                ("recommendations", { recommendations(context) }), ("teams", { teams(context) }),
                ("commitments", { commitments(context) }), ("unitCosts", { unitCosts(context) }),
                ("capacity", { capacity(context) }), ("methodology", { methodology(context) }),
                ("dataQuality", { dataQuality(context) }),
            ]
        }

        /// The page of the rendered `sections`, in page order.
        func page(_ sections: [HTMLPage.Section?]) -> String {
            HTMLPage.render(
                title: "Cost report \(DateText.window(model.run.window))",
                generatedAt: DisplayFormat.dateTime(model.run.generatedAt),
                sections: sections.compactMap { $0 },
                stylesheet: HTMLReportStyle.css)
        }
    }
}
