import ArgumentParser
import Foundation
import Postgres
import ReportJob

/// `costreport db init`, `db shards` and `db rollups`.
struct DatabaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db", abstract: "Manage the billing database.", subcommands: [Init.self, Shards.self, Rollups.self])

    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create the contract tables and the rollups (idempotent).",
            discussion: """
                Also installs the rollup tables and their triggers (sample-billing/rollups.sql, as `costreport db \
                rollups`) when they are not installed yet, with the time zone and service hours of the policy \
                (--config), filled from the rows already there; --no-rollups leaves them out.
                """)

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions
        @OptionGroup var policy: PolicyOptions
        @Option(help: "The schema file. Default: sample-billing/schema.sql.") var schema: String?
        @Flag(help: """
            Create billing_line_items and usage_samples partitioned by month (range on charge_period_start / \
            sampled_at) with a default partition; imports and sample load add the months they need. \
            See docs/scale-out.md.
            """) var partitioned = false
        @Flag(help: "Do not install the rollup tables (the report then reads every sample).") var noRollups = false

        func run() throws {
            let logger = logging.makeLogger(runId: RunID.make())
            let schemaFile = try ProjectFiles.resolve(schema, default: "sample-billing/schema.sql", what: "schema file")
            try ExitCodes.running(logger) {
                let upgrade = try DatabaseSetup.initialise(
                    database.connectionOptions(), schemaFile: schemaFile, partitioned: partitioned, logger: logger)
                for line in upgrade.added + upgrade.problems { print(line) }
                print(upgrade.added.isEmpty ? "schema applied; no contract column was missing" : "schema upgraded: \(upgrade.added.count) column(s) added, no row changed")
                if !noRollups {
                    let rollupFile = try ProjectFiles.resolve(nil, default: "sample-billing/rollups.sql", what: "rollup file")
                    print(try DatabaseSetup.installRollupsIfMissing(
                        database.connectionOptions(), file: rollupFile, policy: try policy.load(), logger: logger))
                }
            }
        }
    }

    struct Shards: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make this database the coordinator of shard servers (postgres_fdw).",
            discussion: """
                Creates the contract tables on each shard, and on the coordinator (--db) the postgres_fdw \
                extension, a foreign server and user mapping per shard, and billing_line_items and usage_samples \
                partitioned by hash on resource_id into foreign tables on the shards; the other tables and the \
                history stay on the coordinator. Load and report through the coordinator. Needs a superuser on \
                the coordinator (a non-superuser's user mapping needs a password: add it with psql). \
                See docs/scale-out.md.
                """)

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions
        @Option(name: .customLong("shard"), help: ArgumentHelp(
            "A shard's conninfo; repeat for each shard. Their order decides which resources each holds.", valueName: "conninfo"))
        var shards: [String] = []
        @Option(help: "The schema file. Default: sample-billing/schema.sql.") var schema: String?

        func validate() throws {
            guard !shards.isEmpty else { throw ValidationError("give at least one --shard CONNINFO") }
            if shards.contains(where: DatabaseOptions.containsPassword) {
                throw ValidationError("--shard must not contain a password (it would be visible in the process list and shell history): put it in ~/.pgpass or PGPASSWORD")
            }
        }

        func run() throws {
            let logger = logging.makeLogger(runId: RunID.make())
            let schemaFile = try ProjectFiles.resolve(schema, default: "sample-billing/schema.sql", what: "schema file")
            try ExitCodes.running(logger) {
                let lines = try DatabaseSetup.shards(
                    database.connectionOptions(), shards: shards.map { ConnectionOptions(conninfo: $0) }, schemaFile: schemaFile, logger: logger)
                for line in lines { print(line) }
                print("coordinator ready: \(shards.count) shard(s); load and report through it")
            }
        }
    }

    struct Rollups: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Install or rebuild the rollup tables that let large reports skip the raw samples.",
            discussion: """
                Creates costreport.charges_daily (per UTC day and charge group, naming the group's keys in charge_sets), commitments_daily (per UTC \
                day, commitment and status) and usage_days (per resource and UTC day), fills them from billing_line_items and usage_samples, and installs triggers that \
                note the days every INSERT, COPY, UPDATE and DELETE writes (the report recomputes them before \
                its snapshot; TRUNCATE empties the rollups). `costreport db init` installs them too. The histograms are built with the time zone and \
                service hours of the policy (--config); run it again after changing those. Writes to the two \
                tables wait while it runs. --drop removes everything it created.
                """)

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions
        @OptionGroup var policy: PolicyOptions
        @Option(help: "The rollup definitions. Default: sample-billing/rollups.sql.") var file: String?
        @Flag(help: "Remove the rollup tables, functions and triggers.") var drop = false

        func run() throws {
            let logger = logging.makeLogger(runId: RunID.make())
            let rollupFile = try ProjectFiles.resolve(file, default: "sample-billing/rollups.sql", what: "rollup file")
            let policyFile = try policy.load()
            try ExitCodes.running(logger) {
                try DatabaseSetup.rollups(
                    database.connectionOptions(), file: rollupFile, policy: policyFile, drop: drop, logger: logger)
            }
        }
    }
}
