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
        func positive(_ weights: [AllocationSlot: Decimal]) -> Bool { Decimal.isLess(0, weights.values.reduce(0, Decimal.exactSum)) }
        if let weights = costWeights[NodeDayCurrency(node: node, day: day, currency: currency)], positive(weights) { return weights }
        if let weights = hourWeights[NodeDay(node: node, day: day)], positive(weights) { return weights }
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
/// That work (`NodeDayAllocator`) is done for the nodes in turn here and on threads of their own
/// (`AllocationLane`); the workloads' totals are summed here, in hour order.
/// Memory: nodes × days × workloads.
public struct ContainerAllocator {
    /// Who owns a workload: (namespace, pod labels, the workload's resource id) → owner and problems.
    public typealias OwnerResolver = (_ namespace: String, _ labels: [String: String], _ name: String) -> (Ownership, [Diagnostic])

    private var result: ContainerAllocation
    private let resolveOwner: OwnerResolver
    /// The node-days of the caller's thread; with `lanes` n, those of every nth node on each of
    /// n − 1 `lanes` of their own (created at their first node-day).
    private var costs: NodeDayAllocator
    private var lanes: [AllocationLane?]
    /// Node → the lane its days go to (0: the caller's thread), in turn in the order they come.
    private var laneOfNode: [String: Int] = [:]
    /// Node → the currency its workloads are priced in (the first of its charges' currencies).
    private var nodeCurrencies: [String: String] = [:]
    private var currentKey: NodeDay?
    private var currentRows: [WorkloadHourUsage] = []
    private var finishedDays: Set<NodeDay> = []
    private var owners: [OwnerQuestion: Ownership] = [:]
    private var ownerDiagnostics: Set<Diagnostic> = []
    private var withoutRequests: [WorkloadKey: Int] = [:]
    private var outOfOrder = false
    private var nodesWithoutContainers: Set<String> = []
    private var costWithoutContainers: [String: Decimal] = [:]

    struct NodeDay: Hashable { var node: String?; var day: Date }
    private struct OwnerQuestion: Hashable { var namespace: String; var labels: [String: String] }

    /// - Parameters:
    ///   - nodes: the inventory records of the nodes (vcpus and memory_gib; the catalog fills gaps).
    ///   - catalog: sizes by instance type when the inventory lacks a node's vcpus or memory.
    ///   - chargePeriods: the nodes' charges (`node_charges.sql`).
    ///   - lanes: n allocates the days of the nodes, in turn, on the caller's thread and on n − 1
    ///     threads of their own (the result is the same as with 1: each node's days are allocated
    ///     in order, on one thread). 3 by default: the caller's thread also reads the rows, so two
    ///     lanes of their own keep both cores of a 2-core machine busy (BENCHMARKS.md).
    public init(
        settings: ContainerAllocationSettings, nodes: [Resource], catalog: [InstanceType] = [],
        chargePeriods: [NodeChargePeriod], lanes: Int = 3, resolveOwner: @escaping OwnerResolver
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
        var hourCosts: [String: [Date: [String: Decimal]]] = [:]
        for period in chargePeriods where period.effectiveCost > 0 {
            for (hour, amount) in Self.spread(period) {
                hourCosts[period.nodeResourceId, default: [:]][hour, default: [:]][period.currency, default: 0] += amount
            }
            nodeCurrencies[period.nodeResourceId] = min(nodeCurrencies[period.nodeResourceId] ?? period.currency, period.currency)
        }
        costs = NodeDayAllocator(settings: settings, capacities: capacities, hourCosts: hourCosts)
        self.lanes = Array(repeating: nil, count: max(lanes - 1, 0))
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
        for lane in lanes { if let lane { costs.merge(lane.finish()) } }
        lanes = lanes.map { _ in nil }
        result.costWeights = costs.costWeights
        result.hourWeights = costs.hourWeights
        result.nodes = costs.nodes
        let settings = result.settings
        // The days with allocated hours, per node (once, not a scan of every node-hour per node).
        var allocatedDays: [String: Set<Date>] = [:]
        for key in costs.finishedKeys { if let node = key.node { allocatedDays[node, default: []].insert(UTCDays.startOfDay(key.hour)) } }
        for (node, hours) in costs.hourCosts {
            guard let capacity = costs.capacities[node], result.nodes[node] != nil else { continue }
            let cpuShare = Self.cpuShare(capacity, settings)
            result.cpuShares[node] = cpuShare
            let memoryShare = 1 - cpuShare
            let cluster = result.nodes[node]!.cluster
            let (cpuSlot, memorySlot) = (AllocationSlot.idle(.cpu, cluster: cluster), AllocationSlot.idle(.memory, cluster: cluster))
            var days: Set<Date> = []
            // In hour order: the idle weights are sums of products that Foundation rounds to 38
            // digits, so their last digits depend on the order (a dictionary's differs per run).
            // (`exactSum` and `exactProduct` give Foundation's `+` and `*` to the last digit, faster.)
            for (hour, amounts) in hours.sorted(by: { $0.key < $1.key }) {
                days.insert(UTCDays.startOfDay(hour))
                guard !costs.finishedKeys.contains(.init(node: node, hour: hour)) else { continue }
                nodesWithoutContainers.insert(node)
                for (currency, cost) in amounts {
                    costWithoutContainers[currency] = .exactSum(costWithoutContainers[currency] ?? 0, cost)
                    let key = ContainerAllocation.NodeDayCurrency(node: node, day: UTCDays.startOfDay(hour), currency: currency)
                    var weights = result.costWeights.removeValue(forKey: key) ?? [:]
                    weights[cpuSlot] = .exactSum(weights[cpuSlot] ?? 0, .exactProduct(cost, cpuShare))
                    weights[memorySlot] = .exactSum(weights[memorySlot] ?? 0, .exactProduct(cost, memoryShare))
                    result.costWeights[key] = weights
                }
            }
            days.formUnion(allocatedDays[node] ?? [])
            for day in days {
                // The day's weights taken out, changed hour by hour, put back (one lookup per day).
                let key = ContainerAllocation.NodeDay(node: node, day: day)
                var weights = result.hourWeights.removeValue(forKey: key) ?? [:]
                for index in 0..<24 {
                    let hour = day.addingTimeInterval(Double(index) * 3600)
                    guard !costs.finishedKeys.contains(.init(node: node, hour: hour)) else { continue }
                    weights[cpuSlot] = .exactSum(weights[cpuSlot] ?? 0, cpuShare)
                    weights[memorySlot] = .exactSum(weights[memorySlot] ?? 0, memoryShare)
                }
                if !weights.isEmpty { result.hourWeights[key] = weights }
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

    /// Hands the buffered node-day, in hour order, to its node's lane, after adding its rows to
    /// the workloads' totals (on this thread, in hour order: the totals are sums of `Double`s).
    /// A workload's owner and totals are looked up once per run of its rows (the rollup sends a
    /// workload's hours together), not once per row.
    private mutating func flush() {
        guard let key = currentKey else { return }
        let arrived = currentRows
        currentKey = nil; currentRows = []
        finishedDays.insert(key)

        let currency = key.node.flatMap { nodeCurrencies[$0] }
        var day = NodeDayRows(key: key)
        var index: [ContainerAllocation.WorkloadOwnerKey: Int] = [:]
        var arrivedWorkload: [Int] = []
        arrivedWorkload.reserveCapacity(arrived.count)
        var previous: (row: Int, workload: Int)?
        for (position, row) in arrived.enumerated() {
            if let previous, arrived[previous.row].workload == row.workload, arrived[previous.row].labels == row.labels {
                arrivedWorkload.append(previous.workload)
                continue
            }
            let owner = owner(of: row)
            let totalsKey = ContainerAllocation.WorkloadOwnerKey(workload: row.workload, owner: owner, currency: currency)
            let workload = index[totalsKey] ?? {
                index[totalsKey] = day.workloads.count
                day.workloads.append(totalsKey)
                return day.workloads.count - 1
            }()
            arrivedWorkload.append(workload)
            previous = (position, workload)
        }
        // Stable: a query that lost its ORDER BY is reported, not mis-allocated.
        let order = arrived.indices.sorted { (arrived[$0].hour, $0) < (arrived[$1].hour, $1) }
        day.rows = order.map { NodeDayRows.Row(arrived[$0]) }
        day.workloadOfRow = order.map { arrivedWorkload[$0] }
        var totals = day.workloads.map { result.workloads[$0] ?? .init() }
        for position in order {
            totals[arrivedWorkload[position]].add(arrived[position])
            let withoutRequest = arrived[position].samplesWithoutRequests
            if withoutRequest > 0 { withoutRequests[arrived[position].workload, default: 0] += withoutRequest }
        }
        for (totalsKey, total) in zip(day.workloads, totals) { result.workloads[totalsKey] = total }

        if let node = key.node, case let index = lane(of: node), index > 0 {
            if lanes[index - 1] == nil {
                lanes[index - 1] = AllocationLane(NodeDayAllocator(settings: costs.settings, capacities: costs.capacities, hourCosts: costs.hourCosts))
            }
            lanes[index - 1]!.allocate(day)
        } else {
            costs.allocate(day)
        }
    }

    /// The lane of `node`'s days (0: the caller's thread): the nodes take the lanes in turn, in
    /// the order they come.
    private mutating func lane(of node: String) -> Int {
        if let known = laneOfNode[node] { return known }
        let lane = laneOfNode.count % (lanes.count + 1)
        laneOfNode[node] = lane
        return lane
    }

    private func diagnostics() -> [Diagnostic] {
        var found = Array(ownerDiagnostics)
        if outOfOrder {
            found.append(Diagnostic(
                .error, code: "container_rows_out_of_order",
                "queries/container_allocation.sql returned the rows of a node's UTC day apart (rows of another node or day between them); the day was allocated in pieces. Keep its ORDER BY node_resource_id, hour (the rollup query's node_resource_id, day)"))
        }
        let unbilled = costs.unbilled
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
        let capacityUnknown = costs.capacityUnknown
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
