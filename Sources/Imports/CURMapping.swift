import CSVParsing
import Contract
import CostModel
import Foundation

/// Maps one AWS Cost and Usage Report row (legacy CUR `lineItem/UnblendedCost` headers, or CUR 2.0
/// `line_item_unblended_cost` headers) to a FOCUS `billing_line_items` row, as the FinOps
/// Foundation's focus-converters (AWS CUR configuration) and the FOCUS specification describe it.
/// The rules, column by column, are the README's "AWS CUR" table; in short: billed cost is the
/// unblended cost, so that the billed totals equal the file's `UnblendedCost` sums to the digit;
/// effective cost follows the line item type (amortised reservations and savings plans).
public struct CURMapping: Sendable {
    /// Which column naming the file uses.
    public enum Schema: String, Sendable, Hashable {
        /// Legacy CUR, `lineItem/UnblendedCost`, tags as `resourceTags/user:KEY` columns.
        case legacy = "CUR (legacy)"
        /// CUR 2.0 from AWS Data Exports, `line_item_unblended_cost`, tags in one `resource_tags` JSON column.
        case cur2 = "CUR 2.0"
    }

    /// A CUR column read by the mapping.
    enum Field: Int, CaseIterable {
        case payerAccount, payerAccountName, usageAccount, usageAccountName, invoice, billingStart, billingEnd, usageStart, usageEnd
        case lineItemType, description, productCode, productName, usageType, resourceId, availabilityZone, region, sku, rateCode
        case pricingTerm, purchaseOption, pricingUnit, usageAmount, publicCost, publicRate, unblendedCost, currency
        case reservationARN, reservationEffective, reservationUnusedUpfront, reservationUnusedRecurring
        case savingsPlanARN, savingsPlanEffective, savingsPlanTotalCommitment, savingsPlanUsedCommitment

        /// Legacy and CUR 2.0 spellings (the first present wins) and whether every row needs it.
        var names: (legacy: [String], cur2: [String], required: Bool) {
            switch self {
            case .payerAccount: return (["bill/PayerAccountId"], ["bill_payer_account_id"], true)
            case .payerAccountName: return (["bill/PayerAccountName"], ["bill_payer_account_name"], false)
            case .usageAccount: return (["lineItem/UsageAccountId"], ["line_item_usage_account_id"], false)
            case .usageAccountName: return (["lineItem/UsageAccountName"], ["line_item_usage_account_name"], false)
            case .invoice: return (["bill/InvoiceId"], ["bill_invoice_id"], false)
            case .billingStart: return (["bill/BillingPeriodStartDate"], ["bill_billing_period_start_date"], true)
            case .billingEnd: return (["bill/BillingPeriodEndDate"], ["bill_billing_period_end_date"], true)
            case .usageStart: return (["lineItem/UsageStartDate"], ["line_item_usage_start_date"], true)
            case .usageEnd: return (["lineItem/UsageEndDate"], ["line_item_usage_end_date"], true)
            case .lineItemType: return (["lineItem/LineItemType"], ["line_item_line_item_type"], true)
            case .description: return (["lineItem/LineItemDescription"], ["line_item_line_item_description"], false)
            case .productCode: return (["lineItem/ProductCode"], ["line_item_product_code"], false)
            case .productName: return (["product/ProductName"], ["product_product_name"], false)
            case .usageType: return (["lineItem/UsageType"], ["line_item_usage_type"], false)
            case .resourceId: return (["lineItem/ResourceId"], ["line_item_resource_id"], false)
            case .availabilityZone: return (["lineItem/AvailabilityZone"], ["line_item_availability_zone"], false)
            case .region: return (["product/regionCode", "product/region"], ["product_region_code", "product_region"], false)
            case .sku: return (["product/sku"], ["product_sku"], false)
            case .rateCode: return (["pricing/RateCode", "pricing/RateId"], ["pricing_rate_code", "pricing_rate_id"], false)
            case .pricingTerm: return (["pricing/term"], ["pricing_term"], false)
            case .purchaseOption: return (["product/purchaseOption", "pricing/PurchaseOption"], ["product_purchase_option", "pricing_purchase_option"], false)
            case .pricingUnit: return (["pricing/unit"], ["pricing_unit"], false)
            case .usageAmount: return (["lineItem/UsageAmount"], ["line_item_usage_amount"], false)
            case .publicCost: return (["pricing/publicOnDemandCost"], ["pricing_public_on_demand_cost"], false)
            case .publicRate: return (["pricing/publicOnDemandRate"], ["pricing_public_on_demand_rate"], false)
            case .unblendedCost: return (["lineItem/UnblendedCost"], ["line_item_unblended_cost"], true)
            case .currency: return (["lineItem/CurrencyCode"], ["line_item_currency_code"], true)
            case .reservationARN: return (["reservation/ReservationARN"], ["reservation_reservation_a_r_n"], false)
            case .reservationEffective: return (["reservation/EffectiveCost"], ["reservation_effective_cost"], false)
            case .reservationUnusedUpfront: return (["reservation/UnusedAmortizedUpfrontFeeForBillingPeriod"], ["reservation_unused_amortized_upfront_fee_for_billing_period"], false)
            case .reservationUnusedRecurring: return (["reservation/UnusedRecurringFee"], ["reservation_unused_recurring_fee"], false)
            case .savingsPlanARN: return (["savingsPlan/SavingsPlanARN"], ["savings_plan_savings_plan_a_r_n"], false)
            case .savingsPlanEffective: return (["savingsPlan/SavingsPlanEffectiveCost"], ["savings_plan_savings_plan_effective_cost"], false)
            case .savingsPlanTotalCommitment: return (["savingsPlan/TotalCommitmentToDate"], ["savings_plan_total_commitment_to_date"], false)
            case .savingsPlanUsedCommitment: return (["savingsPlan/UsedCommitment"], ["savings_plan_used_commitment"], false)
            }
        }
    }

    /// The schema of a header, nil when it is not a CUR header.
    public static func schema(header: [String]) -> Schema? {
        let names = Set(header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() })
        if names.contains("lineitem/unblendedcost") { return .legacy }
        if names.contains("line_item_unblended_cost") { return .cur2 }
        return nil
    }

    public let schema: Schema
    /// Headers no FOCUS column reads (cost categories, blended and net costs, product attributes, ...), in file order.
    public let ignoredColumns: [String]
    private let header: [String]
    private let file: String
    /// Field positions, indexed by `Field.rawValue`.
    private let positions: [Int?]
    /// Tag columns: position and the FOCUS tag key (legacy `resourceTags/user:team` -> `team`).
    private let tagColumns: [(position: Int, key: String)]
    /// CUR 2.0 `resource_tags` (a JSON object per row).
    private let tagObjectColumn: Int?

    /// - Throws: `ImportFileError` when the header is not a CUR header or lacks required columns (all named).
    public init(header: [String], file: String) throws {
        guard let schema = Self.schema(header: header) else {
            throw ImportFileError(
                file: file,
                message: "the header is not an AWS Cost and Usage Report (no lineItem/UnblendedCost or line_item_unblended_cost column); export a CUR or CUR 2.0 as CSV with headers")
        }
        var lookup = NativeHeader(header: header)
        var positions: [Int?] = []
        var missing: [String] = []
        for field in Field.allCases {
            let spelling = field.names
            let names = schema == .legacy ? spelling.legacy : spelling.cur2
            let position = lookup.position(names)
            if position == nil && spelling.required { missing.append(names[0]) }
            positions.append(position)
        }
        guard missing.isEmpty else {
            throw ImportFileError(file: file, message: "the \(schema.rawValue) header lacks the required column(s) \(missing.joined(separator: ", "))")
        }
        var tagColumns: [(Int, String)] = []
        for (index, name) in header.enumerated() {
            if let key = Self.tagKey(column: name) {
                tagColumns.append((index, key))
                lookup.markUsed(index)
            }
        }
        self.tagObjectColumn = schema == .cur2 ? lookup.position(["resource_tags"]) : nil
        self.schema = schema
        self.header = header
        self.file = file
        self.positions = positions
        self.tagColumns = tagColumns
        self.ignoredColumns = lookup.ignoredColumns
    }

    /// The FOCUS tag key of a flattened tag column: `resourceTags/user:team` and
    /// `resource_tags_user_team` give `team` (user-defined keys lose CUR's `user:` namespace, as
    /// FOCUS asks), `resourceTags/aws:createdBy` keeps `aws:createdBy` (provider-defined tags
    /// keep their prefix). nil for any other column.
    static func tagKey(column: String) -> String? {
        let name = column.trimmingCharacters(in: .whitespaces)
        for prefix in ["resourceTags/", "resource_tags_"] where name.hasPrefix(prefix) && name.count > prefix.count {
            let key = String(name.dropFirst(prefix.count))
            for user in ["user:", "user_"] where key.hasPrefix(user) && key.count > user.count { return String(key.dropFirst(user.count)) }
            return key
        }
        return nil
    }

    private func at(_ field: Field) -> Int? { positions[field.rawValue] }

    /// Maps one record.
    /// - Throws: `ImportRowError` naming the file, line and column of the first bad cell.
    public func map(_ record: CSVRecord) throws -> MappedBillingRow {
        let cells = try NativeCells(record: record, header: header, file: file)
        func required(_ field: Field, _ value: String?) throws -> String {
            guard let value else { throw cells.missing(at(field), field.names.legacy[0], "every CUR row has it") }
            return value
        }
        var row = MappedBillingRow()
        row["provider_name"] = "AWS"
        row["billing_account_id"] = try required(.payerAccount, cells.text(at(.payerAccount)))
        row["billing_account_name"] = cells.text(at(.payerAccountName))
        row["sub_account_id"] = cells.text(at(.usageAccount))
        row["sub_account_name"] = cells.text(at(.usageAccountName))
        row["invoice_id"] = cells.text(at(.invoice))
        row["billing_period_start"] = try required(.billingStart, cells.timestamp(at(.billingStart)))
        row["billing_period_end"] = try required(.billingEnd, cells.timestamp(at(.billingEnd)))
        row["charge_period_start"] = try required(.usageStart, cells.timestamp(at(.usageStart)))
        row["charge_period_end"] = try required(.usageEnd, cells.timestamp(at(.usageEnd)))
        row["billing_currency"] = try required(.currency, cells.text(at(.currency)))

        let type = try required(.lineItemType, cells.text(at(.lineItemType)))
        let billedText = try required(.unblendedCost, cells.decimalText(at(.unblendedCost)))
        row["billed_cost"] = billedText

        let reservation = cells.text(at(.reservationARN))
        let savingsPlan = cells.text(at(.savingsPlanARN))
        let kind = CURLineItemKind(type)
        row["charge_category"] = kind.chargeCategory
        row["charge_frequency"] = kind.chargeFrequency
        if kind == .refund { row["charge_class"] = "Correction" }

        // Effective cost: the amortised cost of the line (focus-converters' EffectiveCost rule).
        switch kind {
        case .discountedUsage:
            guard let value = try cells.decimalText(at(.reservationEffective)) else {
                throw cells.missing(at(.reservationEffective), Field.reservationEffective.names.legacy[0], "a DiscountedUsage row needs its amortised reservation cost")
            }
            row["effective_cost"] = value
        case .savingsPlanCoveredUsage:
            guard let value = try cells.decimalText(at(.savingsPlanEffective)) else {
                throw cells.missing(at(.savingsPlanEffective), Field.savingsPlanEffective.names.legacy[0], "a SavingsPlanCoveredUsage row needs its savings plan effective cost")
            }
            row["effective_cost"] = value
        case .savingsPlanNegation, .savingsPlanUpfrontFee:
            row["effective_cost"] = "0"
        case .riFee:
            let upfront = try cells.decimal(at(.reservationUnusedUpfront)) ?? 0
            let recurring = try cells.decimal(at(.reservationUnusedRecurring)) ?? 0
            row["effective_cost"] = Money.plain(upfront + recurring)
        case .savingsPlanRecurringFee:
            let total = try cells.decimal(at(.savingsPlanTotalCommitment)) ?? 0
            let used = try cells.decimal(at(.savingsPlanUsedCommitment)) ?? 0
            row["effective_cost"] = Money.plain(total - used)
        case .fee where reservation != nil:
            row["effective_cost"] = "0"  // the upfront fee of a reservation: amortised into DiscountedUsage and RIFee
        default:
            row["effective_cost"] = billedText
        }

        // Commitment discount columns.
        if let savingsPlan, kind.carriesCommitment {
            row["commitment_discount_id"] = savingsPlan
            row["commitment_discount_category"] = "Spend"
            row["commitment_discount_type"] = "Savings Plan"
        } else if let reservation, kind.carriesCommitment {
            row["commitment_discount_id"] = reservation
            row["commitment_discount_category"] = "Usage"
            row["commitment_discount_type"] = "Reserved Instance"
        }
        if row["commitment_discount_id"] != nil { row["commitment_discount_status"] = kind.commitmentStatus }

        // Spot is told by the usage type (`USE1-SpotUsage:c5.large`), the term or the purchase option.
        let spot = kind == .usage && [at(.usageType), at(.pricingTerm), at(.purchaseOption)]
            .contains { cells.text($0)?.lowercased().contains("spot") == true }
        row["pricing_category"] = kind.pricingCategory(spot: spot)

        let productCode = cells.text(at(.productCode))
        row["charge_description"] = cells.text(at(.description))
        row["service_name"] = cells.text(at(.productName)) ?? productCode
        row["service_category"] = productCode.map(AWSServiceCategory.category(productCode:)) ?? "Other"
        let resource = cells.text(at(.resourceId))
        row["resource_id"] = resource
        row["resource_type"] = resource.flatMap { AWSResourceType.type(resourceId: $0, productCode: productCode) }
        row["region_id"] = cells.text(at(.region))
        row["availability_zone"] = cells.text(at(.availabilityZone))
        row["sku_id"] = cells.text(at(.sku))
        row["sku_price_id"] = cells.text(at(.rateCode))
        let unit = cells.text(at(.pricingUnit))
        let quantity = try cells.decimalText(at(.usageAmount))
        row["pricing_unit"] = unit
        row["pricing_quantity"] = quantity
        if kind.chargeCategory == "Usage" {
            row["consumed_unit"] = unit
            row["consumed_quantity"] = quantity
        }
        row["list_unit_price"] = try cells.decimalText(at(.publicRate))
        // ListCost is NOT NULL: the public on-demand cost, else (taxes, credits, fees) the unblended cost.
        row["list_cost"] = try cells.decimalText(at(.publicCost)) ?? billedText
        row["tags"] = try tags(cells)
        return row
    }

    private func tags(_ cells: NativeCells) throws -> String {
        var pairs: [String: String] = [:]
        for column in tagColumns {
            if let value = cells.text(column.position) { pairs[column.key] = value }
        }
        if let position = tagObjectColumn, let text = cells.text(position) {
            guard let data = text.data(using: .utf8),
                  let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                throw cells.error(position, "\(FieldParsers.quote(text)) is not a JSON object (expected e.g. {\"user_team\":\"payments\"})")
            }
            for (key, value) in object {
                let name = key.hasPrefix("user_") && key.count > 5 ? String(key.dropFirst(5)) : key
                switch value {
                case let text as String where !text.isEmpty: pairs[name] = text
                case is NSNull, is String: continue
                default: pairs[name] = "\(value)"
                }
            }
        }
        return ContractValue.jsonText(pairs)
    }
}

/// `lineItem/LineItemType`, with the FOCUS values each type maps to.
enum CURLineItemKind: Equatable {
    case usage, discountedUsage, savingsPlanCoveredUsage, savingsPlanNegation, savingsPlanUpfrontFee
    case savingsPlanRecurringFee, riFee, fee, tax, credit, refund, discount, other

    init(_ text: String) {
        switch text {
        case "Usage": self = .usage
        case "DiscountedUsage": self = .discountedUsage
        case "SavingsPlanCoveredUsage": self = .savingsPlanCoveredUsage
        case "SavingsPlanNegation": self = .savingsPlanNegation
        case "SavingsPlanUpfrontFee": self = .savingsPlanUpfrontFee
        case "SavingsPlanRecurringFee": self = .savingsPlanRecurringFee
        case "RIFee": self = .riFee
        case "Fee": self = .fee
        case "Tax": self = .tax
        case "Credit": self = .credit
        case "Refund": self = .refund
        case "BundledDiscount", "Discount", "EdpDiscount", "PrivateRateDiscount", "RiVolumeDiscount", "DistributorDiscount":
            self = .discount
        default: self = .other
        }
    }

    /// FOCUS 1.0 ChargeCategory (focus-converters, with FOCUS 1.0's `Credit`).
    var chargeCategory: String {
        switch self {
        case .usage, .discountedUsage, .savingsPlanCoveredUsage, .savingsPlanNegation, .discount: return "Usage"
        case .savingsPlanUpfrontFee, .savingsPlanRecurringFee, .riFee, .fee: return "Purchase"
        case .tax: return "Tax"
        case .credit: return "Credit"
        case .refund, .other: return "Adjustment"
        }
    }

    var chargeFrequency: String {
        switch self {
        case .usage, .discountedUsage, .savingsPlanCoveredUsage, .savingsPlanNegation, .discount: return "Usage-Based"
        case .savingsPlanRecurringFee, .riFee: return "Recurring"
        default: return "One-Time"
        }
    }

    /// Whether the line belongs to the reservation or savings plan named on it.
    var carriesCommitment: Bool {
        switch self {
        case .discountedUsage, .savingsPlanCoveredUsage, .savingsPlanNegation, .savingsPlanUpfrontFee,
             .savingsPlanRecurringFee, .riFee, .fee: return true
        default: return false
        }
    }

    /// `Used` for covered usage; `Unused` for the recurring fee lines, whose effective cost is
    /// exactly the unused part of the commitment; nil for upfront purchases.
    var commitmentStatus: String? {
        switch self {
        case .discountedUsage, .savingsPlanCoveredUsage, .savingsPlanNegation: return "Used"
        case .riFee, .savingsPlanRecurringFee: return "Unused"
        default: return nil
        }
    }

    /// FOCUS 1.0 PricingCategory: covered usage and commitment fees `Committed`, spot usage
    /// `Dynamic`, other usage `Standard`, taxes, credits, refunds and discounts none.
    func pricingCategory(spot: Bool) -> String? {
        switch self {
        case .discountedUsage, .savingsPlanCoveredUsage, .savingsPlanUpfrontFee, .savingsPlanRecurringFee, .riFee: return "Committed"
        case .usage: return spot ? "Dynamic" : "Standard"
        case .savingsPlanNegation, .fee: return "Standard"
        default: return nil
        }
    }
}

/// FOCUS ServiceCategory of an AWS product code (`lineItem/ProductCode`), after the
/// focus-converters' AWS category mapping; codes not listed are `Other`.
enum AWSServiceCategory {
    static let categories: [String: String] = [
        "AmazonEC2": "Compute", "AWSLambda": "Compute", "AmazonECS": "Compute", "AmazonEKS": "Compute",
        "AmazonECR": "Compute", "AmazonLightsail": "Compute", "AWSAppRunner": "Compute", "AWSOutposts": "Compute",
        "ComputeSavingsPlans": "Compute", "AmazonEBS": "Storage", "AmazonS3": "Storage", "AmazonEFS": "Storage",
        "AmazonFSx": "Storage", "AmazonGlacier": "Storage", "AWSBackup": "Storage", "AWSStorageGateway": "Storage",
        "AmazonRDS": "Databases", "AmazonDynamoDB": "Databases", "AmazonElastiCache": "Databases",
        "AmazonRedshift": "Databases", "AmazonDocDB": "Databases", "AmazonNeptune": "Databases",
        "AmazonMemoryDB": "Databases", "AmazonTimestream": "Databases", "AmazonVPC": "Networking",
        "AWSELB": "Networking", "AmazonCloudFront": "Networking", "AmazonRoute53": "Networking",
        "AWSDataTransfer": "Networking", "AWSDirectConnect": "Networking", "AmazonApiGateway": "Networking",
        "AWSGlobalAccelerator": "Networking", "AWSNetworkFirewall": "Networking", "AmazonCloudWatch": "Management and Governance",
        "AWSCloudTrail": "Management and Governance", "AWSConfig": "Management and Governance",
        "AWSCloudFormation": "Management and Governance", "AWSSystemsManager": "Management and Governance",
        "AWSCostExplorer": "Management and Governance", "AWSSupportBusiness": "Management and Governance",
        "AWSSupportEnterprise": "Management and Governance", "AmazonSNS": "Integration", "AWSQueueService": "Integration",
        "AmazonMQ": "Integration", "AmazonStates": "Integration", "AmazonKinesis": "Analytics", "AmazonAthena": "Analytics",
        "AWSGlue": "Analytics", "AmazonES": "Analytics", "ElasticMapReduce": "Analytics", "AmazonMSK": "Analytics",
        "AmazonQuickSight": "Analytics", "awskms": "Security", "AWSSecretsManager": "Security", "awswaf": "Security",
        "AmazonGuardDuty": "Security", "AWSCertificateManager": "Security", "AmazonCognito": "Security",
        "AmazonSageMaker": "AI and Machine Learning", "AmazonBedrock": "AI and Machine Learning",
    ]

    static func category(productCode: String) -> String { categories[productCode] ?? "Other" }
}

/// A resource type read from an AWS resource id, so that `resources.kind` of a resource the
/// inventory lacks can be told (`ResourceKindMapping`): `i-...` Instance, `vol-...` Volume,
/// `snap-...` Snapshot, `eipalloc-...` ElasticIP, an ARN's resource type (`arn:aws:rds:...:db:x`
/// DBInstance, `...:loadbalancer/...` LoadBalancer, otherwise the ARN's own type word), an S3
/// charge's bucket name Bucket.
enum AWSResourceType {
    static func type(resourceId: String, productCode: String?) -> String? {
        if resourceId.hasPrefix("arn:") {
            let parts = resourceId.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
            guard parts.count == 6 else { return nil }
            let service = parts[2]
            let word = parts[5].prefix { $0 != "/" && $0 != ":" }
            switch (service, word) {
            case ("rds", "db"): return "DBInstance"
            case ("rds", "cluster"): return "DBCluster"
            case ("elasticloadbalancing", "loadbalancer"): return "LoadBalancer"
            case ("ec2", "instance"): return "Instance"
            case ("ec2", "volume"): return "Volume"
            default: return word.isEmpty ? nil : String(word)
            }
        }
        let prefixes: [(String, String)] = [("i-", "Instance"), ("vol-", "Volume"), ("snap-", "Snapshot"), ("eipalloc-", "ElasticIP")]
        for (prefix, type) in prefixes where resourceId.hasPrefix(prefix) { return type }
        if productCode == "AmazonS3" { return "Bucket" }
        return nil
    }
}
