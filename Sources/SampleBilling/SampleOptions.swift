import Foundation

/// How finely the sample bill is itemised.
public enum BillingGranularity: String, Sendable, CaseIterable {
    /// One usage line per resource per UTC day (the default; what most FOCUS exports hold).
    case daily
    /// One usage line per resource per hour (for benchmarks: 24 times as many rows).
    case hourly
}

/// The size and shape of the generated sample organisation. The same options always give the same rows.
public struct SampleOptions: Sendable, Hashable {
    /// Seed of the generator (default 42). Different seeds give different sizes, loads and noise;
    /// the planted cases keep their ids and their expected results under every seed.
    public var seed: UInt64 = 42
    /// Multiplies the number of services and resources (1 = the default organisation, >= 400
    /// resources). Copy `k >= 2` repeats every service and resource with the suffix `-c<k>`.
    public var scale: Int = 1
    /// Number of days of data, ending at `end` (exclusive). Default 60, so a 30-day window and its
    /// previous window both have data.
    public var days: Int = 60
    /// Exclusive end of the data, a UTC midnight (a later time of day is truncated to its UTC
    /// midnight). The CLI passes today's UTC midnight (so data ends yesterday); tests pass a fixed date.
    public var end: Date
    /// Usage sampling interval in seconds (default 3600; 300 for 5-minute samples). Object storage
    /// request counts are always daily samples (interval 86400), like S3 storage metrics.
    public var sampleIntervalSeconds: Int = 3600
    /// Billing granularity: `.daily` (default) or `.hourly` (one usage line per resource per hour).
    public var billingGranularity: BillingGranularity = .daily

    public init(
        end: Date, seed: UInt64 = 42, scale: Int = 1, days: Int = 60,
        sampleIntervalSeconds: Int = 3600, billingGranularity: BillingGranularity = .daily
    ) {
        self.end = end; self.seed = seed; self.scale = scale; self.days = days
        self.sampleIntervalSeconds = sampleIntervalSeconds; self.billingGranularity = billingGranularity
    }

    /// Throws when a setting is out of range: `scale` >= 1, `days` >= 1, `sampleIntervalSeconds`
    /// between 1 and 86400.
    public func validate() throws {
        if scale < 1 { throw SampleOptionsError(setting: "scale", message: "must be at least 1, got \(scale)") }
        if days < 1 { throw SampleOptionsError(setting: "days", message: "must be at least 1, got \(days)") }
        if sampleIntervalSeconds < 1 || sampleIntervalSeconds > 86_400 {
            throw SampleOptionsError(
                setting: "sampleIntervalSeconds",
                message: "must be between 1 and 86400 seconds, got \(sampleIntervalSeconds)")
        }
    }

    /// `end` truncated to its UTC midnight, in seconds since 1970.
    var endSeconds: Int64 {
        let seconds = UTCClock.seconds(end)
        return seconds - UTCClock.floorMod(seconds, UTCClock.secondsPerDay)
    }

    /// First instant of the data, `days` before `endSeconds`.
    var startSeconds: Int64 { endSeconds - Int64(days) * UTCClock.secondsPerDay }
}

/// A sample option out of range.
public struct SampleOptionsError: Error, CustomStringConvertible, Sendable {
    /// The option's name, e.g. `scale`.
    public let setting: String
    public let message: String
    public var description: String { "sample option \(setting) \(message)" }
}
