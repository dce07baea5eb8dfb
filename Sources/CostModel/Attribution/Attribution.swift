import Foundation

/// Cost attribution: every unit of money of the window goes to a service, team, tier and
/// environment, exactly, per currency. See `OwnershipResolver` (who owns a charge),
/// `SharedCostAllocator` (charges without a resource), `LargestRemainderSplitter` (exact splits),
/// `AnomalyDetector`, `MonthToDateForecaster` and `WindowChange`.
///
/// Conservation: for every currency and measure (billed, effective, list), the rows (allocated,
/// `(unallocated)` and `(shared)`) sum exactly to the input charges.
public enum Attribution {
    public static func run(_ input: AttributionInput, policy: AttributionPolicy = AttributionPolicy()) -> AttributionResult {
        var diagnostics: [Diagnostic] = []
        var inventory: [String: Resource] = [:]
        for resource in input.resources {
            if inventory[resource.id] != nil {
                diagnostics.append(Diagnostic(
                    .warning, code: "duplicate_resource",
                    "Resource \(resource.id) appears more than once in the inventory; the first record is used."))
                continue
            }
            inventory[resource.id] = resource
        }
        let resolver = OwnershipResolver(tagKeys: policy.tagKeys)
        let (current, previous) = concurrently({
            WindowAttribution(
                charges: input.charges, inventory: inventory, resolver: resolver, policy: policy.sharedCost,
                containers: input.containers)
        }, {
            WindowAttribution(
                charges: input.previousCharges, inventory: inventory, resolver: resolver, policy: policy.sharedCost,
                containers: input.previousContainers)
        })
        diagnostics += current.diagnostics
        diagnostics += input.containers?.diagnostics ?? []

        let currencies = current.aggregation.currencies
        if currencies.count > 1 {
            diagnostics.append(Diagnostic(
                .warning, code: "mixed_currency",
                "The bill has \(currencies.count) currencies (\(currencies.joined(separator: ", "))); every total is per currency and never summed across them."))
        }

        let change = WindowChange.changes(current: current.effectiveByService, previous: previous.effectiveByService)

        var monthToDate: [MonthToDateForecast] = []
        if let mtd = input.monthToDate {
            let outcome = MonthToDateForecaster.forecast(mtd)
            monthToDate = outcome.forecasts
            diagnostics += outcome.diagnostics
        }

        let detector = AnomalyDetector(
            sigma: policy.anomalySigma, baselineDays: policy.anomalyBaselineDays,
            minimumAmount: policy.anomalyMinimumAmount)
        // The anomalies on a thread of their own while the views are built (each about half of
        // what follows the windows' attribution, BENCHMARKS.md).
        let (anomalies, views) = concurrently({
            detector.detect(
                series: serviceSeries([current.aggregation, previous.aggregation]), window: input.window,
                coverageStart: UTCDays.startOfDay(input.window.previous.start))
        }, {
            (byService: AttributionViews.byService(current.rows), byTeam: AttributionViews.byTeam(current.rows),
             byTier: AttributionViews.byTier(current.rows), byEnvironment: AttributionViews.byEnvironment(current.rows),
             daily: daily(current.aggregation), reconciliation: reconciliation(current.aggregation),
             untaggedSpenders: untaggedSpenders(current.aggregation, top: policy.topUntaggedCount),
             clusters: input.containers.map { current.aggregation.clusterCosts($0) })
        })

        return AttributionResult(
            policy: policy, window: input.window, rows: current.rows,
            byService: views.byService, byTeam: views.byTeam, byTier: views.byTier, byEnvironment: views.byEnvironment,
            daily: views.daily, totals: current.totals, reconciliation: views.reconciliation,
            changeByService: change.byService, changeOverall: change.overall, monthToDate: monthToDate,
            tagCoverage: current.aggregation.coverage.values.sorted { $0.currency < $1.currency },
            untaggedSpenders: views.untaggedSpenders, anomalies: anomalies, diagnostics: sorted(diagnostics),
            clusters: views.clusters)
    }

    static func daily(_ aggregation: ChargeAggregation) -> [DailyCost] {
        aggregation.daily.map {
            DailyCost(currency: $0.key.currency, day: $0.key.day, service: $0.key.service, tier: $0.key.tier,
                      billedCost: $0.value.billedCost, effectiveCost: $0.value.effectiveCost)
        }.sorted { ($0.currency, $0.day, $0.service, $0.tier ?? 99) < ($1.currency, $1.day, $1.service, $1.tier ?? 99) }
    }

    static func reconciliation(_ aggregation: ChargeAggregation) -> [InvoiceTotal] {
        aggregation.invoices.map {
            InvoiceTotal(billingAccountId: $0.key.account, invoiceId: $0.key.invoice, currency: $0.key.currency,
                         billedCost: $0.value.amounts.billedCost, effectiveCost: $0.value.amounts.effectiveCost,
                         lineItems: $0.value.lines)
        }.sorted {
            ($0.billingAccountId, $0.invoiceId == nil ? 0 : 1, $0.invoiceId ?? "", $0.currency)
                < ($1.billingAccountId, $1.invoiceId == nil ? 0 : 1, $1.invoiceId ?? "", $1.currency)
        }
    }

    static func untaggedSpenders(_ aggregation: ChargeAggregation, top: Int) -> [UntaggedSpender] {
        let order = ["service", "team", "tier"]
        let all = aggregation.untagged.map { entry in
            UntaggedSpender(
                currency: entry.key.currency, resourceId: entry.key.resourceId,
                effectiveCost: entry.value.amounts.effectiveCost, billedCost: entry.value.amounts.billedCost,
                missing: order.filter(entry.value.missing.contains), service: entry.value.service,
                team: entry.value.team, inInventory: entry.value.inInventory)
        }
        return Dictionary(grouping: all, by: \.currency).keys.sorted().flatMap { currency in
            all.filter { $0.currency == currency }.sorted {
                $0.effectiveCost != $1.effectiveCost ? $0.effectiveCost > $1.effectiveCost : $0.resourceId < $1.resourceId
            }.prefix(top)
        }
    }

    /// Daily effective cost per (currency, service), shared cost left out, over both windows.
    static func serviceSeries(_ aggregations: [ChargeAggregation]) -> [AnomalyDetector.SeriesKey: [Date: Decimal]] {
        var series: [AnomalyDetector.SeriesKey: [Date: Decimal]] = [:]
        for aggregation in aggregations {
            for (key, amounts) in aggregation.daily where key.service != Ownership.shared {
                series[.init(currency: key.currency, service: key.service), default: [:]][key.day, default: 0]
                    += amounts.effectiveCost
            }
        }
        return series
    }

    static func sorted(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        Array(Set(diagnostics)).sorted {
            if $0.severity != $1.severity { return $0.severity > $1.severity }
            if $0.code != $1.code { return $0.code < $1.code }
            return $0.message < $1.message
        }
    }
}
