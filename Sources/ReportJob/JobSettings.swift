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
        statementTimeoutSeconds = try c.decodeIfPresent(Int.self, forKey: .statementTimeoutSeconds) ?? defaults.statementTimeoutSeconds
        retentionRuns = try c.decodeIfPresent(Int.self, forKey: .retentionRuns) ?? defaults.retentionRuns
        connectRetries = try c.decodeIfPresent(Int.self, forKey: .connectRetries) ?? defaults.connectRetries
        retryBaseDelaySeconds = try c.decodeIfPresent(Double.self, forKey: .retryBaseDelaySeconds) ?? defaults.retryBaseDelaySeconds
        connectTimeoutSeconds = try c.decodeIfPresent(Int.self, forKey: .connectTimeoutSeconds) ?? defaults.connectTimeoutSeconds
        workMemMegabytes = try c.decodeIfPresent(Int.self, forKey: .workMemMegabytes) ?? defaults.workMemMegabytes
        useRollups = try c.decodeIfPresent(Bool.self, forKey: .useRollups) ?? defaults.useRollups
        for (key, value, minimum) in [
            (CodingKeys.statementTimeoutSeconds, statementTimeoutSeconds, 1), (.retentionRuns, retentionRuns, 1),
            (.connectRetries, connectRetries, 0), (.connectTimeoutSeconds, connectTimeoutSeconds, 1),
            (.workMemMegabytes, workMemMegabytes, 1),
        ] where value < minimum {
            throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "must be at least \(minimum), got \(value)")
        }
        guard retryBaseDelaySeconds >= 0 else {
            throw DecodingError.dataCorruptedError(forKey: .retryBaseDelaySeconds, in: c, debugDescription: "must not be negative")
        }
    }
}
