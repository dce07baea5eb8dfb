/// An ordinary least-squares straight line `y = intercept + slope × x`.
public struct LeastSquaresLine: Sendable, Hashable {
    public var intercept: Double
    /// Change of `y` per unit of `x`.
    public var slope: Double
    /// Coefficient of determination R² = Sxy² ÷ (Sxx × Syy), 0...1: the share of the variance of
    /// `y` the line explains (1 when every y is the same: nothing is left to explain).
    public var rSquared: Double

    public init(intercept: Double, slope: Double, rSquared: Double = 1) {
        self.intercept = intercept; self.slope = slope; self.rSquared = rSquared
    }

    /// The line through `points` that minimises the sum of squared vertical distances:
    /// slope = Σ(x − x̄)(y − ȳ) ÷ Σ(x − x̄)², intercept = ȳ − slope × x̄.
    /// Nil with fewer than two points, non-finite values, or when every x is the same.
    public static func fit(_ points: [(x: Double, y: Double)]) -> LeastSquaresLine? {
        guard points.count >= 2, points.allSatisfy({ $0.x.isFinite && $0.y.isFinite }) else { return nil }
        let n = Double(points.count)
        let meanX = points.reduce(0) { $0 + $1.x } / n
        let meanY = points.reduce(0) { $0 + $1.y } / n
        var sxx = 0.0, sxy = 0.0, syy = 0.0
        for point in points {
            sxx += (point.x - meanX) * (point.x - meanX)
            sxy += (point.x - meanX) * (point.y - meanY)
            syy += (point.y - meanY) * (point.y - meanY)
        }
        guard sxx > 0 else { return nil }
        let slope = sxy / sxx
        return LeastSquaresLine(intercept: meanY - slope * meanX, slope: slope,
                                rSquared: syy > 0 ? sxy * sxy / (sxx * syy) : 1)
    }

    /// The fitted value at `x`.
    public func value(at x: Double) -> Double { intercept + slope * x }
}
