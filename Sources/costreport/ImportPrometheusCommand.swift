import ArgumentParser
import CivilTime
import Foundation
import PrometheusImport
import PrometheusQuery
import ReportJob

extension ImportCommand {
    /// `costreport import prometheus`: utilisation from the Prometheus HTTP API into `usage_samples`
    /// and `container_usage_samples`.
    struct Prometheus: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read machine and container utilisation from Prometheus (query_range) into usage_samples and container_usage_samples; re-importing a range replaces it.",
            discussion: """
                The PromQL templates, step and server come from the policy file's prometheus section \
                (`costreport config defaults`). Unreachable Prometheus: exit 69, like an unreachable database.
                """)

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions
        @OptionGroup var policy: PolicyOptions
        @Option(help: "The Prometheus base URL (default: prometheus.url of the policy, http://127.0.0.1:9090).") var url: String?
        @Option(help: "First day (YYYY-MM-DD, UTC). Default: the day before --to.") var from: String?
        @Option(help: "Day after the range (YYYY-MM-DD, UTC, exclusive). Default: today, so the range is yesterday.") var to: String?

        func validate() throws {
            if let url {
                guard PrometheusURL.isValid(url) else { throw ValidationError("--url must be an http:// or https:// URL, got \(url)") }
                guard !PrometheusURL.containsPassword(url) else {
                    throw ValidationError("--url must not contain a password (it would be visible in the process list): use prometheus.bearer_token_file")
                }
            }
            let (start, end) = try range(now: Date())
            guard end > start else { throw ValidationError("--from must be before --to (the range is empty)") }
        }

        /// `[from, to)`: the last full UTC day unless given.
        func range(now: Date) throws -> (Date, Date) {
            func day(_ text: String?, _ option: String) throws -> Date? {
                guard let text else { return nil }
                guard let date = UTCText.parseDay(text) else { throw ValidationError("--\(option) must be a date like 2026-11-01, got \(text)") }
                return date
            }
            let from = try day(from, "from"), to = try day(to, "to")
            let end = to ?? from.map { $0.addingTimeInterval(86_400) } ?? CivilCalendar.startOfDay(now)
            return (from ?? end.addingTimeInterval(-86_400), end)
        }

        func run() throws {
            let logger = logging.makeLogger(runId: RunID.make())
            let policyFile = try policy.load()
            var settings = policyFile.prometheus
            if let url { settings.url = url }
            guard !PrometheusURL.containsPassword(settings.url) else {
                throw ValidationError("prometheus.url must not contain a password: use prometheus.bearer_token_file")
            }
            let (start, end) = try range(now: Date())
            var request = PrometheusImportRequest(
                connection: database.connectionOptions(timeoutSeconds: policyFile.job.connectTimeoutSeconds),
                settings: settings, start: start, end: end)
            request.retries = policyFile.job.connectRetries
            request.retryBaseDelaySeconds = policyFile.job.retryBaseDelaySeconds
            try ExitCodes.running(logger) {
                print(try PrometheusImportJob.run(request, logger: logger).line)
            }
        }
    }
}
