import BillingStore
import CostModel
import Foundation
import Logging
import Postgres
import SampleBilling

/// `costreport sample load`: the seeded sample organisation, generated and loaded with COPY.
public enum SampleDatabase {
    /// What `load` stored.
    public struct Summary: Sendable {
        public var resources: Int
        public var instanceTypes: Int
        public var billingLineItems: Int
        public var usageSamples: Int
        public var containerSamples: Int = 0
        public var seconds: Double
    }

    /// Generates the sample organisation and streams it into the database with COPY, in one
    /// transaction (all or nothing). With `replace`, the four tables are emptied first.
    public static func load(
        _ options: ConnectionOptions, sample: SampleOptions, catalogFile: URL, schemaFile: URL,
        replace: Bool, logger: Logger
    ) throws -> Summary {
        let start = Date()
        let organisation = try organisation(sample, catalogFile: catalogFile)
        let connection = try Connection(options)
        let loader = Loader(connection: connection)
        try loader.applySchema(file: schemaFile)
        // An older database gets the contract columns it lacks, as `db init` would add them.
        for line in try SchemaCheck(connection: connection).upgradeContractTables().added {
            logger.info("contract column added", metadata: ["change": "\(line)"])
        }
        let (types, resources, lines, samples, containerSamples, partitions) = try connection.inTransaction("sample load") {
            if replace { try loader.truncateAll() }
            return (try loader.copyInstanceTypes(organisation.catalog),
                    try loader.copyResources(organisation.resources),
                    try loader.copyBillingLineItems { emit in try organisation.forEachBillingLineItem(emit) },
                    try loader.copyUsageSamples { emit in try organisation.forEachUsageSample(emit) },
                    try loader.copyContainerUsageSamples { emit in try organisation.forEachContainerUsageSample(emit) },
                    try MonthPartitions(connection: connection).settle())
        }
        for line in partitions { logger.info("month partition created", metadata: ["change": "\(line)"]) }
        try loader.analyzeContractTables()
        let summary = Summary(
            resources: resources, instanceTypes: types, billingLineItems: lines, usageSamples: samples,
            containerSamples: containerSamples, seconds: Date().timeIntervalSince(start))
        logger.info("sample loaded", metadata: [
            "resources": "\(resources)", "instance_types": "\(types)", "billing_line_items": "\(lines)",
            "usage_samples": "\(samples)", "container_usage_samples": "\(containerSamples)", "seconds": "\(String(format: "%.1f", summary.seconds))",
        ])
        return summary
    }
}

extension SampleDatabase {
    /// The sample organisation for `options`, with the catalog read from `catalogFile`.
    /// - Throws: `SampleOptionsError` for invalid options; `SetupError` when the catalog cannot be read.
    static func organisation(_ options: SampleOptions, catalogFile: URL) throws -> SampleOrganisation {
        try options.validate()
        let catalogText: String
        do {
            catalogText = try String(contentsOf: catalogFile, encoding: .utf8)
        } catch {
            throw SetupError("cannot read the instance catalog \(catalogFile.path): \(error.localizedDescription); pass --catalog FILE")
        }
        return SampleOrganisation(options: options, catalog: try InstanceCatalogCSV.parse(catalogText))
    }
}

/// A set-up step failed; the message says what to do.
public struct SetupError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
