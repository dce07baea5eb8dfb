import CostModel

/// Settings of the nightly run itself (the `job` section of the policy file).
public struct JobSettings: Sendable, Codable, Hashable {
    /// Longest a single query may run, seconds (PostgreSQL `statement_timeout`). Default 600.
    public var statementTimeoutSeconds: Int = 600
    /// Dated report folders kept in the output folder; older ones are removed. Default 90.
    public var retentionRuns: Int = 90
    /// Retries of a connection that failed for a reason a retry may fix. Default 3.
    public var connectRetries: Int = 3
    /// First retry delay, seconds; doubles each retry. Default 1.
    public var retryBaseDelaySeconds: Double = 1
    /// Seconds libpq waits for a connection. Default 10.
    public var connectTimeoutSeconds: Int = 10
    /// `work_mem` of the run's own transaction, MiB (`SET LOCAL`; the server's setting is not
    /// changed). Enough for the usage aggregates to hash in memory. Default 64 (measured: larger
    /// values make PostgreSQL 15 switch the hourly aggregate to a slower sort; BENCHMARKS.md).
    public var workMemMegabytes: Int = 64
    /// Read charges and usage from the rollup tables (`costreport db rollups`) when they are
    /// installed, their triggers enabled and their histogram settings those of the policy.
    /// Default true; false always reads the raw tables.
    public var useRollups: Bool = true

    public init() {}

    enum CodingKeys: String, CodingKey {
        case statementTimeoutSeconds = "statement_timeout_seconds", retentionRuns = "retention_runs"
        case connectRetries = "connect_retries", retryBaseDelaySeconds = "retry_base_delay_seconds"
        case connectTimeoutSeconds = "connect_timeout_seconds", workMemMegabytes = "work_mem_megabytes"
        case useRollups = "use_rollups"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = JobSettings()
        func atLeast(_ key: CodingKeys, _ minimum: Int, default value: Int) throws -> Int {
            try c.setting(key, default: value, rule: "at least \(minimum)", isValid: { $0 >= minimum })
        }
        statementTimeoutSeconds = try atLeast(.statementTimeoutSeconds, 1, default: defaults.statementTimeoutSeconds)
        retentionRuns = try atLeast(.retentionRuns, 1, default: defaults.retentionRuns)
        connectRetries = try atLeast(.connectRetries, 0, default: defaults.connectRetries)
        retryBaseDelaySeconds = try c.setting(
            .retryBaseDelaySeconds, default: defaults.retryBaseDelaySeconds, rule: "a finite number ≥ 0",
            isValid: SettingRule.nonNegative)
        connectTimeoutSeconds = try atLeast(.connectTimeoutSeconds, 1, default: defaults.connectTimeoutSeconds)
        workMemMegabytes = try atLeast(.workMemMegabytes, 1, default: defaults.workMemMegabytes)
        useRollups = try c.setting(.useRollups, default: defaults.useRollups)
    }
}
