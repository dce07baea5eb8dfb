import ArgumentParser
import Foundation
import ReportJob

/// `costreport db init`.
struct DatabaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db", abstract: "Manage the billing database.", subcommands: [Init.self])

    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create the contract tables (idempotent).")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions
        @Option(help: "The schema file. Default: sample-billing/schema.sql.") var schema: String?

        func run() throws {
            let logger = logging.makeLogger(runId: RunID.make())
            let schemaFile = try ProjectFiles.resolve(schema, default: "sample-billing/schema.sql", what: "schema file")
            try ExitCodes.running(logger) {
                try DatabaseSetup.initialise(database.connectionOptions(), schemaFile: schemaFile, logger: logger)
            }
        }
    }
}
