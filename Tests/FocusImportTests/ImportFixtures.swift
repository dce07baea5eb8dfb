import BillingStore
import Foundation
import Logging
import Postgres
import TestSupport

/// FOCUS files written by hand from the specification, and helpers for the import tests.
enum ImportFixtures {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let schema = packageRoot.appendingPathComponent("sample-billing/schema.sql")
    static let rollups = packageRoot.appendingPathComponent("sample-billing/rollups.sql")
    static let catalog = packageRoot.appendingPathComponent("sample-billing/instance-types-aws-us-east-1.csv")
    static let logger = Logger(label: "focus-import-tests")

    /// A fresh database with the contract tables.
    static func database(_ label: String) throws -> (TestDatabase, Connection) {
        let database = try TestDatabase.create(label)
        let connection = try database.connect()
        try Loader(connection: connection).applySchema(file: schema)
        return (database, connection)
    }

    static func temporaryFile(_ name: String) -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("focus-import-\(UUID().uuidString.prefix(8))")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder.appendingPathComponent(name)
    }

    /// Writes `text` to a temporary file; `.gz` names are compressed with gzip.
    static func write(_ text: String, name: String) throws -> URL {
        let url = temporaryFile(name)
        if name.hasSuffix(".gz") {
            let plain = temporaryFile(String(name.dropLast(3)))
            try text.write(to: plain, atomically: true, encoding: .utf8)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["gzip", "-c", plain.path]
            FileManager.default.createFile(atPath: url.path, contents: nil)
            process.standardOutput = try FileHandle(forWritingTo: url)
            try process.run()
            process.waitUntilExit()
        } else {
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return url
    }

    /// FOCUS 1.0 columns: every column the 1.0 specification marks mandatory, a few optional ones,
    /// provider `x_` columns. Two providers (AWS, Microsoft), a credit, a commitment purchase,
    /// tags, a description with a comma, a quote and a line break, CRLF line ends, a BOM.
    static let focus10Header = [
        "AvailabilityZone", "BilledCost", "BillingAccountId", "BillingAccountName", "BillingCurrency",
        "BillingPeriodEnd", "BillingPeriodStart", "ChargeCategory", "ChargeClass", "ChargeDescription",
        "ChargeFrequency", "ChargePeriodEnd", "ChargePeriodStart", "CommitmentDiscountCategory",
        "CommitmentDiscountId", "ConsumedQuantity", "ConsumedUnit", "ContractedCost", "EffectiveCost",
        "InvoiceIssuerName", "ListCost", "PricingCategory", "PricingQuantity", "PricingUnit", "ProviderName",
        "PublisherName", "RegionId", "RegionName", "ResourceId", "ResourceName", "ResourceType",
        "ServiceCategory", "ServiceName", "SkuId", "SkuPriceId", "SubAccountId", "SubAccountName", "Tags",
        "x_UsageType", "x_CostCenter",
    ]

    static func focus10Row(_ values: [String: String]) -> String {
        focus10Header.map { csvField(values[$0] ?? "") }.joined(separator: ",")
    }

    static func csvField(_ text: String) -> String {
        text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }

    static let awsUsage: [String: String] = [
        "BilledCost": "12.3456789012", "BillingAccountId": "111111111111", "BillingCurrency": "USD",
        "BillingPeriodStart": "2024-09-01T00:00:00Z", "BillingPeriodEnd": "2024-10-01T00:00:00Z",
        "ChargeCategory": "Usage", "ChargeDescription": "$0.384 per On Demand Linux m5.2xlarge, \"boxed\"\nInstance Hour",
        "ChargeFrequency": "Usage-Based", "ChargePeriodStart": "2024-09-03T00:00:00Z", "ChargePeriodEnd": "2024-09-04T00:00:00Z",
        "ConsumedQuantity": "24", "ConsumedUnit": "Hours", "ContractedCost": "12.3456789012", "EffectiveCost": "12.3456789012",
        "InvoiceIssuerName": "AWS", "ListCost": "12.3456789012", "PricingCategory": "Standard", "PricingQuantity": "24",
        "PricingUnit": "Hours", "ProviderName": "AWS", "PublisherName": "AWS", "RegionId": "us-east-1",
        "ResourceId": "i-0abc", "ResourceName": "web-1", "ResourceType": "Instance", "ServiceCategory": "Compute",
        "ServiceName": "Amazon Elastic Compute Cloud", "SkuId": "BoxUsage:m5.2xlarge", "SubAccountId": "111111111111",
        "Tags": #"{"team":"storefront","service":"web"}"#, "x_UsageType": "BoxUsage:m5.2xlarge", "x_CostCenter": "42",
    ]

    static var focus10Rows: [[String: String]] {
        var volume = awsUsage
        volume.merge([
            "BilledCost": "0.8571428571", "EffectiveCost": "0.8571428571", "ListCost": "0.8571428571", "ContractedCost": "",
            "ChargeDescription": "gp3 storage", "ChargePeriodStart": "2024-09-03 00:00:00", "ChargePeriodEnd": "2024-09-04 00:00:00",
            "ResourceId": "vol-0abc", "ResourceType": "Volume", "ServiceCategory": "Storage", "ServiceName": "Amazon Elastic Block Store",
            "Tags": "",
        ]) { $1 }
        var purchase = awsUsage
        purchase.merge([
            "BilledCost": "2000.00", "EffectiveCost": "0", "ListCost": "2000.00", "ContractedCost": "2000.00",
            "ChargeCategory": "Purchase", "ChargeFrequency": "Recurring", "CommitmentDiscountCategory": "Spend",
            "CommitmentDiscountId": "arn:aws:savingsplans::111111111111:savingsplan/sp-1", "ChargeDescription": "Savings Plan monthly fee",
            "ChargePeriodStart": "2024-09-01T00:00:00+00:00", "ChargePeriodEnd": "2024-10-01T00:00:00+00:00",
            "ResourceId": "", "ResourceType": "", "ResourceName": "", "ServiceCategory": "Compute", "ServiceName": "Savings Plans for AWS Compute usage",
            "PricingCategory": "", "Tags": "{}",
        ]) { $1 }
        var credit = awsUsage
        credit.merge([
            "BilledCost": "-150.00", "EffectiveCost": "-150.00", "ListCost": "0", "ContractedCost": "",
            "ChargeCategory": "Credit", "ChargeDescription": "AWS Promotional Credit", "ResourceId": "", "ResourceType": "",
            "ResourceName": "", "ServiceCategory": "", "ServiceName": "", "ConsumedQuantity": "", "ConsumedUnit": "",
            "PricingQuantity": "", "PricingUnit": "", "PricingCategory": "", "Tags": "",
        ]) { $1 }
        let azureVM: [String: String] = [
            "BilledCost": "7.2", "BillingAccountId": "azure-ea-7", "BillingCurrency": "EUR",
            "BillingPeriodStart": "2024-09-01T00:00:00", "BillingPeriodEnd": "2024-10-01T00:00:00",
            "ChargeCategory": "Usage", "ChargePeriodStart": "2024-09-03T02:00:00+02:00", "ChargePeriodEnd": "2024-09-04T02:00:00+02:00",
            "EffectiveCost": "6.48", "ListCost": "7.2", "ProviderName": "Microsoft", "PublisherName": "Microsoft",
            "InvoiceIssuerName": "Microsoft", "RegionId": "westeurope", "ResourceId": "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1",
            "ResourceType": "Virtual machine", "ServiceCategory": "Compute", "ServiceName": "Virtual Machines",
            "SubAccountId": "s1", "Tags": #"{"team":"data"}"#, "PricingCategory": "Committed",
            "CommitmentDiscountId": "/providers/Microsoft.Capacity/reservationOrders/r1",
        ]
        return [awsUsage, volume, purchase, credit, azureVM]
    }

    static var focus10Text: String {
        "\u{FEFF}" + ([focus10Header.joined(separator: ",")] + focus10Rows.map(focus10Row)).joined(separator: "\r\n") + "\r\n"
    }

    /// FOCUS 1.2 (ServiceProviderName, InvoiceId) from a third provider, gzip-compressed.
    static let focus12Text = """
        BillingAccountId,InvoiceId,ServiceProviderName,ProviderName,BillingPeriodStart,BillingPeriodEnd,ChargePeriodStart,ChargePeriodEnd,ChargeCategory,ListCost,EffectiveCost,BilledCost,BillingCurrency,ResourceId,ResourceType,ServiceCategory,RegionId,Tags,x_Labels
        gcp-billing-1,INV-9,Google Cloud,,2024-09-01T00:00:00Z,2024-10-01T00:00:00Z,2024-09-05T00:00:00Z,2024-09-06T00:00:00Z,Usage,3.3333333333,3.3333333333,3.3333333333,USD,projects/p/instances/db-1,,Databases,europe-west1,"{""team"":""data""}",x
        gcp-billing-1,INV-9,Google Cloud,Google,2024-09-01T00:00:00Z,2024-10-01T00:00:00Z,2024-09-05T00:00:00Z,2024-09-06T00:00:00Z,Tax,0,0.2,0.2,USD,,,,,,

        """

    /// The sum of a column over rows, exactly, from the file's text.
    static func sum(_ rows: [[String: String]], _ column: String) -> Decimal {
        rows.reduce(Decimal(0)) { $0 + (Decimal(string: $1[column] ?? "", locale: Locale(identifier: "en_US_POSIX")) ?? 0) }
    }

    static func scalarDecimal(_ connection: Connection, _ query: Query) throws -> Decimal {
        try connection.all(query) { try $0.decode(Decimal?.self, "value") ?? 0 }.first ?? 0
    }

    static func count(_ connection: Connection, _ query: Query) throws -> Int {
        try connection.all(query) { try $0.decode(Int.self, "value") }.first ?? -1
    }
}
