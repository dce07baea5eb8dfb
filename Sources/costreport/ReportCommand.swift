import ArgumentParser
import CivilTime
import Foundation
import Logging
import CostModel
import ReportJob

/// `costreport report`: the nightly job.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Build the cost report and optimisation plan for a window and publish it atomically.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var logging: LoggingOptions
    @OptionGroup var policy: PolicyOptions

    @Option(help: "First day of the window (YYYY-MM-DD, UTC). Default: 30 days before --to.") var from: String?
    @Option(help: "Day after the window (YYYY-MM-DD, UTC, exclusive). Default: today, so the window ends yesterday.") var to: String?
    @Option(help: "Output folder; the report goes to OUT/<last day of the window>/ and OUT/latest.") var out: String = "reports"
    @Option(help: "The folder of SQL files the job runs. Default: queries/.") var queries: String?
    @Option(parsing: .singleValue, help: ArgumentHelp(
        "A data-quality gate: 'unallocated>0.05' (share of effective cost), 'errors' or 'warnings'. Repeatable.",
        discussion: "A failed gate still publishes the report, then exits with code 65."))
    var failOn: [String] = []
    @Option(help: "Also write costreport.prom into this node_exporter textfile-collector folder.") var textfileDir: String?
    @Flag(help: "Do everything but publish.") var dryRun = false
    @Flag(help: "Neither read nor write the run history in the database (read-only replicas); compare with the previous report folder instead.")
    var noHistory = false

    func validate() throws {
        let window = try resolvedWindow(now: Date())
        guard window.end > window.start else { throw ValidationError("--from must be before --to (the window is empty)") }
        guard window.end.timeIntervalSince(window.start) <= 3 * 366 * 86_400 else { throw ValidationError("the window must be at most 3 years") }
        for gate in failOn where QualityGate(gate) == nil {
            throw ValidationError("--fail-on \(gate) is not a gate: use unallocated>SHARE (0 to 1), errors or warnings")
        }
    }

    func resolvedWindow(now: Date) throws -> ReportWindow {
        let end: Date
        if let to {
            guard let parsed = UTCText.parseDay(to) else { throw ValidationError("--to must be a date like 2026-11-01, got \(to)") }
            end = parsed
        } else {
            end = CivilCalendar.startOfDay(now)
        }
        let start: Date
        if let from {
            guard let parsed = UTCText.parseDay(from) else { throw ValidationError("--from must be a date like 2026-11-01, got \(from)") }
            start = parsed
        } else {
            start = end.addingTimeInterval(-30 * 86_400)
        }
        return ReportWindow(start: start, end: end)
    }

    func run() throws {
        let startedAt = Date()
        let runId = RunID.make(now: startedAt)
        let logger = logging.makeLogger(runId: runId)
        let policyFile = try policy.load()
        var configuration = ReportConfiguration(
            connection: database.connectionOptions(timeoutSeconds: policyFile.job.connectTimeoutSeconds),
            window: try resolvedWindow(now: startedAt),
            outputDirectory: URL(fileURLWithPath: out),
            queriesDirectory: try ProjectFiles.resolve(queries, default: "queries", what: "SQL query folder"),
            policy: policyFile, policyText: PolicyOptions.yamlInBackground(policyFile), runId: runId, startedAt: startedAt)
        configuration.dryRun = dryRun
        configuration.useHistory = !noHistory
        configuration.qualityGates = failOn.compactMap(QualityGate.init)
        configuration.textfileDirectory = textfileDir.map { URL(fileURLWithPath: $0) }
        logger.info("starting report", metadata: [
            "window": "\(UTCText.day(configuration.window.start))..\(UTCText.day(configuration.window.end))",
            "out": "\(configuration.outputDirectory.path)", "queries": "\(configuration.queriesDirectory.path)",
            "db": "\(database.db.map(Self.redacted) ?? "(libpq environment)")", "policy": "\(policy.config ?? "(defaults)")",
            "dry_run": "\(dryRun)", "fail_on": "\(failOn.joined(separator: ","))",
        ])
        let interruption = InterruptionHandler(outputDirectory: configuration.outputDirectory, runId: runId, logger: logger)
        interruption.install()
        try ExitCodes.running(logger) {
            let outcome = try ReportPipeline.run(configuration, logger: logger)
            print(outcome.summaryLine)
            if !outcome.failedGates.isEmpty { throw JobError.qualityGateFailed(outcome.failedGates) }
        }
    }

    /// The conninfo for logs: any password-like value replaced (the CLI refuses passwords anyway).
    static func redacted(_ conninfo: String) -> String {
        conninfo.replacingOccurrences(of: #"(?i)(password\s*=\s*)\S+"#, with: "$1***", options: .regularExpression)
    }
}
