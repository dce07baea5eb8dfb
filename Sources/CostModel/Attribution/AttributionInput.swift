import Foundation

/// Everything attribution reads. Pure values; already aggregated in PostgreSQL, so its size depends
/// on services, resources and days, not on billing rows.
public struct AttributionInput: Sendable {
    /// The report window `[start, end)`, UTC midnights.
    public var window: ReportWindow
    /// Aggregated charges of the window.
    public var charges: [ChargeGroup]
    /// Aggregated charges of the previous window of the same length (for the change against it and
    /// as anomaly baseline before the window starts).
    public var previousCharges: [ChargeGroup]
    /// The inventory.
    public var resources: [Resource]
    /// Month-to-date charges for the run-rate forecast; nil skips the forecast.
    public var monthToDate: MonthToDateInput?
    /// Node cost split over containers (DESIGN.md §2.2) in the window and in the previous window;
    /// nil: node charges go to the node's owner like any other charge.
    public var containers: ContainerAllocation?
    public var previousContainers: ContainerAllocation?

    public init(
        window: ReportWindow, charges: [ChargeGroup], previousCharges: [ChargeGroup] = [],
        resources: [Resource], monthToDate: MonthToDateInput? = nil,
        containers: ContainerAllocation? = nil, previousContainers: ContainerAllocation? = nil
    ) {
        self.window = window; self.charges = charges; self.previousCharges = previousCharges
        self.resources = resources; self.monthToDate = monthToDate
        self.containers = containers; self.previousContainers = previousContainers
    }

    /// The input from the pipeline's loaded data.
    public init(
        _ data: LoadedData, monthToDate: MonthToDateInput? = nil,
        containers: ContainerAllocation? = nil, previousContainers: ContainerAllocation? = nil
    ) {
        self.init(
            window: data.window, charges: data.charges, previousCharges: data.previousCharges,
            resources: data.resources, monthToDate: monthToDate, containers: containers,
            previousContainers: previousContainers)
    }
}

/// Charges from the 1st of the as-of month (UTC) up to `asOf` (exclusive).
public struct MonthToDateInput: Sendable {
    /// A UTC midnight; the month-to-date period is `[first of its month, asOf)`.
    public var asOf: Date
    /// Aggregated charges of that period (charges on other days are ignored with a diagnostic).
    public var charges: [ChargeGroup]

    public init(asOf: Date, charges: [ChargeGroup]) {
        self.asOf = asOf; self.charges = charges
    }
}
