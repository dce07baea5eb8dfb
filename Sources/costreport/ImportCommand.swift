import ArgumentParser
import Foundation
import Imports
import ReportJob

/// `costreport import focus|cur|azure|usage|containers FILE...`.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Load FOCUS billing exports, AWS CUR, Azure cost details, utilisation and container usage CSVs (plain or gzip), or utilisation from Prometheus.",
        subcommands: [Focus.self, CUR.self, Azure.self, Usage.self, Containers.self, Prometheus.self])

    /// `--on-error`, shared by every subcommand.
    struct RowErrorOptions: ParsableArguments {
        @Option(name: .long, help: "A row that cannot be read: stop (roll back the file, exit 1) or skip (report it, load the rest).")
        var onError: String = "stop"

        func validate() throws {
            guard OnRowError(rawValue: onError) != nil else { throw ValidationError("--on-error must be stop or skip, got \(onError)") }
        }

        var policy: OnRowError { OnRowError(rawValue: onError) ?? .stop }
    }

    struct Focus: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load FOCUS 1.0-1.2 CSV exports into billing_line_items; re-importing replaces the same account's billing period.")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions
        @OptionGroup var rowErrors: RowErrorOptions
        @Argument(help: "FOCUS CSV files (.csv or gzip-compressed).") var files: [String]

        func run() throws {
            let logger = logging.makeLogger(runId: RunID.make())
            let settings = ImportSettings(onError: rowErrors.policy)
            try ExitCodes.running(logger) {
                try FileImport<FocusFormat>.run(
                    database.connectionOptions(), files: files.map { URL(fileURLWithPath: $0) }, settings: settings,
                    logger: logger) { print($0.line) }
            }
        }
    }

    /// Files read by one `ImportFormat` (a billing export mapped to FOCUS, container usage), with the shared options.
    struct FormatFiles: ParsableArguments {
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions
        @OptionGroup var rowErrors: RowErrorOptions
        @Argument(help: "CSV files (.csv or gzip-compressed).") var files: [String]

        func run<Format: ImportFormat>(_ format: Format.Type) throws {
            let logger = logging.makeLogger(runId: RunID.make())
            try ExitCodes.running(logger) {
                try FileImport<Format>.run(
                    database.connectionOptions(), files: files.map { URL(fileURLWithPath: $0) },
                    settings: ImportSettings(onError: rowErrors.policy), logger: logger) { print($0.line) }
            }
        }
    }

    struct CUR: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cur",
            abstract: "Load AWS Cost and Usage Reports (legacy or CUR 2.0 CSV) into billing_line_items as FOCUS rows; re-importing replaces the same payer's billing period.")

        @OptionGroup var options: FormatFiles

        func run() throws { try options.run(CURFormat.self) }
    }

    struct Azure: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "azure",
            abstract: "Load Azure cost details exports (EA or MCA, actual or amortised CSV) into billing_line_items as FOCUS rows; re-importing replaces the same billing account's period.")

        @OptionGroup var options: FormatFiles

        func run() throws { try options.run(AzureFormat.self) }
    }

    struct Containers: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load container usage CSVs (headers named like the container_usage_samples columns, any order) into container_usage_samples; re-importing replaces the file's clusters between its first and last sampled_at.")

        @OptionGroup var options: FormatFiles

        func run() throws { try options.run(ContainersFormat.self) }
    }

    struct Usage: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load utilisation CSVs (headers named like the usage_samples columns, any order) into usage_samples.")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions
        @OptionGroup var rowErrors: RowErrorOptions
        @Option(name: .customLong("column"), help: ArgumentHelp(
            "Read a usage_samples column from another header, e.g. --column cpu_utilization=CPUUtilization (repeatable).",
            valueName: "column=header"))
        var columns: [String] = []
        @Flag(help: "cpu_utilization and memory_utilization are percentages 0..100 (default: fractions 0..1).")
        var percent = false
        @Argument(help: "Usage CSV files (.csv or gzip-compressed).") var files: [String]

        func validate() throws { _ = try overrides() }

        func overrides() throws -> [String: String] {
            var result: [String: String] = [:]
            for pair in columns {
                guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex, pair.index(after: equals) != pair.endIndex else {
                    throw ValidationError("--column must look like column=header, got \(pair)")
                }
                result[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
            }
            return result
        }

        func run() throws {
            let logger = logging.makeLogger(runId: RunID.make())
            let settings = ImportSettings(onError: rowErrors.policy, usageColumns: try overrides(), usagePercent: percent)
            try ExitCodes.running(logger) {
                try FileImport<UsageFormat>.run(
                    database.connectionOptions(), files: files.map { URL(fileURLWithPath: $0) }, settings: settings,
                    logger: logger) { print($0.line) }
            }
        }
    }
}
