import Foundation
import Testing
@testable import CostModel

@Suite struct CapacityForecastTests {
    static let end = Fixture.start.addingTimeInterval(28 * 86_400)
    static let window = ReportWindow(start: Fixture.start, end: end)

    /// Weeks ending at the window's end with every sample at the given CPU (and memory 0.3).
    static func weeks(_ cpu: [Double], memory: Double = 0.3) -> [WeeklyUsage] {
        cpu.enumerated().map { index, value in
            WeeklyUsage(weekStart: end.addingTimeInterval(Double(index - cpu.count) * 7 * 86_400),
                        cpu: Fixture.histogram(Array(repeating: value, count: 100)),
                        memory: Fixture.histogram(Array(repeating: memory, count: 100)))
        }
    }

    func forecast(_ cpu: [Double], tier: Int = 1, settings: CapacitySettings = CapacitySettings()) -> CapacityForecast? {
        CapacityForecaster.forecasts(
            weekly: ["i-1": Self.weeks(cpu)], resources: [Fixture.compute("i-1", tier: tier)], ownership: [:],
            window: Self.window, settings: settings, scaling: ScalingMatrix()).first { $0.metric == .cpu }
    }

    @Test func leastSquaresAgainstAHandComputedLine() throws {
        // x 0 1 2 3, y 0.40 0.50 0.45 0.55: x̄ 1.5, ȳ 0.475, Sxy 0.2, Sxx 5 → slope 0.04, intercept 0.415.
        let line = try #require(LeastSquaresLine.fit([(0, 0.40), (1, 0.50), (2, 0.45), (3, 0.55)]))
        #expect(abs(line.slope - 0.04) < 1e-12 && abs(line.intercept - 0.415) < 1e-12)
        // Syy = 0.005625 + 0.000625 + 0.000625 + 0.005625 = 0.0125; R² = 0.2² ÷ (5 × 0.0125) = 0.64.
        #expect(abs(line.rSquared - 0.64) < 1e-12)
        #expect(LeastSquaresLine.fit([(1, 0.4), (1, 0.5)]) == nil, "no spread in x")
        #expect(LeastSquaresLine.fit([(1, 0.4)]) == nil)
    }

    @Test func aGrowingResourceReachesItsThreshold() throws {
        // Weekly p95 read from the histograms: value + 0.95 × 0.005 (inside the bucket) = 0.40475,
        // 0.45475, 0.50475, 0.55475 at x = −24.5, −17.5, −10.5, −3.5 days: slope 0.05 a week, fitted
        // at the end 0.57975; (0.70 − 0.57975) ÷ (0.05 ÷ 7) = 16.835 days.
        let f = try #require(forecast([0.40, 0.45, 0.50, 0.55]))
        #expect(abs(f.weeklyTrend - 0.05) < 1e-9)
        #expect(abs(f.currentP95 - 0.55475) < 1e-9)
        #expect(abs(f.fittedAtEnd - 0.57975) < 1e-9)
        #expect(abs(try #require(f.daysToThreshold) - 16.835) < 1e-6)
        #expect(f.threshold == 0.70 && f.weeklyP95.count == 4)
    }

    @Test func flatFallingAndSlowTrendsHaveNoDate() throws {
        #expect(try #require(forecast([0.5, 0.5, 0.5, 0.5])).daysToThreshold == nil)
        #expect(try #require(forecast([0.6, 0.55, 0.5, 0.45])).daysToThreshold == nil)
        // 0.008 a week is under the 0.01 minimum trend.
        #expect(try #require(forecast([0.3, 0.308, 0.316, 0.324])).daysToThreshold == nil)
        // Rising 0.04 a week on average, but noise (R² 0.64 < 0.8).
        #expect(try #require(forecast([0.40, 0.50, 0.45, 0.55])).daysToThreshold == nil)
        // Crossing beyond the 365-day horizon.
        #expect(try #require(forecast([0.10, 0.11, 0.12, 0.13])).daysToThreshold == nil)
    }

    @Test func alreadyAboveIsZeroDays() throws {
        #expect(try #require(forecast([0.70, 0.75, 0.80, 0.85])).daysToThreshold == 0)
    }

    @Test func needsThreeFullWeeks() {
        #expect(forecast([0.4, 0.5]) == nil)
        #expect(forecast([0.4, 0.5, 0.6]) != nil)
        // A week starting before the window is partial and left out.
        let weeks = Self.weeks([0.3, 0.4, 0.5, 0.6, 0.7])
        let rows = CapacityForecaster.forecasts(
            weekly: ["i-1": weeks], resources: [Fixture.compute("i-1")], ownership: [:], window: Self.window,
            settings: CapacitySettings(), scaling: ScalingMatrix())
        #expect(rows.first { $0.metric == .cpu }?.weeklyP95.count == 4)
    }

    @Test func memoryUsesItsOwnThresholdAndTierOneComesFirst() throws {
        let rows = CapacityForecaster.forecasts(
            weekly: ["a-tier2": Self.weeks([0.4, 0.45, 0.5, 0.55]), "z-tier1": Self.weeks([0.1, 0.1, 0.1, 0.1])],
            resources: [Fixture.compute("a-tier2", tier: 2), Fixture.compute("z-tier1", tier: 1)], ownership: [:],
            window: Self.window, settings: CapacitySettings(), scaling: ScalingMatrix())
        #expect(rows.map(\.resourceId) == ["z-tier1", "z-tier1", "a-tier2", "a-tier2"])
        #expect(rows.first { $0.metric == .memory }?.threshold == 0.80)
    }
}
