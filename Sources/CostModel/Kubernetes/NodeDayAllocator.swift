import Foundation

/// One node-day of `ContainerAllocator`: what the cost split needs of its rows, in hour order, and
/// the workload (with its owner) of each row as an index into `workloads`.
struct NodeDayRows {
    /// A row's hour and what it held, without the row's texts (its workload is `workloadOfRow`'s):
    /// copied from thread to thread with no reference counting.
    struct Row {
        var hour: Date
        var samples: Int
        var cpuAllocatedCoreHours: Double
        var memoryAllocatedGiBHours: Double

        init(_ row: WorkloadHourUsage) {
            hour = row.hour; samples = row.samples
            cpuAllocatedCoreHours = row.cpuAllocatedCoreHours; memoryAllocatedGiBHours = row.memoryAllocatedGiBHours
        }
    }

    var key: ContainerAllocator.NodeDay
    var rows: [Row] = []
    var workloadOfRow: [Int] = []
    var workloads: [ContainerAllocation.WorkloadOwnerKey] = []
}

/// The cost side of `ContainerAllocator`: splits the hourly costs of a node-day over the slots of
/// its workloads and of its idle capacity. All its state is per node (weights per node-day, totals
/// per node, the node-hours it has seen), so the nodes can be shared among several of them, each on
/// a thread of its own, and their states merged with the same result as one (`merge`).
struct NodeDayAllocator {
    struct NodeHour: Hashable { var node: String?; var hour: Date }

    let settings: ContainerAllocationSettings
    let capacities: [String: (vcpus: Decimal, memoryGiB: Decimal)]
    /// Node → UTC hour → currency → effective cost in the hour.
    let hourCosts: [String: [Date: [String: Decimal]]]
    /// As `ContainerAllocation`'s.
    var costWeights: [ContainerAllocation.NodeDayCurrency: [AllocationSlot: Decimal]] = [:]
    var hourWeights: [ContainerAllocation.NodeDay: [AllocationSlot: Decimal]] = [:]
    var nodes: [String: NodeUsageTotals] = [:]
    /// The node-hours that had containers.
    var finishedKeys: Set<NodeHour> = []
    /// Per node (or "(no node)"), what containers held in hours without charges.
    var unbilled: [String: (coreHours: Double, gibHours: Double, samples: Int)] = [:]
    var capacityUnknown: Set<String> = []
    private var nodeParts: [String: NodeParts] = [:]

    init(settings: ContainerAllocationSettings, capacities: [String: (vcpus: Decimal, memoryGiB: Decimal)],
         hourCosts: [String: [Date: [String: Decimal]]]) {
        self.settings = settings; self.capacities = capacities; self.hourCosts = hourCosts
    }

    /// A node's CPU and memory parts of its cost (they sum to 1) and each per unit of capacity.
    private struct NodeParts {
        var cpu, memory, cpuPerCore, memoryPerGiB: Decimal

        init(_ capacity: (vcpus: Decimal, memoryGiB: Decimal), _ settings: ContainerAllocationSettings) {
            cpu = ContainerAllocator.cpuShare(capacity, settings)
            memory = 1 - cpu
            cpuPerCore = cpu / capacity.vcpus
            memoryPerGiB = memory / capacity.memoryGiB
        }
    }

    /// Adds the state of an allocator that had the other nodes (none of them is in both).
    mutating func merge(_ other: NodeDayAllocator) {
        costWeights.merge(other.costWeights) { _, _ in preconditionFailure("a node-day was allocated on two threads") }
        hourWeights.merge(other.hourWeights) { _, _ in preconditionFailure("a node-day was allocated on two threads") }
        nodes.merge(other.nodes) { _, _ in preconditionFailure("a node was allocated on two threads") }
        unbilled.merge(other.unbilled) { _, _ in preconditionFailure("a node was allocated on two threads") }
        finishedKeys.formUnion(other.finishedKeys)
        capacityUnknown.formUnion(other.capacityUnknown)
    }

    /// Allocates one node-day.
    mutating func allocate(_ work: NodeDayRows) {
        let (key, rows) = (work.key, work.rows)
        var day = DaySlots()
        let workloadSlots = work.workloads.map {
            day.workload(AllocationSlot(workload: $0.workload, owner: $0.owner, cluster: $0.workload.cluster, part: .cpu, idle: false))
        }
        let rowSlots = work.workloadOfRow.map { workloadSlots[$0] }
        let clusters = work.workloads.map(\.workload.cluster)
        var start = 0
        while start < rows.count {
            var end = start + 1
            while end < rows.count && rows[end].hour == rows[start].hour { end += 1 }
            let cluster = work.workloadOfRow[start..<end].lazy.map { clusters[$0] }.min() ?? ""
            allocateHour(node: key.node, cluster: cluster, rows: rows[start..<end], slots: rowSlots[start..<end], into: &day)
            start = end
        }
        guard let node = key.node, let parts = nodeParts[node], !day.groups.isEmpty else { return }
        let fractions = day.groups.map { day.fractions($0, parts) }
        for (group, sums) in zip(day.groups, fractions) {
            for (currency, cost) in group.costs {
                let weightsKey = ContainerAllocation.NodeDayCurrency(node: node, day: key.day, currency: currency)
                var weights = costWeights.removeValue(forKey: weightsKey) ?? [:]
                for (index, sum) in sums.enumerated() where Decimal.isLess(0, sum) {
                    weights[day.slots[index]] = .exactSum(weights[day.slots[index]] ?? 0, .exactProduct(cost, sum))
                }
                costWeights[weightsKey] = weights
            }
        }
        let dayKey = ContainerAllocation.NodeDay(node: node, day: key.day)
        var dayWeights = hourWeights.removeValue(forKey: dayKey) ?? [:]
        for index in day.slots.indices {
            let total = fractions.reduce(Decimal(0)) { .exactSum($0, $1[index]) }
            if Decimal.isLess(0, total) { dayWeights[day.slots[index]] = .exactSum(dayWeights[day.slots[index]] ?? 0, total) }
        }
        hourWeights[dayKey] = dayWeights
    }

    /// The slots of one node-day and, per distinct hourly cost of the day, what the day's hours
    /// add to each slot's fraction of the cost. A workload holds a part's capacity × the node's
    /// factor for that part (its share of the cost ÷ the capacity) in every hour that is not
    /// over-committed, so what it holds is summed and multiplied by the factor once
    /// (`fractions`): `Decimal` multiplication is the allocator's dearest operation after division.
    private struct DaySlots {
        /// A workload slot's four slots sit at `index ..< index + 4`: CPU, memory, idle CPU and
        /// idle memory spread on it (`kubernetes.idle: proportional`).
        var slots: [AllocationSlot] = []
        var index: [AllocationSlot: Int] = [:]
        var groups: [CostGroup] = []
        /// Per workload slot, its last core-hours and GiB-hours and their `Decimal` values: a
        /// workload that holds its requests holds the same from hour to hour, and converting a
        /// `Double` costs more than the rest of its hour.
        var lastHeld: [Int: (cpu: Double, cpuValue: Decimal, memory: Double, memoryValue: Decimal)] = [:]

        /// The hours of a node-day that cost the same, per slot: what workloads held in hours that
        /// were not over-committed (× the part's factor), the hours the node's idle slot had idle
        /// capacity and what was held in them (idle = hours × the part's share − held × the
        /// factor), and fractions taken as they are (over-committed hours, proportional idle).
        struct CostGroup {
            var costs: [String: Decimal]
            var held: [Decimal] = []
            var idleHours: [Int] = []
            var direct: [Decimal] = []

            mutating func grow(to count: Int) {
                guard held.count < count else { return }
                held.append(contentsOf: repeatElement(0, count: count - held.count))
                idleHours.append(contentsOf: repeatElement(0, count: count - idleHours.count))
                direct.append(contentsOf: repeatElement(0, count: count - direct.count))
            }
        }

        /// `cpu` and `memory` as `Decimal`, from the slot's last values when they are the same.
        mutating func held(cpu: Double, memory: Double, slot: Int) -> (cpu: Decimal, memory: Decimal) {
            if let last = lastHeld[slot], last.cpu == cpu, last.memory == memory { return (last.cpuValue, last.memoryValue) }
            let values = (cpu: Decimal.converted(cpu), memory: Decimal.converted(memory))
            lastHeld[slot] = (cpu, values.cpu, memory, values.memory)
            return values
        }

        /// The first of the four slots of a workload's CPU slot.
        mutating func workload(_ slot: AllocationSlot) -> Int {
            if let known = index[slot] { return known }
            let first = slots.count
            index[slot] = first
            for (part, idle) in [(AllocationSlot.Part.cpu, false), (.memory, false), (.cpu, true), (.memory, true)] {
                var variant = slot; variant.part = part; variant.idle = idle
                slots.append(variant)
            }
            return first
        }

        /// The node's own idle slot.
        mutating func idle(_ part: AllocationSlot.Part, cluster: String) -> Int {
            let slot = AllocationSlot.idle(part, cluster: cluster)
            if let known = index[slot] { return known }
            index[slot] = slots.count
            slots.append(slot)
            return slots.count - 1
        }

        /// The group of the hours that cost `costs`, its arrays as long as `slots`.
        mutating func group(_ costs: [String: Decimal]) -> Int {
            let found = groups.firstIndex { $0.costs == costs } ?? { groups.append(CostGroup(costs: costs)); return groups.count - 1 }()
            groups[found].grow(to: slots.count)
            return found
        }

        /// Each slot's fraction of the cost summed over the group's hours.
        func fractions(_ group: CostGroup, _ parts: NodeParts) -> [Decimal] {
            slots.indices.map { index in
                guard index < group.held.count else { return 0 }
                let slot = slots[index]
                let factor = slot.part == .cpu ? parts.cpuPerCore : parts.memoryPerGiB
                if slot.workload == nil {  // the node's idle capacity
                    let share = slot.part == .cpu ? parts.cpu : parts.memory
                    let idle = Decimal.exactSum(.exactProduct(Decimal(group.idleHours[index]), share), -.exactProduct(group.held[index], factor))
                    return .exactSum(idle, group.direct[index])
                }
                return group.held[index].isZero ? group.direct[index] : .exactSum(.exactProduct(group.held[index], factor), group.direct[index])
            }
        }
    }

    /// Splits one node-hour (`rows`, the day's slot of each in `slots`; `cluster` the first of
    /// their workloads' clusters) into fractions of the hour's cost, added to the day's sums; an
    /// hour without charges or capacity is only counted.
    private mutating func allocateHour(
        node: String?, cluster: String, rows: ArraySlice<NodeDayRows.Row>, slots: ArraySlice<Int>, into day: inout DaySlots
    ) {
        let hour = rows.first!.hour
        finishedKeys.insert(NodeHour(node: node, hour: UTCDays.startOfHour(hour)))
        let costs = node.flatMap { hourCosts[$0]?[UTCDays.startOfHour(hour)] } ?? [:]
        guard let node, !costs.isEmpty else {
            let name = node ?? "(no node)"
            var entry = unbilled[name] ?? (0, 0, 0)
            for row in rows {
                entry.coreHours += row.cpuAllocatedCoreHours; entry.gibHours += row.memoryAllocatedGiBHours
                entry.samples += row.samples
            }
            unbilled[name] = entry
            return
        }
        guard let capacity = capacities[node] else { capacityUnknown.insert(node); return }
        let parts = nodeParts[node] ?? NodeParts(capacity, settings)
        nodeParts[node] = parts

        // What each workload-owner slot holds in the hour, in order of first appearance.
        var held: [(slot: Int, cpu: Decimal, memory: Decimal)] = []
        for (row, slot) in zip(rows, slots) {
            let (cpu, memory) = day.held(
                cpu: max(row.cpuAllocatedCoreHours, 0), memory: max(row.memoryAllocatedGiBHours, 0), slot: slot)
            if let known = held.firstIndex(where: { $0.slot == slot }) {
                held[known].cpu = .exactSum(held[known].cpu, cpu); held[known].memory = .exactSum(held[known].memory, memory)
            } else {
                held.append((slot, cpu, memory))
            }
        }
        let cpuHeld = held.reduce(Decimal(0)) { .exactSum($0, $1.cpu) }
        let memoryHeld = held.reduce(Decimal(0)) { .exactSum($0, $1.memory) }

        // Fractions of the hour's cost (they sum to 1): what a slot holds × its part's share of
        // the cost ÷ the capacity, or ÷ what all hold when that is more (over-committed); the
        // rest of each part is idle. Decimal division is the allocator's most expensive
        // operation: the factors are the node's own unless the hour is over-committed.
        let cpuOvercommitted = Decimal.isLess(capacity.vcpus, cpuHeld)
        let memoryOvercommitted = Decimal.isLess(capacity.memoryGiB, memoryHeld)
        // Slots of idle capacity first, so that the group's arrays cover them.
        let idleSlots = (cpu: day.idle(.cpu, cluster: cluster), memory: day.idle(.memory, cluster: cluster))
        let group = day.group(costs)
        for entry in held {
            if cpuOvercommitted {
                day.groups[group].direct[entry.slot] = .exactSum(
                    day.groups[group].direct[entry.slot], .exactProduct(entry.cpu, parts.cpu / cpuHeld))
            } else {
                day.groups[group].held[entry.slot] = .exactSum(day.groups[group].held[entry.slot], entry.cpu)
            }
            if memoryOvercommitted {
                day.groups[group].direct[entry.slot + 1] = .exactSum(
                    day.groups[group].direct[entry.slot + 1], .exactProduct(entry.memory, parts.memory / memoryHeld))
            } else {
                day.groups[group].held[entry.slot + 1] = .exactSum(day.groups[group].held[entry.slot + 1], entry.memory)
            }
        }
        if settings.idle == .proportional {
            // Each part's idle capacity spread on the workloads in proportion to what they hold of it.
            let idleCPU = Decimal.isLess(cpuHeld, capacity.vcpus)
                ? Decimal.exactSum(parts.cpu, -.exactProduct(cpuHeld, parts.cpuPerCore)) : 0
            let idleMemory = Decimal.isLess(memoryHeld, capacity.memoryGiB)
                ? Decimal.exactSum(parts.memory, -.exactProduct(memoryHeld, parts.memoryPerGiB)) : 0
            spreadIdle(idleCPU, offset: 2, held: held.map { ($0.slot, $0.cpu) }, total: cpuHeld, idleSlot: idleSlots.cpu,
                       group: group, into: &day)
            spreadIdle(idleMemory, offset: 3, held: held.map { ($0.slot, $0.memory) }, total: memoryHeld,
                       idleSlot: idleSlots.memory, group: group, into: &day)
        } else {
            for (slot, part, isIdle) in [(idleSlots.cpu, cpuHeld, Decimal.isLess(cpuHeld, capacity.vcpus)),
                                         (idleSlots.memory, memoryHeld, Decimal.isLess(memoryHeld, capacity.memoryGiB))] where isIdle {
                day.groups[group].idleHours[slot] += 1
                day.groups[group].held[slot] = .exactSum(day.groups[group].held[slot], part)
            }
        }

        var totals = nodes[node] ?? NodeUsageTotals(
            nodeResourceId: node, cluster: cluster, vcpus: capacity.vcpus, memoryGiB: capacity.memoryGiB)
        totals.hoursWithContainers += 1
        totals.cpuAllocatedCoreHours += NSDecimalNumber(decimal: cpuOvercommitted ? capacity.vcpus : cpuHeld).doubleValue
        totals.memoryAllocatedGiBHours += NSDecimalNumber(decimal: memoryOvercommitted ? capacity.memoryGiB : memoryHeld).doubleValue
        if cpuOvercommitted || memoryOvercommitted { totals.overcommittedHours += 1 }
        nodes[node] = totals
    }

    /// `kubernetes.idle: proportional`: puts one part's idle fraction on the workloads in
    /// proportion to what they hold of that part (their slot + `offset`); nothing held: it stays
    /// on the node's idle slot.
    private func spreadIdle(
        _ idle: Decimal, offset: Int, held: [(slot: Int, amount: Decimal)], total: Decimal, idleSlot: Int, group: Int,
        into day: inout DaySlots
    ) {
        guard Decimal.isLess(0, idle) else { return }
        guard Decimal.isLess(0, total) else {
            day.groups[group].direct[idleSlot] = .exactSum(day.groups[group].direct[idleSlot], idle)
            return
        }
        for entry in held where Decimal.isLess(0, entry.amount) {
            day.groups[group].direct[entry.slot + offset] = .exactSum(
                day.groups[group].direct[entry.slot + offset], Decimal.exactProduct(idle, entry.amount) / total)
        }
    }
}
