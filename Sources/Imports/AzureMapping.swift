import CSVParsing
import CostModel
import Foundation

/// Maps one Azure cost details row (Enterprise Agreement or Microsoft Customer Agreement export,
/// actual or amortised cost) to a FOCUS `billing_line_items` row, as Microsoft's FinOps toolkit
/// guidance "Convert Cost Management data to FOCUS" describes it. Column names match ignoring
/// case (EA `CostInBillingCurrency`, MCA `costInBillingCurrency`). The rules are the README's
/// "Azure cost details" table; in short: an actual-cost file's billed totals, and an amortised
/// file's effective totals, equal the file's `CostInBillingCurrency` sums to the digit.
public struct AzureMapping: Sendable {
    /// A cost details column read by the mapping, with its accepted spellings (first present wins).
    enum Field: Int, CaseIterable {
        case billingProfile, billingAccount, billingAccountName, subscription, subscriptionName, invoice
        case billingStart, billingEnd, date, chargeType, frequency, productName, meterCategory, consumedService
        case resourceId, resourceName, location, productId, pricingModel, unit, quantity, unitPrice, paygPrice
        case exchangeRate, paygCost, cost, currency, benefitId, reservationId, tags, availabilityZone

        var names: [String] {
            switch self {
            case .billingProfile: return ["BillingProfileId"]
            case .billingAccount: return ["BillingAccountId"]
            case .billingAccountName: return ["BillingProfileName", "BillingAccountName"]
            case .subscription: return ["SubscriptionId", "SubscriptionGuid"]
            case .subscriptionName: return ["SubscriptionName"]
            case .invoice: return ["InvoiceId"]
            case .billingStart: return ["BillingPeriodStartDate"]
            case .billingEnd: return ["BillingPeriodEndDate"]
            case .date: return ["Date", "UsageDate"]
            case .chargeType: return ["ChargeType"]
            case .frequency: return ["Frequency"]
            case .productName: return ["ProductName", "Product"]
            case .meterCategory: return ["MeterCategory"]
            case .consumedService: return ["ConsumedService"]
            case .resourceId: return ["ResourceId", "InstanceId"]
            case .resourceName: return ["ResourceName"]
            case .location: return ["ResourceLocation", "Location"]
            case .productId: return ["ProductId", "MeterId"]
            case .pricingModel: return ["PricingModel"]
            case .unit: return ["UnitOfMeasure"]
            case .quantity: return ["Quantity"]
            case .unitPrice: return ["UnitPrice"]
            case .paygPrice: return ["PayGPrice"]
            case .exchangeRate: return ["ExchangeRatePricingToBilling"]
            case .paygCost: return ["PaygCostInBillingCurrency"]
            case .cost: return ["CostInBillingCurrency", "Cost", "PreTaxCost"]
            case .currency: return ["BillingCurrencyCode", "BillingCurrency"]
            case .benefitId: return ["BenefitId"]
            case .reservationId: return ["ReservationId"]
            case .tags: return ["Tags"]
            case .availabilityZone: return ["AvailabilityZone"]
            }
        }

        static let required: [Field] = [.billingStart, .billingEnd, .date, .chargeType, .cost, .currency]
    }

    /// Whether a header looks like an Azure cost details export (a cost column and a `Date`).
    public static func isCostDetails(header: [String]) -> Bool {
        let names = Set(header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() })
        return Field.cost.names.contains { names.contains($0.lowercased()) }
            && Field.date.names.contains { names.contains($0.lowercased()) }
    }

    /// Headers no FOCUS column reads (meter details, additional info, ...), in file order.
    public let ignoredColumns: [String]
    private let header: [String]
    private let file: String
    private let positions: [Int?]

    /// - Throws: `ImportFileError` naming every required column the header lacks.
    public init(header: [String], file: String) throws {
        var lookup = NativeHeader(header: header)
        let positions = Field.allCases.map { lookup.position($0.names) }
        var missing = Field.required.filter { positions[$0.rawValue] == nil }.map { $0.names.joined(separator: " or ") }
        if positions[Field.billingProfile.rawValue] == nil && positions[Field.billingAccount.rawValue] == nil {
            missing.insert("BillingAccountId or BillingProfileId", at: 0)
        }
        guard missing.isEmpty else {
            throw ImportFileError(
                file: file,
                message: "the header lacks the Azure cost details column(s) \(missing.joined(separator: ", ")); export cost details (actual or amortised) as CSV from Cost Management")
        }
        self.header = header
        self.file = file
        self.positions = positions
        self.ignoredColumns = lookup.ignoredColumns
    }

    private func at(_ field: Field) -> Int? { positions[field.rawValue] }

    /// Maps one record.
    /// - Throws: `ImportRowError` naming the file, line and column of the first bad cell.
    public func map(_ record: CSVRecord) throws -> MappedBillingRow {
        let cells = try NativeCells(record: record, header: header, file: file)
        func day(_ field: Field) throws -> Int64 {
            let position = at(field)
            guard let text = cells.text(position) else { throw cells.missing(position, field.names[0], "every cost details row has it") }
            guard let day = NativeText.day(text) else {
                throw cells.error(position, "\(FieldParsers.quote(text)) is not a date (expected M/D/YYYY, month first as Azure writes it, or YYYY-MM-DD)")
            }
            return day
        }
        var row = MappedBillingRow()
        row["provider_name"] = "Microsoft"
        // MCA invoices per billing profile, EA per enrollment (BillingProfileId = BillingAccountId there).
        guard let account = cells.text(at(.billingProfile)) ?? cells.text(at(.billingAccount)) else {
            throw cells.missing(at(.billingProfile) ?? at(.billingAccount), "BillingProfileId/BillingAccountId", "every cost details row has it")
        }
        row["billing_account_id"] = account
        row["billing_account_name"] = cells.text(at(.billingAccountName))
        row["sub_account_id"] = cells.text(at(.subscription))
        row["sub_account_name"] = cells.text(at(.subscriptionName))
        row["invoice_id"] = cells.text(at(.invoice))
        // Azure's period end and usage date are inclusive days; FOCUS ends are exclusive.
        row["billing_period_start"] = NativeText.midnight(try day(.billingStart))
        row["billing_period_end"] = NativeText.midnight(try day(.billingEnd) + 1)
        let date = try day(.date)
        row["charge_period_start"] = NativeText.midnight(date)
        row["charge_period_end"] = NativeText.midnight(date + 1)
        guard let currency = cells.text(at(.currency)) else { throw cells.missing(at(.currency), "BillingCurrency", "every cost details row has it") }
        row["billing_currency"] = currency

        guard let chargeType = cells.text(at(.chargeType)) else { throw cells.missing(at(.chargeType), "ChargeType", "every cost details row has it") }
        guard let costText = try cells.decimalText(at(.cost)) else { throw cells.missing(at(.cost), "CostInBillingCurrency", "every cost details row has it") }

        let model = (cells.text(at(.pricingModel)) ?? "").lowercased().replacingOccurrences(of: " ", with: "")
        let benefit = cells.text(at(.benefitId)) ?? cells.text(at(.reservationId))
        let type = chargeType.lowercased()
        let unused = type == "unusedreservation" || type == "unusedsavingsplan"
        let commitment = model == "reservation" || model == "savingsplan" || unused || (benefit != nil && (type == "purchase" || type == "refund"))

        switch type {
        case "usage", "unusedreservation", "unusedsavingsplan": row["charge_category"] = "Usage"
        case "purchase": row["charge_category"] = "Purchase"
        case "credit": row["charge_category"] = "Credit"
        case "tax": row["charge_category"] = "Tax"
        case "refund":
            row["charge_category"] = "Purchase"
            row["charge_class"] = "Correction"
        default: row["charge_category"] = "Adjustment"
        }
        // Commitment usage (and its unused part) is paid by the purchase: billed 0. The purchase
        // (and its refund) is amortised into that usage: effective 0.
        if commitment && (type == "usage" || unused) {
            row["billed_cost"] = "0"
            row["effective_cost"] = costText
        } else if commitment && (type == "purchase" || type == "refund") {
            row["billed_cost"] = costText
            row["effective_cost"] = "0"
        } else {
            row["billed_cost"] = costText
            row["effective_cost"] = costText
        }

        switch (cells.text(at(.frequency)) ?? "").lowercased() {
        case "": break
        case "onetime": row["charge_frequency"] = "One-Time"
        case "recurring": row["charge_frequency"] = "Recurring"
        case "usagebased": row["charge_frequency"] = "Usage-Based"
        default: row["charge_frequency"] = "Other"
        }
        switch model {
        case "ondemand": row["pricing_category"] = "Standard"
        case "spot": row["pricing_category"] = "Dynamic"
        case "reservation", "savingsplan": row["pricing_category"] = "Committed"
        default: break
        }

        if let benefit, commitment {
            row["commitment_discount_id"] = benefit
            let lower = benefit.lowercased()
            let savingsPlan = lower.contains("/microsoft.billingbenefits/") || (!lower.contains("/microsoft.capacity/") && (model == "savingsplan" || type == "unusedsavingsplan"))
            row["commitment_discount_category"] = savingsPlan ? "Spend" : "Usage"
            row["commitment_discount_type"] = savingsPlan ? "Savings Plan" : "Reservation"
            if unused {
                row["commitment_discount_status"] = "Unused"
            } else if type == "usage" {
                row["commitment_discount_status"] = "Used"
            }
        }

        let consumedService = cells.text(at(.consumedService))
        let meterCategory = cells.text(at(.meterCategory))
        row["charge_description"] = cells.text(at(.productName))
        row["service_name"] = meterCategory ?? consumedService ?? cells.text(at(.productName))
        row["service_category"] = AzureServiceCategory.category(consumedService: consumedService, meterCategory: meterCategory)
        let resourceId = cells.text(at(.resourceId))
        row["resource_id"] = resourceId
        row["resource_type"] = resourceId.flatMap(AzureServiceCategory.resourceType)
        row["resource_name"] = cells.text(at(.resourceName))
            ?? resourceId.flatMap { $0.split(separator: "/").last.map(String.init) }
        if let location = cells.text(at(.location)) {
            let region = location.lowercased().replacingOccurrences(of: " ", with: "")
            if region != "unassigned" { row["region_id"] = region }
        }
        row["availability_zone"] = cells.text(at(.availabilityZone))
        row["sku_id"] = cells.text(at(.productId))
        let unit = cells.text(at(.unit))
        let quantity = try cells.decimalText(at(.quantity))
        row["pricing_unit"] = unit
        row["pricing_quantity"] = quantity
        if type == "usage" {
            row["consumed_unit"] = unit
            row["consumed_quantity"] = quantity
        }
        row["contracted_unit_price"] = try cells.decimalText(at(.unitPrice))
        if let payg = try cells.decimal(at(.paygPrice)) {
            let rate = try cells.decimal(at(.exchangeRate)) ?? 1
            row["list_unit_price"] = Money.plain(payg * rate)
        }
        // ListCost is NOT NULL: MCA's PaygCostInBillingCurrency, else (EA has none) the row's cost.
        row["list_cost"] = try cells.decimalText(at(.paygCost)) ?? costText
        row["tags"] = try tags(cells)
        return row
    }

    /// Tags as a JSON object: MCA writes `{"team":"data"}`, EA the brace-less `"team": "data","env": "prod"`.
    private func tags(_ cells: NativeCells) throws -> String {
        guard let text = cells.text(at(.tags)) else { return "{}" }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { return "{}" }
        let object = trimmed.hasPrefix("{") ? trimmed : "{" + trimmed + "}"
        guard let valid = FieldParsers.jsonObject(object) else {
            throw cells.error(at(.tags), "\(FieldParsers.quote(text)) is not a tag list (expected {\"team\": \"data\"} or \"team\": \"data\",\"env\": \"prod\")")
        }
        return valid
    }
}

/// FOCUS ServiceCategory of an Azure charge, from the resource provider namespace of
/// `ConsumedService` (`Microsoft.Compute` -> Compute), else from `MeterCategory`, else `Other`.
enum AzureServiceCategory {
    static let namespaces: [String: String] = [
        "microsoft.compute": "Compute", "microsoft.classiccompute": "Compute", "microsoft.containerservice": "Compute",
        "microsoft.containerinstance": "Compute", "microsoft.web": "Compute", "microsoft.batch": "Compute",
        "microsoft.app": "Compute", "microsoft.storage": "Storage", "microsoft.classicstorage": "Storage",
        "microsoft.netapp": "Storage", "microsoft.recoveryservices": "Storage", "microsoft.sql": "Databases",
        "microsoft.dbforpostgresql": "Databases", "microsoft.dbformysql": "Databases", "microsoft.dbformariadb": "Databases",
        "microsoft.documentdb": "Databases", "microsoft.cache": "Databases", "microsoft.network": "Networking",
        "microsoft.cdn": "Networking", "microsoft.classicnetwork": "Networking", "microsoft.keyvault": "Security",
        "microsoft.security": "Security", "microsoft.insights": "Management and Governance",
        "microsoft.operationalinsights": "Management and Governance", "microsoft.automation": "Management and Governance",
        "microsoft.cognitiveservices": "AI and Machine Learning", "microsoft.machinelearningservices": "AI and Machine Learning",
        "microsoft.eventhub": "Integration", "microsoft.servicebus": "Integration", "microsoft.logic": "Integration",
        "microsoft.apimanagement": "Integration", "microsoft.datafactory": "Analytics", "microsoft.databricks": "Analytics",
        "microsoft.synapse": "Analytics", "microsoft.kusto": "Analytics", "microsoft.hdinsight": "Analytics",
    ]
    static let meterCategories: [String: String] = [
        "virtual machines": "Compute", "container instances": "Compute", "azure app service": "Compute", "functions": "Compute",
        "storage": "Storage", "backup": "Storage", "sql database": "Databases", "azure cosmos db": "Databases",
        "azure database for postgresql": "Databases", "azure database for mysql": "Databases", "redis cache": "Databases",
        "bandwidth": "Networking", "virtual network": "Networking", "load balancer": "Networking", "content delivery network": "Networking",
        "azure dns": "Networking", "vpn gateway": "Networking", "key vault": "Security", "log analytics": "Management and Governance",
        "azure monitor": "Management and Governance",
    ]

    static func category(consumedService: String?, meterCategory: String?) -> String {
        if let consumedService, let category = namespaces[consumedService.lowercased()] { return category }
        if let meterCategory, let category = meterCategories[meterCategory.lowercased()] { return category }
        return "Other"
    }

    /// The ARM resource type of a resource id: `/subscriptions/s/resourceGroups/g/providers/Microsoft.Sql/servers/a/databases/b`
    /// gives `Microsoft.Sql/servers/databases`; nil when the id names no provider.
    static func resourceType(_ resourceId: String) -> String? {
        guard let range = resourceId.range(of: "/providers/", options: [.caseInsensitive, .backwards]) else { return nil }
        let segments = resourceId[range.upperBound...].split(separator: "/")
        guard segments.count >= 2 else { return nil }
        var type = String(segments[0])
        for index in stride(from: 1, to: segments.count, by: 2) { type += "/" + segments[index] }
        return type
    }
}
