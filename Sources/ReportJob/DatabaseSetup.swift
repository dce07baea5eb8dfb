import BillingStore
import CostModel
import Foundation
import Logging
import Postgres

/// `costreport db init`, `db shards` and `db rollups`.
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

    /// Installs the rollups of `file` as `rollups` does when they are not installed or lack a table
    /// of `RollupInstaller.tables` (installed by an older costreport); leaves current ones alone, and installs
    /// none on a sharded coordinator (the shards aggregate the raw tables, docs/scale-out.md).
    /// - Returns: what it did, one line for the user.
    public static func installRollupsIfMissing(_ options: ConnectionOptions, file: URL, policy: PolicyFile, logger: Logger) throws -> String {
        let connection = try Connection(options)
        let shards = Shards(connection: connection)
        if try !shards.foreignPartitions(of: "usage_samples").isEmpty || !shards.foreignPartitions(of: "billing_line_items").isEmpty {
            return "no rollups on a sharded coordinator: the shards aggregate the raw tables (docs/scale-out.md)"
        }
        if try RollupInstaller(connection: connection).missingTables().isEmpty {
            return "rollups already installed (`costreport db rollups` rebuilds them)"
        }
        try rollups(options, file: file, policy: policy, drop: false, logger: logger)
        return "rollups installed"
    }

    /// Makes `coordinator` the coordinator of `shards` (docs/scale-out.md): each shard gets the
    /// contract tables (`initialise`, so a shard initialised with `--partitioned` keeps its month
    /// partitions); the coordinator gets postgres_fdw, a foreign server per shard, and
    /// `billing_line_items` and `usage_samples` partitioned by hash on `resource_id` into foreign
    /// tables on the shards (`Shards.attach`), then the rest of the schema and the history schema,
    /// which stay on the coordinator, and the partitioned tables' extended statistics on each
    /// foreign partition (`Shards.mirrorStatistics`). No rollups: the shards aggregate the raw
    /// tables (docs/scale-out.md). The shards' order decides which resources each one holds.
    /// - Returns: one line per foreign server, partition and statistics object created.
    @discardableResult
    public static func shards(_ coordinator: ConnectionOptions, shards: [ConnectionOptions], schemaFile: URL, logger: Logger) throws -> [String] {
        var endpoints: [Shards.Shard] = []
        for options in shards {
            try initialise(options, schemaFile: schemaFile, logger: logger)
            endpoints.append(try Shards.Shard.of(Connection(options)))
        }
        let connection = try Connection(coordinator)
        let lines = try Shards(connection: connection).attach(endpoints)
        for line in lines { logger.info("shard attached", metadata: ["change": "\(line)"]) }
        try initialise(coordinator, schemaFile: schemaFile, logger: logger)
        let statistics = try Shards(connection: connection).mirrorStatistics()
        for line in statistics { logger.info("partition statistics", metadata: ["change": "\(line)"]) }
        return lines + statistics
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
