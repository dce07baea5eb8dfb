import CostModel

/// `billing_line_items` (DESIGN.md §2): the one list of its columns, with the FOCUS (1.0 to 1.2)
/// names they are read from and written as. Adding a column is one line here plus `schema.sql`.
/// Older spellings are read too (1.0-preview `Provider`, `ChargeType`, `Region`, `UsageQuantity`,
/// `UsageUnit`, `BilledCurrency`; 0.5 `AmortizedCost`), never written.
public enum BillingLineItemsTable {
    public typealias Column = ContractColumn<BillingLineItem>

    public static let table = ContractTable<BillingLineItem>(name: "billing_line_items", columns: [
        Column("billing_account_id", .text, nullable: false, focus: FocusField("BillingAccountId")) { .text($0.billingAccountId) },
        Column("sub_account_id", .text, focus: FocusField("SubAccountId")) { $0.subAccountId.map(ContractValue.text) },
        Column("invoice_id", .text, focus: FocusField("InvoiceId")) { $0.invoiceId.map(ContractValue.text) },
        // FOCUS 1.2 renamed ProviderName to ServiceProviderName (ProviderName stays, deprecated);
        // 1.0-preview called it Provider.
        Column("provider_name", .text, nullable: false, focus: FocusField(
            "ProviderName", readNames: ["ServiceProviderName", "ProviderName", "Provider"],
            requiredBy: "ProviderName (FOCUS 1.0, 1.1) or ServiceProviderName (FOCUS 1.2)")) { .text($0.providerName) },
        Column("billing_period_start", .timestamptz, nullable: false, focus: FocusField("BillingPeriodStart")) { .timestamp($0.billingPeriodStart) },
        Column("billing_period_end", .timestamptz, nullable: false, focus: FocusField("BillingPeriodEnd")) { .timestamp($0.billingPeriodEnd) },
        Column("charge_period_start", .timestamptz, nullable: false, focus: FocusField("ChargePeriodStart")) { .timestamp($0.chargePeriodStart) },
        Column("charge_period_end", .timestamptz, nullable: false, focus: FocusField("ChargePeriodEnd")) { .timestamp($0.chargePeriodEnd) },
        Column("charge_category", .text, nullable: false, focus: FocusField("ChargeCategory", readNames: ["ChargeCategory", "ChargeType"])) { .text($0.chargeCategory) },
        Column("charge_description", .text, focus: FocusField("ChargeDescription")) { $0.chargeDescription.map(ContractValue.text) },
        Column("service_name", .text, focus: FocusField("ServiceName")) { $0.serviceName.map(ContractValue.text) },
        Column("service_category", .text, focus: FocusField("ServiceCategory")) { $0.serviceCategory.map(ContractValue.text) },
        Column("resource_id", .text, focus: FocusField("ResourceId")) { $0.resourceId.map(ContractValue.text) },
        Column("resource_name", .text, focus: FocusField("ResourceName")) { $0.resourceName.map(ContractValue.text) },
        Column("resource_type", .text, focus: FocusField("ResourceType")) { $0.resourceType.map(ContractValue.text) },
        Column("region_id", .text, focus: FocusField("RegionId", readNames: ["RegionId", "Region"])) { $0.regionId.map(ContractValue.text) },
        Column("sku_id", .text, focus: FocusField("SkuId")) { $0.skuId.map(ContractValue.text) },
        Column("pricing_category", .text, focus: FocusField("PricingCategory")) { $0.pricingCategory.map(ContractValue.text) },
        Column("pricing_unit", .text, focus: FocusField("PricingUnit")) { $0.pricingUnit.map(ContractValue.text) },
        Column("pricing_quantity", .numeric, focus: FocusField("PricingQuantity")) { $0.pricingQuantity.map(ContractValue.decimal) },
        Column("consumed_unit", .text, focus: FocusField("ConsumedUnit", readNames: ["ConsumedUnit", "UsageUnit"])) { $0.consumedUnit.map(ContractValue.text) },
        Column("consumed_quantity", .numeric, focus: FocusField("ConsumedQuantity", readNames: ["ConsumedQuantity", "UsageQuantity"])) { $0.consumedQuantity.map(ContractValue.decimal) },
        Column("list_cost", .numeric, nullable: false, focus: FocusField("ListCost")) { .decimal($0.listCost) },
        Column("contracted_cost", .numeric, focus: FocusField("ContractedCost")) { $0.contractedCost.map(ContractValue.decimal) },
        Column("effective_cost", .numeric, nullable: false, focus: FocusField("EffectiveCost", readNames: ["EffectiveCost", "AmortizedCost"])) { .decimal($0.effectiveCost) },
        Column("billed_cost", .numeric, nullable: false, focus: FocusField("BilledCost")) { .decimal($0.billedCost) },
        Column("billing_currency", .text, nullable: false, focus: FocusField("BillingCurrency", readNames: ["BillingCurrency", "BilledCurrency"])) { .text($0.billingCurrency) },
        Column("commitment_discount_id", .text, focus: FocusField("CommitmentDiscountId")) { $0.commitmentDiscountId.map(ContractValue.text) },
        Column("tags", .jsonb, nullable: false, default: "'{}'", focus: FocusField("Tags")) { .json($0.tags) },
        // DESIGN.md §2.1 (added in place by `db init` on older databases).
        Column("charge_class", .text, focus: FocusField("ChargeClass")) { $0.chargeClass.map(ContractValue.text) },
        Column("charge_frequency", .text, focus: FocusField("ChargeFrequency")) { $0.chargeFrequency.map(ContractValue.text) },
        Column("commitment_discount_category", .text, focus: FocusField("CommitmentDiscountCategory")) {
            $0.commitmentDiscountCategory.map(ContractValue.text)
        },
        Column("commitment_discount_type", .text, focus: FocusField("CommitmentDiscountType")) { $0.commitmentDiscountType.map(ContractValue.text) },
        Column("commitment_discount_status", .text, focus: FocusField("CommitmentDiscountStatus")) {
            $0.commitmentDiscountStatus.map(ContractValue.text)
        },
        Column("list_unit_price", .numeric, focus: FocusField("ListUnitPrice")) { $0.listUnitPrice.map(ContractValue.decimal) },
        Column("contracted_unit_price", .numeric, focus: FocusField("ContractedUnitPrice")) { $0.contractedUnitPrice.map(ContractValue.decimal) },
        Column("sku_price_id", .text, focus: FocusField("SkuPriceId")) { $0.skuPriceId.map(ContractValue.text) },
        Column("availability_zone", .text, focus: FocusField("AvailabilityZone")) { $0.availabilityZone.map(ContractValue.text) },
        Column("sub_account_name", .text, focus: FocusField("SubAccountName")) { $0.subAccountName.map(ContractValue.text) },
        Column("billing_account_name", .text, focus: FocusField("BillingAccountName")) { $0.billingAccountName.map(ContractValue.text) },
    ])
}
