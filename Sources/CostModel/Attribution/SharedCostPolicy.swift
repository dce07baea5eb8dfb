/// How charges without a resource (support fees, taxes, marketplace, account-level credits) are
/// attributed. Default: `proportional`.
public enum SharedCostPolicy: String, Sendable, Hashable, Codable, CaseIterable {
    /// Split per currency in proportion to each service's positive effective cost of allocated
    /// charges in that currency (the default).
    case proportional
    /// Split per currency into equal parts over the allocated services in that currency.
    case even
    /// Keep as its own `(shared)` row; no split.
    case separate
}
