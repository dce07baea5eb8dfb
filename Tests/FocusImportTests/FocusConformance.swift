import CSVParsing
import Foundation

/// The FOCUS 1.0 conformance rules a FOCUS file we write must meet, written from the
/// specification (the column requirements the FinOps Foundation's focus-validator 1.0 encodes, with
/// the 1.0 column names, plus the specification's conditional rules the validator lacks). Returns
/// one line per broken rule, with the first offending line.
enum FocusConformance {
    enum Kind { case string, decimal, datetime, currency, jsonObject }

    struct Column {
        let name: String
        let required: Bool
        let nullable: Bool
        let kind: Kind
        let allowed: Set<String>?
        init(_ name: String, required: Bool = true, nullable: Bool, _ kind: Kind = .string, allowed: Set<String>? = nil) {
            self.name = name; self.required = required; self.nullable = nullable; self.kind = kind; self.allowed = allowed
        }
    }

    static let serviceCategories: Set<String> = [
        "AI and Machine Learning", "Analytics", "Business Applications", "Compute", "Databases", "Developer Tools",
        "Multicloud", "Identity", "Integration", "Internet of Things", "Management and Governance", "Media", "Migration",
        "Mobile", "Networking", "Security", "Storage", "Web", "Other",
    ]

    static let columns: [Column] = [
        Column("AvailabilityZone", required: false, nullable: true),
        Column("BilledCost", nullable: false, .decimal), Column("BillingAccountId", nullable: false),
        Column("BillingAccountName", nullable: true), Column("BillingCurrency", nullable: false, .currency),
        Column("BillingPeriodEnd", nullable: false, .datetime), Column("BillingPeriodStart", nullable: false, .datetime),
        Column("ChargeCategory", nullable: false, allowed: ["Usage", "Purchase", "Tax", "Credit", "Adjustment"]),
        Column("ChargeClass", nullable: true, allowed: ["Correction"]), Column("ChargeDescription", nullable: true),
        Column("ChargeFrequency", required: false, nullable: false, allowed: ["One-Time", "Recurring", "Usage-Based"]),
        Column("ChargePeriodEnd", nullable: false, .datetime), Column("ChargePeriodStart", nullable: false, .datetime),
        Column("CommitmentDiscountCategory", nullable: true, allowed: ["Spend", "Usage"]),
        Column("CommitmentDiscountId", nullable: true), Column("CommitmentDiscountName", nullable: true),
        Column("CommitmentDiscountStatus", nullable: true, allowed: ["Used", "Unused"]),
        Column("CommitmentDiscountType", nullable: true), Column("ConsumedQuantity", nullable: true, .decimal),
        Column("ConsumedUnit", nullable: true), Column("ContractedCost", nullable: false, .decimal),
        Column("ContractedUnitPrice", nullable: true, .decimal), Column("EffectiveCost", nullable: false, .decimal),
        Column("InvoiceIssuerName", nullable: false), Column("ListCost", nullable: false, .decimal),
        Column("ListUnitPrice", nullable: true, .decimal),
        Column("PricingCategory", nullable: true, allowed: ["Standard", "Dynamic", "Committed", "Other"]),
        Column("PricingQuantity", nullable: true, .decimal), Column("PricingUnit", nullable: true),
        Column("ProviderName", nullable: false), Column("PublisherName", nullable: false),
        Column("RegionId", nullable: true), Column("RegionName", nullable: true),
        Column("ResourceId", nullable: true), Column("ResourceName", nullable: true), Column("ResourceType", nullable: true),
        Column("ServiceCategory", nullable: false, allowed: serviceCategories), Column("ServiceName", nullable: false),
        Column("SkuId", nullable: true), Column("SkuPriceId", nullable: true),
        Column("SubAccountId", nullable: true), Column("SubAccountName", nullable: true),
        Column("Tags", nullable: true, .jsonObject),
    ]

    /// Checks a whole FOCUS CSV text.
    static func violations(_ text: String) -> [String] {
        var records: [CSVRecord] = []
        var reader = CSVReader()
        reader.feed(Array(text.utf8)) { records.append($0) }
        reader.finish { records.append($0) }
        guard let header = records.first?.fields else { return ["no header"] }
        var problems: [String: Int] = [:]
        func fail(_ rule: String, _ line: Int) { if problems[rule] == nil { problems[rule] = line } }
        var index: [String: Int] = [:]
        for (position, name) in header.enumerated() { index[name] = position }
        for column in columns where column.required && index[column.name] == nil { fail("\(column.name) column missing", 1) }
        for record in records.dropFirst() {
            if let problem = record.problem { fail("CSV syntax: \(problem.message)", record.line); continue }
            guard record.fields.count == header.count else { fail("field count", record.line); continue }
            func value(_ name: String) -> String? {
                guard let position = index[name] else { return nil }
                let text = record.fields[position]
                return text.isEmpty ? nil : text
            }
            for column in columns where index[column.name] != nil {
                guard let text = value(column.name) else {
                    if !column.nullable { fail("\(column.name) is null", record.line) }
                    continue
                }
                if let allowed = column.allowed, !allowed.contains(text) { fail("\(column.name) value \(text) not allowed", record.line) }
                switch column.kind {
                case .string: break
                case .decimal:
                    if text.range(of: #"^-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$"#, options: .regularExpression) == nil {
                        fail("\(column.name) is not a decimal", record.line)
                    }
                case .datetime:
                    if text.range(of: #"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?Z$"#, options: .regularExpression) == nil {
                        fail("\(column.name) is not an ISO 8601 UTC date-time", record.line)
                    }
                case .currency:
                    if text.range(of: #"^[A-Z]{3}$"#, options: .regularExpression) == nil { fail("\(column.name) is not an ISO 4217 code", record.line) }
                case .jsonObject:
                    if (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] == nil {
                        fail("\(column.name) is not a JSON object", record.line)
                    }
                }
            }
            // Conditional rules of the specification.
            let category = value("ChargeCategory")
            if (category == "Usage" || category == "Purchase") && value("ChargeClass") == nil {
                for name in ["ListUnitPrice", "ContractedUnitPrice", "PricingQuantity", "PricingUnit"] where value(name) == nil {
                    fail("\(name) is null on a \(category!) row that is not a correction", record.line)
                }
            }
            let commitment = value("CommitmentDiscountId") != nil
            for name in ["CommitmentDiscountCategory", "CommitmentDiscountType", "CommitmentDiscountName"] where (value(name) != nil) != commitment {
                fail("\(name) must be set exactly when CommitmentDiscountId is", record.line)
            }
            if (value("CommitmentDiscountStatus") != nil) != (commitment && category == "Usage") {
                fail("CommitmentDiscountStatus must be set exactly on Usage rows with a CommitmentDiscountId", record.line)
            }
            if value("SubAccountId") != nil && value("SubAccountName") == nil { fail("SubAccountName is null with a SubAccountId", record.line) }
            if value("RegionId") != nil && value("RegionName") == nil { fail("RegionName is null with a RegionId", record.line) }
        }
        return problems.sorted { $0.key < $1.key }.map { "\($0.key) (first at line \($0.value))" }
    }
}
