extension UtilizationHistogram {
    /// The `p`-th percentile of the histogram's values, as a utilisation fraction (0.21 = 21%).
    ///
    /// - Parameters:
    ///   - p: the percentile rank in percent, 0...100 (95 = p95); clamped to that range.
    ///   - top: the largest observed value (e.g. `UsageSummary.cpuMax`). Values of 1 and above are
    ///     counted in the last bucket without their exact values; a rank that falls there is
    ///     interpolated between 1 and `top` (1 when `top` is nil or below 1).
    /// - Returns: nil when the histogram is empty or `p` is not finite.
    ///
    /// The rank `p / 100 × total` is located in the cumulative counts and interpolated linearly
    /// within its bucket, so inside `[0, 1)` the error is at most one bucket width (0.5 percentage
    /// points with the 200 buckets the usage query uses). Values below 0 (bucket 0) read as 0.
    public func percentile(_ p: Double, top: Double? = nil) -> Double? {
        let total = self.total
        guard total > 0, p.isFinite, bucketCount > 0 else { return nil }
        let rank = Swift.min(Swift.max(p, 0), 100) / 100 * Double(total)
        let width = 1 / Double(bucketCount)
        var cumulative = 0.0
        for (index, count) in counts.enumerated() where count > 0 {
            let next = cumulative + Double(count)
            if next >= rank {
                let within = Swift.max(0, Swift.min(1, (rank - cumulative) / Double(count)))
                if index == 0 { return 0 }
                if index == counts.count - 1 {
                    let upper = Swift.max(top ?? 1, 1)
                    return 1 + within * (upper - 1)
                }
                return Double(index - 1) * width + within * width
            }
            cumulative = next
        }
        return nil
    }
}
