import CostModel
import Foundation

/// Everything a run's outputs are rendered from. Renderers are pure functions of this value: the
/// run time, window and policy text are inputs, so the same model gives the same bytes.
public struct ReportModel: Sendable {
    /// Facts about the run.
    public struct Run: Sendable {
        public var runId: String
        /// When the run started (an input, for determinism).
        public var generatedAt: Date
        public var window: ReportWindow
        /// The folder name: the last day of data in the window, `YYYY-MM-DD`.
        public var asOfLabel: String
        /// Where the data came from, e.g. `host db1 port 5432 database billing`, and the queries folder.
        public var dataSources: [String]
        /// The policy file as used (YAML), printed in the methodology section.
        public var policyText: String
        /// The findings policy in force: every number the report's texts quote (hours per month,
        /// tier percentiles and targets, thresholds, discounts) comes from it.
        public var findingsPolicy: FindingsPolicy
        /// Buckets of the utilisation histograms the usage statistics were read from.
        public var histogramBuckets: Int

        public init(runId: String, generatedAt: Date, window: ReportWindow, asOfLabel: String, dataSources: [String],
                    policyText: String, findingsPolicy: FindingsPolicy, histogramBuckets: Int) {
            self.runId = runId; self.generatedAt = generatedAt; self.window = window
            self.asOfLabel = asOfLabel; self.dataSources = dataSources; self.policyText = policyText
            self.findingsPolicy = findingsPolicy; self.histogramBuckets = histogramBuckets
        }

        /// Hours in a month for monthly amounts (`findingsPolicy.hoursPerMonth`).
        public var hoursPerMonth: Decimal { findingsPolicy.hoursPerMonthDecimal }
    }

    public var run: Run
    public var attribution: AttributionResult
    public var findings: FindingsResult
    /// Every diagnostic of the run (loading, attribution, findings), most severe first.
    public var diagnostics: [Diagnostic]
    /// Status of each finding against the previous run (new, persisting, resolved); empty without history.
    public var history: FindingHistory
    /// Unit costs per service and the capacity runway per resource.
    public var trends: Trends
    /// Utilisation per commitment (used vs unused per day) and coverage of eligible on-demand usage.
    public var commitments: Commitments

    public init(run: Run, attribution: AttributionResult, findings: FindingsResult, diagnostics: [Diagnostic],
                history: FindingHistory = FindingHistory(), trends: Trends = Trends(), commitments: Commitments = Commitments()) {
        self.run = run; self.attribution = attribution; self.findings = findings
        self.diagnostics = diagnostics; self.history = history; self.trends = trends; self.commitments = commitments
    }

    /// Findings per kind (every kind present, zero included), in `FindingKind` order.
    public var findingCounts: [(kind: FindingKind, count: Int)] {
        FindingKind.allCases.map { kind in (kind, findings.findings.filter { $0.kind == kind }.count) }
    }

    /// Unallocated effective cost as a share of the total effective cost, per currency (0...1; nil when the total is 0).
    public var unallocatedShare: [String: Decimal] {
        var shares: [String: Decimal] = [:]
        for total in attribution.totals where total.amounts.effectiveCost != 0 {
            shares[total.currency] = total.unallocated.effectiveCost / total.amounts.effectiveCost
        }
        return shares
    }
}

/// One output file of a run.
public struct RenderedFile: Sendable, Hashable {
    public var name: String
    public var contents: String

    public init(name: String, contents: String) { self.name = name; self.contents = contents }
}
