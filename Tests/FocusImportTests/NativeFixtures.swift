@testable import Imports
import CSVParsing
import Foundation

/// AWS CUR and Azure cost details files written from the providers' documented columns (AWS CUR
/// data dictionary, Azure "understand usage details fields"); invented accounts and amounts.
enum NativeFixtures {
    // MARK: AWS CUR

    /// Legacy CUR header (a subset of the data dictionary, in the order AWS writes categories).
    static let curHeader = [
        "identity/LineItemId", "identity/TimeInterval", "bill/InvoiceId", "bill/BillType", "bill/PayerAccountId",
        "bill/BillingPeriodStartDate", "bill/BillingPeriodEndDate", "lineItem/UsageAccountId", "lineItem/LineItemType",
        "lineItem/UsageStartDate", "lineItem/UsageEndDate", "lineItem/ProductCode", "lineItem/UsageType", "lineItem/Operation",
        "lineItem/AvailabilityZone", "lineItem/ResourceId", "lineItem/UsageAmount", "lineItem/CurrencyCode",
        "lineItem/UnblendedRate", "lineItem/UnblendedCost", "lineItem/BlendedCost", "lineItem/LineItemDescription",
        "product/ProductName", "product/region", "product/sku", "pricing/RateCode", "pricing/publicOnDemandCost",
        "pricing/publicOnDemandRate", "pricing/term", "pricing/unit", "reservation/EffectiveCost", "reservation/ReservationARN",
        "reservation/UnusedAmortizedUpfrontFeeForBillingPeriod", "reservation/UnusedRecurringFee", "savingsPlan/SavingsPlanARN",
        "savingsPlan/SavingsPlanEffectiveCost", "savingsPlan/TotalCommitmentToDate", "savingsPlan/UsedCommitment",
        "resourceTags/user:team", "resourceTags/user:service", "resourceTags/aws:createdBy", "costCategory/BusinessUnit",
    ]

    /// The CUR 2.0 spelling of each legacy column used above (tags go to `resource_tags`).
    static let cur2Names: [String: String] = [
        "identity/LineItemId": "identity_line_item_id", "identity/TimeInterval": "identity_time_interval",
        "bill/InvoiceId": "bill_invoice_id", "bill/BillType": "bill_bill_type", "bill/PayerAccountId": "bill_payer_account_id",
        "bill/BillingPeriodStartDate": "bill_billing_period_start_date", "bill/BillingPeriodEndDate": "bill_billing_period_end_date",
        "lineItem/UsageAccountId": "line_item_usage_account_id", "lineItem/LineItemType": "line_item_line_item_type",
        "lineItem/UsageStartDate": "line_item_usage_start_date", "lineItem/UsageEndDate": "line_item_usage_end_date",
        "lineItem/ProductCode": "line_item_product_code", "lineItem/UsageType": "line_item_usage_type",
        "lineItem/Operation": "line_item_operation", "lineItem/AvailabilityZone": "line_item_availability_zone",
        "lineItem/ResourceId": "line_item_resource_id", "lineItem/UsageAmount": "line_item_usage_amount",
        "lineItem/CurrencyCode": "line_item_currency_code", "lineItem/UnblendedRate": "line_item_unblended_rate",
        "lineItem/UnblendedCost": "line_item_unblended_cost", "lineItem/BlendedCost": "line_item_blended_cost",
        "lineItem/LineItemDescription": "line_item_line_item_description", "product/ProductName": "product_product_name",
        "product/region": "product_region_code", "product/sku": "product_sku", "pricing/RateCode": "pricing_rate_code",
        "pricing/publicOnDemandCost": "pricing_public_on_demand_cost", "pricing/publicOnDemandRate": "pricing_public_on_demand_rate",
        "pricing/term": "pricing_term", "pricing/unit": "pricing_unit", "reservation/EffectiveCost": "reservation_effective_cost",
        "reservation/ReservationARN": "reservation_reservation_a_r_n",
        "reservation/UnusedAmortizedUpfrontFeeForBillingPeriod": "reservation_unused_amortized_upfront_fee_for_billing_period",
        "reservation/UnusedRecurringFee": "reservation_unused_recurring_fee", "savingsPlan/SavingsPlanARN": "savings_plan_savings_plan_a_r_n",
        "savingsPlan/SavingsPlanEffectiveCost": "savings_plan_savings_plan_effective_cost",
        "savingsPlan/TotalCommitmentToDate": "savings_plan_total_commitment_to_date", "savingsPlan/UsedCommitment": "savings_plan_used_commitment",
        "costCategory/BusinessUnit": "cost_category",
    ]

    static let riARN = "arn:aws:ec2:us-east-1:111111111111:reserved-instances/4b2f0c1e-0000-4000-8000-000000000001"
    static let spARN = "arn:aws:savingsplans::111111111111:savingsplan/0d5d4b3a-0000-4000-8000-000000000002"

    static let usdPeriod: [String: String] = [
        "bill/InvoiceId": "EUINUS24-123456", "bill/BillType": "Anniversary", "bill/PayerAccountId": "111111111111",
        "bill/BillingPeriodStartDate": "2024-09-01T00:00:00Z", "bill/BillingPeriodEndDate": "2024-10-01T00:00:00Z",
        "lineItem/UsageAccountId": "333333333333", "lineItem/CurrencyCode": "USD",
        "lineItem/UsageStartDate": "2024-09-03T00:00:00Z", "lineItem/UsageEndDate": "2024-09-04T00:00:00Z",
        "product/region": "us-east-1",
    ]

    static func cur(_ values: [String: String], base: [String: String] = usdPeriod) -> [String: String] {
        base.merging(values) { $1 }
    }

    /// Every line item type the mapping distinguishes, exponent notation, empty and masked cells, two currencies.
    static let curRows: [[String: String]] = [
        cur(["lineItem/LineItemType": "Usage", "lineItem/ProductCode": "AmazonEC2", "lineItem/UsageType": "BoxUsage:m5.large",
             "lineItem/ResourceId": "i-0a1b2c3d4e5f00001", "lineItem/AvailabilityZone": "us-east-1a", "lineItem/UsageAmount": "24",
             "lineItem/UnblendedRate": "0.384", "lineItem/UnblendedCost": "9.216", "lineItem/BlendedCost": "9.216",
             "lineItem/LineItemDescription": "$0.384 per On Demand Linux m5.large Instance Hour", "product/ProductName": "Amazon Elastic Compute Cloud",
             "product/sku": "JRTCKXETXF", "pricing/RateCode": "JRTCKXETXF.JRTCKXETXF.6YS6EN2CT7", "pricing/publicOnDemandCost": "9.216",
             "pricing/publicOnDemandRate": "0.384", "pricing/term": "OnDemand", "pricing/unit": "Hrs",
             "resourceTags/user:team": "storefront", "resourceTags/user:service": "web", "resourceTags/aws:createdBy": "IAMUser:AIDA:alice"]),
        cur(["lineItem/LineItemType": "Usage", "lineItem/ProductCode": "AmazonEC2", "lineItem/UsageType": "EBS:VolumeUsage.gp3",
             "lineItem/ResourceId": "vol-0a1b2c3d4e5f00001", "lineItem/UsageAmount": "8.0E-3", "lineItem/UnblendedCost": "8.0E-4",
             "lineItem/LineItemDescription": "$0.08 per GB-month of General Purpose (gp3) provisioned storage",
             "product/ProductName": "Amazon Elastic Compute Cloud", "pricing/publicOnDemandCost": "8.0E-4", "pricing/unit": "GB-Mo"]),
        cur(["lineItem/LineItemType": "Usage", "lineItem/ProductCode": "AmazonEC2", "lineItem/UsageType": "USE1-SpotUsage:c5.large",
             "lineItem/ResourceId": "i-0a1b2c3d4e5f00002", "lineItem/UsageAmount": "24", "lineItem/UnblendedCost": "0.5123456789",
             "lineItem/LineItemDescription": "Linux/UNIX (Amazon VPC), c5.large spot instance-hour", "product/ProductName": "Amazon Elastic Compute Cloud",
             "pricing/publicOnDemandCost": "2.04", "pricing/unit": "Hrs", "resourceTags/user:team": "batch"]),
        cur(["lineItem/LineItemType": "DiscountedUsage", "lineItem/ProductCode": "AmazonEC2", "lineItem/UsageType": "BoxUsage:m5.xlarge",
             "lineItem/ResourceId": "i-0a1b2c3d4e5f00003", "lineItem/UsageAmount": "24", "lineItem/UnblendedCost": "0",
             "lineItem/LineItemDescription": "USD 0.0 hourly fee per Linux/UNIX (Amazon VPC), m5.xlarge instance",
             "product/ProductName": "Amazon Elastic Compute Cloud", "pricing/publicOnDemandCost": "4.608", "pricing/term": "Reserved",
             "pricing/unit": "Hrs", "reservation/EffectiveCost": "2.4", "reservation/ReservationARN": riARN,
             "resourceTags/user:team": "storefront"]),
        cur(["lineItem/LineItemType": "RIFee", "lineItem/ProductCode": "AmazonEC2", "lineItem/UsageType": "HeavyUsage:m5.xlarge",
             "lineItem/UsageStartDate": "2024-09-01T00:00:00Z", "lineItem/UsageEndDate": "2024-10-01T00:00:00Z",
             "lineItem/UsageAmount": "720", "lineItem/UnblendedCost": "50.40", "lineItem/LineItemDescription": "USD 0.07 hourly fee per Linux/UNIX (Amazon VPC), m5.xlarge instance",
             "product/ProductName": "Amazon Elastic Compute Cloud", "pricing/term": "Reserved", "reservation/ReservationARN": riARN,
             "reservation/UnusedAmortizedUpfrontFeeForBillingPeriod": "1.25", "reservation/UnusedRecurringFee": "3.75"]),
        cur(["lineItem/LineItemType": "Fee", "lineItem/ProductCode": "AmazonEC2", "lineItem/UsageStartDate": "2024-09-01T00:00:00Z",
             "lineItem/UsageEndDate": "2024-10-01T00:00:00Z", "lineItem/UnblendedCost": "300",
             "lineItem/LineItemDescription": "Sign up charge for subscription: 123, planId: 456", "product/ProductName": "Amazon Elastic Compute Cloud",
             "reservation/ReservationARN": riARN]),
        cur(["lineItem/LineItemType": "SavingsPlanCoveredUsage", "lineItem/ProductCode": "AmazonEC2", "lineItem/UsageType": "BoxUsage:c6i.large",
             "lineItem/ResourceId": "i-0a1b2c3d4e5f00004", "lineItem/UsageAmount": "24", "lineItem/UnblendedCost": "2.04",
             "lineItem/LineItemDescription": "$0.085 per On Demand Linux c6i.large Instance Hour", "product/ProductName": "Amazon Elastic Compute Cloud",
             "pricing/publicOnDemandCost": "2.04", "pricing/term": "OnDemand", "pricing/unit": "Hrs", "savingsPlan/SavingsPlanARN": spARN,
             "savingsPlan/SavingsPlanEffectiveCost": "1.2345", "resourceTags/user:team": "payments"]),
        cur(["lineItem/LineItemType": "SavingsPlanNegation", "lineItem/ProductCode": "AmazonEC2", "lineItem/UsageType": "BoxUsage:c6i.large",
             "lineItem/ResourceId": "i-0a1b2c3d4e5f00004", "lineItem/UsageAmount": "24", "lineItem/UnblendedCost": "-2.04",
             "lineItem/LineItemDescription": "SavingsPlanNegation used by AccountId : 333333333333 and UsageSku : ABC",
             "product/ProductName": "Amazon Elastic Compute Cloud", "savingsPlan/SavingsPlanARN": spARN, "resourceTags/user:team": "payments"]),
        cur(["lineItem/LineItemType": "SavingsPlanRecurringFee", "lineItem/ProductCode": "ComputeSavingsPlans",
             "lineItem/UsageStartDate": "2024-09-01T00:00:00Z", "lineItem/UsageEndDate": "2024-10-01T00:00:00Z",
             "lineItem/UsageAmount": "720", "lineItem/UnblendedCost": "720", "lineItem/LineItemDescription": "1 year No Upfront Compute Savings Plan",
             "product/ProductName": "Savings Plans for AWS Compute usage", "savingsPlan/SavingsPlanARN": spARN,
             "savingsPlan/TotalCommitmentToDate": "720", "savingsPlan/UsedCommitment": "698.7655"]),
        cur(["lineItem/LineItemType": "SavingsPlanUpfrontFee", "lineItem/ProductCode": "ComputeSavingsPlans",
             "lineItem/UsageStartDate": "2024-09-01T00:00:00Z", "lineItem/UsageEndDate": "2024-10-01T00:00:00Z",
             "lineItem/UnblendedCost": "1000", "lineItem/LineItemDescription": "1 year Partial Upfront Compute Savings Plan",
             "product/ProductName": "Savings Plans for AWS Compute usage", "savingsPlan/SavingsPlanARN": spARN]),
        cur(["lineItem/LineItemType": "Tax", "lineItem/ProductCode": "AmazonEC2", "lineItem/UsageStartDate": "2024-09-01T00:00:00Z",
             "lineItem/UsageEndDate": "2024-10-01T00:00:00Z", "lineItem/UnblendedCost": "12.34",
             "lineItem/LineItemDescription": "Tax for product code AmazonEC2", "product/ProductName": "Amazon Elastic Compute Cloud",
             "product/region": ""]),
        cur(["lineItem/LineItemType": "Credit", "lineItem/ProductCode": "AmazonEC2", "lineItem/UsageStartDate": "2024-09-01T00:00:00Z",
             "lineItem/UsageEndDate": "2024-10-01T00:00:00Z", "lineItem/UnblendedCost": "-25.00",
             "lineItem/LineItemDescription": "AWS Promotional Credit", "product/ProductName": "Amazon Elastic Compute Cloud", "product/region": ""]),
        cur(["lineItem/LineItemType": "Refund", "lineItem/ProductCode": "AmazonEC2", "lineItem/UsageStartDate": "2024-09-01T00:00:00Z",
             "lineItem/UsageEndDate": "2024-10-01T00:00:00Z", "lineItem/UnblendedCost": "-3.5",
             "lineItem/LineItemDescription": "Refund for August, case 12345", "product/ProductName": "Amazon Elastic Compute Cloud",
             "product/region": "", "bill/BillType": "Refund"]),
        // A second payer billed in EUR; a masked account id (as published samples write them).
        cur(["bill/PayerAccountId": "222222222222", "bill/InvoiceId": "", "lineItem/UsageAccountId": "********4444",
             "lineItem/CurrencyCode": "EUR", "lineItem/LineItemType": "Usage", "lineItem/ProductCode": "AmazonS3",
             "lineItem/UsageType": "EUC1-Requests-Tier1", "lineItem/ResourceId": "invoices-archive-eu", "lineItem/UsageAmount": "2",
             "lineItem/UnblendedCost": "1E-10", "lineItem/LineItemDescription": "$0.0054 per 1,000 PUT requests",
             "product/ProductName": "Amazon Simple Storage Service", "product/region": "eu-central-1", "costCategory/BusinessUnit": "finance"]),
        cur(["bill/PayerAccountId": "222222222222", "bill/InvoiceId": "", "lineItem/UsageAccountId": "********4444",
             "lineItem/CurrencyCode": "EUR", "lineItem/LineItemType": "Tax", "lineItem/ProductCode": "AmazonS3",
             "lineItem/UsageStartDate": "2024-09-01T00:00:00Z", "lineItem/UsageEndDate": "2024-10-01T00:00:00Z",
             "lineItem/UnblendedCost": "0.19", "lineItem/LineItemDescription": "Tax for product code AmazonS3",
             "product/ProductName": "Amazon Simple Storage Service", "product/region": ""]),
    ]

    /// Expected sums, worked out by hand from the rows above.
    static let curBilled: [String: Decimal] = ["USD": Decimal(string: "2063.9691456789")!, "EUR": Decimal(string: "0.1900000001")!]
    static let curEffective: [String: Decimal] = ["USD": Decimal(string: "23.4381456789")!, "EUR": Decimal(string: "0.1900000001")!]

    static var curLegacyText: String {
        ([curHeader.map(ImportFixtures.csvField).joined(separator: ",")]
            + curRows.map { row in curHeader.map { ImportFixtures.csvField(row[$0] ?? "") }.joined(separator: ",") })
            .joined(separator: "\n") + "\n"
    }

    /// The same rows as CUR 2.0: snake_case columns, tags in one `resource_tags` JSON column.
    static var cur2Text: String {
        let columns = curHeader.filter { !$0.hasPrefix("resourceTags/") }
        let header = columns.map { cur2Names[$0]! } + ["resource_tags"]
        let lines = curRows.map { row -> String in
            var tags: [String] = []
            for (legacy, key) in [("resourceTags/user:service", "user_service"), ("resourceTags/user:team", "user_team"), ("resourceTags/aws:createdBy", "aws_created_by")] {
                if let value = row[legacy] { tags.append("\"\(key)\":\"\(value)\"") }
            }
            let cells = columns.map { column -> String in
                column == "costCategory/BusinessUnit" ? (row[column].map { "{\"business_unit\":\"\($0)\"}" } ?? "") : (row[column] ?? "")
            }
            return (cells + [tags.isEmpty ? "" : "{" + tags.joined(separator: ",") + "}"]).map(ImportFixtures.csvField).joined(separator: ",")
        }
        return ([header.joined(separator: ",")] + lines).joined(separator: "\r\n") + "\r\n"
    }

    // MARK: Azure

    /// EA actual cost (older EA spelling: BillingCurrencyCode, M/D/YYYY dates, brace-less tags).
    static let eaHeader = [
        "BillingAccountId", "BillingAccountName", "BillingPeriodStartDate", "BillingPeriodEndDate", "BillingProfileId",
        "BillingProfileName", "AccountName", "SubscriptionId", "SubscriptionName", "Date", "Product", "PartNumber", "MeterId",
        "Quantity", "EffectivePrice", "CostInBillingCurrency", "UnitPrice", "BillingCurrencyCode", "ResourceLocation",
        "ConsumedService", "ResourceId", "ResourceName", "AdditionalInfo", "Tags", "UnitOfMeasure", "ResourceGroup",
        "ReservationId", "ReservationName", "ProductOrderName", "PublisherName", "ChargeType", "Frequency", "PayGPrice",
        "PricingModel", "MeterCategory", "benefitId", "benefitName",
    ]

    static let eaBase: [String: String] = [
        "BillingAccountId": "8611537", "BillingAccountName": "Contoso EA", "BillingPeriodStartDate": "09/01/2024",
        "BillingPeriodEndDate": "09/30/2024", "BillingProfileId": "8611537", "BillingProfileName": "Contoso EA",
        "AccountName": "Platform", "SubscriptionId": "1caaa5a3-0000-4000-8000-00000000000a", "SubscriptionName": "prod",
        "BillingCurrencyCode": "USD", "Frequency": "UsageBased", "PublisherName": "Microsoft",
    ]
    static let vmId = "/subscriptions/1caaa5a3-0000-4000-8000-00000000000a/resourceGroups/RG-WEB/providers/Microsoft.Compute/virtualMachines/web-vm-1"
    static let reservationBenefit = "/providers/Microsoft.Capacity/reservationOrders/7f6e0000-0000-4000-8000-000000000001/reservations/7f6e0000-0000-4000-8000-000000000002"
    static let savingsPlanBenefit = "/providers/Microsoft.BillingBenefits/savingsPlanOrders/5a5a0000-0000-4000-8000-000000000001/savingsPlans/5a5a0000-0000-4000-8000-000000000002"

    static let eaRows: [[String: String]] = [
        eaBase.merging([
            "Date": "9/3/2024", "Product": "Virtual Machines Dv3 Series - D2 v3 - EU West", "Quantity": "24", "CostInBillingCurrency": "7.2",
            "UnitPrice": "0.3", "PayGPrice": "0.3", "ResourceLocation": "EU West", "ConsumedService": "Microsoft.Compute", "ResourceId": vmId,
            "ResourceName": "web-vm-1", "Tags": #""team": "data","env": "prod""#, "UnitOfMeasure": "1 Hour", "ResourceGroup": "RG-WEB",
            "ChargeType": "Usage", "PricingModel": "OnDemand", "MeterCategory": "Virtual Machines",
        ]) { $1 },
        eaBase.merging([
            "Date": "09/04/2024", "Product": "Virtual Machines Dv3 Series - D2 v3 - Spot", "Quantity": "3", "CostInBillingCurrency": "4.5E-05",
            "ResourceLocation": "westeurope", "ConsumedService": "Microsoft.Compute",
            "ResourceId": vmId.replacingOccurrences(of: "web-vm-1", with: "batch-vm-7"), "ResourceName": "batch-vm-7",
            "Tags": #""team": "batch""#, "UnitOfMeasure": "1 Hour", "ChargeType": "Usage", "PricingModel": "Spot", "MeterCategory": "Virtual Machines",
        ]) { $1 },
        eaBase.merging([
            "Date": "9/5/2024", "Product": "Virtual Machines Dv3 Series - D4 v3 - EU West", "Quantity": "24", "CostInBillingCurrency": "0",
            "ResourceLocation": "EU West", "ConsumedService": "Microsoft.Compute", "ResourceId": vmId.replacingOccurrences(of: "web-vm-1", with: "db-vm-2"),
            "Tags": #""team": "data""#, "UnitOfMeasure": "1 Hour", "ChargeType": "Usage", "PricingModel": "Reservation",
            "MeterCategory": "Virtual Machines", "ReservationId": "7f6e0000-0000-4000-8000-000000000002", "ReservationName": "vm-ri",
            "benefitId": reservationBenefit, "benefitName": "vm-ri",
        ]) { $1 },
        eaBase.merging([
            "Date": "9/1/2024", "Product": "Reserved VM Instance, Standard_D4_v3, EU West, 1 Year", "Quantity": "1",
            "CostInBillingCurrency": "876.00", "ChargeType": "Purchase", "Frequency": "OneTime", "PricingModel": "Reservation",
            "ReservationId": "7f6e0000-0000-4000-8000-000000000002", "ReservationName": "vm-ri", "benefitId": reservationBenefit,
            "benefitName": "vm-ri", "MeterCategory": "Virtual Machines",
        ]) { $1 },
        eaBase.merging([
            "Date": "9/20/2024", "Product": "Reserved VM Instance, Standard_D4_v3, EU West, 1 Year", "Quantity": "1",
            "CostInBillingCurrency": "-120.50", "ChargeType": "Refund", "Frequency": "OneTime", "PricingModel": "Reservation",
            "benefitId": reservationBenefit, "benefitName": "vm-ri", "MeterCategory": "Virtual Machines",
        ]) { $1 },
        eaBase.merging([
            "Date": "9/1/2024", "Product": "Contoso Firewall - Standard plan", "Quantity": "1", "CostInBillingCurrency": "49.99",
            "ChargeType": "Purchase", "Frequency": "Recurring", "PricingModel": "OnDemand", "PublisherName": "Contoso Ltd",
        ]) { $1 },
        eaBase.merging([
            "Date": "9/30/2024", "Product": "Standard SSD Managed Disks - E4 LRS", "Quantity": "0.0333", "CostInBillingCurrency": "0.0000123",
            "ResourceLocation": "", "ConsumedService": "Microsoft.Compute",
            "ResourceId": "/subscriptions/1caaa5a3-0000-4000-8000-00000000000a/resourceGroups/RG-WEB/providers/Microsoft.Compute/disks/web-vm-1_OsDisk",
            "Tags": "", "UnitOfMeasure": "1/Month", "ChargeType": "Usage", "PricingModel": "OnDemand", "MeterCategory": "Storage",
        ]) { $1 },
    ]

    static let eaCost = Decimal(string: "812.6900573")!
    static let eaEffective = Decimal(string: "57.1900573")!

    /// MCA amortised cost (camelCase spellings, ISO dates, JSON tags), two billing profiles in EUR and USD.
    static let mcaHeader = [
        "invoiceId", "billingAccountId", "billingAccountName", "billingProfileId", "billingProfileName", "billingPeriodStartDate",
        "billingPeriodEndDate", "date", "serviceFamily", "meterCategory", "ProductId", "ProductName", "SubscriptionId",
        "subscriptionName", "resourceLocation", "ResourceId", "quantity", "unitOfMeasure", "chargeType", "billingCurrency",
        "costInBillingCurrency", "paygCostInBillingCurrency", "exchangeRatePricingToBilling", "PayGPrice", "unitPrice",
        "consumedService", "tags", "frequency", "pricingModel", "benefitId", "benefitName", "partnerName",
    ]

    static let mcaEUR: [String: String] = [
        "invoiceId": "G012345678", "billingAccountId": "5e98e158-0000-4000-8000-000000000000:5e98e158-0000-4000-8000-000000000001_2019-05-31",
        "billingAccountName": "Fabrikam", "billingProfileId": "ABCD-EFGH-BG7-PGB", "billingProfileName": "Fabrikam EU",
        "billingPeriodStartDate": "2024-09-01", "billingPeriodEndDate": "2024-09-30", "SubscriptionId": "2d2d0000-0000-4000-8000-00000000000b",
        "subscriptionName": "eu-prod", "billingCurrency": "EUR", "exchangeRatePricingToBilling": "0.9", "frequency": "UsageBased",
    ]

    static let mcaRows: [[String: String]] = [
        mcaEUR.merging([
            "date": "2024-09-05", "serviceFamily": "Storage", "meterCategory": "Storage", "ProductId": "DZH318Z0BNVX",
            "ProductName": "Blob Storage - Hot LRS", "resourceLocation": "westeurope",
            "ResourceId": "/subscriptions/2d2d0000-0000-4000-8000-00000000000b/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/fabrikamdata",
            "quantity": "120.5", "unitOfMeasure": "1 GB/Month", "chargeType": "Usage", "costInBillingCurrency": "3.3333333333",
            "paygCostInBillingCurrency": "3.3333333333", "PayGPrice": "0.0307", "unitPrice": "0.0307", "consumedService": "microsoft.storage",
            "tags": #"{"team":"web","cost-center":"42"}"#, "pricingModel": "OnDemand",
        ]) { $1 },
        mcaEUR.merging([
            "date": "2024-09-05T00:00:00.0000000Z", "meterCategory": "Virtual Machines", "ProductName": "Virtual Machines D2s v5",
            "resourceLocation": "West Europe", "ResourceId": "/subscriptions/2d2d0000-0000-4000-8000-00000000000b/resourceGroups/rg-app/providers/Microsoft.Compute/virtualMachines/app-1",
            "quantity": "24", "unitOfMeasure": "1 Hour", "chargeType": "Usage", "costInBillingCurrency": "1.75", "paygCostInBillingCurrency": "2.30",
            "consumedService": "Microsoft.Compute", "tags": #"{"team":"app"}"#, "pricingModel": "SavingsPlan", "benefitId": savingsPlanBenefit,
            "benefitName": "compute-sp",
        ]) { $1 },
        mcaEUR.merging([
            "date": "2024-09-05", "ProductName": "Savings plan", "chargeType": "UnusedSavingsPlan", "costInBillingCurrency": "0.25",
            "paygCostInBillingCurrency": "0.25", "pricingModel": "SavingsPlan", "benefitId": savingsPlanBenefit, "benefitName": "compute-sp",
        ]) { $1 },
        mcaEUR.merging([
            "date": "2024-09-06", "meterCategory": "Virtual Machines", "ProductName": "Virtual Machines E4s v5",
            "resourceLocation": "westeurope", "ResourceId": "/subscriptions/2d2d0000-0000-4000-8000-00000000000b/resourceGroups/rg-app/providers/Microsoft.Compute/virtualMachines/app-2",
            "quantity": "24", "unitOfMeasure": "1 Hour", "chargeType": "Usage", "costInBillingCurrency": "2.10", "paygCostInBillingCurrency": "4.00",
            "consumedService": "Microsoft.Compute", "tags": "", "pricingModel": "Reservation", "benefitId": reservationBenefit, "benefitName": "vm-ri",
        ]) { $1 },
        mcaEUR.merging([
            "date": "2024-09-06", "ProductName": "Reservation", "chargeType": "UnusedReservation", "costInBillingCurrency": "0.40",
            "paygCostInBillingCurrency": "0.40", "pricingModel": "Reservation", "benefitId": reservationBenefit, "benefitName": "vm-ri",
        ]) { $1 },
        mcaEUR.merging([
            "date": "2024-09-01", "ProductName": "Reserved VM Instance, Standard_E4s_v5, 1 Year", "chargeType": "Purchase",
            "costInBillingCurrency": "0", "paygCostInBillingCurrency": "0", "frequency": "Recurring", "pricingModel": "Reservation",
            "benefitId": reservationBenefit, "benefitName": "vm-ri",
        ]) { $1 },
        mcaEUR.merging([
            "date": "2024-09-30", "ProductName": "Tax", "chargeType": "Tax", "costInBillingCurrency": "1.53", "frequency": "OneTime",
            "paygCostInBillingCurrency": "",
        ]) { $1 },
        [
            "invoiceId": "G099999999", "billingAccountId": "5e98e158-0000-4000-8000-000000000000:5e98e158-0000-4000-8000-000000000001_2019-05-31",
            "billingProfileId": "WXYZ-0000-BG7-PGB", "billingProfileName": "Fabrikam US", "billingPeriodStartDate": "2024-09-01",
            "billingPeriodEndDate": "2024-09-30", "date": "2024-09-07", "meterCategory": "Virtual Machines", "ProductName": "Virtual Machines F2s v2 Spot",
            "resourceLocation": "East US", "ResourceId": "/subscriptions/3e3e0000-0000-4000-8000-00000000000c/resourceGroups/rg-batch/providers/Microsoft.Compute/virtualMachines/batch-9",
            "quantity": "10", "unitOfMeasure": "1 Hour", "chargeType": "Usage", "billingCurrency": "USD", "costInBillingCurrency": "0.0123",
            "paygCostInBillingCurrency": "0.85", "consumedService": "Microsoft.Compute", "tags": #"{"team":"batch"}"#, "pricingModel": "Spot",
        ],
    ]

    static let mcaCost: [String: Decimal] = ["EUR": Decimal(string: "9.3633333333")!, "USD": Decimal(string: "0.0123")!]
    static let mcaBilled: [String: Decimal] = ["EUR": Decimal(string: "4.8633333333")!, "USD": Decimal(string: "0.0123")!]

    static func text(_ header: [String], _ rows: [[String: String]], lineEnd: String = "\n") -> String {
        ([header.joined(separator: ",")] + rows.map { row in header.map { ImportFixtures.csvField(row[$0] ?? "") }.joined(separator: ",") })
            .joined(separator: lineEnd) + lineEnd
    }

    static var eaText: String { "\u{FEFF}" + text(eaHeader, eaRows, lineEnd: "\r\n") }
    static var mcaText: String { text(mcaHeader, mcaRows) }

    /// The records of a CSV text (header first).
    static func records(_ text: String) -> [CSVRecord] {
        var reader = CSVReader()
        var records: [CSVRecord] = []
        reader.feed(Array(text.utf8)) { records.append($0) }
        reader.finish { records.append($0) }
        return records
    }
}

/// Per billing currency: the sums of the mapped rows' billed and effective cost, exactly.
struct NativeTotals {
    struct Amounts: Hashable {
        var rows = 0
        var billedCost: Decimal = 0
        var effectiveCost: Decimal = 0
    }

    private(set) var byCurrency: [String: Amounts] = [:]

    mutating func add(_ row: MappedBillingRow) {
        let currency = row["billing_currency"] ?? ""
        var amounts = byCurrency[currency] ?? Amounts()
        amounts.rows += 1
        amounts.billedCost += Decimal(string: row["billed_cost"] ?? "", locale: Locale(identifier: "en_US_POSIX")) ?? .nan
        amounts.effectiveCost += Decimal(string: row["effective_cost"] ?? "", locale: Locale(identifier: "en_US_POSIX")) ?? .nan
        byCurrency[currency] = amounts
    }
}
