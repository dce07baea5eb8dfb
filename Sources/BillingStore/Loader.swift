import CostModel
import Foundation
import Postgres

/// Creates the schema and bulk-loads contract rows with COPY (sample data, imports).
public struct Loader {
    public let connection: Connection

    public init(connection: Connection) { self.connection = connection }

    /// Applies `schema.sql` (idempotent statements).
    public func applySchema(file: URL) throws {
        guard FileManager.default.fileExists(atPath: file.path) else { throw StoreError.missingSchemaFile(file.path) }
        try connection.executeScript(Query(contentsOf: file))
    }

    /// Empties the four contract tables (for `sample load --replace`).
    public func truncateAll() throws {
        try connection.execute(Query(name: "truncate", "TRUNCATE billing_line_items, resources, usage_samples, instance_types"))
    }

    /// Refreshes the planner statistics of the four contract tables (after a bulk load).
    public func analyzeContractTables() throws {
        try connection.execute(Query(name: "analyze", "ANALYZE billing_line_items, resources, usage_samples, instance_types"))
    }

    /// Streams billing line items into `billing_line_items`. `produce` calls `emit` once per row.
    @discardableResult
    public func copyBillingLineItems(_ produce: ((BillingLineItem) throws -> Void) throws -> Void) throws -> Int {
        let query = Query(name: "copy billing_line_items", """
            COPY billing_line_items (billing_account_id, sub_account_id, invoice_id, provider_name,
              billing_period_start, billing_period_end, charge_period_start, charge_period_end,
              charge_category, charge_description, service_name, service_category, resource_id,
              resource_name, resource_type, region_id, sku_id, pricing_category, pricing_unit,
              pricing_quantity, consumed_unit, consumed_quantity, list_cost, contracted_cost,
              effective_cost, billed_cost, billing_currency, commitment_discount_id, tags) FROM STDIN
            """)
        return try connection.copyIn(query) { writer in
            try produce { item in
                let row: [Bind] = [
                    .text(item.billingAccountId), .optional(item.subAccountId), .optional(item.invoiceId),
                    .text(item.providerName), .timestamp(item.billingPeriodStart), .timestamp(item.billingPeriodEnd),
                    .timestamp(item.chargePeriodStart), .timestamp(item.chargePeriodEnd), .text(item.chargeCategory),
                    .optional(item.chargeDescription), .optional(item.serviceName), .optional(item.serviceCategory),
                    .optional(item.resourceId), .optional(item.resourceName), .optional(item.resourceType),
                    .optional(item.regionId), .optional(item.skuId), .optional(item.pricingCategory),
                    .optional(item.pricingUnit), .optionalDecimal(item.pricingQuantity), .optional(item.consumedUnit),
                    .optionalDecimal(item.consumedQuantity), .decimal(item.listCost), .optionalDecimal(item.contractedCost),
                    .decimal(item.effectiveCost), .decimal(item.billedCost), .text(item.billingCurrency),
                    .optional(item.commitmentDiscountId), .text(Self.json(item.tags)),
                ]
                try writer.writeRow(row)
            }
        }
    }

    /// Streams usage samples into `usage_samples`.
    @discardableResult
    public func copyUsageSamples(_ produce: ((UsageSample) throws -> Void) throws -> Void) throws -> Int {
        let query = Query(name: "copy usage_samples", """
            COPY usage_samples (resource_id, sampled_at, interval_seconds, cpu_utilization, memory_utilization,
              network_bytes, disk_iops, requests, connections) FROM STDIN
            """)
        return try connection.copyIn(query) { writer in
            try produce { sample in
                let row: [String?] = [
                    sample.resourceId, Timestamp.copyText(sample.sampledAt), String(sample.intervalSeconds),
                    sample.cpuUtilization.map(Self.float), sample.memoryUtilization.map(Self.float),
                    sample.networkBytes.map(Self.double), sample.diskIops.map(Self.float),
                    sample.requests.map(Self.double), sample.connections.map(Self.float),
                ]
                try writer.writeRow(row)
            }
        }
    }

    /// Loads the inventory rows.
    @discardableResult
    public func copyResources(_ resources: [Resource]) throws -> Int {
        let query = Query(name: "copy resources", """
            COPY resources (resource_id, kind, service, team, tier, environment, provider_name, region_id,
              instance_type, vcpus, memory_gib, storage_gib, storage_class, state, attached_to, pricing_model,
              created_at, last_active_at, tags) FROM STDIN
            """)
        return try connection.copyIn(query) { writer in
            for r in resources {
                let row: [Bind] = [
                    .text(r.id), .text(r.kind), .optional(r.service), .optional(r.team), r.tier.map(Bind.int) ?? .null,
                    .optional(r.environment), .optional(r.providerName), .optional(r.regionId), .optional(r.instanceType),
                    .optionalDecimal(r.vcpus), .optionalDecimal(r.memoryGiB), .optionalDecimal(r.storageGiB), .optional(r.storageClass),
                    .optional(r.state), .optional(r.attachedTo), .optional(r.pricingModel),
                    r.createdAt.map(Bind.timestamp) ?? .null, r.lastActiveAt.map(Bind.timestamp) ?? .null,
                    .text(Self.json(r.tags)),
                ]
                try writer.writeRow(row)
            }
        }
    }

    /// Loads the instance catalog.
    @discardableResult
    public func copyInstanceTypes(_ types: [InstanceType]) throws -> Int {
        let query = Query(name: "copy instance_types", """
            COPY instance_types (provider_name, region_id, instance_type, family, vcpus, memory_gib, arch,
              on_demand_hourly, currency) FROM STDIN
            """)
        return try connection.copyIn(query) { writer in
            for t in types {
                let row: [Bind] = [
                    .text(t.providerName), .text(t.regionId), .text(t.name), .text(t.family), .decimal(t.vcpus),
                    .decimal(t.memoryGiB), .optional(t.arch), .decimal(t.onDemandHourly), .text(t.currency),
                ]
                try writer.writeRow(row)
            }
        }
    }

    static func json(_ tags: [String: String]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? String(decoding: encoder.encode(tags), as: UTF8.self)) ?? "{}"
    }

    static func float(_ value: Float) -> String {
        value.isNaN ? "NaN" : value.isInfinite ? (value < 0 ? "-Infinity" : "Infinity") : "\(value)"
    }

    static func double(_ value: Double) -> String {
        value.isNaN ? "NaN" : value.isInfinite ? (value < 0 ? "-Infinity" : "Infinity") : "\(value)"
    }
}

extension Bind {
    static func optional(_ value: String?) -> Bind { value.map(Bind.text) ?? .null }
    static func optionalDecimal(_ value: Decimal?) -> Bind { value.map(Bind.decimal) ?? .null }
}
