import CivilTime
import CostModel
import Foundation

extension HTMLReport {
    /// The window and data sources, how each number is computed (with the numbers of the policy in
    /// force), and the policy file exactly as used.
    static func methodology(_ context: HTMLReportContext) -> HTMLPage.Section {
        let run = context.model.run
        let policy = context.model.attribution.policy
        let sources = run.dataSources.isEmpty
            ? HTMLFragment("<li>(not recorded)</li>")
            : HTMLFragment.joined(run.dataSources.map { "<li><bdi>\($0)</bdi></li>" })
        let tagKeys = policy.tagKeys
        func keys(_ list: [String]) -> String { list.isEmpty ? "(none)" : list.joined(separator: ", ") }
        let rules = context.model.run.findingsPolicy
        let hours = ReportText.setting(context.hoursPerMonth)
        let bucketWidth = ReportText.setting(Decimal(100) / Decimal(max(context.model.run.histogramBuckets, 1)))
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
            \(containerRule(context))<li><strong>Monthly cost of a resource</strong> = its effective cost in the window ÷ window hours × \(hours) h \
            (its own effective rate from the bill, not list price). Savings per month = monthly cost × (1 − the share \
            of cost left after the action); per year = per month × 12.</li>
            <li><strong>Utilisation</strong>: percentiles (\(sizingPercentiles(rules))) and peaks are read from \
            \(context.model.run.histogramBuckets)-bucket histograms of the samples (each bucket \(bucketWidth) percentage points \
            of utilisation wide; the rank is interpolated linearly inside its bucket, so the error is at most \(bucketWidth) \
            points); coverage = covered seconds ÷ window seconds. Resources without a tier follow the rules of tier \
            \(rules.untieredRulesTier).</li>
            <li><strong>Right-sizing</strong> (after \(perTier(rules) { "\($0.minimumWindowDays) days" }) with data): needed vCPU = \
            percentile × current vCPU ÷ the tier's target utilisation (\(perTier(rules) { ReportText.settingPercent($0.targetUtilization) })); \
            needed memory = memory maximum × (1 + the tier's memory buffer: \(perTier(rules) { ReportText.settingPercent($0.memoryBuffer) })); \
            the cheapest catalog size that fits both\(neverBelowPeak(rules)).</li>
            \(findingRules(rules))
            <li><strong>The plan</strong>: per resource, delete or stop alone; else storage class, then schedule or spot \
            (the larger), then right-size, then commit. Each step is priced on what the earlier steps left, so the plan \
            total is never more than the sum of the findings. Phases: 1 quick wins (unused, storage class), 2 schedules \
            and spot, 3 right-sizing, 4 commitments. <code>investigate</code> and <code>collect_data</code> findings are \
            listed but never priced into the plan.</li>
            <li><strong>Monthly cost today</strong> (waterfall start) = effective cost of the window ÷ window hours × \(hours) h, \
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

    /// `tier 1 p99, tier 2 p95 CPU in service hours, tier 3 p95, tier 4 p90`.
    static func sizingPercentiles(_ rules: FindingsPolicy) -> String {
        perTier(rules) { "p" + ReportText.setting($0.sizingPercentile) + ($0.sizingInServiceHours ? " in service hours" : "") }
    }

    /// One value per tier: `tier 1 50%, tier 2 65%, tier 3 80%, tier 4 80%`.
    static func perTier(_ rules: FindingsPolicy, _ value: (TierPolicy) -> String) -> String {
        (1...4).map { "tier \($0) " + value(rules.tiers[$0] ?? rules.tierPolicy(for: $0)) }.joined(separator: ", ")
    }

    /// `, never below the observed CPU peak for tier 1` (the tiers that say so), or nothing.
    static func neverBelowPeak(_ rules: FindingsPolicy) -> String {
        let tiers = (1...4).filter { (rules.tiers[$0] ?? rules.tierPolicy(for: $0)).neverBelowPeak }
        guard !tiers.isEmpty else { return "" }
        return ", never below the observed CPU peak for tier" + (tiers.count > 1 ? "s " : " ") + tiers.map(String.init).joined(separator: ", ")
    }

    /// The thresholds of each finding kind, as the policy sets them.
    static func findingRules(_ rules: FindingsPolicy) -> HTMLFragment {
        let percent = ReportText.settingPercent
        let number = ReportText.setting as (Double) -> String
        let u = rules.unused, up = rules.underProvisioned, s = rules.schedule, c = rules.commitment
        let st = rules.storage, q = rules.dataQuality
        let scheduled = (1...4).compactMap { tier -> String? in
            (rules.tiers[tier] ?? rules.tierPolicy(for: tier)).serviceHours.map { "tier \(tier) \($0.description)" }
        }
        let spot = rules.spot.discounts.sorted { $0.key < $1.key }.map { "\($0.key) \(percent($0.value))" }.joined(separator: ", ")
        let volumes = st.volumeClassChanges.sorted { $0.key < $1.key }
            .map { "\($0.key) → \($0.value.to) at \(number($0.value.priceRatio)) × the price" }.joined(separator: ", ")
        return """
            <li><strong>Unused</strong>: compute or a database idle on at least \(percent(u.idleDayShare)) of at least \
            \(u.minimumWindowDays) days with data (a day is idle under \(percent(u.cpuDailyAverageMax)) mean CPU and \
            \(number(u.networkBytesPerDayMax / 1_000_000)) MB of network; a database also had no connection on its last \
            \(u.databaseNoConnectionDays) days); a volume unattached for \(u.volumeUnattachedDays) days; a load balancer \
            under \(number(u.loadBalancerRequestsPerDay)) requests a day on each of its last \(u.loadBalancerDays) days; \
            compute stopped for \(u.stoppedDays) days that still pays.</li>
            <li><strong>Under-provisioned</strong>: p\(number(up.cpuPercentile)) CPU above \(percent(up.cpuAbove)) or the \
            memory maximum above \(percent(up.memoryMaxAbove)): one size up, its added cost a negative saving.</li>
            <li><strong>Container requests</strong> (set requests), per pod, by the tier's rules: under-provisioned when CPU \
            use is above the request for more than (100 − the sizing percentile) % of the time or the working set above \
            \(percent(up.memoryMaxAbove)) of the memory limit; over-provisioned when the CPU request is above the sizing \
            percentile ÷ the target or the memory request above the maximum working set plus the memory buffer (rounded up \
            to 10 millicores and 16 MiB). The plan counts only whole nodes a cluster can remove while its busiest hour still \
            fits (remove nodes), not the freed requests.</li>
            <li><strong>Schedule</strong>: outside the service hours (\(scheduled.isEmpty ? "no tier has any" : scheduled.joined(separator: ", ")), \
            \(rules.timeZone)) every hour of the week has a mean CPU under \(percent(s.offHoursCpuMax)), with samples in at least \
            \(percent(s.minimumOffHoursSlotShare)) of those hours; saving = monthly cost × off hours ÷ 168.</li>
            <li><strong>Spot</strong>: saving = monthly cost × the provider's spot discount (\(spot.isEmpty ? "none" : spot)).</li>
            <li><strong>Commitment</strong>: on-demand compute that ran at least \(percent(c.minimumRunningShare)) of the window; \
            saving = \(percent(c.discount)) of the monthly cost left after right-sizing (\(c.term)).</li>
            <li><strong>Storage class</strong>: volumes \(volumes.isEmpty ? "(no class changes)" : volumes); object storage on \
            \(st.objectStorageHotClass) under \(number(st.objectStorageRequestsPerDayMax)) requests a day → \(st.objectStorageColdClass) \
            (saving \(percent(st.objectStorageColdSaving))); snapshots older than \(st.snapshotArchiveAfterDays) days → \
            \(st.snapshotArchiveClass) at \(number(st.snapshotArchivePriceRatio)) × the price.</li>
            <li><strong>Confidence</strong>: high at a coverage of at least \(percent(q.highConfidenceCoverage)) with the tier's days \
            of data, medium at least \(percent(q.minimumCoverage)); under \(percent(q.minimumCoverage)) coverage, or too few days, \
            is insufficient data.</li>
            """
    }

    /// The container allocation rule with the weights and idle policy of the run (empty without
    /// container data).
    static func containerRule(_ context: HTMLReportContext) -> HTMLFragment {
        guard let settings = context.model.attribution.clusters?.settings else { return .empty }
        let idle: String
        switch settings.idle {
        case .separate: idle = "kept as a <code>(cluster idle)</code> row per cluster, owned by the node's team"
        case .proportional: idle = "spread over the node's containers in the hour, the CPU part by the cores they hold, the memory part by the GiB"
        case .nodeOwner: idle = "left to the node's own owner"
        }
        return """
            <li><strong>Containers on shared nodes</strong>: per node and UTC hour, the node's effective cost in the hour (a \
            daily charge spread over its 24 hours) is split into a CPU part and a memory part in proportion to vCPUs × \
            <code>kubernetes.cpu_hourly_weight</code> (\(ReportText.setting(settings.cpuHourlyWeight))) and memory GiB × \
            <code>kubernetes.memory_gib_hourly_weight</code> (\(ReportText.setting(settings.memoryGibHourlyWeight))). Each \
            workload gets max(request, usage) per sample, weighted by the sample's interval, in core-hours and GiB-hours, as its \
            share of the node's capacity (scaled down when the containers ask for more than the node has). The rest is idle, \
            by <code>kubernetes.idle</code> = <code>\(settings.idle.rawValue)</code>: \(idle). Each node charge is split \
            over the workloads and idle to the minor unit (largest remainder), so the node's cost is conserved exactly.</li>

            """
    }

    static func sharedCostRule(_ rule: SharedCostPolicy) -> String {
        switch rule {
        case .proportional: return "Split per currency in proportion to each service's positive effective cost."
        case .even: return "Split per currency into equal parts over the services."
        case .separate: return "Kept as its own (shared) row, not split."
        }
    }
}
