import Foundation

/// `unused`: idle compute and databases, unattached volumes, unassociated IP addresses, load
/// balancers without traffic, stopped instances still paying. Tier 1 is `investigate`, never `delete`.
enum UnusedRule {
    /// Compute or database idle over the window (needs sufficient data; the caller checks that).
    static func idle(_ ctx: ResourceContext) -> Finding? {
        guard let usage = ctx.usage else { return nil }
        let t = ctx.policy.unused
        let days = usage.days.sorted { $0.day < $1.day }
        guard days.count >= t.minimumWindowDays else { return nil }
        let idleDays = days.filter { day in
            guard let cpu = day.cpuAverage, let network = day.networkBytes else { return false }
            return cpu < t.cpuDailyAverageMax && network < t.networkBytesPerDayMax
        }.count
        let share = Double(idleDays) / Double(days.count)
        guard share >= t.idleDayShare else { return nil }
        var steps: [EvidenceStep] = [
            "\(idleDays) of \(days.count) days with mean CPU < \(.percent(t.cpuDailyAverageMax)) and network < "
                + "\(.number(t.networkBytesPerDayMax / 1_000_000)) MB = \(.percent(share, digits: 1)) >= \(.percent(t.idleDayShare, digits: 0))",
        ]
        if ctx.resource.kind == .database {
            let recent = days.suffix(t.databaseNoConnectionDays)
            guard recent.count == t.databaseNoConnectionDays,
                  recent.allSatisfy({ $0.connectionsMax == 0 }) else { return nil }
            steps.append("no connections on the last \(t.databaseNoConnectionDays) days")
        }
        let action = ctx.idleAction
        return ctx.finding(
            .unused, action: action, recommended: action.rawValue,
            evidence: ctx.evidence(steps, percentileName: "idle day share", percentileValue: share),
            saving: ctx.saving(leaving: 0), confidence: ctx.usageConfidence,
            reason: action == .investigate
                ? "Idle on \(NumberText.percent(share, digits: 0)) of days; tier 1 is never deleted automatically, so investigate whether it is still needed."
                : "Idle on \(NumberText.percent(share, digits: 0)) of days (CPU and network near zero); \(action.rawValue) it.")
    }

    /// Compute or database stopped for at least `stoppedDays` that still pays (storage).
    static func stopped(_ ctx: ResourceContext) -> Finding? {
        guard ctx.state == .stopped, ctx.monthlyCost > 0 else { return nil }
        let threshold = ctx.policy.unused.stoppedDays
        guard let since = ctx.daysBeforeWindowEnd(ctx.resource.lastActiveAt), since >= Double(threshold) else { return nil }
        let action = ctx.idleAction
        return ctx.finding(
            .unused, action: action, recommended: action == .delete ? "snapshot if needed, then delete" : action.rawValue,
            evidence: ctx.evidence(["stopped for \(.number(since, digits: 1)) days >= \(threshold)", "still billed"]),
            saving: ctx.saving(leaving: 0), confidence: .high,
            reason: "Stopped for \(Int(since)) days but still paying for its storage.")
    }

    /// A volume unattached for at least `volumeUnattachedDays`.
    static func unattachedVolume(_ ctx: ResourceContext) -> Finding? {
        let detached = ctx.state == .unattached || ctx.state == .available
        guard detached, (ctx.resource.attachedTo ?? "").isEmpty else { return nil }
        let threshold = ctx.policy.unused.volumeUnattachedDays
        guard let since = ctx.daysBeforeWindowEnd(ctx.resource.lastActiveAt ?? ctx.resource.createdAt),
              since >= Double(threshold) else { return nil }
        let action = ctx.idleAction
        return ctx.finding(
            .unused, action: action, recommended: action == .delete ? "snapshot if needed, then delete" : action.rawValue,
            evidence: ctx.evidence(["unattached for \(.number(since, digits: 1)) days >= \(threshold)"]),
            saving: ctx.saving(leaving: 0), confidence: .high,
            reason: "Volume unattached for \(Int(since)) days.")
    }

    /// An IP address associated with nothing.
    static func unassociatedAddress(_ ctx: ResourceContext) -> Finding? {
        let free = (ctx.resource.attachedTo ?? "").isEmpty
            || ctx.state == .unassociated || ctx.state == .unattached
        guard free, ctx.state != .associated else { return nil }
        let action = ctx.idleAction
        return ctx.finding(
            .unused, action: action, recommended: action == .delete ? "release" : action.rawValue,
            evidence: ctx.evidence(["not associated with any resource"]),
            saving: ctx.saving(leaving: 0), confidence: .high,
            reason: "IP address not associated with any resource.")
    }

    /// A load balancer under `loadBalancerRequestsPerDay` on each of its last `loadBalancerDays` days with data.
    static func idleLoadBalancer(_ ctx: ResourceContext) -> Finding? {
        guard let usage = ctx.usage else { return nil }
        let t = ctx.policy.unused
        let recent = usage.days.sorted { $0.day < $1.day }.suffix(t.loadBalancerDays)
        guard recent.count == t.loadBalancerDays else { return nil }
        let requests = recent.map { $0.requests }
        guard requests.allSatisfy({ ($0 ?? .infinity) < t.loadBalancerRequestsPerDay }) else { return nil }
        let busiest = requests.compactMap { $0 }.max() ?? 0
        let action = ctx.idleAction
        return ctx.finding(
            .unused, action: action, recommended: action.rawValue,
            evidence: ctx.evidence(
                ["busiest of the last \(t.loadBalancerDays) days: \(.number(busiest)) requests < \(.number(t.loadBalancerRequestsPerDay)) per day"],
                percentileName: "max requests per day", percentileValue: busiest),
            saving: ctx.saving(leaving: 0), confidence: ctx.usageConfidence,
            reason: "Load balancer served under \(NumberText.decimal(t.loadBalancerRequestsPerDay)) requests a day on each of the last \(t.loadBalancerDays) days.")
    }
}
