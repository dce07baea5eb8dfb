import CostModel
import Foundation

/// Emits `usage_samples` rows time-major (every resource at one instant, then the next instant),
/// which keeps a BRIN index on `sampled_at` tight. Each value is a pure function of (seed, resource,
/// time): nothing is accumulated, so memory does not grow with days, resources or samples.
struct UsageSampleStream {
    let plans: [ResourcePlan]
    let seed: UInt64
    let start: Int64
    let end: Int64
    let intervalSeconds: Int64

    init(plans: [ResourcePlan], options: SampleOptions) {
        self.plans = plans.filter { $0.inInventory && $0.usage != nil && $0.usage?.coverage != .noAgent }
        self.seed = options.seed
        self.start = options.startSeconds
        self.end = options.endSeconds
        self.intervalSeconds = Int64(max(1, options.sampleIntervalSeconds))
    }

    func forEach(_ body: (UsageSample) throws -> Void) rethrows {
        var instant = start
        var currentDay: Int64 = -1
        while instant < end {
            let dayIndex = (instant - start) / UTCClock.secondsPerDay
            let firstOfDay = dayIndex != currentDay
            currentDay = dayIndex
            let dayStart = start + dayIndex * UTCClock.secondsPerDay
            for plan in plans {
                guard let profile = plan.usage, isCovered(plan, profile, instant: instant, dayIndex: dayIndex) else {
                    continue
                }
                if case .objectStorage = plan.charge {
                    // One daily sample of the bucket's request count, at midnight.
                    guard firstOfDay, dayStart >= plan.activeFrom else { continue }
                    try body(UsageSample(
                        resourceId: plan.resource.id, sampledAt: UTCClock.date(dayStart),
                        intervalSeconds: Int(UTCClock.secondsPerDay),
                        requests: (profile.requests(onDayStarting: dayStart, seed: seed, key: plan.noiseKey)).rounded()))
                    continue
                }
                try body(sample(plan, profile, instant: instant, dayStart: dayStart))
            }
            instant += intervalSeconds
        }
    }

    private func isCovered(_ plan: ResourcePlan, _ profile: UsageProfile, instant: Int64, dayIndex: Int64) -> Bool {
        if instant < plan.activeFrom { return false }
        if let stop = plan.runningUntil, instant >= stop { return false }
        switch profile.coverage {
        case .full: return true
        case .noAgent: return false
        case .twoDaysInFive: return dayIndex % 5 < 2
        }
    }

    private func sample(_ plan: ResourcePlan, _ profile: UsageProfile, instant: Int64, dayStart: Int64) -> UsageSample {
        let activity = profile.activity(at: instant)
        let key = plan.noiseKey
        let time = UInt64(bitPattern: instant)
        func level(_ range: ClosedRange<Double>, channel: UInt64) -> Double {
            let base = range.lowerBound + (range.upperBound - range.lowerBound) * activity
            return base * (1 + profile.noise * StableHash.symmetric(seed, key, time, channel))
        }
        let hoursCovered = Double(intervalSeconds) / 3600
        var sample = UsageSample(resourceId: plan.resource.id, sampledAt: UTCClock.date(instant),
                                 intervalSeconds: Int(intervalSeconds))
        if let cpu = profile.cpu {
            let growth = profile.cpuGrowthPerWeek * Double(instant - start) / Double(7 * UTCClock.secondsPerDay)
            sample.cpuUtilization = Float(min(max(level(cpu, channel: 1) + growth, 0), 1))
        }
        if let memory = profile.memory {
            sample.memoryUtilization = Float(min(max(level(memory, channel: 2), 0), 1))
        }
        if let network = profile.networkBytesPerHour {
            sample.networkBytes = (level(network, channel: 3) * hoursCovered).rounded()
        }
        if let connections = profile.connections {
            sample.connections = Float(max(level(connections, channel: 4), 0).rounded())
        }
        if case .loadBalancer = plan.charge {
            let daily = profile.requests(onDayStarting: dayStart, seed: seed, key: key)
            sample.requests = daily * UsageProfile.requestShare(hour: UTCClock.hour(instant)) * hoursCovered
        }
        return sample
    }
}

extension UsageProfile {
    /// Requests on the UTC day starting at `dayStart`: the workday level, scaled on weekends, with
    /// day-level noise. Shared by usage samples and load balancer LCU charges, so both agree.
    func requests(onDayStarting dayStart: Int64, seed: UInt64, key: UInt64) -> Double {
        guard let perDay = requestsPerDay else { return 0 }
        let weekday = UTCClock.isWorkday(dayStart) ? 1 : requestsWeekendFactor
        let noiseFactor = 1 + noise * StableHash.symmetric(seed, key, UInt64(bitPattern: dayStart), 7)
        return max(perDay * weekday * noiseFactor, 0)
    }
}
