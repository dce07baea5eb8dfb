import CostModel
import Foundation

/// The deterministic, seeded sample organisation: services, resources, a FOCUS bill and usage
/// samples, with planted cases for every finding kind (see sample-billing/README.md).
///
/// Construction builds only the small per-resource plans; billing lines and usage samples are
/// streamed, each value derived from (seed, resource, time), so memory does not depend on the
/// number of days or samples. The same options always give the same rows, on every machine.
public struct SampleOrganisation: Sendable {
    public let options: SampleOptions
    /// The inventory (`resources` rows): one per resource, in a stable order.
    public let resources: [Resource]
    /// The catalog rows to load into `instance_types` (all of them, as given).
    public let catalog: [InstanceType]
    /// The planted cases of the first copy, with their expected results.
    public let plantedCases: [PlantedCase]
    /// The planted containers of the sample cluster (`k8s://prod-eks/...` ids) with what the
    /// request findings must say about them (sample-billing/README.md, "The cluster").
    public let plantedContainers: [PlantedCase]

    let plans: [ResourcePlan]
    private let billing: BillingLineStream
    private let usage: UsageSampleStream
    private let containers: ContainerSampleStream

    /// `options` must be valid (`options.validate()`): the CLI checks them and reports errors.
    /// Instance types missing from `catalog` fall back to built-in copies of the Karpenter rows.
    public init(options: SampleOptions, catalog: [InstanceType]) {
        precondition((try? options.validate()) != nil, "invalid sample options: \(options)")
        var builder = OrganisationBuilder(options: options, catalog: catalog)
        builder.build()
        self.options = options
        self.catalog = catalog
        self.plans = builder.plans
        self.resources = builder.plans.filter(\.inInventory).map(\.resource)
        self.plantedCases = builder.plantedCases
        self.plantedContainers = builder.plantedContainers
        self.containers = ContainerSampleStream(options: options)
        self.billing = BillingLineStream(plans: builder.plans, options: options)
        self.usage = UsageSampleStream(plans: builder.plans, options: options)
    }

    /// The data's time range: `[end - days, end)`, UTC midnights.
    public var window: ReportWindow {
        ReportWindow(start: UTCClock.date(options.startSeconds), end: UTCClock.date(options.endSeconds))
    }

    /// Ids of the resources that are billed but absent from `resources`.
    public var billedOnlyResourceIds: [String] { plans.filter { !$0.inInventory }.map(\.resource.id) }

    /// Streams billing_line_items rows in a deterministic order (day by day); never builds the
    /// whole list in memory.
    public func forEachBillingLineItem(_ body: (BillingLineItem) throws -> Void) rethrows {
        try billing.forEach(body)
    }

    /// Streams usage_samples rows in a deterministic order (instant by instant); never builds the
    /// whole list in memory.
    public func forEachUsageSample(_ body: (UsageSample) throws -> Void) rethrows {
        try usage.forEach(body)
    }

    /// Streams container_usage_samples rows of the sample cluster (instant by instant).
    public func forEachContainerUsageSample(_ body: (ContainerUsageSample) throws -> Void) rethrows {
        try containers.forEach(body)
    }
}
