/// The `billing_line_items` columns and the FOCUS (1.0 to 1.2) column names they come from.
public enum FocusColumns {
    /// How a column's text is checked.
    public enum Kind: Sendable, Hashable { case text, timestamp, decimal, json }

    /// One table column: its snake_case name, the FOCUS names that feed it (first non-empty wins),
    /// its kind, and whether the table requires a value.
    public struct Column: Sendable, Hashable {
        public let name: String
        public let focusNames: [String]
        public let kind: Kind
        public let required: Bool
    }

    /// Every `billing_line_items` column, in the table's order (the order of COPY and of the export).
    public static let all: [Column] = [
        Column(name: "billing_account_id", focusNames: ["BillingAccountId"], kind: .text, required: true),
        Column(name: "sub_account_id", focusNames: ["SubAccountId"], kind: .text, required: false),
        Column(name: "invoice_id", focusNames: ["InvoiceId"], kind: .text, required: false),
        // FOCUS 1.2 renamed ProviderName to ServiceProviderName (ProviderName stays, deprecated).
        Column(name: "provider_name", focusNames: ["ServiceProviderName", "ProviderName"], kind: .text, required: true),
        Column(name: "billing_period_start", focusNames: ["BillingPeriodStart"], kind: .timestamp, required: true),
        Column(name: "billing_period_end", focusNames: ["BillingPeriodEnd"], kind: .timestamp, required: true),
        Column(name: "charge_period_start", focusNames: ["ChargePeriodStart"], kind: .timestamp, required: true),
        Column(name: "charge_period_end", focusNames: ["ChargePeriodEnd"], kind: .timestamp, required: true),
        Column(name: "charge_category", focusNames: ["ChargeCategory"], kind: .text, required: true),
        Column(name: "charge_description", focusNames: ["ChargeDescription"], kind: .text, required: false),
        Column(name: "service_name", focusNames: ["ServiceName"], kind: .text, required: false),
        Column(name: "service_category", focusNames: ["ServiceCategory"], kind: .text, required: false),
        Column(name: "resource_id", focusNames: ["ResourceId"], kind: .text, required: false),
        Column(name: "resource_name", focusNames: ["ResourceName"], kind: .text, required: false),
        Column(name: "resource_type", focusNames: ["ResourceType"], kind: .text, required: false),
        Column(name: "region_id", focusNames: ["RegionId"], kind: .text, required: false),
        Column(name: "sku_id", focusNames: ["SkuId"], kind: .text, required: false),
        Column(name: "pricing_category", focusNames: ["PricingCategory"], kind: .text, required: false),
        Column(name: "pricing_unit", focusNames: ["PricingUnit"], kind: .text, required: false),
        Column(name: "pricing_quantity", focusNames: ["PricingQuantity"], kind: .decimal, required: false),
        Column(name: "consumed_unit", focusNames: ["ConsumedUnit"], kind: .text, required: false),
        Column(name: "consumed_quantity", focusNames: ["ConsumedQuantity"], kind: .decimal, required: false),
        Column(name: "list_cost", focusNames: ["ListCost"], kind: .decimal, required: true),
        Column(name: "contracted_cost", focusNames: ["ContractedCost"], kind: .decimal, required: false),
        Column(name: "effective_cost", focusNames: ["EffectiveCost"], kind: .decimal, required: true),
        Column(name: "billed_cost", focusNames: ["BilledCost"], kind: .decimal, required: true),
        Column(name: "billing_currency", focusNames: ["BillingCurrency"], kind: .text, required: true),
        Column(name: "commitment_discount_id", focusNames: ["CommitmentDiscountId"], kind: .text, required: false),
        Column(name: "tags", focusNames: ["Tags"], kind: .json, required: false),
    ]

    /// The table's column names, in order.
    public static var names: [String] { all.map(\.name) }

    /// The PascalCase header the export writes for each column (its first FOCUS 1.0 name).
    public static var exportHeader: [String] { all.map { $0.name == "provider_name" ? "ProviderName" : $0.focusNames[0] } }

    /// Index of a column in `all`.
    public static func index(of name: String) -> Int {
        guard let index = all.firstIndex(where: { $0.name == name }) else { preconditionFailure("no billing_line_items column \(name)") }
        return index
    }
}
