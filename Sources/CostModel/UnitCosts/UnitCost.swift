import Foundation

/// One row of `unit_costs.csv`: what a thousand requests of a service cost, in one currency.
public struct UnitCost: Sendable, Hashable {
    public var service: String
    public var currency: String
    /// The service's effective cost in the window (as in `cost_by_service.csv`, shared cost included).
    public var effectiveCost: Decimal
    /// Requests served by the service's resources in the window (`usage_samples.requests`).
    public var requests: Double
    /// effective cost ÷ requests × 1000, unrounded.
    public var costPer1000Requests: Decimal
    /// The same for the previous window of the same length; nil without requests or cost there.
    public var previousCostPer1000Requests: Decimal?

    /// Change against the previous window, fraction (0.1 = 10 % dearer); nil without a previous value.
    public var change: Decimal? {
        guard let previous = previousCostPer1000Requests, previous != 0 else { return nil }
        return (costPer1000Requests - previous) / previous
    }
}

/// Unit economics per service: effective cost ÷ requests × 1000.
public enum UnitCosts {
    /// Rows for the services whose resources reported requests in the window, sorted by service
    /// then currency.
    /// - Parameters:
    ///   - costs: effective cost per currency and service, current and previous window
    ///     (`AttributionResult.changeByService`).
    ///   - requests: requests per resource in the window; `previousRequests` in the previous one.
    ///   - owner: the service of a resource (resources without one are not counted).
    public static func compute(
        costs: [CostChange], requests: [String: Double], previousRequests: [String: Double],
        owner: (String) -> String?
    ) -> [UnitCost] {
        func perService(_ byResource: [String: Double]) -> [String: Double] {
            var result: [String: Double] = [:]
            for (id, count) in byResource where count.isFinite && count > 0 {
                guard let service = owner(id) else { continue }
                result[service, default: 0] += count
            }
            return result
        }
        let current = perService(requests)
        let previous = perService(previousRequests)
        return costs.compactMap { cost -> UnitCost? in
            guard let service = cost.service, let served = current[service], served > 0 else { return nil }
            let perThousand = cost.currentEffectiveCost / Self.decimal(served) * 1000
            let before = previous[service].flatMap { count -> Decimal? in
                count > 0 && cost.previousEffectiveCost != 0 ? cost.previousEffectiveCost / Self.decimal(count) * 1000 : nil
            }
            return UnitCost(
                service: service, currency: cost.currency, effectiveCost: cost.currentEffectiveCost, requests: served,
                costPer1000Requests: FindingsPrecision.normalized(perThousand),
                previousCostPer1000Requests: before.map(FindingsPrecision.normalized))
        }
        .sorted { ($0.service, $0.currency) < ($1.service, $1.currency) }
    }

    /// A request count as a Decimal: counts are whole in practice; the text keeps them exact.
    public static func decimal(_ value: Double) -> Decimal {
        Decimal(string: String(format: "%.6f", value)) ?? Decimal(value)
    }
}
