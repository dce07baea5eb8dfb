import Foundation

/// What the bill and the usage trend say beyond single findings: unit costs per service and the
/// capacity runway per resource.
public struct Trends: Sendable, Hashable {
    /// `unit_costs.csv`: per service and currency, by service.
    public var unitCosts: [UnitCost]
    /// `capacity.csv`: per resource and metric, tier 1 first.
    public var capacity: [CapacityForecast]

    public init(unitCosts: [UnitCost] = [], capacity: [CapacityForecast] = []) {
        self.unitCosts = unitCosts; self.capacity = capacity
    }

    /// Both: the unit costs from the loaded data and the attribution, with `capacity` (from
    /// `capacity(_:ownership:policy:)`, which needs no attribution) (pure).
    public static func compute(
        _ data: LoadedData, attribution: AttributionResult, ownership: [String: Ownership], capacity: [CapacityForecast]
    ) -> Trends {
        var requests: [String: Double] = [:]
        for usage in data.usage {
            let total = usage.days.reduce(0.0) { $0 + (($1.requests?.isFinite ?? false) ? $1.requests! : 0) }
            if total > 0 { requests[usage.resourceId] = total }
        }
        let inventory = Dictionary(data.resources.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let owner: (String) -> String? = { id in
            let service = ownership[id]?.service ?? inventory[id]?.service
            return service == Ownership.unallocated ? nil : service
        }
        let unitCosts = UnitCosts.compute(
            costs: attribution.changeByService, requests: requests, previousRequests: data.previousRequests, owner: owner)
        return Trends(unitCosts: unitCosts, capacity: capacity)
    }

    /// The capacity runway of the machines (pure).
    public static func capacity(_ data: LoadedData, ownership: [String: Ownership], policy: FindingsPolicy) -> [CapacityForecast] {
        CapacityForecaster.forecasts(
            weekly: data.weeklyUsage, resources: data.resources.filter { $0.kind.isMachine }, ownership: ownership,
            window: data.window, settings: policy.capacity, scaling: policy.scaling)
    }
}
