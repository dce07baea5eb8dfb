import Foundation

/// A number (or name) in a finding's computation, with the way the formula writes it.
public enum EvidenceValue: Sendable, Hashable {
    /// A measured or derived quantity, at most `digits` decimals: `2.62`.
    case number(Double, digits: Int = 2)
    /// An exact Decimal (catalog sizes and prices, settings): `0.384`.
    case exact(Decimal)
    /// A Decimal rounded to `digits` decimals: `0.5417`.
    case rounded(Decimal, digits: Int)
    /// A fraction written as percent with at most `digits` decimals: `21.3%`.
    case percent(Double, digits: Int = 2)
    /// An amount rounded to the currency's minor unit: `140.16 USD`.
    case money(Decimal, currency: String)
    /// A count: `12`.
    case count(Int)
    /// A name: an instance type, a storage class, a time zone.
    case name(String)

    /// The value as the formula writes it (`NumberText`, locale independent).
    public var text: String {
        switch self {
        case .number(let value, let digits): return NumberText.decimal(value, digits: digits)
        case .exact(let value): return NumberText.decimal(value)
        case .rounded(let value, let digits): return NumberText.decimal(value, digits: digits)
        case .percent(let fraction, let digits): return NumberText.percent(fraction, digits: digits)
        case .money(let amount, let currency): return NumberText.money(amount, currency)
        case .count(let value): return String(value)
        case .name(let name): return name
        }
    }
}

/// One step of a finding's computation: words and the values they join, e.g.
/// `needed vCPU = p95 CPU 0.213 × 8 vCPU ÷ 0.65 = 2.62`. Written with string interpolation,
/// whose interpolated values stay values (`\(.percent(cpu))`).
public struct EvidenceStep: Sendable, Hashable, ExpressibleByStringInterpolation {
    /// Words or a value.
    public enum Term: Sendable, Hashable {
        case words(String)
        case value(EvidenceValue)
    }

    public var terms: [Term]
    /// What joins the step to the one before it in the formula: `"; "`, or `" "` for a step that
    /// continues the previous one (`→ m5.large ...`).
    public var joiner: String

    public init(_ terms: [Term], joiner: String = "; ") {
        self.terms = terms
        self.joiner = joiner
    }

    public init(stringLiteral value: String) { self.init([.words(value)]) }

    public init(stringInterpolation: StringInterpolation) { self.init(stringInterpolation.terms) }

    /// One step written in two pieces (for long lines): `a`'s terms, then `b`'s.
    public static func + (a: EvidenceStep, b: EvidenceStep) -> EvidenceStep { EvidenceStep(a.terms + b.terms, joiner: a.joiner) }

    /// The same step, joined to the previous one by `joiner`.
    public func joined(by joiner: String) -> EvidenceStep { EvidenceStep(terms, joiner: joiner) }

    /// The values of the step, in order.
    public var values: [EvidenceValue] {
        terms.compactMap { if case .value(let value) = $0 { return value } else { return nil } }
    }

    public struct StringInterpolation: StringInterpolationProtocol {
        var terms: [Term] = []

        public init(literalCapacity: Int, interpolationCount: Int) {}

        public mutating func appendLiteral(_ literal: String) {
            if !literal.isEmpty { terms.append(.words(literal)) }
        }

        public mutating func appendInterpolation(_ value: EvidenceValue) { terms.append(.value(value)) }

        /// A name (instance type, class, statistic).
        public mutating func appendInterpolation(_ name: String) { terms.append(.value(.name(name))) }

        /// A count (days, hours, samples).
        public mutating func appendInterpolation(_ count: Int) { terms.append(.value(.count(count))) }
    }
}

/// The one writer of formula text: a finding's steps in order, each value as `EvidenceValue.text`
/// writes it. The CSV `formula` column and the report both show this text.
public enum FormulaText {
    public static func render(_ steps: [EvidenceStep]) -> String {
        var text = ""
        for (index, step) in steps.enumerated() {
            if index > 0 { text += step.joiner }
            for term in step.terms {
                switch term {
                case .words(let words): text += words
                case .value(let value): text += value.text
                }
            }
        }
        return text
    }
}

/// A finding's monthly saving and the share of cost the action leaves, computed once, with the
/// steps that show the computation (so the number and its explanation cannot differ).
struct SavingComputation {
    var monthlySavings: Decimal
    var remainingCostFactor: Decimal
    var steps: [EvidenceStep]

    /// No saving (insufficient data, upsizing without a larger size): nothing to show.
    static let none = SavingComputation(monthlySavings: 0, remainingCostFactor: 1, steps: [])
}
