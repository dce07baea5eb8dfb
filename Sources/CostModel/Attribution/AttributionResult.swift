import Foundation

/// The outcome of cost attribution: every amount per currency (never summed across currencies).
public struct AttributionResult: Sendable {
    /// The policy used.
    public var policy: AttributionPolicy
    public var window: ReportWindow
    /// One row per (currency, service, team, tier, environment), shared cost included as the policy
    /// says. Sorted by currency, effective cost descending, service, team, tier, environment.
    public var rows: [AttributedRow]
    /// Per currency: rows summed by service. Sorted by currency, effective cost desc, key.
    public var byService: [CostSlice]
    /// Per currency: rows summed by team. Sorted by currency, effective cost desc, key.
    public var byTeam: [CostSlice]
    /// Per currency: rows summed by tier label (`1`...`4`, `(untiered)`, `(shared)`). Sorted by
    /// currency, then tier 1...4, `(untiered)`, `(shared)`.
    public var byTier: [CostSlice]
    /// Per currency: rows summed by environment (`(unknown)` when none, `(shared)`). Sorted by
    /// currency, effective cost desc, key.
    public var byEnvironment: [CostSlice]
    /// Per currency, UTC day, service and tier. Shared cost is not split per day: it appears as
    /// service `(shared)`. Sorted by currency, day, service, tier.
    public var daily: [DailyCost]
    /// Per currency: the totals and how they divide into allocated, unallocated and shared.
    public var totals: [CurrencyTotals]
    /// Per billing account, invoice and currency. Sorted by account, invoice (none first), currency.
    public var reconciliation: [InvoiceTotal]
    /// Effective cost change against the previous window, per currency and service.
    public var changeByService: [CostChange]
    /// Effective cost change against the previous window, per currency (all services).
    public var changeOverall: [CostChange]
    /// Month-to-date and run-rate forecast per currency (empty without month-to-date input).
    public var monthToDate: [MonthToDateForecast]
    /// Tag coverage in money, per currency.
    public var tagCoverage: [TagCoverage]
    /// Resources with an unknown service, team or tier: the top `topUntaggedCount` per currency by
    /// effective cost (desc, then resource id).
    public var untaggedSpenders: [UntaggedSpender]
    /// Days on which a service's effective cost rose above its baseline. Sorted by currency, day,
    /// service.
    public var anomalies: [CostAnomaly]
    /// Data problems, sorted by severity (worst first), code, message.
    public var diagnostics: [Diagnostic]
    /// Node cost split over containers: `cost_by_workload.csv` and the nodes (nil without
    /// container data).
    public var clusters: ClusterCosts? = nil

    /// `daily` summed per service (key) and day; sorted by currency, day, key.
    public var dailyByService: [DailyCostSeries] { DailyCostSeries.group(daily) { $0.service } }
    /// `daily` summed per tier label (key: `1`...`4`, `(untiered)`, `(shared)`) and day.
    public var dailyByTier: [DailyCostSeries] {
        DailyCostSeries.group(daily) { $0.service == Ownership.shared ? Ownership.shared : $0.tierLabel }
    }
}

/// The money of one owner key in one currency.
public struct AttributedRow: Sendable, Hashable {
    public var currency: String
    /// Service, `(unallocated)` or `(shared)`.
    public var service: String
    /// Team, `(unallocated)` or `(shared)`.
    public var team: String
    /// 1...4, or nil (untiered).
    public var tier: Int?
    /// Environment, or nil when unknown.
    public var environment: String?
    /// All measures, shared cost received included.
    public var amounts: CostAmounts
    /// The part of `amounts` that came from splitting shared cost (zero for `separate`).
    public var sharedCostReceived: CostAmounts
    /// Billing line items of the row's own charges (shared lines are not counted here).
    public var lineItems: Int

    /// `1`...`4`, `(untiered)`.
    public var tierLabel: String { tier.map(String.init) ?? Ownership.untiered }
}

/// A view of the money by one dimension (service, team, tier or environment) in one currency.
public struct CostSlice: Sendable, Hashable {
    public var currency: String
    public var key: String
    public var amounts: CostAmounts
    /// Fraction (0...1, 6 decimals) of the currency's effective cost; nil when that total is 0.
    public var shareOfEffectiveCost: Decimal?
}

/// Cost of one service and tier on one UTC day, in one currency.
public struct DailyCost: Sendable, Hashable {
    public var currency: String
    /// UTC midnight.
    public var day: Date
    public var service: String
    public var tier: Int?
    public var billedCost: Decimal
    public var effectiveCost: Decimal

    public var tierLabel: String { tier.map(String.init) ?? Ownership.untiered }
}

/// One point of a daily series keyed by service or tier label.
public struct DailyCostSeries: Sendable, Hashable {
    public var currency: String
    public var day: Date
    public var key: String
    public var billedCost: Decimal
    public var effectiveCost: Decimal

    static func group(_ daily: [DailyCost], by key: (DailyCost) -> String) -> [DailyCostSeries] {
        struct Key: Hashable { var currency: String; var day: Date; var key: String }
        var sums: [Key: (Decimal, Decimal)] = [:]
        for item in daily {
            let k = Key(currency: item.currency, day: item.day, key: key(item))
            let old = sums[k] ?? (0, 0)
            sums[k] = (old.0 + item.billedCost, old.1 + item.effectiveCost)
        }
        return sums.map { DailyCostSeries(currency: $0.key.currency, day: $0.key.day, key: $0.key.key,
                                          billedCost: $0.value.0, effectiveCost: $0.value.1) }
            .sorted { ($0.currency, $0.day, $0.key) < ($1.currency, $1.day, $1.key) }
    }
}

/// The totals of one currency and how they divide.
public struct CurrencyTotals: Sendable, Hashable {
    public var currency: String
    /// Sum over all input charges of the currency.
    public var amounts: CostAmounts
    /// Charges with an owner service (before shared cost is split onto them).
    public var allocated: CostAmounts
    /// Charges with a resource but no known service.
    public var unallocated: CostAmounts
    /// All charges without a resource.
    public var shared: CostAmounts
    /// The part of `shared` kept as the `(shared)` row (all of it for `separate`, or when there was
    /// nothing to split over; else zero).
    public var sharedKept: CostAmounts
    public var lineItems: Int
}

/// Billed and effective cost of one invoice, for reconciliation with the invoice.
public struct InvoiceTotal: Sendable, Hashable {
    public var billingAccountId: String
    public var invoiceId: String?
    public var currency: String
    public var billedCost: Decimal
    public var effectiveCost: Decimal
    public var lineItems: Int
}

/// Effective cost change against the previous window of the same length.
public struct CostChange: Sendable, Hashable {
    public var currency: String
    /// The service, or nil for all services of the currency.
    public var service: String?
    public var previousEffectiveCost: Decimal
    public var currentEffectiveCost: Decimal
    /// current − previous, in the currency.
    public var change: Decimal { currentEffectiveCost - previousEffectiveCost }
    /// change ÷ |previous| × 100, in percent, 2 decimals; nil when previous is 0.
    public var changePercent: Decimal?
}

/// Month-to-date effective cost and the run-rate forecast to month end, for one currency.
public struct MonthToDateForecast: Sendable, Hashable {
    public var currency: String
    /// UTC midnight of the 1st of the month.
    public var monthStart: Date
    /// Exclusive end of the month-to-date period (UTC midnight).
    public var asOf: Date
    /// Whole days in `[monthStart, asOf)`.
    public var elapsedDays: Int
    public var daysInMonth: Int
    /// Effective cost in `[monthStart, asOf)`, in the currency.
    public var effectiveCost: Decimal
    /// Billed cost in `[monthStart, asOf)`, in the currency.
    public var billedCost: Decimal
    /// effectiveCost ÷ elapsedDays × daysInMonth, rounded to the minor unit; nil when no day has
    /// elapsed.
    public var forecastEffectiveCost: Decimal?
}

/// Share of effective cost whose owner is known, for one currency. Measured over charges that have
/// a resource (shared charges have no owner by nature and are left out of both sides).
public struct TagCoverage: Sendable, Hashable {
    public var currency: String
    /// Effective cost of charges with a resource, in the currency.
    public var effectiveCost: Decimal
    public var withService: Decimal
    public var withTeam: Decimal
    public var withTier: Decimal
    /// With a known service, team and tier.
    public var withAll: Decimal

    /// `part ÷ effectiveCost`, a fraction 0...1 with 6 decimals; nil when `effectiveCost` is 0.
    public func share(_ part: Decimal) -> Decimal? {
        effectiveCost == 0 ? nil : Money.rounded(part / effectiveCost, scale: 6)
    }
}

/// A resource whose owner is not fully known, with the money at stake.
public struct UntaggedSpender: Sendable, Hashable {
    public var currency: String
    public var resourceId: String
    /// Effective cost of the resource's charges with an unknown field, in the currency.
    public var effectiveCost: Decimal
    /// Billed cost of the same charges.
    public var billedCost: Decimal
    /// What is missing: a subset of `service`, `team`, `tier`, in that order.
    public var missing: [String]
    /// What is known (the service may be `(unallocated)`).
    public var service: String
    public var team: String
    /// Whether the resource is in the inventory.
    public var inInventory: Bool
}

/// A day on which a service's effective cost rose above its own recent normal.
public struct CostAnomaly: Sendable, Hashable {
    public var currency: String
    public var service: String
    /// UTC midnight.
    public var day: Date
    /// The day's effective cost, in the currency.
    public var effectiveCost: Decimal
    /// Mean daily effective cost over the baseline days (exact sum ÷ days, rounded to the minor unit + 2).
    public var baselineMean: Decimal
    /// Population standard deviation of the baseline days (Double; statistics only).
    public var baselineStandardDeviation: Double
    /// Number of baseline days.
    public var baselineDays: Int
    /// effectiveCost − baselineMean, in the currency.
    public var excessOverMean: Decimal { effectiveCost - baselineMean }
}
