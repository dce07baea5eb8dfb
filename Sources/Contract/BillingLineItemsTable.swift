import CostModel

/// `billing_line_items` (DESIGN.md §2): the one list of its columns, with the FOCUS (1.0 to 1.2)
/// names they are read from and written as. Adding a column is one line here plus `schema.sql`.
public enum BillingLineItemsTable {
    public typealias Column = ContractColumn<BillingLineItem>

    public static let table = ContractTable<BillingLineItem>(name: "billing_line_items", columns: [
        Column("billing_account_id", .text, nullable: false, focus: FocusField("BillingAccountId")) { .text($0.billingAccountId) },
        Column("sub_account_id", .text, focus: FocusField("SubAccountId")) { $0.subAccountId.map(ContractValue.text) },
        Column("invoice_id", .text, focus: FocusField("InvoiceId")) { $0.invoiceId.map(ContractValue.text) },
        // FOCUS 1.2 renamed ProviderName to ServiceProviderName (ProviderName stays, deprecated).
        Column("provider_name", .text, nullable: false, focus: FocusField("ProviderName", readNames: ["ServiceProviderName", "ProviderName"])) {
            .text($0.providerName)
        },
        Column("billing_period_start", .timestamptz, nullable: false, focus: FocusField("BillingPeriodStart")) { .timestamp($0.billingPeriodStart) },
        Column("billing_period_end", .timestamptz, nullable: false, focus: FocusField("BillingPeriodEnd")) { .timestamp($0.billingPeriodEnd) },
        Column("charge_period_start", .timestamptz, nullable: false, focus: FocusField("ChargePeriodStart")) { .timestamp($0.chargePeriodStart) },
        Column("charge_period_end", .timestamptz, nullable: false, focus: FocusField("ChargePeriodEnd")) { .timestamp($0.chargePeriodEnd) },
        Column("charge_category", .text, nullable: false, focus: FocusField("ChargeCategory")) { .text($0.chargeCategory) },
        Column("charge_description", .text, focus: FocusField("ChargeDescription")) { $0.chargeDescription.map(ContractValue.text) },
        Column("service_name", .text, focus: FocusField("ServiceName")) { $0.serviceName.map(ContractValue.text) },
        Column("service_category", .text, focus: FocusField("ServiceCategory")) { $0.serviceCategory.map(ContractValue.text) },
        Column("resource_id", .text, focus: FocusField("ResourceId")) { $0.resourceId.map(ContractValue.text) },
        Column("resource_name", .text, focus: FocusField("ResourceName")) { $0.resourceName.map(ContractValue.text) },
        Column("resource_type", .text, focus: FocusField("ResourceType")) { $0.resourceType.map(ContractValue.text) },
        Column("region_id", .text, focus: FocusField("RegionId")) { $0.regionId.map(ContractValue.text) },
        Column("sku_id", .text, focus: FocusField("SkuId")) { $0.skuId.map(ContractValue.text) },
        Column("pricing_category", .text, focus: FocusField("PricingCategory")) { $0.pricingCategory.map(ContractValue.text) },
        Column("pricing_unit", .text, focus: FocusField("PricingUnit")) { $0.pricingUnit.map(ContractValue.text) },
        Column("pricing_quantity", .numeric, focus: FocusField("PricingQuantity")) { $0.pricingQuantity.map(ContractValue.decimal) },
        Column("consumed_unit", .text, focus: FocusField("ConsumedUnit")) { $0.consumedUnit.map(ContractValue.text) },
        Column("consumed_quantity", .numeric, focus: FocusField("ConsumedQuantity")) { $0.consumedQuantity.map(ContractValue.decimal) },
        Column("list_cost", .numeric, nullable: false, focus: FocusField("ListCost")) { .decimal($0.listCost) },
        Column("contracted_cost", .numeric, focus: FocusField("ContractedCost")) { $0.contractedCost.map(ContractValue.decimal) },
        Column("effective_cost", .numeric, nullable: false, focus: FocusField("EffectiveCost")) { .decimal($0.effectiveCost) },
        Column("billed_cost", .numeric, nullable: false, focus: FocusField("BilledCost")) { .decimal($0.billedCost) },
        Column("billing_currency", .text, nullable: false, focus: FocusField("BillingCurrency")) { .text($0.billingCurrency) },
        Column("commitment_discount_id", .text, focus: FocusField("CommitmentDiscountId")) { $0.commitmentDiscountId.map(ContractValue.text) },
        Column("tags", .jsonb, nullable: false, default: "'{}'", focus: FocusField("Tags")) { .json($0.tags) },
    ])
}
