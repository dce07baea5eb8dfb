import ArgumentParser
import Foundation
import Logging
import ReportJob

/// The `costreport` command tree. The executable only parses, configures, bootstraps logging and
/// maps errors to exit codes; the work happens in the ReportJob library.
@main
struct CostReport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "costreport",
        abstract: "Cloud cost report and optimisation plan from a FOCUS bill and utilisation metrics in PostgreSQL.",
        discussion: """
            Exit codes: 0 success, 1 failure, 64 usage error, 65 data-quality gate failed (report written),
            69 database (or Prometheus) unreachable, 75 another run in progress, 130/143 interrupted (SIGINT/SIGTERM).
            """,
        subcommands: [
            ReportCommand.self, CheckCommand.self, DatabaseCommand.self, SampleCommand.self, ImportCommand.self,
            ConfigCommand.self,
        ]
    )
}
