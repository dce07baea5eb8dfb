import CivilTime
import CostModel
import Foundation

extension HTMLReport {
    /// The window and data sources, how each number is computed (with the default numbers), and
    /// the policy file exactly as used.
    static func methodology(_ context: HTMLReportContext) -> HTMLPage.Section {
        let run = context.model.run
        let policy = context.model.attribution.policy
        let sources = run.dataSources.isEmpty
            ? HTMLFragment("<li>(not recorded)</li>")
            : HTMLFragment.joined(run.dataSources.map { "<li><bdi>\($0)</bdi></li>" })
        let tagKeys = policy.tagKeys
        func keys(_ list: [String]) -> String { list.isEmpty ? "(none)" : list.joined(separator: ", ") }
        let body: HTMLFragment = """
            <h3>Window and data sources</h3>
            <p>Window: <strong>\(DateText.window(run.window))</strong> (\(UTCText.timestamp(run.window.start)) inclusive to \
            \(UTCText.timestamp(run.window.end)) exclusive, \(DisplayFormat.number(context.windowHours, fractionDigits: 0)) hours). \
            The previous window, for changes, is the same length just before it. Run \(run.runId), generated \
            \(DisplayFormat.dateTime(run.generatedAt)).</p>
            <ul>\(sources)</ul>
            <h3>How each number is computed</h3>
            <ul class="method">
            <li><strong>Cost</strong>: sums of the FOCUS columns <code>effective_cost</code> (amortised) and <code>billed_cost</code> \
            (invoiced) of the line items whose charge period starts in the window, per billing currency; amounts in different \
            currencies are never added.</li>
            <li><strong>Ownership</strong>: the inventory (<code>resources</code>) first, then the tags \
            (service: \(keys(tagKeys.service)); team: \(keys(tagKeys.team)); tier: \(keys(tagKeys.tier)); \
            environment: \(keys(tagKeys.environment))); what is still unknown is <code>(unallocated)</code> or <code>(untiered)</code>.</li>
            <li><strong>Shared cost</strong> (charges without a resource: support, tax, account credits): rule \
            <code>\(policy.sharedCost.rawValue)</code>. \(sharedCostRule(policy.sharedCost))</li>
            <li><strong>Monthly cost of a resource</strong> = its effective cost in the window ÷ window hours × 730 h \
            (its own effective rate from the bill, not list price). Savings per month = monthly cost × (1 − the share \
            of cost left after the action); per year = per month × 12.</li>
            <li><strong>Utilisation</strong>: percentiles (p99, p95, p90 by tier) and peaks are read from 200-bucket \
            histograms of the samples (each bucket 0.5 percentage points of utilisation wide; the rank is interpolated \
            linearly inside its bucket, so the error is at most 0.5 points); coverage = covered seconds ÷ window seconds.</li>
            <li><strong>Right-sizing</strong>: needed vCPU = percentile × current vCPU ÷ the tier's target utilisation; the \
            smallest catalog size that fits the vCPU and memory need, never below the observed peak for tier 1.</li>
            <li><strong>The plan</strong>: per resource, delete or stop alone; else storage class, then schedule or spot \
            (the larger), then right-size, then commit. Each step is priced on what the earlier steps left, so the plan \
            total is never more than the sum of the findings. Phases: 1 quick wins (unused, storage class), 2 schedules \
            and spot, 3 right-sizing, 4 commitments. <code>investigate</code> and <code>collect_data</code> findings are \
            listed but never priced into the plan.</li>
            <li><strong>Monthly cost today</strong> (waterfall start) = effective cost of the window ÷ window hours × 730 h, \
            per currency.</li>
            <li><strong>Tag coverage</strong> = effective cost of charges with a resource whose service, team and tier are \
            known ÷ effective cost of all charges with a resource.</li>
            <li><strong>Anomalies</strong>: a day whose effective cost is more than \(DisplayFormat.number(Decimal(policy.anomalySigma), fractionDigits: 1)) \
            standard deviations above the mean of the previous \(policy.anomalyBaselineDays) days and at least \
            \(DisplayFormat.number(policy.anomalyMinimumAmount, fractionDigits: 2)) above it.</li>
            <li><strong>Change</strong> = effective cost of this window − that of the previous window of the same length.</li>
            </ul>
            <h3>The policy as used</h3>
            <pre class="policy">\(run.policyText)</pre>

            """
        return HTMLPage.Section(id: "methodology", title: "Methodology", body: body)
    }

    static func sharedCostRule(_ rule: SharedCostPolicy) -> String {
        switch rule {
        case .proportional: return "Split per currency in proportion to each service's positive effective cost."
        case .even: return "Split per currency into equal parts over the services."
        case .separate: return "Kept as its own (shared) row, not split."
        }
    }
}
