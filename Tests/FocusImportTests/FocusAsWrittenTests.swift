import BillingStore
import CSVParsing
import Contract
import CostModel
import Foundation
import Imports
import Postgres
import ReportJob
import SampleBilling
import SampleSetup
import Testing
import TestSupport

/// FOCUS files as providers and databases really write them: NULL cells, exponents, offsets,
/// 1.0-preview names, provider columns. The files are written here from the specification's columns.
@Suite(.serialized) struct FocusAsWrittenTests {
    typealias F = ImportFixtures

    // MARK: - Values (no database)

    @Test(arguments: [
        ("9.984E-7", "9.984E-7"), ("1e-10", "1e-10"), ("-12.5", "-12.5"), ("+3", "3"), (".25", ".25"),
        ("12345678901234567890.123456789012345678", "12345678901234567890.123456789012345678"),
        ("0.00000000000000000000000000000000000000012345", "0.00000000000000000000000000000000000000012345"),
        ("100000000000000000000000000000000000000000000", "100000000000000000000000000000000000000000000"),
    ])
    func numbersAreKeptDigitForDigit(text: String, stored: String) {
        #expect(FieldParsers.decimal(text) == stored)
    }

    @Test(arguments: [
        ("1,234.50", "thousands separators"), ("1 234.50", "thousands separators"), ("12,5", "thousands separators"),
        ("$12.00", "currency"), ("12.00 USD", "currency"), ("EUR 5", "currency"), ("€5", "currency"),
        ("1234567890123456789012345678901234567890", "38 significant digits"), ("abc", "not a number"), ("1e", "not a number"),
    ])
    func badNumbersSayWhatIsExpected(text: String, reason: String) {
        #expect(FieldParsers.decimal(text) == nil)
        let message = FieldParsers.decimalProblem(text)
        #expect(message.contains(reason))
        #expect(message.contains("e.g. 1234.5, -0.25 or 9.984E-7"))
    }

    @Test(arguments: [
        ("2024-09-01T00:00:00Z", "2024-09-01 00:00:00+00:00"), ("2024-09-01T02:00:00+02:00", "2024-09-01 02:00:00+02:00"),
        ("2024-09-01T00:00:00.123Z", "2024-09-01 00:00:00.123+00:00"), ("2024-09-01 00:00:00", "2024-09-01 00:00:00+00:00"),
        ("2024-09-01T00:00:00", "2024-09-01 00:00:00+00:00"), ("2024-09-01", "2024-09-01 00:00:00+00:00"),
        ("2024-09-01T00:00:00-0800", "2024-09-01 00:00:00-08:00"), ("2024-09-01 00:00:00.5+05:30", "2024-09-01 00:00:00.5+05:30"),
    ])
    func timestampsInEveryFormFocusAllows(text: String, stored: String) {
        #expect(FieldParsers.timestamp(text) == stored)
    }

    static let header = ["BillingAccountId", "ProviderName", "BillingPeriodStart", "BillingPeriodEnd", "ChargePeriodStart",
                         "ChargePeriodEnd", "ChargeCategory", "ListCost", "EffectiveCost", "BilledCost", "BillingCurrency",
                         "ContractedCost", "ChargeDescription", "SubAccountId", "Tags", "x_Discount"]
    static let good = ["acc", "AWS", "2024-09-01T00:00:00Z", "2024-10-01", "2024-09-02 00:00:00", "2024-09-03T00:00:00+00:00", "Usage", "1", "1", "1", "USD",
                       "1", "text", "sub", "{}", "x"]

    static func record(_ values: [String: String], quoted: Set<String> = []) -> CSVRecord {
        var fields = good
        for (column, value) in values { fields[header.firstIndex(of: column)!] = value }
        return CSVRecord(fields: fields, line: 5, quoted: header.map { quoted.contains($0) })
    }

    @Test func nullCellsFollowTheirColumnsType() throws {
        var format = try FocusFormat(header: Self.header, file: "n.csv")
        let table = BillingLineItemsTable.table
        // Unquoted NULL and empty cells are NULL in every nullable column; NULL Tags are {}.
        let row = try format.row(Self.record(["ContractedCost": "NULL", "ChargeDescription": "NULL", "SubAccountId": "", "Tags": "NULL"]))
        #expect(row[table.index(of: "contracted_cost")] == nil)
        #expect(row[table.index(of: "charge_description")] == nil)
        #expect(row[table.index(of: "sub_account_id")] == nil)
        #expect(row[table.index(of: "tags")] == "{}")
        #expect(format.quotedNulls == 0)
        // A quoted "NULL" is NULL in a number or JSON column (counted), text in a text column.
        let quoted = try format.row(Self.record(
            ["ContractedCost": "NULL", "ChargeDescription": "NULL", "Tags": "NULL"], quoted: ["ContractedCost", "ChargeDescription", "Tags"]))
        #expect(quoted[table.index(of: "contracted_cost")] == nil)
        #expect(quoted[table.index(of: "charge_description")] == "NULL")
        #expect(quoted[table.index(of: "tags")] == "{}")
        #expect(format.quotedNulls == 2)
        #expect(format.ignoredColumns == ["x_Discount"])
    }

    @Test func aNullRequiredColumnNamesFileLineAndColumn() throws {
        var format = try FocusFormat(header: Self.header, file: "n.csv")
        #expect(throws: ImportRowError(file: "n.csv", line: 5, column: 10, columnName: "BilledCost",
                                       message: "BilledCost is null (empty or NULL) but required by FOCUS")) {
            try format.row(Self.record(["BilledCost": "NULL"]))
        }
        #expect(throws: ImportRowError.self) { try format.row(Self.record(["BillingPeriodStart": "NULL"], quoted: ["BillingPeriodStart"])) }
    }

    @Test func missingRequiredColumnsAreOneErrorWithTheirVersions() {
        do {
            _ = try FocusFormat(header: ["BillingAccountId", "BillingCurrency", "Tags"], file: "m.csv")
            Issue.record("no error")
        } catch let error as ImportFileError {
            let text = error.description
            for expected in ["ProviderName (FOCUS 1.0, 1.1) or ServiceProviderName (FOCUS 1.2)", "BillingPeriodStart (FOCUS 1.0, 1.1, 1.2)",
                             "ChargeCategory (FOCUS 1.0, 1.1, 1.2)", "ListCost (FOCUS 1.0, 1.1, 1.2)", "BilledCost (FOCUS 1.0, 1.1, 1.2)"] {
                #expect(text.contains(expected), "\(text) lacks \(expected)")
            }
            #expect(!text.contains("BillingAccountId ("))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func focus10PreviewNamesAreRead() throws {
        let header = ["BillingAccountId", "Provider", "BillingPeriodStart", "BillingPeriodEnd", "ChargePeriodStart", "ChargePeriodEnd",
                      "ChargeType", "ListCost", "EffectiveCost", "BilledCost", "BilledCurrency", "Region", "UsageQuantity", "UsageUnit"]
        var format = try FocusFormat(header: header, file: "p.csv")
        #expect(format.ignoredColumns.isEmpty)
        let row = try format.row(CSVRecord(fields: ["a", "AWS", "2024-09-01", "2024-10-01", "2024-09-02", "2024-09-03", "Usage",
                                                    "2", "2", "2", "USD", "us-east-1", "3", "Hours"], line: 2))
        let table = BillingLineItemsTable.table
        #expect(row[table.index(of: "provider_name")] == "AWS")
        #expect(row[table.index(of: "charge_category")] == "Usage")
        #expect(row[table.index(of: "billing_currency")] == "USD")
        #expect(row[table.index(of: "region_id")] == "us-east-1")
        #expect(row[table.index(of: "consumed_quantity")] == "3")
    }

    // MARK: - A FOCUS 1.0 file written by a database export

    /// FOCUS 1.0 columns in a database's order, with SQL NULLs written as unquoted NULL (as the
    /// FinOps Foundation's sample data does), exponents, a correction, a savings plan, `x_` columns.
    static let exportHeader = [
        "x_ServiceCode", "BilledCost", "BillingAccountId", "BillingAccountName", "BillingCurrency", "BillingPeriodEnd",
        "BillingPeriodStart", "ChargeCategory", "ChargeClass", "ChargeDescription", "ChargeFrequency", "ChargePeriodEnd",
        "ChargePeriodStart", "CommitmentDiscountCategory", "CommitmentDiscountId", "CommitmentDiscountName",
        "CommitmentDiscountStatus", "CommitmentDiscountType", "ConsumedQuantity", "ConsumedUnit", "ContractedCost",
        "ContractedUnitPrice", "EffectiveCost", "InvoiceIssuerName", "ListCost", "ListUnitPrice", "PricingCategory",
        "PricingQuantity", "PricingUnit", "ProviderName", "PublisherName", "RegionId", "RegionName", "ResourceId",
        "ResourceName", "ResourceType", "ServiceCategory", "ServiceName", "SkuId", "SkuPriceId", "SubAccountId",
        "SubAccountName", "Tags", "AvailabilityZone", "x_Operation",
    ]

    static let exportRows: [[String]] = [
        // Usage with exponent prices and user: tags.
        ["AmazonEC2", "0.0000009984", "111", "Acme", "USD", "2024-10-01T00:00:00Z", "2024-09-01T00:00:00Z", "Usage", "NULL",
         "t3 usage", "Usage-Based", "2024-09-02T00:00:00Z", "2024-09-01T00:00:00Z", "NULL", "NULL", "NULL", "NULL", "NULL",
         "1e-3", "Hours", "9.984E-7", "9.984E-4", "9.984E-7", "AWS", "9.984E-7", "9.984E-4", "Standard", "1e-3", "Hours",
         "AWS", "AWS", "us-east-1", "US East (N. Virginia)", "i-1", "NULL", "Instance", "Compute", "Amazon EC2",
         "BoxUsage:t3", "BoxUsage:t3:OnDemand", "111", "Acme", #"{"user:team":"payments","aws:createdBy":"root"}"#, "us-east-1a", "RunInstances"],
        // Savings plan covered usage: billed 0, effective from the plan.
        ["AmazonEC2", "0", "111", "Acme", "USD", "2024-10-01T00:00:00Z", "2024-09-01T00:00:00Z", "Usage", "NULL",
         "covered", "Usage-Based", "2024-09-02T00:00:00Z", "2024-09-01T00:00:00Z", "Spend", "sp-1", "sp one", "Used",
         "Savings Plan", "24", "Hours", "2.0", "0.0833333333", "1.5", "AWS", "2.3", "0.0958333333", "Committed", "24", "Hours",
         "AWS", "AWS", "us-east-1", "US East (N. Virginia)", "i-2", "NULL", "Instance", "Compute", "Amazon EC2",
         "BoxUsage:m5", "BoxUsage:m5:SP", "111", "Acme", "NULL", "NULL", "RunInstances"],
        // The plan's unused part, and the monthly fee.
        ["ComputeSavingsPlans", "0", "111", "Acme", "USD", "2024-10-01T00:00:00Z", "2024-09-01T00:00:00Z", "Usage", "NULL",
         "unused commitment", "Usage-Based", "2024-09-02T00:00:00Z", "2024-09-01T00:00:00Z", "Spend", "sp-1", "sp one", "Unused",
         "Savings Plan", "NULL", "NULL", "0.25", "NULL", "0.25", "AWS", "0.25", "NULL", "Committed", "NULL", "NULL",
         "AWS", "AWS", "NULL", "NULL", "NULL", "NULL", "NULL", "Compute", "Savings Plans for AWS Compute usage",
         "NULL", "NULL", "111", "Acme", "{}", "NULL", "NULL"],
        ["ComputeSavingsPlans", "1.75", "111", "Acme", "USD", "2024-10-01T00:00:00Z", "2024-09-01T00:00:00Z", "Purchase", "NULL",
         "monthly fee", "Recurring", "2024-10-01T00:00:00Z", "2024-09-01T00:00:00Z", "Spend", "sp-1", "sp one", "NULL",
         "Savings Plan", "NULL", "NULL", "1.75", "NULL", "0", "AWS", "1.75", "NULL", "Committed", "NULL", "NULL",
         "AWS", "AWS", "NULL", "NULL", "NULL", "NULL", "NULL", "Compute", "Savings Plans for AWS Compute usage",
         "NULL", "NULL", "111", "Acme", "{}", "NULL", "NULL"],
        // A correction of the previous month (negative), and tax with a quoted "NULL" in a number column.
        ["AmazonEC2", "-0.5", "111", "Acme", "USD", "2024-10-01T00:00:00Z", "2024-09-01T00:00:00Z", "Usage", "Correction",
         "correction of August", "Usage-Based", "2024-08-02T00:00:00Z", "2024-08-01T00:00:00Z", "NULL", "NULL", "NULL", "NULL",
         "NULL", "NULL", "NULL", "-0.5", "NULL", "-0.5", "AWS", "-0.5", "NULL", "Standard", "NULL", "NULL",
         "AWS", "AWS", "us-east-1", "US East (N. Virginia)", "i-1", "NULL", "Instance", "Compute", "Amazon EC2",
         "NULL", "NULL", "111", "Acme", "NULL", "NULL", "NULL"],
        ["Tax", "0.123456789012345678901234567", "111", "Acme", "USD", "2024-10-01T00:00:00Z", "2024-09-01T00:00:00Z", "Tax", "NULL",
         "tax", "Recurring", "2024-09-02T00:00:00Z", "2024-09-01T00:00:00Z", "NULL", "NULL", "NULL", "NULL", "NULL",
         "NULL", "NULL", "\"NULL\"", "NULL", "0.123456789012345678901234567", "AWS", "0", "NULL", "NULL", "NULL", "NULL",
         "AWS", "AWS", "NULL", "NULL", "NULL", "NULL", "NULL", "Other", "Tax", "NULL", "NULL", "111", "Acme", "NULL", "NULL", "NULL"],
    ]

    static var exportText: String {
        ([exportHeader.joined(separator: ",")] + exportRows.map { $0.map { $0 == "\"NULL\"" ? $0 : F.csvField($0) }.joined(separator: ",") })
            .joined(separator: "\n") + "\n"
    }

    static func fileSum(_ column: String) -> Decimal {
        let index = exportHeader.firstIndex(of: column)!
        return exportRows.reduce(Decimal(0)) { $0 + (Decimal(string: $1[index], locale: Locale(identifier: "en_US_POSIX")) ?? 0) }
    }

    @Test func aFocus10FileWithUnquotedNullsImportsWholeAndTheReportEqualsItsSums() throws {
        let (database, connection) = try F.database("focusnulls")
        defer { database.drop() }
        let file = try F.write(Self.exportText, name: "focus-nulls.csv.gz")
        let summary = try FileImport<FocusFormat>.importFile(
            file, connection: connection, settings: ImportSettings(onError: .stop), logger: F.logger)
        #expect(summary.rowsLoaded == Self.exportRows.count)
        #expect(summary.rowsSkipped == 0)
        #expect(summary.quotedNulls == 1)
        #expect(summary.ignoredColumns == ["x_ServiceCode", "CommitmentDiscountName", "InvoiceIssuerName", "PublisherName", "RegionName", "x_Operation"])
        #expect(summary.line.contains("6 columns ignored (2 x_), 1 quoted \"NULL\" read as NULL"))

        // The commitment and correction columns are loaded.
        let loaded = try connection.all(Query(name: "commitments", """
            SELECT coalesce(charge_class, '-') || '|' || coalesce(commitment_discount_status, '-') || '|' || coalesce(commitment_discount_type, '-')
              || '|' || coalesce(list_unit_price::text, '-') || '|' || coalesce(billing_account_name, '-') AS value
            FROM billing_line_items ORDER BY billed_cost, effective_cost
            """)) { try $0.decode(String.self, "value") }
        #expect(loaded == ["Correction|-|-|-|Acme", "-|Unused|Savings Plan|-|Acme", "-|Used|Savings Plan|0.0958333333|Acme",
                           "-|-|-|0.0009984|Acme", "-|-|-|-|Acme", "-|-|Savings Plan|-|Acme"])

        // The report over the file's whole range: totals equal the file's sums to the digit.
        let window = ReportWindow(start: Date(timeIntervalSince1970: 1_722_470_400), end: Date(timeIntervalSince1970: 1_727_740_800))  // 2024-08-01 ..< 2024-10-01
        let configuration = ReportConfiguration(
            connection: ConnectionOptions(conninfo: database.conninfo), window: window,
            outputDirectory: FileManager.default.temporaryDirectory.appendingPathComponent("focus-nulls-\(UUID().uuidString)"),
            queriesDirectory: F.packageRoot.appendingPathComponent("queries"), policy: PolicyFile(), policyText: Handoff("(defaults)"),
            runId: "focus-nulls", startedAt: window.end)
        let check = try DatabaseCheck.run(configuration, logger: F.logger)
        let totals = check.model.attribution.totals
        #expect(totals.map(\.currency) == ["USD"])
        #expect(totals.first?.amounts.billedCost == Self.fileSum("BilledCost"))
        #expect(totals.first?.amounts.effectiveCost == Self.fileSum("EffectiveCost"))
        #expect(totals.first?.lineItems == Self.exportRows.count)
        #expect(Self.fileSum("BilledCost") == Decimal(string: "1.373457787412345678901234567"))
    }
}

/// `costreport sample export-focus` writes FOCUS 1.0: every column the specification requires,
/// every value rule met (`FocusConformance`), and the file still imports back.
@Suite struct FocusExportConformanceTests {
    @Test func sampleExportMeetsFocus10() throws {
        var options = SampleOptions(end: Date(timeIntervalSince1970: 1_772_323_200))  // 2026-03-01: a month start inside
        options.days = 3
        let file = ImportFixtures.temporaryFile("conformance.csv")
        let rows = try SampleFocusExport.write(sample: options, catalogFile: ImportFixtures.catalog, output: file, logger: ImportFixtures.logger)
        #expect(rows > 1000)
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(FocusConformance.violations(text) == [])
    }

    /// The checker itself finds what the issue reported of the old export.
    @Test func checkerFindsMissingColumnsAndNullServices() {
        let text = "BilledCost,BillingAccountId,ServiceName\r\n1,a,\r\n"
        let found = FocusConformance.violations(text)
        #expect(found.contains("ServiceName is null (first at line 2)"))
        #expect(found.contains("ChargeClass column missing (first at line 1)"))
        #expect(found.contains("InvoiceIssuerName column missing (first at line 1)"))
    }
}
