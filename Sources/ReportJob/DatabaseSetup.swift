import BillingStore
import CostModel
import Foundation
import Logging
import Postgres
import SampleBilling

/// `costreport db init` and `costreport sample load`.
public enum DatabaseSetup {
    /// Applies the schema (idempotent), then adds in place the contract columns an older database
    /// lacks (`SchemaCheck.upgradeContractTables`: never dropping or rewriting rows).
    /// - Returns: one line per added column, and what still differs from the contract (logged as warnings).
    @discardableResult
    public static func initialise(_ options: ConnectionOptions, schemaFile: URL, logger: Logger) throws -> (added: [String], problems: [String]) {
        let connection = try Connection(options)
        try Loader(connection: connection).applySchema(file: schemaFile)
        let upgrade = try SchemaCheck(connection: connection).upgradeContractTables()
        try RunHistoryStore(connection: connection).createSchema()
        for line in upgrade.added { logger.info("contract column added", metadata: ["change": "\(line)"]) }
        for problem in upgrade.problems { logger.warning("schema differs from the contract: \(problem)") }
        logger.info("schema applied", metadata: [
            "schema": "\(schemaFile.path)", "database": "\(connection.target)", "columns_added": "\(upgrade.added.count)",
        ])
        return upgrade
    }

    /// Installs (or rebuilds) the rollup tables and triggers of `file` with the histogram settings
    /// of `policy`, or removes them with `drop`.
    public static func rollups(_ options: ConnectionOptions, file: URL, policy: PolicyFile, drop: Bool, logger: Logger) throws {
        let start = Date()
        let connection = try Connection(options)
        let installer = RollupInstaller(connection: connection)
        if drop {
            try installer.drop()
            logger.info("rollups dropped", metadata: ["database": "\(connection.target)"])
        } else {
            let settings = policy.usageQuerySettings
            try installer.install(file: file, settings: settings)
            logger.info("rollups rebuilt", metadata: [
                "database": "\(connection.target)", "file": "\(file.path)", "time_zone": "\(settings.timeZone)",
                "service_hours": "\(settings.serviceHoursStart)-\(settings.serviceHoursEnd)",
                "seconds": "\(String(format: "%.1f", Date().timeIntervalSince(start)))",
            ])
        }
    }

    /// What `loadSample` stored.
    public struct SampleLoadSummary: Sendable {
        public var resources: Int
        public var instanceTypes: Int
        public var billingLineItems: Int
        public var usageSamples: Int
        public var seconds: Double
    }

    /// Generates the sample organisation and streams it into the database with COPY, in one
    /// transaction (all or nothing). With `replace`, the four tables are emptied first.
    public static func loadSample(
        _ options: ConnectionOptions, sample: SampleOptions, catalogFile: URL, schemaFile: URL,
        replace: Bool, logger: Logger
    ) throws -> SampleLoadSummary {
        let start = Date()
        let organisation = try sampleOrganisation(sample, catalogFile: catalogFile)
        let connection = try Connection(options)
        let loader = Loader(connection: connection)
        try loader.applySchema(file: schemaFile)
        // An older database gets the contract columns it lacks, as `db init` would add them.
        for line in try SchemaCheck(connection: connection).upgradeContractTables().added {
            logger.info("contract column added", metadata: ["change": "\(line)"])
        }
        let (types, resources, lines, samples) = try connection.inTransaction("sample load") {
            if replace { try loader.truncateAll() }
            return (try loader.copyInstanceTypes(organisation.catalog),
                    try loader.copyResources(organisation.resources),
                    try loader.copyBillingLineItems { emit in try organisation.forEachBillingLineItem(emit) },
                    try loader.copyUsageSamples { emit in try organisation.forEachUsageSample(emit) })
        }
        try loader.analyzeContractTables()
        let summary = SampleLoadSummary(
            resources: resources, instanceTypes: types, billingLineItems: lines, usageSamples: samples,
            seconds: Date().timeIntervalSince(start))
        logger.info("sample loaded", metadata: [
            "resources": "\(resources)", "instance_types": "\(types)", "billing_line_items": "\(lines)",
            "usage_samples": "\(samples)", "seconds": "\(String(format: "%.1f", summary.seconds))",
        ])
        return summary
    }
}

extension DatabaseSetup {
    /// The sample organisation for `options`, with the catalog read from `catalogFile`.
    /// - Throws: `SampleOptionsError` for invalid options; `SetupError` when the catalog cannot be read.
    static func sampleOrganisation(_ options: SampleOptions, catalogFile: URL) throws -> SampleOrganisation {
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
