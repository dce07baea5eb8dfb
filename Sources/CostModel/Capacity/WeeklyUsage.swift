import Foundation

/// Utilisation histograms of one resource over one week of the window (queries/usage_weekly_histograms.sql):
/// weeks are counted back from the window's end, `[end − 7(k+1) days, end − 7k days)`.
public struct WeeklyUsage: Sendable, Hashable {
    /// Start of the week (inclusive).
    public var weekStart: Date
    public var cpu: UtilizationHistogram
    public var memory: UtilizationHistogram

    public init(weekStart: Date, cpu: UtilizationHistogram, memory: UtilizationHistogram) {
        self.weekStart = weekStart; self.cpu = cpu; self.memory = memory
    }
}
