import Foundation

/// The reporting window: `[start, end)`, both at UTC midnight for date-based windows.
public struct ReportWindow: Sendable, Hashable, Codable {
    public var start: Date
    /// Exclusive end.
    public var end: Date

    public init(start: Date, end: Date) {
        self.start = start
        self.end = end
    }

    /// Length of the window in hours.
    public var hours: Double { end.timeIntervalSince(start) / 3600 }
    /// Length of the window in seconds.
    public var seconds: Double { end.timeIntervalSince(start) }
    /// The window of the same length that ends where this one starts.
    public var previous: ReportWindow {
        ReportWindow(start: start.addingTimeInterval(-seconds), end: start)
    }
}

/// One row of the `resources` inventory table.
public struct Resource: Sendable, Hashable {
    public var id: String
    /// The `kind` column (a kind outside the contract's seven is judged as `other`).
    public var kind: ResourceKind
    public var service: String?
    public var team: String?
    /// As stored; may be outside 1...4 in bad data (the model validates it).
    public var tier: Int?
    public var environment: String?
    public var providerName: String?
    public var regionId: String?
    public var instanceType: String?
    public var vcpus: Decimal?
    public var memoryGiB: Decimal?
    public var storageGiB: Decimal?
    public var storageClass: String?
    public var state: ResourceState?
    public var attachedTo: String?
    /// `on_demand`, `spot` or `committed`.
    public var pricingModel: PricingModel?
    public var createdAt: Date?
    public var lastActiveAt: Date?
    public var tags: [String: String]

    public init(
        id: String, kind: ResourceKind, service: String? = nil, team: String? = nil, tier: Int? = nil,
        environment: String? = nil, providerName: String? = nil, regionId: String? = nil,
        instanceType: String? = nil, vcpus: Decimal? = nil, memoryGiB: Decimal? = nil,
        storageGiB: Decimal? = nil, storageClass: String? = nil, state: ResourceState? = nil,
        attachedTo: String? = nil, pricingModel: PricingModel? = nil, createdAt: Date? = nil,
        lastActiveAt: Date? = nil, tags: [String: String] = [:]
    ) {
        self.id = id; self.kind = kind; self.service = service; self.team = team; self.tier = tier
        self.environment = environment; self.providerName = providerName; self.regionId = regionId
        self.instanceType = instanceType; self.vcpus = vcpus; self.memoryGiB = memoryGiB
        self.storageGiB = storageGiB; self.storageClass = storageClass; self.state = state
        self.attachedTo = attachedTo; self.pricingModel = pricingModel; self.createdAt = createdAt
        self.lastActiveAt = lastActiveAt; self.tags = tags
    }
}

/// Billing line items aggregated in PostgreSQL: one row per account, invoice, currency, charge
/// category, resource, provider service, pricing category, tags and UTC day of `charge_period_start`.
/// Sums are exact (`numeric` read as text).
public struct ChargeGroup: Sendable, Hashable {
    /// Everything but the day and the amounts. The groups read from the database share one
    /// instance per distinct set (a resource's days), and the aggregations sum a set's days once.
    public let dimensions: ChargeDimensions
    /// UTC midnight of the day of `charge_period_start`.
    public var day: Date
    public var billedCost: Decimal
    public var effectiveCost: Decimal
    public var listCost: Decimal
    /// Number of billing line items in this group.
    public var lineCount: Int
    /// Hours of usage covered by the group's lines (sum of charge period lengths), for rates.
    public var chargeHours: Double

    public var billingAccountId: String { dimensions.billingAccountId }
    public var invoiceId: String? { dimensions.invoiceId }
    public var currency: String { dimensions.currency }
    /// FOCUS ChargeCategory: Usage | Purchase | Tax | Credit | Adjustment.
    public var chargeCategory: ChargeCategory { dimensions.chargeCategory }
    /// `nil` for charges with no resource (taxes, support, account credits): shared cost.
    public var resourceId: String? { dimensions.resourceId }
    /// The provider's service (FOCUS ServiceName), e.g. "Amazon EC2".
    public var serviceName: String? { dimensions.serviceName }
    public var serviceCategory: String? { dimensions.serviceCategory }
    /// FOCUS PricingCategory: Standard | Dynamic | Committed.
    public var pricingCategory: PricingCategory? { dimensions.pricingCategory }
    public var tags: [String: String] { dimensions.tags }

    public init(
        billingAccountId: String, invoiceId: String? = nil, currency: String, chargeCategory: ChargeCategory,
        resourceId: String? = nil, serviceName: String? = nil, serviceCategory: String? = nil,
        pricingCategory: PricingCategory? = nil, day: Date, tags: [String: String] = [:],
        billedCost: Decimal, effectiveCost: Decimal, listCost: Decimal, lineCount: Int = 1,
        chargeHours: Double = 0
    ) {
        self.init(
            dimensions: ChargeDimensions(
                billingAccountId: billingAccountId, invoiceId: invoiceId, currency: currency, chargeCategory: chargeCategory,
                resourceId: resourceId, serviceName: serviceName, serviceCategory: serviceCategory,
                pricingCategory: pricingCategory, tags: tags),
            day: day, billedCost: billedCost, effectiveCost: effectiveCost, listCost: listCost, lineCount: lineCount,
            chargeHours: chargeHours)
    }

    public init(
        dimensions: ChargeDimensions, day: Date, billedCost: Decimal, effectiveCost: Decimal, listCost: Decimal,
        lineCount: Int = 1, chargeHours: Double = 0
    ) {
        self.dimensions = dimensions; self.day = day; self.billedCost = billedCost; self.effectiveCost = effectiveCost
        self.listCost = listCost; self.lineCount = lineCount; self.chargeHours = chargeHours
    }
}

/// What a charge group has in common with the other days of its resource. Equal and hashed by
/// value; a class so that a resource's days share it (one reference per group instead of six,
/// and the aggregations find a set's other days by the instance).
public final class ChargeDimensions: Sendable, Hashable {
    public let billingAccountId: String
    public let invoiceId: String?
    public let currency: String
    public let chargeCategory: ChargeCategory
    public let resourceId: String?
    public let serviceName: String?
    public let serviceCategory: String?
    public let pricingCategory: PricingCategory?
    public let tags: [String: String]

    public init(
        billingAccountId: String, invoiceId: String?, currency: String, chargeCategory: ChargeCategory,
        resourceId: String?, serviceName: String?, serviceCategory: String?, pricingCategory: PricingCategory?,
        tags: [String: String]
    ) {
        self.billingAccountId = billingAccountId; self.invoiceId = invoiceId; self.currency = currency
        self.chargeCategory = chargeCategory; self.resourceId = resourceId; self.serviceName = serviceName
        self.serviceCategory = serviceCategory; self.pricingCategory = pricingCategory; self.tags = tags
    }

    public static func == (a: ChargeDimensions, b: ChargeDimensions) -> Bool {
        a === b || (a.billingAccountId == b.billingAccountId && a.invoiceId == b.invoiceId && a.currency == b.currency
            && a.chargeCategory == b.chargeCategory && a.resourceId == b.resourceId && a.serviceName == b.serviceName
            && a.serviceCategory == b.serviceCategory && a.pricingCategory == b.pricingCategory && a.tags == b.tags)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(billingAccountId); hasher.combine(invoiceId); hasher.combine(currency); hasher.combine(chargeCategory)
        hasher.combine(resourceId); hasher.combine(serviceName); hasher.combine(serviceCategory)
        hasher.combine(pricingCategory); hasher.combine(tags)
    }
}

/// One buyable size from the `instance_types` catalog.
public struct InstanceType: Sendable, Hashable {
    public var providerName: String
    public var regionId: String
    public var name: String
    public var family: String
    public var vcpus: Decimal
    public var memoryGiB: Decimal
    public var arch: String?
    public var onDemandHourly: Decimal
    public var currency: String

    public init(
        providerName: String, regionId: String, name: String, family: String, vcpus: Decimal,
        memoryGiB: Decimal, arch: String?, onDemandHourly: Decimal, currency: String
    ) {
        self.providerName = providerName; self.regionId = regionId; self.name = name
        self.family = family; self.vcpus = vcpus; self.memoryGiB = memoryGiB; self.arch = arch
        self.onDemandHourly = onDemandHourly; self.currency = currency
    }
}

/// A histogram of a utilisation fraction, computed in SQL with `width_bucket(value, 0, 1, n)`:
/// bucket 0 counts values below 0, buckets 1...n cover `[ (i-1)/n, i/n )`, bucket n+1 counts values
/// of 1 and above (bursts). `counts` has n + 2 entries, 32-bit: a report holds a histogram per
/// resource and week, and 64-bit counts were 37 MB of a 15-minute report's peak (BENCHMARKS.md).
/// A bucket counts at most 4,294,967,295 samples (136 years of one resource's 1-second samples).
public struct UtilizationHistogram: Sendable, Hashable {
    public var counts: [UInt32]

    public init(bucketCount: Int) { counts = Array(repeating: 0, count: bucketCount + 2) }
    public init(counts: [UInt32]) { self.counts = counts }

    public var bucketCount: Int { counts.count - 2 }
    public var total: Int { counts.reduce(0) { $0 + Int($1) } }

    /// Adds `count` (≥ 0) samples to the bucket (clamped into the histogram).
    @inlinable
    public mutating func add(bucket: Int, count: Int) {
        let index = min(max(bucket, 0), counts.count - 1)
        counts[index] = UInt32(clamping: Int(counts[index]) + count)
    }
}

/// Utilisation of one resource on one UTC day.
public struct DailyUsage: Sendable, Hashable {
    public var day: Date
    public var samples: Int
    public var coveredSeconds: Double
    /// Time-weighted mean CPU fraction (0...1) over the day's samples; nil if no CPU values.
    public var cpuAverage: Double?
    public var cpuMax: Double?
    /// Sum of `network_bytes` over the day.
    public var networkBytes: Double?
    public var diskIopsAverage: Double?
    /// Sum of `requests` over the day.
    public var requests: Double?
    /// Maximum of `connections` over the day.
    public var connectionsMax: Double?

    public init(
        day: Date, samples: Int, coveredSeconds: Double, cpuAverage: Double? = nil, cpuMax: Double? = nil,
        networkBytes: Double? = nil, diskIopsAverage: Double? = nil, requests: Double? = nil,
        connectionsMax: Double? = nil
    ) {
        self.day = day; self.samples = samples; self.coveredSeconds = coveredSeconds
        self.cpuAverage = cpuAverage; self.cpuMax = cpuMax; self.networkBytes = networkBytes
        self.diskIopsAverage = diskIopsAverage; self.requests = requests; self.connectionsMax = connectionsMax
    }
}

/// Mean CPU of one resource in one hour of the week (in the policy's time zone).
public struct HourOfWeekUsage: Sendable, Hashable {
    /// ISO day of week, 1 = Monday ... 7 = Sunday.
    public var isoWeekday: Int
    /// 0...23.
    public var hour: Int
    public var samples: Int
    public var cpuAverage: Double?

    public init(isoWeekday: Int, hour: Int, samples: Int, cpuAverage: Double?) {
        self.isoWeekday = isoWeekday; self.hour = hour; self.samples = samples; self.cpuAverage = cpuAverage
    }
}

/// Everything the job knows about one resource's utilisation over the window, aggregated in SQL.
public struct UsageSummary: Sendable, Hashable {
    public var resourceId: String
    public var sampleCount: Int
    /// Sum of `interval_seconds` of the samples (clipped to the window).
    public var coveredSeconds: Double
    public var firstSample: Date?
    public var lastSample: Date?
    public var cpuMax: Double?
    public var memoryMax: Double?
    /// CPU histogram over all samples.
    public var cpu: UtilizationHistogram
    /// CPU histogram over samples inside the service hours given to the usage query.
    public var cpuInServiceHours: UtilizationHistogram
    public var memory: UtilizationHistogram
    /// Samples with non-finite (NaN, infinite) utilisation values, left out of the statistics.
    public var invalidSamples: Int
    public var days: [DailyUsage]
    public var hourOfWeek: [HourOfWeekUsage]

    public init(
        resourceId: String, sampleCount: Int = 0, coveredSeconds: Double = 0, firstSample: Date? = nil,
        lastSample: Date? = nil, cpuMax: Double? = nil, memoryMax: Double? = nil,
        cpu: UtilizationHistogram = UtilizationHistogram(bucketCount: 200),
        cpuInServiceHours: UtilizationHistogram = UtilizationHistogram(bucketCount: 200),
        memory: UtilizationHistogram = UtilizationHistogram(bucketCount: 200),
        invalidSamples: Int = 0, days: [DailyUsage] = [], hourOfWeek: [HourOfWeekUsage] = []
    ) {
        self.resourceId = resourceId; self.sampleCount = sampleCount; self.coveredSeconds = coveredSeconds
        self.firstSample = firstSample; self.lastSample = lastSample; self.cpuMax = cpuMax
        self.memoryMax = memoryMax; self.cpu = cpu; self.cpuInServiceHours = cpuInServiceHours
        self.memory = memory; self.invalidSamples = invalidSamples; self.days = days
        self.hourOfWeek = hourOfWeek
    }
}

/// Everything the pipeline loaded for one run. Its size depends on the number of resources, days
/// and services, never on the number of billing rows or usage samples (those stay in PostgreSQL).
public struct LoadedData: Sendable {
    public var window: ReportWindow
    public var charges: [ChargeGroup]
    /// Charges of the previous window of the same length (for the change against it).
    public var previousCharges: [ChargeGroup]
    public var resources: [Resource]
    public var usage: [UsageSummary]
    public var catalog: [InstanceType]
    /// CPU and memory histograms per resource and full week of the window (capacity forecast).
    public var weeklyUsage: [String: [WeeklyUsage]] = [:]
    /// Requests per resource in the previous window (unit costs).
    public var previousRequests: [String: Double] = [:]
    /// Utilisation per commitment and coverage per billing account in the window.
    public var commitments: Commitments = Commitments()
    /// Containers' usage statistics (`container_usage_samples`), for the request findings.
    public var containers: [ContainerUsageSummary] = []

    public init(
        window: ReportWindow, charges: [ChargeGroup], previousCharges: [ChargeGroup] = [],
        resources: [Resource], usage: [UsageSummary], catalog: [InstanceType]
    ) {
        self.window = window; self.charges = charges; self.previousCharges = previousCharges
        self.resources = resources; self.usage = usage; self.catalog = catalog
    }
}
