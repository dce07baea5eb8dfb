import ArgumentParser
import CivilTime
import Foundation
import ReportJob
import SampleBilling
import SampleSetup

/// `costreport sample load` and `costreport sample export-focus`.
struct SampleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample", abstract: "The sample organisation.", subcommands: [Load.self, ExportFocus.self])

    struct Load: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Generate the seeded sample organisation and load it with COPY (one transaction).")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions
        @Option(help: "Random seed; the same seed gives the same data.") var seed: UInt64 = 42
        @Option(help: "Multiplies the number of services and resources.") var scale: Int = 1
        @Option(help: "Days of data.") var days: Int = 60
        @Option(help: "Exclusive end date (YYYY-MM-DD, UTC). Default: today, so the data ends yesterday.") var end: String?
        @Option(help: "Usage sampling interval, seconds.") var intervalSeconds: Int = 3600
        @Option(help: "Billing granularity: daily or hourly.") var billing: String = "daily"
        @Flag(help: "Empty the four tables first.") var replace = false
        @Option(help: "The instance catalog CSV. Default: sample-billing/instance-types-aws-us-east-1.csv.") var catalog: String?
        @Option(help: "The schema file. Default: sample-billing/schema.sql.") var schema: String?

        func validate() throws {
            guard scale >= 1, scale <= 1000 else { throw ValidationError("--scale must be 1...1000, got \(scale)") }
            guard days >= 1, days <= 3660 else { throw ValidationError("--days must be 1...3660, got \(days)") }
            guard (1...86_400).contains(intervalSeconds) else {
                throw ValidationError("--interval-seconds must be 1...86400, got \(intervalSeconds)")
            }
            guard BillingGranularity(rawValue: billing) != nil else { throw ValidationError("--billing must be daily or hourly, got \(billing)") }
            if let end, UTCText.parseDay(end) == nil { throw ValidationError("--end must be a date like 2026-11-01, got \(end)") }
        }

        func run() throws {
            let logger = logging.makeLogger(runId: RunID.make())
            let catalogFile = try ProjectFiles.resolve(catalog, default: "sample-billing/instance-types-aws-us-east-1.csv", what: "instance catalog")
            let schemaFile = try ProjectFiles.resolve(schema, default: "sample-billing/schema.sql", what: "schema file")
            var options = SampleOptions(end: end.flatMap(UTCText.parseDay) ?? CivilCalendar.startOfDay(Date()))
            options.seed = seed
            options.scale = scale
            options.days = days
            options.sampleIntervalSeconds = intervalSeconds
            options.billingGranularity = BillingGranularity(rawValue: billing) ?? .daily
            try ExitCodes.running(logger) {
                let summary = try SampleDatabase.load(
                    database.connectionOptions(), sample: options, catalogFile: catalogFile, schemaFile: schemaFile,
                    replace: replace, logger: logger)
                print("loaded \(summary.resources) resources, \(summary.billingLineItems) billing line items, \(summary.usageSamples) usage samples, \(summary.instanceTypes) instance types in \(String(format: "%.1f", summary.seconds)) s")
            }
        }
    }

    struct ExportFocus: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export-focus",
            abstract: "Write the sample bill as a FOCUS CSV (PascalCase headers) that `costreport import focus` reads back.")

        @OptionGroup var logging: LoggingOptions
        @Option(help: "The output file; a name ending in .gz is gzip-compressed.") var out: String
        @Option(help: "Random seed; the same seed gives the same data.") var seed: UInt64 = 42
        @Option(help: "Multiplies the number of services and resources.") var scale: Int = 1
        @Option(help: "Days of data.") var days: Int = 60
        @Option(help: "Exclusive end date (YYYY-MM-DD, UTC). Default: today, so the data ends yesterday.") var end: String?
        @Option(help: "Billing granularity: daily or hourly.") var billing: String = "daily"
        @Option(help: "The instance catalog CSV. Default: sample-billing/instance-types-aws-us-east-1.csv.") var catalog: String?

        func validate() throws {
            guard scale >= 1, scale <= 1000 else { throw ValidationError("--scale must be 1...1000, got \(scale)") }
            guard days >= 1, days <= 3660 else { throw ValidationError("--days must be 1...3660, got \(days)") }
            guard BillingGranularity(rawValue: billing) != nil else { throw ValidationError("--billing must be daily or hourly, got \(billing)") }
            if let end, UTCText.parseDay(end) == nil { throw ValidationError("--end must be a date like 2026-11-01, got \(end)") }
        }

        func run() throws {
            let logger = logging.makeLogger(runId: RunID.make())
            let catalogFile = try ProjectFiles.resolve(catalog, default: "sample-billing/instance-types-aws-us-east-1.csv", what: "instance catalog")
            var options = SampleOptions(end: end.flatMap(UTCText.parseDay) ?? CivilCalendar.startOfDay(Date()))
            options.seed = seed
            options.scale = scale
            options.days = days
            options.billingGranularity = BillingGranularity(rawValue: billing) ?? .daily
            try ExitCodes.running(logger) {
                let start = Date()
                let rows = try SampleFocusExport.write(
                    sample: options, catalogFile: catalogFile, output: URL(fileURLWithPath: out), logger: logger)
                print("wrote \(rows) FOCUS rows to \(out) in \(String(format: "%.1f", Date().timeIntervalSince(start))) s")
            }
        }
    }
}
