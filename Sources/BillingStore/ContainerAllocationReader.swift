import CostModel
import Foundation
import Postgres

extension BillingStore {
    /// Whether the database has `container_usage_samples` (`db init` creates it).
    public func hasContainerSamplesTable() throws -> Bool {
        var found = false
        _ = try connection.query(
            Query(name: "container table present", "SELECT to_regclass('container_usage_samples') IS NOT NULL AS present")
        ) { row in found = try row.decode(Bool.self, "present") }
        return found
    }

    /// Node cost allocated to containers in `window`: `node_charges.sql` (when the nodes cost money),
    /// then `container_allocation.sql` streamed into a `ContainerAllocator` one node-hour at a time.
    /// Nil when the query folder has no container queries or the database has no container table.
    public func containerAllocation(
        in window: ReportWindow, settings: ContainerAllocationSettings, resources: [Resource], catalog: [InstanceType],
        resolveOwner: @escaping ContainerAllocator.OwnerResolver
    ) throws -> ContainerAllocation? {
        guard let queries = queries.containers, try hasContainerSamplesTable() else { return nil }
        let binds: [Bind] = [.timestamp(window.start), .timestamp(window.end)]
        let nodeCharges = rollups?.nodeCharges ?? queries.nodeCharges
        let periods = try timed(nodeCharges) {
            var periods: [NodeChargePeriod] = []
            let rows = try connection.query(nodeCharges, binds) { row in
                guard let cost = try row.decode(Decimal?.self, "effective_cost") else { return }
                periods.append(NodeChargePeriod(
                    nodeResourceId: try row.decode(String.self, "resource_id"),
                    currency: try row.decode(String.self, "billing_currency"),
                    start: try row.decode(Date.self, "charge_period_start"),
                    end: try row.decode(Date.self, "charge_period_end"), effectiveCost: cost))
            }
            return (periods, rows)
        }
        var allocator = ContainerAllocator(
            settings: settings, nodes: resources, catalog: catalog, chargePeriods: periods, resolveOwner: resolveOwner)
        let allocation = rollups?.containerAllocation ?? queries.allocation
        try timed(allocation) {
            let rows = try connection.query(allocation, binds) { row in
                func hours(_ column: String) throws -> Double {
                    let value = try row.decode(Double?.self, column) ?? 0
                    return value.isFinite ? value : 0
                }
                allocator.add(WorkloadHourUsage(
                    nodeResourceId: try row.decode(String?.self, "node_resource_id"),
                    hour: try row.decode(Date.self, "hour"),
                    workload: WorkloadKey(
                        cluster: try row.decode(String.self, "cluster"), namespace: try row.decode(String.self, "namespace"),
                        kind: try row.decode(String.self, "workload_kind"), name: try row.decode(String.self, "workload")),
                    labels: try tags(row, query: allocation, column: "labels"),
                    samples: try row.decode(Int.self, "samples"),
                    samplesWithoutRequests: try row.decode(Int.self, "samples_without_requests"),
                    cpuAllocatedCoreHours: try hours("cpu_allocated_core_hours"),
                    cpuRequestCoreHours: try hours("cpu_request_core_hours"),
                    cpuUsageCoreHours: try hours("cpu_usage_core_hours"),
                    memoryAllocatedGiBHours: try hours("memory_allocated_gib_hours"),
                    memoryRequestGiBHours: try hours("memory_request_gib_hours"),
                    memoryUsageGiBHours: try hours("memory_usage_gib_hours")))
            }
            return ((), rows)
        }
        return allocator.finish()
    }
}
