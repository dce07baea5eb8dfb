import Foundation

/// One row of `billing_line_items`, exactly as the data contract defines it (FOCUS names).
/// Used to load data (sample generator, imports); the report reads aggregates instead.
public struct BillingLineItem: Sendable, Hashable {
    public var billingAccountId: String
    public var subAccountId: String?
    public var invoiceId: String?
    public var providerName: String
    public var billingPeriodStart: Date
    public var billingPeriodEnd: Date
    public var chargePeriodStart: Date
    public var chargePeriodEnd: Date
    public var chargeCategory: String
    public var chargeDescription: String?
    public var serviceName: String?
    public var serviceCategory: String?
    public var resourceId: String?
    public var resourceName: String?
    public var resourceType: String?
    public var regionId: String?
    public var skuId: String?
    public var pricingCategory: String?
    public var pricingUnit: String?
    public var pricingQuantity: Decimal?
    public var consumedUnit: String?
    public var consumedQuantity: Decimal?
    public var listCost: Decimal
    public var contractedCost: Decimal?
    public var effectiveCost: Decimal
    public var billedCost: Decimal
    public var billingCurrency: String
    public var commitmentDiscountId: String?
    public var tags: [String: String]
    // DESIGN.md §2.1: nullable FOCUS columns (set after init where known).
    /// FOCUS ChargeClass: nil, or `Correction` for a correction of an earlier billing period.
    public var chargeClass: String?
    /// FOCUS ChargeFrequency: One-Time | Recurring | Usage-Based.
    public var chargeFrequency: String?
    /// FOCUS CommitmentDiscountCategory: Spend | Usage.
    public var commitmentDiscountCategory: String?
    /// FOCUS CommitmentDiscountType, e.g. "Savings Plan".
    public var commitmentDiscountType: String?
    /// FOCUS CommitmentDiscountStatus: Used | Unused.
    public var commitmentDiscountStatus: String?
    public var listUnitPrice: Decimal?
    public var contractedUnitPrice: Decimal?
    public var skuPriceId: String?
    public var availabilityZone: String?
    public var subAccountName: String?
    public var billingAccountName: String?

    public init(
        billingAccountId: String, subAccountId: String? = nil, invoiceId: String? = nil,
        providerName: String, billingPeriodStart: Date, billingPeriodEnd: Date,
        chargePeriodStart: Date, chargePeriodEnd: Date, chargeCategory: String,
        chargeDescription: String? = nil, serviceName: String? = nil, serviceCategory: String? = nil,
        resourceId: String? = nil, resourceName: String? = nil, resourceType: String? = nil,
        regionId: String? = nil, skuId: String? = nil, pricingCategory: String? = nil,
        pricingUnit: String? = nil, pricingQuantity: Decimal? = nil, consumedUnit: String? = nil,
        consumedQuantity: Decimal? = nil, listCost: Decimal, contractedCost: Decimal? = nil,
        effectiveCost: Decimal, billedCost: Decimal, billingCurrency: String,
        commitmentDiscountId: String? = nil, tags: [String: String] = [:]
    ) {
        self.billingAccountId = billingAccountId; self.subAccountId = subAccountId
        self.invoiceId = invoiceId; self.providerName = providerName
        self.billingPeriodStart = billingPeriodStart; self.billingPeriodEnd = billingPeriodEnd
        self.chargePeriodStart = chargePeriodStart; self.chargePeriodEnd = chargePeriodEnd
        self.chargeCategory = chargeCategory; self.chargeDescription = chargeDescription
        self.serviceName = serviceName; self.serviceCategory = serviceCategory
        self.resourceId = resourceId; self.resourceName = resourceName; self.resourceType = resourceType
        self.regionId = regionId; self.skuId = skuId; self.pricingCategory = pricingCategory
        self.pricingUnit = pricingUnit; self.pricingQuantity = pricingQuantity
        self.consumedUnit = consumedUnit; self.consumedQuantity = consumedQuantity
        self.listCost = listCost; self.contractedCost = contractedCost
        self.effectiveCost = effectiveCost; self.billedCost = billedCost
        self.billingCurrency = billingCurrency; self.commitmentDiscountId = commitmentDiscountId
        self.tags = tags
    }
}

/// One row of `usage_samples`.
public struct UsageSample: Sendable, Hashable {
    public var resourceId: String
    public var sampledAt: Date
    public var intervalSeconds: Int
    public var cpuUtilization: Float?
    public var memoryUtilization: Float?
    public var networkBytes: Double?
    public var diskIops: Float?
    public var requests: Double?
    public var connections: Float?

    public init(
        resourceId: String, sampledAt: Date, intervalSeconds: Int, cpuUtilization: Float? = nil,
        memoryUtilization: Float? = nil, networkBytes: Double? = nil, diskIops: Float? = nil,
        requests: Double? = nil, connections: Float? = nil
    ) {
        self.resourceId = resourceId; self.sampledAt = sampledAt; self.intervalSeconds = intervalSeconds
        self.cpuUtilization = cpuUtilization; self.memoryUtilization = memoryUtilization
        self.networkBytes = networkBytes; self.diskIops = diskIops; self.requests = requests
        self.connections = connections
    }
}

/// One row of `container_usage_samples` (DESIGN.md §2.2): one container over one sampling interval.
public struct ContainerUsageSample: Sendable, Hashable {
    public var cluster: String
    public var namespace: String
    /// `Deployment`, `StatefulSet`, `DaemonSet`, `Job`, `CronJob`, `Pod` (no owner), or another
    /// controller's kind as Kubernetes names it.
    public var workloadKind: String?
    /// The owning controller's name (a ReplicaSet resolved to its Deployment; the pod's name for `Pod`).
    public var workload: String?
    public var pod: String
    public var container: String
    /// The node's `resource_id` in `resources` and on the bill (e.g. `i-0abc…`).
    public var nodeResourceId: String?
    /// Start of the interval.
    public var sampledAt: Date
    public var intervalSeconds: Int
    /// Cores.
    public var cpuRequestCores: Float?
    public var cpuLimitCores: Float?
    /// Mean cores used over the interval.
    public var cpuUsageCores: Float?
    /// Bytes.
    public var memoryRequestBytes: Double?
    public var memoryLimitBytes: Double?
    /// The working set's maximum over the interval, bytes.
    public var memoryUsageBytes: Double?
    /// Pod labels (`app.kubernetes.io/name`, `team`, `tier`, ...).
    public var labels: [String: String]

    public init(
        cluster: String, namespace: String, workloadKind: String? = nil, workload: String? = nil, pod: String,
        container: String, nodeResourceId: String? = nil, sampledAt: Date, intervalSeconds: Int,
        cpuRequestCores: Float? = nil, cpuLimitCores: Float? = nil, cpuUsageCores: Float? = nil,
        memoryRequestBytes: Double? = nil, memoryLimitBytes: Double? = nil, memoryUsageBytes: Double? = nil,
        labels: [String: String] = [:]
    ) {
        self.cluster = cluster; self.namespace = namespace; self.workloadKind = workloadKind; self.workload = workload
        self.pod = pod; self.container = container; self.nodeResourceId = nodeResourceId
        self.sampledAt = sampledAt; self.intervalSeconds = intervalSeconds
        self.cpuRequestCores = cpuRequestCores; self.cpuLimitCores = cpuLimitCores; self.cpuUsageCores = cpuUsageCores
        self.memoryRequestBytes = memoryRequestBytes; self.memoryLimitBytes = memoryLimitBytes
        self.memoryUsageBytes = memoryUsageBytes; self.labels = labels
    }
}
