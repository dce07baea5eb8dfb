import Foundation

/// A share of a node's cost: the CPU or memory part held by a workload, or the node's idle CPU or
/// memory part (kept, or spread over the workloads under `kubernetes.idle: proportional`).
public struct AllocationSlot: Sendable, Hashable, Comparable {
    public enum Part: String, Sendable, Hashable, Comparable {
        case cpu, memory
        public static func < (a: Part, b: Part) -> Bool { a.rawValue < b.rawValue }
    }

    /// The workload; nil for the node's idle capacity.
    public var workload: WorkloadKey?
    /// The workload's owner; nil for idle capacity (its owner follows the charge and `kubernetes.idle`).
    public var owner: Ownership?
    public var cluster: String
    public var part: Part
    /// Idle capacity: the node's own (`workload` nil) or a workload's share of it (proportional).
    public var idle: Bool

    /// The node's idle CPU or memory part in `cluster`.
    public static func idle(_ part: Part, cluster: String) -> AllocationSlot {
        AllocationSlot(workload: nil, owner: nil, cluster: cluster, part: part, idle: true)
    }

    /// A stable name for tie-breaks of the largest-remainder split.
    var name: String {
        let owner = owner.map { "\($0.service)|\($0.team)|\($0.tierLabel)|\($0.environment ?? "")" } ?? ""
        return "\(workload?.resourceId ?? "~idle/\(cluster)")|\(owner)|\(part.rawValue)|\(idle ? 1 : 0)"
    }

    public static func < (a: AllocationSlot, b: AllocationSlot) -> Bool { a.name < b.name }
}

/// Requests, usage and what a workload held, summed over the window (core-hours, GiB-hours).
public struct WorkloadUsageTotals: Sendable, Hashable {
    public var samples = 0
    public var samplesWithoutRequests = 0
    public var cpuAllocatedCoreHours = 0.0
    public var cpuRequestCoreHours = 0.0
    public var cpuUsageCoreHours = 0.0
    public var memoryAllocatedGiBHours = 0.0
    public var memoryRequestGiBHours = 0.0
    public var memoryUsageGiBHours = 0.0

    public init() {}

    mutating func merge(_ other: WorkloadUsageTotals) {
        samples += other.samples; samplesWithoutRequests += other.samplesWithoutRequests
        cpuAllocatedCoreHours += other.cpuAllocatedCoreHours; cpuRequestCoreHours += other.cpuRequestCoreHours
        cpuUsageCoreHours += other.cpuUsageCoreHours; memoryAllocatedGiBHours += other.memoryAllocatedGiBHours
        memoryRequestGiBHours += other.memoryRequestGiBHours; memoryUsageGiBHours += other.memoryUsageGiBHours
    }

    mutating func add(_ row: WorkloadHourUsage) {
        samples += row.samples; samplesWithoutRequests += row.samplesWithoutRequests
        cpuAllocatedCoreHours += row.cpuAllocatedCoreHours; cpuRequestCoreHours += row.cpuRequestCoreHours
        cpuUsageCoreHours += row.cpuUsageCoreHours; memoryAllocatedGiBHours += row.memoryAllocatedGiBHours
        memoryRequestGiBHours += row.memoryRequestGiBHours; memoryUsageGiBHours += row.memoryUsageGiBHours
    }
}

/// A node's capacity and what its containers held, over the window.
public struct NodeUsageTotals: Sendable, Hashable {
    public var nodeResourceId: String
    public var cluster: String
    public var vcpus: Decimal
    public var memoryGiB: Decimal
    /// Hours in which containers ran on the node.
    public var hoursWithContainers = 0
    /// Core-hours held by containers (at most the capacity in each hour).
    public var cpuAllocatedCoreHours = 0.0
    public var memoryAllocatedGiBHours = 0.0
    /// Hours in which the containers asked for more CPU or memory than the node has (shares scaled down).
    public var overcommittedHours = 0
}

/// The outcome of `ContainerAllocator`: per node, day and currency, the weight of every slot in the
/// node's charges; the totals per workload and node; diagnostics.
public struct ContainerAllocation: Sendable {
    public struct NodeDay: Sendable, Hashable { public var node: String; public var day: Date }
    public struct NodeDayCurrency: Sendable, Hashable { public var node: String; public var day: Date; public var currency: String }

    public var settings: ContainerAllocationSettings
    /// Σ over the day's hours of the hour's effective cost × the slot's fraction of the hour.
    var costWeights: [NodeDayCurrency: [AllocationSlot: Decimal]] = [:]
    /// The same with every hour of the day weighing 1 (for a day whose charges have no positive
    /// effective cost, e.g. billed-only corrections).
    var hourWeights: [NodeDay: [AllocationSlot: Decimal]] = [:]
    /// Nodes whose charges are split, with their CPU share of the cost (vcpus × cpu weight ÷ both).
    var cpuShares: [String: Decimal] = [:]
    /// Requests and usage per workload and owner, and the node's currency (nil: no charges).
    public var workloads: [WorkloadOwnerKey: WorkloadUsageTotals] = [:]
    public var nodes: [String: NodeUsageTotals] = [:]
    public var diagnostics: [Diagnostic] = []

    public init(settings: ContainerAllocationSettings) { self.settings = settings }

    /// A workload with one owner, in the currency of its nodes (nil when they have no charges).
    public struct WorkloadOwnerKey: Sendable, Hashable {
        public var workload: WorkloadKey
        public var owner: Ownership
        public var currency: String?
    }

    /// True when the node's charges are split over containers.
    public func splits(node: String) -> Bool { cpuShares[node] != nil }

    /// The weights that split a charge of `node` on `day` in `currency`: the cost-weighted ones, else
    /// the hour-weighted ones, else (a day without containers) everything idle. Nil when the node's
    /// charges are not split (not a node with containers, or its capacity is unknown).
    public func weights(node: String, day: Date, currency: String) -> [AllocationSlot: Decimal]? {
        guard let cpuShare = cpuShares[node] else { return nil }
        if let weights = costWeights[NodeDayCurrency(node: node, day: day, currency: currency)],
           weights.values.reduce(0, +) > 0 { return weights }
        if let weights = hourWeights[NodeDay(node: node, day: day)], weights.values.reduce(0, +) > 0 { return weights }
        let cluster = nodes[node]?.cluster ?? ""
        return [.idle(.cpu, cluster: cluster): cpuShare, .idle(.memory, cluster: cluster): 1 - cpuShare]
    }
}

/// Allocation of node cost to containers (DESIGN.md §2.2), hour by hour:
/// - the node's effective cost in the hour (its charges in the hour; a charge longer than an hour
///   spread evenly over its hours within its UTC day) is split into a CPU part and a memory part in
///   proportion to `vcpus × cpu_hourly_weight` and `memory_gib × memory_gib_hourly_weight`;
/// - each workload holds Σ max(request, usage) core-hours and GiB-hours in the hour; its share of a
///   part is what it holds ÷ the node's capacity (vcpus core-hours, memory_gib GiB-hours), or ÷
///   what all containers hold when that exceeds the capacity (shares scaled down);
/// - the rest is the node's idle cost, kept or spread as `kubernetes.idle` says.
///
/// Rows of `container_allocation.sql` are fed one by one (`add`); the rows of one node and UTC day
/// must come together (the query orders by node and hour). They are allocated a node-day at a
/// time: each workload's slots are looked up once per day, and what the slots hold is summed per
/// hourly cost (the costs of a node's hours are mostly equal) and multiplied by the node's factor
/// and the cost once per day (`DaySlots`), so the `Decimal` work per hour is a sum per slot.
/// Memory: nodes × days × workloads.
public struct ContainerAllocator {
    /// Who owns a workload: (namespace, pod labels, the workload's resource id) → owner and problems.
    public typealias OwnerResolver = (_ namespace: String, _ labels: [String: String], _ name: String) -> (Ownership, [Diagnostic])

    private var result: ContainerAllocation
    private let resolveOwner: OwnerResolver
    private let capacities: [String: (vcpus: Decimal, memoryGiB: Decimal)]
    /// Node → UTC hour → currency → effective cost in the hour.
    private var hourCosts: [String: [Date: [String: Decimal]]] = [:]
    /// Node → the currency its workloads are priced in (the first of its charges' currencies).
    private var nodeCurrencies: [String: String] = [:]
    private var currentKey: NodeDay?
    private var currentRows: [WorkloadHourUsage] = []
    private var finishedDays: Set<NodeDay> = []
    private var finishedKeys: Set<NodeHour> = []
    private var owners: [OwnerQuestion: Ownership] = [:]
    private var ownerDiagnostics: Set<Diagnostic> = []
    private var unbilled: [String: (coreHours: Double, gibHours: Double, samples: Int)] = [:]
    private var capacityUnknown: Set<String> = []
    private var withoutRequests: [WorkloadKey: Int] = [:]
    private var outOfOrder = false
    private var nodesWithoutContainers: Set<String> = []
    private var costWithoutContainers: [String: Decimal] = [:]

    private struct NodeHour: Hashable { var node: String?; var hour: Date }
    private struct NodeDay: Hashable { var node: String?; var day: Date }

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
    private var nodeParts: [String: NodeParts] = [:]
    private struct OwnerQuestion: Hashable { var namespace: String; var labels: [String: String] }

    /// - Parameters:
    ///   - nodes: the inventory records of the nodes (vcpus and memory_gib; the catalog fills gaps).
    ///   - catalog: sizes by instance type when the inventory lacks a node's vcpus or memory.
    ///   - chargePeriods: the nodes' charges (`node_charges.sql`).
    public init(
        settings: ContainerAllocationSettings, nodes: [Resource], catalog: [InstanceType] = [],
        chargePeriods: [NodeChargePeriod], resolveOwner: @escaping OwnerResolver
    ) {
        result = ContainerAllocation(settings: settings)
        self.resolveOwner = resolveOwner
        var sizes: [String: (Decimal, Decimal)] = [:]
        for type in catalog.sorted(by: { ($0.providerName, $0.regionId) < ($1.providerName, $1.regionId) })
        where sizes[type.name] == nil {
            sizes[type.name] = (type.vcpus, type.memoryGiB)
        }
        var capacities: [String: (vcpus: Decimal, memoryGiB: Decimal)] = [:]
        for node in nodes {
            let fromCatalog = node.instanceType.flatMap { sizes[$0] }
            if let vcpus = node.vcpus ?? fromCatalog?.0, let memory = node.memoryGiB ?? fromCatalog?.1, vcpus > 0, memory > 0 {
                capacities[node.id] = (vcpus, memory)
            }
        }
        self.capacities = capacities
        for period in chargePeriods where period.effectiveCost > 0 {
            for (hour, amount) in Self.spread(period) {
                hourCosts[period.nodeResourceId, default: [:]][hour, default: [:]][period.currency, default: 0] += amount
            }
            nodeCurrencies[period.nodeResourceId] = min(nodeCurrencies[period.nodeResourceId] ?? period.currency, period.currency)
        }
    }

    /// A charge's effective cost over the UTC hours of its period within the UTC day of its start
    /// (a charge of an hour or less: all in the hour of its start).
    static func spread(_ period: NodeChargePeriod) -> [(Date, Decimal)] {
        let first = UTCDays.startOfHour(period.start)
        let dayEnd = UTCDays.startOfDay(period.start).addingTimeInterval(86_400)
        let end = min(period.end, dayEnd)
        var hours: [Date] = []
        var hour = first
        while hour < end { hours.append(hour); hour = hour.addingTimeInterval(3600) }
        if hours.isEmpty { hours = [first] }
        // An hourly charge (the usual one) is not divided: a Decimal division costs microseconds.
        let each = hours.count == 1 ? period.effectiveCost : period.effectiveCost / Decimal(hours.count)
        return hours.map { ($0, each) }
    }

    /// Adds one aggregated row. Rows of the same node and UTC day must be consecutive (in any
    /// order within the day: the day is sorted by hour before it is allocated).
    public mutating func add(_ row: WorkloadHourUsage) {
        let key = NodeDay(node: row.nodeResourceId, day: UTCDays.startOfDay(row.hour))
        if key != currentKey {
            flush()
            if finishedDays.contains(key) { outOfOrder = true }
            currentKey = key
        }
        currentRows.append(row)
    }

    /// The allocation, after the last row.
    public mutating func finish() -> ContainerAllocation {
        flush()
        let settings = result.settings
        for (node, hours) in hourCosts {
            guard let capacity = capacities[node], result.nodes[node] != nil else { continue }
            let cpuShare = Self.cpuShare(capacity, settings)
            result.cpuShares[node] = cpuShare
            let cluster = result.nodes[node]!.cluster
            var days: Set<Date> = []
            for (hour, costs) in hours {
                days.insert(UTCDays.startOfDay(hour))
                guard !finishedKeys.contains(NodeHour(node: node, hour: hour)) else { continue }
                nodesWithoutContainers.insert(node)
                for (currency, cost) in costs {
                    costWithoutContainers[currency, default: 0] += cost
                    let key = ContainerAllocation.NodeDayCurrency(node: node, day: UTCDays.startOfDay(hour), currency: currency)
                    result.costWeights[key, default: [:]][.idle(.cpu, cluster: cluster), default: 0] += cost * cpuShare
                    result.costWeights[key, default: [:]][.idle(.memory, cluster: cluster), default: 0] += cost * (1 - cpuShare)
                }
            }
            for key in finishedKeys where key.node == node { days.insert(UTCDays.startOfDay(key.hour)) }
            for day in days {
                for index in 0..<24 {
                    let hour = day.addingTimeInterval(Double(index) * 3600)
                    guard !finishedKeys.contains(NodeHour(node: node, hour: hour)) else { continue }
                    let key = ContainerAllocation.NodeDay(node: node, day: day)
                    result.hourWeights[key, default: [:]][.idle(.cpu, cluster: cluster), default: 0] += cpuShare
                    result.hourWeights[key, default: [:]][.idle(.memory, cluster: cluster), default: 0] += 1 - cpuShare
                }
            }
        }
        result.diagnostics = diagnostics()
        return result
    }

    static func cpuShare(_ capacity: (vcpus: Decimal, memoryGiB: Decimal), _ settings: ContainerAllocationSettings) -> Decimal {
        let cpu = capacity.vcpus * settings.cpuHourlyWeight
        let memory = capacity.memoryGiB * settings.memoryGibHourlyWeight
        return cpu + memory > 0 ? cpu / (cpu + memory) : 0
    }

    private mutating func owner(of row: WorkloadHourUsage) -> Ownership {
        let question = OwnerQuestion(namespace: row.workload.namespace, labels: row.labels)
        if let known = owners[question] { return known }
        let (owner, problems) = resolveOwner(row.workload.namespace, row.labels, row.workload.resourceId)
        ownerDiagnostics.formUnion(problems)
        owners[question] = owner
        return owner
    }

    /// Allocates the buffered node-day, hour by hour.
    private mutating func flush() {
        guard let key = currentKey else { return }
        var rows = currentRows
        currentKey = nil; currentRows = []
        finishedDays.insert(key)
        rows.sort { $0.hour < $1.hour }  // stable: a query that lost its ORDER BY is reported, not mis-allocated

        let currency = key.node.flatMap { nodeCurrencies[$0] }
        var day = DaySlots()
        var rowSlots: [Int] = []
        rowSlots.reserveCapacity(rows.count)
        for row in rows {
            let owner = owner(of: row)
            result.workloads[.init(workload: row.workload, owner: owner, currency: currency), default: .init()].add(row)
            if row.samplesWithoutRequests > 0 { withoutRequests[row.workload, default: 0] += row.samplesWithoutRequests }
            rowSlots.append(day.workload(AllocationSlot(
                workload: row.workload, owner: owner, cluster: row.workload.cluster, part: .cpu, idle: false)))
        }
        var start = 0
        while start < rows.count {
            var end = start + 1
            while end < rows.count && rows[end].hour == rows[start].hour { end += 1 }
            allocateHour(node: key.node, rows: rows[start..<end], slots: rowSlots[start..<end], into: &day)
            start = end
        }
        guard let node = key.node, let parts = nodeParts[node], !day.groups.isEmpty else { return }
        let fractions = day.groups.map { day.fractions($0, parts) }
        for (group, sums) in zip(day.groups, fractions) {
            for (currency, cost) in group.costs {
                let weightsKey = ContainerAllocation.NodeDayCurrency(node: node, day: key.day, currency: currency)
                var weights = result.costWeights.removeValue(forKey: weightsKey) ?? [:]
                for (index, sum) in sums.enumerated() where sum > 0 { weights[day.slots[index], default: 0] += cost * sum }
                result.costWeights[weightsKey] = weights
            }
        }
        let dayKey = ContainerAllocation.NodeDay(node: node, day: key.day)
        var hourWeights = result.hourWeights.removeValue(forKey: dayKey) ?? [:]
        for index in day.slots.indices {
            let total = fractions.reduce(Decimal(0)) { $0 + $1[index] }
            if total > 0 { hourWeights[day.slots[index], default: 0] += total }
        }
        result.hourWeights[dayKey] = hourWeights
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
            let values = (cpu: Decimal(cpu), memory: Decimal(memory))
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
                    return Decimal(group.idleHours[index]) * share - group.held[index] * factor + group.direct[index]
                }
                return group.held[index].isZero ? group.direct[index] : group.held[index] * factor + group.direct[index]
            }
        }
    }

    /// Splits one node-hour (`rows`, the day's slot of each in `slots`) into fractions of the
    /// hour's cost, added to the day's sums; an hour without charges or capacity is only counted.
    private mutating func allocateHour(
        node: String?, rows: ArraySlice<WorkloadHourUsage>, slots: ArraySlice<Int>, into day: inout DaySlots
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
        let parts = nodeParts[node] ?? NodeParts(capacity, result.settings)
        nodeParts[node] = parts
        let cluster = rows.map(\.workload.cluster).min() ?? ""

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
        let cpuOvercommitted = cpuHeld > capacity.vcpus, memoryOvercommitted = memoryHeld > capacity.memoryGiB
        // Slots of idle capacity first, so that the group's arrays cover them.
        let idleSlots = (cpu: day.idle(.cpu, cluster: cluster), memory: day.idle(.memory, cluster: cluster))
        let group = day.group(costs)
        for entry in held {
            if cpuOvercommitted {
                day.groups[group].direct[entry.slot] += entry.cpu * (parts.cpu / cpuHeld)
            } else {
                day.groups[group].held[entry.slot] = .exactSum(day.groups[group].held[entry.slot], entry.cpu)
            }
            if memoryOvercommitted {
                day.groups[group].direct[entry.slot + 1] += entry.memory * (parts.memory / memoryHeld)
            } else {
                day.groups[group].held[entry.slot + 1] = .exactSum(day.groups[group].held[entry.slot + 1], entry.memory)
            }
        }
        if result.settings.idle == .proportional {
            // Each part's idle capacity spread on the workloads in proportion to what they hold of it.
            let idleCPU = cpuHeld < capacity.vcpus ? parts.cpu - cpuHeld * parts.cpuPerCore : 0
            let idleMemory = memoryHeld < capacity.memoryGiB ? parts.memory - memoryHeld * parts.memoryPerGiB : 0
            spreadIdle(idleCPU, offset: 2, held: held.map { ($0.slot, $0.cpu) }, total: cpuHeld, idleSlot: idleSlots.cpu,
                       group: group, into: &day)
            spreadIdle(idleMemory, offset: 3, held: held.map { ($0.slot, $0.memory) }, total: memoryHeld,
                       idleSlot: idleSlots.memory, group: group, into: &day)
        } else {
            for (slot, part, isIdle) in [(idleSlots.cpu, cpuHeld, cpuHeld < capacity.vcpus),
                                         (idleSlots.memory, memoryHeld, memoryHeld < capacity.memoryGiB)] where isIdle {
                day.groups[group].idleHours[slot] += 1
                day.groups[group].held[slot] += part
            }
        }

        var totals = result.nodes[node] ?? NodeUsageTotals(
            nodeResourceId: node, cluster: cluster, vcpus: capacity.vcpus, memoryGiB: capacity.memoryGiB)
        totals.hoursWithContainers += 1
        totals.cpuAllocatedCoreHours += NSDecimalNumber(decimal: min(cpuHeld, capacity.vcpus)).doubleValue
        totals.memoryAllocatedGiBHours += NSDecimalNumber(decimal: min(memoryHeld, capacity.memoryGiB)).doubleValue
        if cpuHeld > capacity.vcpus || memoryHeld > capacity.memoryGiB { totals.overcommittedHours += 1 }
        result.nodes[node] = totals
    }

    /// `kubernetes.idle: proportional`: puts one part's idle fraction on the workloads in
    /// proportion to what they hold of that part (their slot + `offset`); nothing held: it stays
    /// on the node's idle slot.
    private func spreadIdle(
        _ idle: Decimal, offset: Int, held: [(slot: Int, amount: Decimal)], total: Decimal, idleSlot: Int, group: Int,
        into day: inout DaySlots
    ) {
        guard idle > 0 else { return }
        guard total > 0 else {
            day.groups[group].direct[idleSlot] += idle
            return
        }
        for entry in held where entry.amount > 0 {
            day.groups[group].direct[entry.slot + offset] += idle * entry.amount / total
        }
    }

    private func diagnostics() -> [Diagnostic] {
        var found = Array(ownerDiagnostics)
        if outOfOrder {
            found.append(Diagnostic(
                .error, code: "container_rows_out_of_order",
                "queries/container_allocation.sql returned the rows of a node's UTC day apart (rows of another node or day between them); the day was allocated in pieces. Keep its ORDER BY node_resource_id, hour (the rollup query's node_resource_id, day)"))
        }
        if !unbilled.isEmpty {
            let coreHours = unbilled.values.reduce(0) { $0 + $1.coreHours }
            let gibHours = unbilled.values.reduce(0) { $0 + $1.gibHours }
            let names = unbilled.keys.sorted().prefix(5).joined(separator: ", ")
            found.append(Diagnostic(
                .warning, code: "containers_on_unbilled_nodes",
                "Containers held \(NumberText.decimal(coreHours, digits: 1)) core-hours and \(NumberText.decimal(gibHours, digits: 1)) GiB-hours on \(unbilled.count) node(s) with no charges in those hours (e.g. \(names)); they get no cost. Check that node_resource_id is the node's resource_id on the bill"))
        }
        if !costWithoutContainers.isEmpty {
            let money = costWithoutContainers.keys.sorted().map {
                "\(Money.plain(Money.roundedToMinorUnit(costWithoutContainers[$0]!, currency: $0), scale: Money.minorUnitDigits($0))) \($0)"
            }.joined(separator: ", ")
            let names = nodesWithoutContainers.sorted().prefix(5).joined(separator: ", ")
            found.append(Diagnostic(
                .info, code: "nodes_without_containers",
                "\(nodesWithoutContainers.count) node(s) (e.g. \(names)) had charges in hours without containers: \(money) effective cost is idle for that reason"))
        }
        if !capacityUnknown.isEmpty {
            let names = capacityUnknown.sorted().prefix(5).joined(separator: ", ")
            found.append(Diagnostic(
                .warning, code: "node_capacity_unknown",
                "\(capacityUnknown.count) node(s) with containers (e.g. \(names)) have no vcpus or memory_gib in the inventory nor an instance type in the catalog; their cost stays with the node's owner, unsplit. Fill resources.vcpus and memory_gib"))
        }
        if !withoutRequests.isEmpty {
            let samples = withoutRequests.values.reduce(0, +)
            let names = withoutRequests.keys.sorted().prefix(5).map(\.resourceId).joined(separator: ", ")
            found.append(Diagnostic(
                .info, code: "samples_without_requests",
                "\(samples) container samples of \(withoutRequests.count) workload(s) (e.g. \(names)) have no CPU or memory request; they hold only what they use"))
        }
        return found
    }
}
