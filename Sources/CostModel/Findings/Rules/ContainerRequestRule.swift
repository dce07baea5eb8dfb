import Foundation

/// What the request rule knows about one container, derived once.
struct ContainerContext {
    let summary: ContainerUsageSummary
    let ownership: Ownership
    let tier: Int?
    let tierPolicy: TierPolicy
    let policy: FindingsPolicy
    /// `kubernetes.minimum_request_reduction`: a request is lowered only this share or more.
    let minimumReduction: Double
    let window: ReportWindow
    /// The container's price per core-hour and GiB-hour (its nodes', weighted by pod-seconds);
    /// nil when none of its nodes has charges and a size.
    let rate: ContainerRate?

    var windowDays: Double { window.seconds / 86_400 }
    /// Days with data ÷ window days (containers come and go, so days, not pod-seconds).
    var coverage: Double { windowDays > 0 ? min(1, Double(summary.days.count) / windowDays.rounded(.up)) : 0 }
    /// Mean pods over the window: pod-seconds ÷ window seconds.
    var meanReplicas: Double { window.seconds > 0 ? summary.podSeconds / window.seconds : 0 }
    var currency: String { rate?.currency ?? "" }

    /// Days needed, as for machines: the larger of the tier's and the idle rule's minimum.
    var requiredDays: Int { max(tierPolicy.minimumWindowDays, policy.unused.minimumWindowDays) }

    /// High: enough days and data on ≥ `high_confidence_coverage` of the window's days; medium:
    /// ≥ `minimum_coverage`; low otherwise.
    var confidence: FindingLevel {
        guard summary.days.count >= requiredDays else { return .low }
        if coverage >= policy.dataQuality.highConfidenceCoverage { return .high }
        if coverage >= policy.dataQuality.minimumCoverage { return .medium }
        return .low
    }

    func evidence(_ steps: [EvidenceStep], percentileName: String? = nil, percentileValue: Double? = nil) -> FindingEvidence {
        FindingEvidence(
            windowDays: windowDays, daysWithData: summary.days.count, samples: summary.samples, coverage: coverage,
            percentileName: percentileName, percentileValue: percentileValue, peak: summary.cpuUsageMax,
            lastActiveAt: summary.lastSample, steps: steps)
    }

    /// `cpu 500m, memory 1024Mi per pod` (what is set; `none` for an unset request).
    var currentDescription: String {
        let r = summary.current
        return "requests cpu \(r.cpuRequestCores.map { "\(RequestRounding.millicores($0))m" } ?? "none"), "
            + "memory \(r.memoryRequestBytes.map { Self.mebibytes($0) } ?? "none") per pod"
            + (r.memoryLimitBytes.map { "; memory limit \(Self.mebibytes($0))" } ?? "")
    }

    static func mebibytes(_ bytes: Double) -> String {
        NumberText.decimal(bytes / RequestRounding.bytesPerMiB, digits: 1) + "Mi"
    }

    func finding(
        _ kind: FindingKind, recommended: String, evidence: FindingEvidence, change: RequestChange,
        reason: String
    ) -> Finding {
        var evidence = evidence
        let saving = change.saving(self)
        evidence.steps += saving.steps
        return Finding(
            resourceId: summary.key.resourceId, kind: kind, action: .setRequests, ownership: ownership,
            current: currentDescription, recommended: recommended, evidence: evidence,
            monthlyCost: FindingsPrecision.normalized(change.currentMonthlyCost(self)),
            monthlySavings: FindingsPrecision.normalized(saving.monthlySavings),
            remainingCostFactor: saving.remainingCostFactor, currency: currency, confidence: confidence,
            risk: RiskEffort.risk(kind, tier: tier), effort: RiskEffort.effort(kind, tier: tier),
            needsApproval: tier == 1, reason: reason)
    }
}

/// A container's price of capacity, from the nodes it ran on.
struct ContainerRate {
    var currency: String
    var perCoreHour: Decimal
    var perGiBHour: Decimal
    /// How the price was found, as formula steps.
    var steps: [EvidenceStep]
}

/// New requests per pod (cores and bytes); nil keeps the current value.
struct RequestChange {
    var cpuCores: Double?
    var memoryBytes: Double?
    /// The recommended memory limit (under-provisioned memory only).
    var memoryLimitBytes: Double?

    /// The pods' current requests priced per month: (cores × core-hour + GiB × GiB-hour) × mean
    /// replicas × hours per month.
    func currentMonthlyCost(_ ctx: ContainerContext) -> Decimal {
        guard let rate = ctx.rate else { return 0 }
        let r = ctx.summary.current
        let perPodHour = decimal(r.cpuRequestCores ?? 0) * rate.perCoreHour
            + decimal((r.memoryRequestBytes ?? 0) / RequestRounding.bytesPerGiB) * rate.perGiBHour
        return perPodHour * decimal(ctx.meanReplicas) * ctx.policy.hoursPerMonthDecimal
    }

    /// `saving = (0.3 cores × 0.03 USD + 0.5 GiB × 0.004 USD) × 2.5 pods × 730 h = ... USD/month`.
    func saving(_ ctx: ContainerContext) -> SavingComputation {
        guard let rate = ctx.rate else {
            return SavingComputation(monthlySavings: 0, remainingCostFactor: 1, steps: [
                "no node of this container has charges and a size in the window: not priced",
            ])
        }
        let r = ctx.summary.current
        let freedCores = decimal((r.cpuRequestCores ?? 0) - (cpuCores ?? r.cpuRequestCores ?? 0))
        let freedGiB = decimal(((r.memoryRequestBytes ?? 0) - (memoryBytes ?? r.memoryRequestBytes ?? 0)) / RequestRounding.bytesPerGiB)
        let replicas = decimal(ctx.meanReplicas)
        let saving = (freedCores * rate.perCoreHour + freedGiB * rate.perGiBHour) * replicas * ctx.policy.hoursPerMonthDecimal
        let current = currentMonthlyCost(ctx)
        let factor = current > 0 ? 1 - saving / current : 1
        return SavingComputation(monthlySavings: saving, remainingCostFactor: factor, steps: rate.steps + [
            "saving = (\(.rounded(freedCores, digits: 3)) cores × \(.rounded(rate.perCoreHour, digits: 6)) + "
                + "\(.rounded(freedGiB, digits: 3)) GiB × \(.rounded(rate.perGiBHour, digits: 6))) × \(.rounded(replicas, digits: 2)) "
                + "pods × \(.exact(ctx.policy.hoursPerMonthDecimal)) h = \(.money(saving, currency: rate.currency))/month",
        ])
    }

    private func decimal(_ value: Double) -> Decimal { Decimal(settingValue: (value * 1e9).rounded() / 1e9) }
}

/// Findings on a container's requests (DESIGN.md §4), per pod (a workload whose replica count
/// changes is sized per pod, its replica range in the evidence):
/// - `insufficient_data` (`collect_data`): fewer UTC days with samples than the machines need
///   (the larger of the tier's `minimum_window_days` and `unused.minimum_window_days`);
/// - `under_provisioned` (`set_requests`): CPU usage above the CPU request for **more than
///   (100 − the tier's sizing percentile) % of the time** (time = `interval_seconds` of the samples
///   having both; i.e. the tier's percentile of usage is above the request), or the largest
///   working set above `under_provisioned.memory_max_above` (0.90) of the memory limit. CPU is
///   raised to the CPU recommendation below, memory request and limit to the memory one;
/// - otherwise `over_provisioned` (`set_requests`): the CPU request above the recommended CPU
///   request (the tier's percentile of CPU usage ÷ its target, never below the peak in tier 1), or
///   the memory request above the recommended one (largest working set × (1 + `memory_buffer`)),
///   both rounded up by `RequestRounding`. Only what is above its recommendation by at least
///   `kubernetes.minimum_request_reduction` (10 %) of the request is lowered.
/// Tiers must allow `upsize` (under) or `right_size` (over).
enum ContainerRequestRule {
    /// The container's finding, and the requests it recommends (nil for `insufficient_data`).
    static func evaluate(_ ctx: ContainerContext) -> (finding: Finding, change: RequestChange?)? {
        let days = ctx.summary.days.count
        if days < ctx.requiredDays {
            let steps: [EvidenceStep] = ["missing: \(days) days with data, \(ctx.requiredDays) needed"]
            var finding = ctx.finding(
                .insufficientData, recommended: "collect container usage", evidence: ctx.evidence(steps),
                change: RequestChange(), reason: "Not enough usage data to size the container's requests: \(FormulaText.render(steps)).")
            finding.action = .collectData
            finding.evidence.steps = steps
            finding.monthlySavings = 0
            finding.confidence = .low
            return (finding, nil)
        }
        return underProvisioned(ctx) ?? overProvisioned(ctx)
    }

    /// The recommended CPU request in millicores with its steps; nil without CPU usage.
    static func recommendedCPU(_ ctx: ContainerContext) -> (millicores: Int, percentile: Double, name: String, steps: [EvidenceStep])? {
        let s = ctx.summary
        let tier = ctx.tierPolicy
        guard let minimum = s.cpuUsageMin, let maximum = s.cpuUsageMax,
              let p = s.cpuHistogram.percentile(tier.sizingPercentile, minimum: minimum, maximum: maximum) else { return nil }
        let name = "p\(NumberText.decimal(tier.sizingPercentile)) CPU"
        var needed = p / tier.targetUtilization
        var steps: [EvidenceStep] = [
            "CPU request = \(name) \(.number(p, digits: 3)) cores ÷ \(.number(tier.targetUtilization)) = \(.number(needed, digits: 3)) cores",
        ]
        if tier.neverBelowPeak, maximum > needed {
            needed = maximum
            steps.append("peak \(.number(maximum, digits: 3)) cores (never below the peak)")
        }
        let millicores = RequestRounding.cpuMillicores(cores: needed)
        steps.append(" → \(millicores)m (up to \(RequestRounding.cpuStepMillicores)m)".asStep.joined(by: ""))
        return (millicores, p, name, steps)
    }

    /// The recommended memory in MiB with its step; nil without memory usage.
    static func recommendedMemory(_ ctx: ContainerContext) -> (mebibytes: Int, steps: [EvidenceStep])? {
        guard let maximum = ctx.summary.memoryUsageMax else { return nil }
        let buffer = ctx.tierPolicy.memoryBuffer
        let needed = maximum * (1 + buffer)
        let mebibytes = RequestRounding.memoryMiB(bytes: needed)
        return (mebibytes, [
            "memory = max working set \(.number(maximum / RequestRounding.bytesPerMiB, digits: 1)) MiB × \(.number(1 + buffer)) = "
                + "\(.number(needed / RequestRounding.bytesPerMiB, digits: 1)) MiB → \(mebibytes)Mi (up to \(RequestRounding.memoryStepMiB)Mi)",
        ])
    }

    /// `replicas 2–5 (mean 3.1 pods), sized per pod; 14 days, 4032 samples`.
    static func replicaStep(_ ctx: ContainerContext) -> EvidenceStep {
        let range = ctx.summary.replicaRange
        let replicas: EvidenceStep = range.map { $0.lowerBound == $0.upperBound
            ? "replicas \($0.lowerBound)" : "replicas \($0.lowerBound)–\($0.upperBound)" } ?? "replicas unknown"
        return replicas + ", mean \(.number(ctx.meanReplicas)) pods, sized per pod; \(ctx.summary.days.count) days, \(ctx.summary.samples) samples"
    }

    static func underProvisioned(_ ctx: ContainerContext) -> (finding: Finding, change: RequestChange?)? {
        guard ctx.tierPolicy.allows(.upsize) else { return nil }
        let s = ctx.summary
        let allowedShare = 1 - ctx.tierPolicy.sizingPercentile / 100
        let overShare = s.cpuComparedSeconds > 0 ? s.cpuOverRequestSeconds / s.cpuComparedSeconds : nil
        let cpuHot = (overShare ?? 0) > allowedShare
        let limitThreshold = ctx.policy.underProvisioned.memoryMaxAbove
        let memoryHot = (s.memoryLimitRatioMax ?? 0) > limitThreshold
        guard cpuHot || memoryHot else { return nil }

        var steps: [EvidenceStep] = [
            "CPU above its request \(.percent(overShare ?? 0, digits: 1)) of the time vs \(.percent(allowedShare, digits: 1)) allowed",
            "max working set \(.percent(s.memoryLimitRatioMax ?? 0, digits: 1)) of the memory limit vs \(.percent(limitThreshold, digits: 0))",
        ]
        var change = RequestChange()
        var recommended: [String] = []
        var percentile: (Double, String)?
        if cpuHot, let cpu = recommendedCPU(ctx) {
            steps += cpu.steps
            change.cpuCores = Double(cpu.millicores) / 1000
            recommended.append("cpu request \(cpu.millicores)m")
            percentile = (cpu.percentile, cpu.name + " cores")
        }
        if memoryHot, let memory = recommendedMemory(ctx) {
            steps += memory.steps
            let bytes = Double(memory.mebibytes) * RequestRounding.bytesPerMiB
            change.memoryLimitBytes = bytes
            recommended.append("memory limit \(memory.mebibytes)Mi")
            if (s.current.memoryRequestBytes ?? 0) < bytes {
                change.memoryBytes = bytes
                recommended.append("memory request \(memory.mebibytes)Mi")
            }
        }
        guard !recommended.isEmpty else { return nil }
        steps.append(replicaStep(ctx))
        let why = cpuHot
            ? "CPU use is above the request more than \(NumberText.percent(allowedShare, digits: 1)) of the time, so the pods are throttled or squeezed on busy nodes"
            : "The working set comes within \(NumberText.percent(1 - limitThreshold, digits: 0)) of the memory limit (OOM risk)"
        return (ctx.finding(
            .underProvisioned, recommended: recommended.joined(separator: ", ") + " per pod",
            evidence: ctx.evidence(steps, percentileName: percentile?.1, percentileValue: percentile?.0), change: change,
            reason: why + "; raise the requests" + (ctx.tier == 1 ? " (tier 1: needs the owner's approval)." : ".")), change)
    }

    static func overProvisioned(_ ctx: ContainerContext) -> (finding: Finding, change: RequestChange?)? {
        guard ctx.tierPolicy.allows(.rightSize) else { return nil }
        let s = ctx.summary
        var steps: [EvidenceStep] = []
        var change = RequestChange()
        var recommended: [String] = []
        var percentile: (Double, String)?
        if let request = s.current.cpuRequestCores, let cpu = recommendedCPU(ctx) {
            let current = RequestRounding.millicores(request)
            steps += cpu.steps
            steps.append("vs \(current)m requested".asStep.joined(by: " "))
            percentile = (cpu.percentile, cpu.name + " cores")
            if lowers(from: Double(current), to: Double(cpu.millicores), ctx) {
                change.cpuCores = Double(cpu.millicores) / 1000
                recommended.append("cpu \(current)m → \(cpu.millicores)m")
            }
        }
        if let request = s.current.memoryRequestBytes, let memory = recommendedMemory(ctx) {
            let bytes = Double(memory.mebibytes) * RequestRounding.bytesPerMiB
            steps += memory.steps
            steps.append("vs \(ContainerContext.mebibytes(request)) requested".asStep.joined(by: " "))
            if lowers(from: request, to: bytes, ctx) {
                change.memoryBytes = bytes
                recommended.append("memory \(ContainerContext.mebibytes(request)) → \(memory.mebibytes)Mi")
            }
        }
        guard !recommended.isEmpty else { return nil }
        if ctx.minimumReduction > 0 {
            steps.append("lowered only when the recommendation is at least \(.percent(ctx.minimumReduction, digits: 0)) below the request")
        }
        steps.append(replicaStep(ctx))
        return (ctx.finding(
            .overProvisioned, recommended: "requests " + recommended.joined(separator: ", ") + " per pod",
            evidence: ctx.evidence(steps, percentileName: percentile?.1, percentileValue: percentile?.0), change: change,
            reason: "The requests reserve more than the tier's \(NumberText.decimal(ctx.tierPolicy.sizingPercentile))th percentile at its "
                + "\(NumberText.percent(ctx.tierPolicy.targetUtilization, digits: 0)) target needs; lowering them frees node capacity"
                + (ctx.tier == 1 ? " (tier 1: needs the owner's approval)." : ".")), change)
    }
}

extension ContainerRequestRule {
    /// Whether a request is lowered: the recommendation is below it by at least the minimum
    /// reduction's share of it (`recommended <= current × (1 − minimum)`).
    static func lowers(from current: Double, to recommended: Double, _ ctx: ContainerContext) -> Bool {
        recommended < current && recommended <= current * (1 - ctx.minimumReduction) * (1 + 1e-12)
    }
}

private extension String {
    /// Plain words as one evidence step.
    var asStep: EvidenceStep { EvidenceStep([.words(self)]) }
}
