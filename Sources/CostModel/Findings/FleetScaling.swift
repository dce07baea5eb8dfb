import Foundation

/// What autoscaling would leave of a fixed fleet of same-type machines, from the members'
/// hour-of-week CPU profiles (pure arithmetic; `AutoscaleRule` decides when it applies).
public struct FleetScaling: Sendable, Hashable {
    /// Machines in the fleet now.
    public var count: Int
    /// vCPUs of one machine.
    public var vcpus: Double
    /// Hours of the week (`isoWeekday × 24 + hour` order) in which every member has CPU data.
    public var hours: Int
    /// Cores used summed over the fleet, per hour of the week with data.
    public var demand: [Double]
    /// Machines needed per hour: max(minimum, memory floor, ⌈demand ÷ (vCPU × CPU threshold)⌉).
    public var needed: [Int]
    /// Machines the members' memory needs in every hour: ⌈Σ memory max ÷ memory threshold⌉ (0 without a memory metric).
    public var memoryFloor: Int
    public var peakDemand: Double
    public var troughDemand: Double

    /// Peak ÷ trough of the hourly demand (infinite when the trough is 0 and the peak is not).
    public var swing: Double {
        troughDemand > 0 ? peakDemand / troughDemand : (peakDemand > 0 ? .infinity : 1)
    }
    /// Mean machines needed over the hours with data.
    public var meanNeeded: Double { needed.isEmpty ? Double(count) : Double(needed.reduce(0, +)) / Double(needed.count) }
    /// The most machines any hour needs.
    public var maximumNeeded: Int { needed.max() ?? count }
    /// Mean needed ÷ current count, exact: the share of the fleet's cost autoscaling keeps.
    public var remainingCostFactor: Decimal {
        guard !needed.isEmpty, count > 0 else { return 1 }
        return Decimal(needed.reduce(0, +)) / Decimal(needed.count * count)
    }

    /// - Parameters:
    ///   - members: each machine's hour-of-week profile and its memory maximum (fraction).
    ///   - vcpus: vCPUs of one machine (all members have the same type).
    /// - Returns: nil when no hour of the week has data for every member.
    public static func compute(
        members: [(hourOfWeek: [HourOfWeekUsage], memoryMax: Double?)], vcpus: Double, scaling: ScalingMatrix
    ) -> FleetScaling? {
        guard !members.isEmpty, vcpus > 0 else { return nil }
        var demand: [Double] = []
        let profiles = members.map { member in
            Dictionary(member.hourOfWeek.compactMap { hour -> (Int, Double)? in
                guard hour.samples > 0, let cpu = hour.cpuAverage, cpu.isFinite else { return nil }
                return (hour.isoWeekday * 24 + hour.hour, cpu)
            }, uniquingKeysWith: { first, _ in first })
        }
        for slot in (1 * 24)..<(8 * 24) {
            let values = profiles.compactMap { $0[slot] }
            guard values.count == members.count else { continue }
            demand.append(values.reduce(0) { $0 + max($1, 0) * vcpus })
        }
        guard !demand.isEmpty else { return nil }
        let memories = members.compactMap(\.memoryMax)
        let memoryFloor = memories.isEmpty ? 0 : Self.ceiling(memories.reduce(0) { $0 + max($1, 0) } / scaling.memoryAbove)
        let perMachine = vcpus * scaling.cpuAbove
        let needed = demand.map { max(scaling.minimumMachines, memoryFloor, Self.ceiling($0 / perMachine)) }
        return FleetScaling(
            count: members.count, vcpus: vcpus, hours: demand.count, demand: demand, needed: needed,
            memoryFloor: memoryFloor, peakDemand: demand.max() ?? 0, troughDemand: demand.min() ?? 0)
    }

    /// ⌈value⌉, ignoring float noise below 1e-9 (3 × 0.7 ÷ 0.7 is 3, not 4).
    static func ceiling(_ value: Double) -> Int { Int((value - 1e-9).rounded(.up)) }
}
