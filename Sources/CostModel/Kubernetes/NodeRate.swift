import Foundation

/// A node's own price of one core-hour and one GiB-hour: its effective cost per hour over the
/// window (as every finding prices a resource) split into a CPU and a memory part by
/// `vcpus × cpu_hourly_weight` and `memory_gib × memory_gib_hourly_weight` (the allocation's split,
/// DESIGN.md §2.2), each part divided by the node's vCPUs or GiB.
public struct NodeRate: Sendable, Hashable {
    public var nodeId: String
    public var currency: String
    /// The node's effective cost per month (window cost ÷ window hours × hours per month).
    public var monthlyCost: Decimal
    public var vcpus: Decimal
    public var memoryGiB: Decimal
    public var perCoreHour: Decimal
    public var perGiBHour: Decimal

    /// Nil when the node has no vCPU or no memory.
    public init?(nodeId: String, currency: String, monthlyCost: Decimal, vcpus: Decimal, memoryGiB: Decimal,
                 hoursPerMonth: Decimal, policy: KubernetesPolicy) {
        guard vcpus > 0, memoryGiB > 0, hoursPerMonth > 0 else { return nil }
        let hourly = monthlyCost / hoursPerMonth
        // The allocation's own split (ContainerAllocator), so findings and cost views agree.
        let cpuPart = hourly * ContainerAllocator.cpuShare((vcpus, memoryGiB), policy.allocationSettings)
        self.nodeId = nodeId; self.currency = currency; self.monthlyCost = monthlyCost
        self.vcpus = vcpus; self.memoryGiB = memoryGiB
        perCoreHour = FindingsPrecision.normalized(cpuPart / vcpus)
        perGiBHour = FindingsPrecision.normalized((hourly - cpuPart) / memoryGiB)
    }
}
