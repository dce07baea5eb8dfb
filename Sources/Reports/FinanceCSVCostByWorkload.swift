import CostModel
import Foundation

extension FinanceCSV {
    /// `cost_by_workload.csv` (with container data): one row per workload, owner and currency, plus
    /// each cluster's idle capacity (`workload` = `(cluster idle)`, namespace and kind empty) per
    /// currency and node owner. Its `effective_cost` sums to the cost of the split nodes, so with the
    /// other services' rows it equals the bill.
    ///
    /// Columns, in order:
    /// - `cluster`, `namespace`, `workload_kind`, `workload` (text)
    /// - `service`, `team` (text; `(unallocated)` when unknown), `tier` (`1`...`4` or `(untiered)`),
    ///   `environment` (text, empty when unknown): the workload's owner; the idle row's owner
    ///   follows `kubernetes.idle` (`(cluster idle)` and the node's team, or the node's owner)
    /// - `billing_currency` (ISO 4217 code)
    /// - `cpu_cost`, `memory_cost`, `effective_cost` (currency units): the CPU and memory parts of the
    ///   node cost it got, and their sum (idle spread onto it included under `proportional`)
    /// - `cpu_request_core_hours`, `cpu_usage_core_hours` (core-hours, 4 decimals)
    /// - `memory_request_gib_hours`, `memory_usage_gib_hours` (GiB-hours, 4 decimals)
    ///
    /// Rows: by billing_currency, cluster, workloads before the idle rows, effective_cost descending,
    /// then namespace, workload_kind, workload, service, team, tier, environment.
    public static func costByWorkload(_ clusters: ClusterCosts) -> String {
        render(
            header: ["cluster", "namespace", "workload_kind", "workload", "service", "team", "tier", "environment",
                     "billing_currency", "cpu_cost", "memory_cost", "effective_cost", "cpu_request_core_hours",
                     "cpu_usage_core_hours", "memory_request_gib_hours", "memory_usage_gib_hours"],
            rows: clusters.workloads.map { row in
                [.text(row.cluster), .text(row.namespace), .text(row.kind), .text(row.workload), .text(row.service),
                 .text(row.team), .text(row.tierLabel), .text(row.environment), .text(row.currency),
                 amount(row.cpuCost.effectiveCost), amount(row.memoryCost.effectiveCost),
                 amount(row.amounts.effectiveCost), hours(row.usage.cpuRequestCoreHours),
                 hours(row.usage.cpuUsageCoreHours), hours(row.usage.memoryRequestGiBHours),
                 hours(row.usage.memoryUsageGiBHours)]
            })
    }

    /// Core-hours or GiB-hours, 4 decimals, plain.
    static func hours(_ value: Double) -> CSVWriter.Cell {
        .number(Money.plain(Money.rounded(Decimal(value.isFinite ? value : 0), scale: 4)))
    }
}
