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
        let binds = Self.windowBinds(window)
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
        // The rollup's packed hours in binary format: 8 MB of hex for PostgreSQL to print and
        // the job to parse otherwise (15-minute bench set).
        let allocation = rollups?.containerAllocation.withBinaryResults() ?? queries.allocation
        try timed(allocation) {
            let rows = try connection.query(allocation, binds) { row in
                let node = try row.decode(String?.self, "node_resource_id")
                let workload = WorkloadKey(
                    cluster: try row.decode(String.self, "cluster"), namespace: try row.decode(String.self, "namespace"),
                    kind: try row.decode(String.self, "workload_kind"), name: try row.decode(String.self, "workload"))
                let labels = try tags(row, query: allocation, column: "labels")
                /// `measure(i)` is the i-th of `allocationMeasures`; a value that is not finite counts as 0.
                func usage(hour: Date, samples: Int, withoutRequests: Int, measure: (Int) throws -> Double) rethrows -> WorkloadHourUsage {
                    func held(_ index: Int) throws -> Double {
                        let value = try measure(index)
                        return value.isFinite ? value : 0
                    }
                    return WorkloadHourUsage(
                        nodeResourceId: node, hour: hour, workload: workload, labels: labels, samples: samples,
                        samplesWithoutRequests: withoutRequests, cpuAllocatedCoreHours: try held(0), cpuRequestCoreHours: try held(1),
                        cpuUsageCoreHours: try held(2), memoryAllocatedGiBHours: try held(3), memoryRequestGiBHours: try held(4),
                        memoryUsageGiBHours: try held(5))
                }
                if row.columns.names.contains("hour_data") {
                    let day = try row.decode(Date.self, "day")
                    try row.forEachPackedHour(recordSize: 58, query: allocation) { hour, offset, packed in
                        allocator.add(usage(
                            hour: day.addingTimeInterval(Double(hour) * 3600), samples: packed.int32(at: offset + 2),
                            withoutRequests: packed.int32(at: offset + 6)) { packed.float64(at: offset + 10 + 8 * $0) })
                    }
                } else {
                    allocator.add(try usage(
                        hour: try row.decode(Date.self, "hour"), samples: try row.decode(Int.self, "samples"),
                        withoutRequests: try row.decode(Int.self, "samples_without_requests")) {
                            try row.decode(Double?.self, Self.allocationMeasures[$0]) ?? 0
                        })
                }
            }
            return ((), rows)
        }
        return allocator.finish()
    }

    /// The measures of container_allocation.sql, in the order of the rollup's packed records.
    static let allocationMeasures = [
        "cpu_allocated_core_hours", "cpu_request_core_hours", "cpu_usage_core_hours",
        "memory_allocated_gib_hours", "memory_request_gib_hours", "memory_usage_gib_hours",
    ]
}
