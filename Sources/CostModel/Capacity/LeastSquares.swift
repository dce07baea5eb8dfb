/// An ordinary least-squares straight line `y = intercept + slope × x`.
public struct LeastSquaresLine: Sendable, Hashable {
    public var intercept: Double
    /// Change of `y` per unit of `x`.
    public var slope: Double

    public init(intercept: Double, slope: Double) {
        self.intercept = intercept; self.slope = slope
    }

    /// The line through `points` that minimises the sum of squared vertical distances:
    /// slope = Σ(x − x̄)(y − ȳ) ÷ Σ(x − x̄)², intercept = ȳ − slope × x̄.
    /// Nil with fewer than two points, non-finite values, or when every x is the same.
    public static func fit(_ points: [(x: Double, y: Double)]) -> LeastSquaresLine? {
        guard points.count >= 2, points.allSatisfy({ $0.x.isFinite && $0.y.isFinite }) else { return nil }
        let n = Double(points.count)
        let meanX = points.reduce(0) { $0 + $1.x } / n
        let meanY = points.reduce(0) { $0 + $1.y } / n
        var sxx = 0.0, sxy = 0.0
        for point in points {
            sxx += (point.x - meanX) * (point.x - meanX)
            sxy += (point.x - meanX) * (point.y - meanY)
        }
        guard sxx > 0 else { return nil }
        let slope = sxy / sxx
        return LeastSquaresLine(intercept: meanY - slope * meanX, slope: slope)
    }

    /// The fitted value at `x`.
    public func value(at x: Double) -> Double { intercept + slope * x }
}
