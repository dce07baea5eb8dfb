import Foundation

/// What a finding is based on, with the numbers filled in.
public struct FindingEvidence: Sendable, Hashable {
    /// Length of the report window, days.
    public var windowDays: Double
    /// UTC days with usage data; nil when there is no usage data.
    public var daysWithData: Int?
    /// Usage samples; nil when there is no usage data.
    public var samples: Int?
    /// Covered seconds ÷ window seconds, fraction; nil when there is no usage data.
    public var coverage: Double?
    /// The statistic used, e.g. `p95 CPU in service hours`.
    public var percentileName: String?
    /// Its value, fraction.
    public var percentileValue: Double?
    /// Peak CPU, fraction (bursts may exceed 1).
    public var peak: Double?
    /// Last activity: inventory `last_active_at`, else the last usage sample.
    public var lastActiveAt: Date?
    /// Current and recommended size and their catalog on-demand prices per hour.
    public var currentSize: SizeQuote?
    public var recommendedSize: SizeQuote?
    /// The computation, step by step, with its values.
    public var steps: [EvidenceStep]

    public init(
        windowDays: Double, daysWithData: Int? = nil, samples: Int? = nil, coverage: Double? = nil,
        percentileName: String? = nil, percentileValue: Double? = nil, peak: Double? = nil,
        lastActiveAt: Date? = nil, currentSize: SizeQuote? = nil, recommendedSize: SizeQuote? = nil,
        steps: [EvidenceStep]
    ) {
        self.windowDays = windowDays; self.daysWithData = daysWithData; self.samples = samples
        self.coverage = coverage; self.percentileName = percentileName; self.percentileValue = percentileValue
        self.peak = peak; self.lastActiveAt = lastActiveAt; self.currentSize = currentSize
        self.recommendedSize = recommendedSize; self.steps = steps
    }
}

extension FindingEvidence {
    /// The computation in words with its numbers (`FormulaText` of `steps`), e.g.
    /// `needed vCPU = p95 0.21 × 8 vCPU ÷ 0.65 = 2.58 → m5.xlarge (4 vCPU)`.
    public var formula: String { FormulaText.render(steps) }
}

/// A catalog size with its list price.
public struct SizeQuote: Sendable, Hashable {
    public var instanceType: String
    public var vcpus: Decimal
    public var memoryGiB: Decimal
    /// Catalog on-demand price per hour.
    public var hourlyListPrice: Decimal
    public var currency: String

    public init(_ type: InstanceType) {
        instanceType = type.name; vcpus = type.vcpus; memoryGiB = type.memoryGiB
        hourlyListPrice = type.onDemandHourly; currency = type.currency
    }

    /// `m5.2xlarge (8 vCPU, 32 GiB, 0.384 USD/h list)`.
    public var description: String {
        "\(instanceType) (\(NumberText.decimal(vcpus)) vCPU, \(NumberText.decimal(memoryGiB)) GiB, "
            + "\(NumberText.decimal(hourlyListPrice)) \(currency)/h list)"
    }
}
