import CostModel
import Foundation

/// `costreport.prom`: metrics in the Prometheus text exposition format, for node_exporter's
/// textfile collector. Label values are escaped as the format requires.
public enum PrometheusText {
    /// - Parameter durationSeconds: the run's duration up to rendering.
    public static func render(_ model: ReportModel, durationSeconds: Double) -> String {
        var out = ""
        func metric(_ name: String, _ help: String, type: String = "gauge", _ samples: [(labels: [(String, String)], value: String)]) {
            out += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n"
            for sample in samples {
                let labels = sample.labels.isEmpty ? "" : "{" + sample.labels.map { "\($0.0)=\"\(escape($0.1))\"" }.joined(separator: ",") + "}"
                out += "\(name)\(labels) \(sample.value)\n"
            }
        }
        metric("costreport_last_success_timestamp_seconds", "Unix time of the last successful run.",
               [([], String(Int(model.run.generatedAt.timeIntervalSince1970)))])
        metric("costreport_run_duration_seconds", "Duration of the last run up to rendering, seconds.",
               [([], String(format: "%.3f", durationSeconds))])
        metric("costreport_window_days", "Length of the report window, days.",
               [([], String(format: "%.0f", model.run.window.hours / 24))])
        let totals = model.attribution.totals.sorted { $0.currency < $1.currency }
        metric("costreport_effective_cost", "Effective (amortised) cost of the window, in the billing currency.",
               totals.map { ([("currency", $0.currency)], Money.plain($0.amounts.effectiveCost)) })
        metric("costreport_billed_cost", "Billed (invoiced) cost of the window, in the billing currency.",
               totals.map { ([("currency", $0.currency)], Money.plain($0.amounts.billedCost)) })
        metric("costreport_unallocated_share", "Share of effective cost with no known service (0 to 1).",
               model.unallocatedShare.keys.sorted().map { ([("currency", $0)], Money.plain(Money.rounded(model.unallocatedShare[$0]!, scale: 6))) })
        let plan = model.findings.plan
        metric("costreport_plan_monthly_savings", "Projected monthly savings of the de-duplicated plan.",
               plan.monthlyTotal.keys.sorted().map { ([("currency", $0)], Money.plain(Money.roundedToMinorUnit(plan.monthlyTotal[$0]!, currency: $0))) })
        metric("costreport_findings", "Findings of the last run per kind.",
               model.findingCounts.map { ([("kind", $0.kind.rawValue)], String($0.count)) })
        metric("costreport_data_quality_warnings", "Data-quality diagnostics of the last run per severity.",
               [Diagnostic.Severity.warning, .error].map { severity in
                   ([("severity", severity.rawValue)], String(model.diagnostics.filter { $0.severity == severity }.count))
               })
        return out
    }

    static func escape(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }
}
