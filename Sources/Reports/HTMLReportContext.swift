import CostModel
import Foundation

/// Values the report's sections share, computed once per render: the currencies, the findings in
/// report order, the plan step of each finding and the history status of each finding.
struct HTMLReportContext {
    let model: ReportModel
    /// Every currency of the run, sorted: billed currencies first as attribution lists them, then
    /// any other currency the plan mentions.
    let currencies: [String]
    /// Findings sorted as `recommendations.csv` (phase, savings descending, id).
    let findings: [Finding]
    /// The plan step of each planned finding, by finding id.
    let stepByFinding: [String: PlanStep]
    /// Why a finding is not in the plan, by finding id.
    let exclusionByFinding: [String: String]
    /// History status by finding id (empty without a previous run).
    let statusByFinding: [String: FindingHistory.Entry]

    init(_ model: ReportModel) {
        self.model = model
        var currencies = model.attribution.totals.map(\.currency)
        let extra = Set(model.findings.plan.monthlyTotal.keys).union(model.findings.plan.sumOfFindings.keys)
            .subtracting(currencies).filter { !$0.isEmpty }
        currencies += extra.sorted()
        self.currencies = currencies
        findings = RecommendationsCSV.sorted(model.findings.findings)
        var steps: [String: PlanStep] = [:]
        for step in model.findings.plan.steps { steps[step.findingId] = step }
        stepByFinding = steps
        var exclusions: [String: String] = [:]
        for exclusion in model.findings.plan.exclusions { exclusions[exclusion.findingId] = exclusion.reason }
        exclusionByFinding = exclusions
        var statuses: [String: FindingHistory.Entry] = [:]
        if model.history.hasPrevious {
            for entry in model.history.entries where entry.status != .resolved { statuses[entry.findingId] = entry }
        }
        statusByFinding = statuses
    }

    var hasHistory: Bool { model.history.hasPrevious }

    /// Hours in the report window.
    var windowHours: Decimal {
        Decimal(Int((model.run.window.end.timeIntervalSince(model.run.window.start)).rounded())) / 3600
    }

    /// Hours per month used for monthly amounts (the findings policy's `hours_per_month`).
    var hoursPerMonth: Decimal { model.run.hoursPerMonth }

    /// Today's monthly cost of a currency: effective cost of the window ÷ window hours × hours per month.
    func monthlyRunRate(_ currency: String) -> Decimal {
        guard windowHours > 0, let total = model.attribution.totals.first(where: { $0.currency == currency }) else { return 0 }
        return Money.roundedToMinorUnit(total.amounts.effectiveCost / windowHours * hoursPerMonth, currency: currency)
    }

    /// Findings of one kind.
    func findings(of kind: FindingKind) -> [Finding] { findings.filter { $0.kind == kind } }

    /// Warnings and errors among the diagnostics.
    var warningCount: Int { model.diagnostics.filter { $0.severity >= .warning }.count }
}

/// Small shared formatting helpers of the report sections.
enum ReportText {
    /// A finding kind for people: `over-provisioned`, `storage class`, `insufficient data`.
    static func kind(_ kind: FindingKind) -> String {
        switch kind {
        case .unused: return "unused"
        case .overProvisioned: return "over-provisioned"
        case .underProvisioned: return "under-provisioned"
        case .schedule: return "schedule"
        case .spot: return "spot"
        case .commitment: return "commitment"
        case .storageClass: return "storage class"
        case .insufficientData: return "insufficient data"
        case .autoscale: return "autoscale"
        case .modernize: return "modernize"
        case .unusedCommitment: return "unused commitment"
        }
    }

    /// An action for people: `move to spot`, `right-size`.
    static func action(_ action: FindingAction) -> String {
        switch action {
        case .rightSize: return "right-size"
        default: return action.rawValue.replacingOccurrences(of: "_", with: " ")
        }
    }

    /// A tier label for people: `Tier 1`, `(untiered)`, `(shared)`.
    static func tier(_ label: String) -> String {
        label.count == 1 && label.first?.isNumber == true ? "Tier \(label)" : label
    }

    /// A policy number as written, without trailing zeros: `730`, `99.5`, `0.6`.
    static func setting(_ value: Decimal) -> String { Money.plain(value) }

    /// A policy number kept as Double, in its shortest text: `95`, `99.5`.
    static func setting(_ value: Double) -> String { Money.plain(Decimal(string: "\(value)") ?? Decimal(value)) }

    /// A policy fraction as percent, in its shortest exact text: 0.65 → `65%`, 0.005 → `0.5%`.
    static func settingPercent(_ fraction: Double) -> String {
        Money.plain((Decimal(string: "\(fraction)") ?? Decimal(fraction)) * 100) + "%"
    }

    /// Money rounded to the minor unit with thousands separators and the currency; `–` without a currency.
    static func money(_ amount: Decimal, _ currency: String, signed: Bool = false) -> String {
        currency.isEmpty ? "–" : DisplayFormat.money(amount, currency: currency, signed: signed)
    }

    /// A money table cell: the display text rounded, the sort key exact.
    static func moneyCell(_ amount: Decimal, _ currency: String) -> HTMLTable.Cell {
        currency.isEmpty ? .number("–", value: 0) : .money(amount, currency: currency)
    }

    /// Sort key of a level, by its rank: `1-low`, `2-medium`, `3-high`.
    static func levelKey(_ level: FindingLevel) -> String { "\(level.rank)-\(level.rawValue)" }

    /// A risk or effort cell (high is bad), sorted low < medium < high.
    static func levelCell(_ level: FindingLevel) -> HTMLTable.Cell {
        HTMLTable.Cell(content: "<span class=\"level level-\(level.rawValue)\">\(level.rawValue)</span>", sortKey: levelKey(level))
    }

    /// A confidence cell (high is good: its colours are the reverse of risk), sorted low < medium < high.
    static func confidenceCell(_ level: FindingLevel) -> HTMLTable.Cell {
        HTMLTable.Cell(content: "<span class=\"level confidence-\(level.rawValue)\">\(level.rawValue)</span>", sortKey: levelKey(level))
    }

    /// Money per currency, one line each (`12.00 USD<br>1,500 JPY`), or `–` when there is none.
    static func moneyLines(_ amounts: [String: Decimal], currencies: [String]) -> HTMLFragment {
        let lines = currencies.compactMap { currency -> HTMLFragment? in
            guard let amount = amounts[currency] else { return nil }
            return .text(money(amount, currency))
        }
        return lines.isEmpty ? "–" : .joined(lines, separator: "<br>")
    }

    /// What to do, without repeating the action: `right-size: m5.large (…)`, `delete`.
    static func recommendation(_ finding: Finding) -> String {
        let action = action(finding.action)
        let redundant = finding.recommended.isEmpty || finding.recommended == action || finding.recommended == finding.action.rawValue
        return redundant ? action : action + ": " + finding.recommended
    }
}
