import CivilTime
import Contract
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

    /// Empties the contract tables (for `sample load --replace`).
    public func truncateAll() throws {
        try connection.execute(Query(
            name: "truncate", "TRUNCATE billing_line_items, resources, usage_samples, instance_types, container_usage_samples"))
    }

    /// Refreshes the planner statistics of the contract tables (after a bulk load).
    public func analyzeContractTables() throws {
        try connection.execute(Query(
            name: "analyze", "ANALYZE billing_line_items, resources, usage_samples, instance_types, container_usage_samples"))
    }

    /// Streams rows of a contract table in with COPY, columns as `table` lists them. `produce`
    /// calls `emit` once per row. Returns the rows loaded.
    @discardableResult
    public func copy<Row>(_ table: ContractTable<Row>, _ produce: ((Row) throws -> Void) throws -> Void) throws -> Int {
        try BulkCopy.copy(into: table.name, columns: table.columnNames, connection: connection) { writer in
            try produce { row in try writer.writeRow(table.columns.map { Self.copyText($0.value(row)) }) }
        }
    }

    /// Streams billing line items into `billing_line_items`. `produce` calls `emit` once per row.
    @discardableResult
    public func copyBillingLineItems(_ produce: ((BillingLineItem) throws -> Void) throws -> Void) throws -> Int {
        try copy(BillingLineItemsTable.table, produce)
    }

    /// Streams usage samples into `usage_samples`.
    @discardableResult
    public func copyUsageSamples(_ produce: ((UsageSample) throws -> Void) throws -> Void) throws -> Int {
        try copy(UsageSamplesTable.table, produce)
    }

    /// Streams container samples into `container_usage_samples` (the sample cluster, tests).
    @discardableResult
    public func copyContainerUsageSamples(_ produce: ((ContainerUsageSample) throws -> Void) throws -> Void) throws -> Int {
        try copy(ContainerUsageSamplesTable.table, produce)
    }

    /// Loads the inventory rows.
    @discardableResult
    public func copyResources(_ resources: [Resource]) throws -> Int {
        try copy(ResourcesTable.table) { emit in for resource in resources { try emit(resource) } }
    }

    /// Loads the instance catalog.
    @discardableResult
    public func copyInstanceTypes(_ types: [InstanceType]) throws -> Int {
        try copy(InstanceTypesTable.table) { emit in for type in types { try emit(type) } }
    }

    /// A value in PostgreSQL's COPY text form; nil for NULL.
    static func copyText(_ value: ContractValue?) -> String? {
        switch value {
        case nil: return nil
        case .text(let text): return text
        case .timestamp(let date): return UTCText.preciseTimestamp(date)
        case .decimal(let decimal): return decimal.description
        case .integer(let integer): return String(integer)
        case .real(let real): return float(real)
        case .double(let double): return Self.double(double)
        case .json(let tags): return ContractValue.jsonText(tags)
        }
    }

    static func float(_ value: Float) -> String {
        value.isNaN ? "NaN" : value.isInfinite ? (value < 0 ? "-Infinity" : "Infinity") : "\(value)"
    }

    static func double(_ value: Double) -> String {
        value.isNaN ? "NaN" : value.isInfinite ? (value < 0 ? "-Infinity" : "Infinity") : "\(value)"
    }
}
