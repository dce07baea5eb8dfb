import ArgumentParser
import CivilTime
import Foundation
import CostModel
import ReportJob

/// `costreport check`: verify the queries and the data, write nothing.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Connect, run every query of the query folder, and print data-quality figures. Writes nothing.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var logging: LoggingOptions
    @OptionGroup var policy: PolicyOptions
    @Option(help: "The folder of SQL files. Default: queries/.") var queries: String?
    @Option(help: "Days of data to check, ending yesterday.") var days: Int = 30

    func run() throws {
        let startedAt = Date()
        let runId = RunID.make(now: startedAt)
        let logger = logging.makeLogger(runId: runId)
        let policyFile = try policy.load()
        let end = CivilCalendar.startOfDay(startedAt)
        let configuration = ReportConfiguration(
            connection: database.connectionOptions(timeoutSeconds: policyFile.job.connectTimeoutSeconds),
            window: ReportWindow(start: end.addingTimeInterval(Double(-days) * 86_400), end: end),
            outputDirectory: URL(fileURLWithPath: "/nonexistent"),
            queriesDirectory: try ProjectFiles.resolve(queries, default: "queries", what: "SQL query folder"),
            policy: policyFile, policyText: PolicyOptions.yamlInBackground(policyFile), runId: runId, startedAt: startedAt)
        try ExitCodes.running(logger) {
            let report = try DatabaseCheck.run(configuration, logger: logger)
            report.lines.forEach { print($0) }
        }
    }
}
