import Foundation
import Testing
import TestSupport
@testable import CostModel

@Suite struct PercentileTests {
    /// Nearest-rank percentile of sorted values.
    func exact(_ sorted: [Double], _ p: Double) -> Double {
        let rank = max(1, Int((p / 100 * Double(sorted.count)).rounded(.up)))
        return sorted[rank - 1]
    }

    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func histogramPercentilesAreWithinOnePointOfExact(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let count = Int.random(in: 50...5000, using: &rng)
        let shape = Double.random(in: 0.5...4, using: &rng)
        let values = (0..<count).map { _ in pow(Double.random(in: 0..<1, using: &rng), shape) * 0.999 }
        let histogram = Fixture.histogram(values)
        let sorted = values.sorted()
        for p in [50.0, 90, 95, 99, 100] {
            let estimate = histogram.percentile(p, top: sorted.last)!
            #expect(abs(estimate - exact(sorted, p)) <= 0.01, "p\(p): \(estimate) vs \(exact(sorted, p))")
        }
    }

    @Test func emptyHistogramHasNoPercentile() {
        #expect(UtilizationHistogram(bucketCount: 200).percentile(95) == nil)
    }

    @Test func burstBucketInterpolatesUpToTheMaximum() {
        let histogram = Fixture.histogram([0.5, 1.2, 1.4, 1.5])
        #expect(histogram.percentile(100, top: 1.5) == 1.5)
        #expect(histogram.percentile(100) == 1)
        let mid = histogram.percentile(62.5, top: 1.5)!
        #expect(mid > 1 && mid < 1.5)
    }

    @Test func valuesBelowZeroReadAsZero() {
        #expect(Fixture.histogram([-0.1, -0.2, 0.5]).percentile(50) == 0)
    }
}
