import BillingStore
import CostModel
import Foundation
import Logging
import Postgres

/// `costreport db init` and `costreport db rollups`.
public enum DatabaseSetup {
    /// Applies the schema (idempotent), then adds in place the contract columns an older database
    /// lacks (`SchemaCheck.upgradeContractTables`: never dropping or rewriting rows). With
    /// `partitioned`, `billing_line_items` and `usage_samples` are first created partitioned by
    /// month (`MonthPartitions`), and rows found in their default partitions are moved into month
    /// partitions.
    /// - Returns: one line per added column, and what still differs from the contract (logged as
    ///   warnings). Created month partitions are logged.
    @discardableResult
    public static func initialise(_ options: ConnectionOptions, schemaFile: URL, partitioned: Bool = false, logger: Logger) throws
        -> (added: [String], problems: [String])
    {
        let connection = try Connection(options)
        let partitions = MonthPartitions(connection: connection)
        if partitioned { try connection.inTransaction("partitioned tables") { try partitions.createPartitionedTables() } }
        try Loader(connection: connection).applySchema(file: schemaFile)
        let upgrade = try SchemaCheck(connection: connection).upgradeContractTables()
        if partitioned {
            for line in try connection.inTransaction("month partitions", { try partitions.settle() }) {
                logger.info("month partition created", metadata: ["change": "\(line)"])
            }
        }
        try RunHistoryStore(connection: connection).createSchema()
        for line in upgrade.added { logger.info("contract column added", metadata: ["change": "\(line)"]) }
        for problem in upgrade.problems { logger.warning("schema differs from the contract: \(problem)") }
        logger.info("schema applied", metadata: [
            "schema": "\(schemaFile.path)", "database": "\(connection.target)", "columns_added": "\(upgrade.added.count)",
        ])
        return upgrade
    }

    /// Installs the rollups of `file` as `rollups` does when they are not installed (or are of the
    /// earlier design, without costreport.usage_days); leaves installed ones alone.
    /// - Returns: whether it installed them.
    public static func installRollupsIfMissing(_ options: ConnectionOptions, file: URL, policy: PolicyFile, logger: Logger) throws -> Bool {
        let connection = try Connection(options)
        let present = try connection.all(Query(name: "rollups installed", """
            SELECT to_regclass('costreport.rollup_settings') IS NOT NULL AND to_regclass('costreport.usage_days') IS NOT NULL AS present
            """)) { try $0.decode(Bool.self, "present") }
        if present.first == true { return false }
        try rollups(options, file: file, policy: policy, drop: false, logger: logger)
        return true
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
}
