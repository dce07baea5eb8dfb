import CostModel
import Foundation

/// A linear value axis with round ticks (steps of 1, 2, 2.5 or 5 times a power of ten) that always
/// includes zero, computed in `Decimal` so tick labels are exact.
public struct ChartAxis: Sendable, Hashable {
    /// The lowest value on the axis (a multiple of `step`, at most 0).
    public let lower: Decimal
    /// The highest value on the axis (a multiple of `step`, at least 0, greater than `lower`).
    public let upper: Decimal
    /// The distance between ticks (greater than 0).
    public let step: Decimal

    /// An axis covering `values` and zero with about `targetTickCount` intervals (default 5).
    /// No values, or only zeros, give the axis 0…1.
    public init(covering values: [Decimal], targetTickCount: Int = 5) {
        let minimum = min(values.min() ?? 0, 0)
        let maximum = max(values.max() ?? 0, 0)
        let span = maximum - minimum
        guard span > 0 else {
            lower = 0; upper = 1; step = Decimal(string: "0.2")!
            return
        }
        let niceStep = Self.niceStep(span / Decimal(max(1, targetTickCount)))
        step = niceStep
        lower = Self.floor(minimum / niceStep) * niceStep
        upper = Self.ceil(maximum / niceStep) * niceStep
    }

    /// The tick values from `lower` to `upper`, `step` apart.
    public var ticks: [Decimal] {
        var result: [Decimal] = []
        var value = lower
        while value <= upper {
            result.append(value)
            value += step
        }
        return result
    }

    /// Where `value` lies on the axis: 0 at `lower`, 1 at `upper` (not clamped).
    public func fraction(of value: Decimal) -> Double {
        let position = (value - lower) / (upper - lower)
        return NSDecimalNumber(decimal: position).doubleValue
    }

    /// The smallest of 1, 2, 2.5, 5, 10 times a power of ten that is at least `raw` (> 0).
    static func niceStep(_ raw: Decimal) -> Decimal {
        var power: Decimal = 1
        while power > raw { power /= 10 }
        while power * 10 <= raw { power *= 10 }
        let fraction = raw / power
        let multipliers: [Decimal] = [1, 2, Decimal(string: "2.5")!, 5, 10]
        let multiplier = multipliers.first { fraction <= $0 } ?? 10
        return multiplier * power
    }

    static func floor(_ value: Decimal) -> Decimal {
        var result = Money.rounded(value, scale: 0, mode: .down)
        if result > value { result -= 1 }
        return result
    }

    static func ceil(_ value: Decimal) -> Decimal {
        var result = Money.rounded(value, scale: 0, mode: .up)
        if result < value { result += 1 }
        return result
    }
}
