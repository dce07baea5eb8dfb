import CSVParsing
import Contract
import Imports
import Testing

@Suite struct FocusMappingTests {
    static let mandatory = [
        "BillingAccountId", "ProviderName", "BillingPeriodStart", "BillingPeriodEnd", "ChargePeriodStart",
        "ChargePeriodEnd", "ChargeCategory", "ListCost", "EffectiveCost", "BilledCost", "BillingCurrency",
    ]

    static func row(_ header: [String], _ values: [String: String]) -> [String] {
        header.map { values[$0] ?? "" }
    }

    static let goodValues = [
        "BillingAccountId": "acc-1", "ProviderName": "AWS", "BillingPeriodStart": "2024-01-01T00:00:00Z",
        "BillingPeriodEnd": "2024-02-01T00:00:00Z", "ChargePeriodStart": "2024-01-05 00:00:00",
        "ChargePeriodEnd": "2024-01-06T00:00:00Z", "ChargeCategory": "Usage", "ListCost": "1.10",
        "EffectiveCost": "1.00", "BilledCost": "1.00", "BillingCurrency": "USD",
    ]

    @Test func mapsPascalCaseAndListsUnknownColumns() throws {
        let header = Self.mandatory + ["x_ServiceCode", "Tags", "ResourceId", "PublisherName"]
        let mapping = try FocusFormat(header: header, file: "f.csv")
        #expect(mapping.ignoredColumns == ["x_ServiceCode", "PublisherName"])
        var converter = mapping
        var values = Self.goodValues
        values["Tags"] = #"{"team":"a"}"#
        values["x_ServiceCode"] = "ignored"
        let row = try converter.row(CSVRecord(fields: Self.row(header, values), line: 2))
        #expect(row.count == BillingLineItemsTable.table.columns.count)
        #expect(row[BillingLineItemsTable.table.index(of: "billing_account_id")] == "acc-1")
        #expect(row[BillingLineItemsTable.table.index(of: "charge_period_start")] == "2024-01-05 00:00:00+00:00")
        #expect(row[BillingLineItemsTable.table.index(of: "resource_id")] == nil)  // empty string -> NULL
        #expect(row[BillingLineItemsTable.table.index(of: "sub_account_id")] == nil)  // absent column -> NULL
        #expect(row[BillingLineItemsTable.table.index(of: "tags")] == #"{"team":"a"}"#)
        #expect(row[BillingLineItemsTable.table.index(of: "list_cost")] == "1.10")
    }

    @Test func serviceProviderNameOfFocus12WinsOverProviderName() throws {
        let header = Self.mandatory + ["ServiceProviderName"]
        var converter = try FocusFormat(header: header, file: "f")
        var values = Self.goodValues
        values["ServiceProviderName"] = "Microsoft"
        #expect(try converter.row(CSVRecord(fields: Self.row(header, values), line: 2))[3] == "Microsoft")
        values["ServiceProviderName"] = ""
        #expect(try converter.row(CSVRecord(fields: Self.row(header, values), line: 2))[3] == "AWS")
    }

    @Test func missingMandatoryHeaderIsAFileError() {
        #expect(throws: ImportFileError.self) { try FocusFormat(header: ["BillingAccountId", "BilledCost"], file: "f.csv") }
        do {
            _ = try FocusFormat(header: Array(Self.mandatory.dropLast()), file: "f.csv")
        } catch {
            #expect("\(error)".contains("BillingCurrency"))
        }
    }

    /// Every row error names the file, the line and the column (number and header).
    @Test(arguments: [
        ("BilledCost", "12,5", "not a decimal"), ("ChargePeriodStart", "yesterday", "not a timestamp"),
        ("Tags", "{team:a}", "not a JSON object"), ("BillingAccountId", "", "required"),
        ("ListCost", "", "required"),
    ])
    func rowErrorsNameFileLineAndColumn(column: String, value: String, expected: String) throws {
        let header = Self.mandatory + ["Tags"]
        var converter = try FocusFormat(header: header, file: "bill.csv")
        var values = Self.goodValues
        values[column] = value
        do {
            _ = try converter.row(CSVRecord(fields: Self.row(header, values), line: 7))
            Issue.record("no error for \(column)=\(value)")
        } catch let error as ImportRowError {
            #expect(error.file == "bill.csv")
            #expect(error.line == 7)
            #expect(error.column == header.firstIndex(of: column)! + 1)
            #expect(error.columnName == column)
            #expect(error.description.contains(expected))
            #expect(error.description.contains("bill.csv line 7, column \(header.firstIndex(of: column)! + 1) (\(column))"))
        }
    }

    @Test func wrongFieldCountAndSyntaxProblemsNameTheLine() throws {
        var converter = try FocusFormat(header: Self.mandatory, file: "b")
        #expect(throws: ImportRowError(file: "b", line: 3, column: nil, columnName: nil,
                                       message: "the row has 2 fields but the header has 11 (an unquoted comma or a missing quote?)")) {
            try converter.row(CSVRecord(fields: ["a", "b"], line: 3))
        }
        let broken = CSVRecord(fields: Self.row(Self.mandatory, Self.goodValues), line: 9, problem: CSVProblem(column: 2, message: "bad quote"))
        #expect(throws: ImportRowError(file: "b", line: 9, column: 2, columnName: "ProviderName", message: "bad quote")) {
            try converter.row(broken)
        }
    }

    @Test func usageMappingWithOverridesAndPercent() throws {
        let header = ["Resource", "time", "interval_seconds", "CPU %", "extra"]
        let mapping = try UsageFormat(
            header: header, file: "u.csv",
            settings: ImportSettings(usageColumns: ["resource_id": "Resource", "sampled_at": "time", "cpu_utilization": "CPU %"], usagePercent: true))
        #expect(mapping.ignoredColumns == ["extra"])
        let row = try mapping.row(CSVRecord(fields: ["i-1", "2024-01-01T00:00:00Z", "300", "55.5", "x"], line: 2))
        #expect(row == ["i-1", "2024-01-01 00:00:00+00:00", "300", "0.555", nil, nil, nil, nil, nil])
        #expect(throws: ImportFileError.self) { try UsageFormat(header: header, file: "u.csv", settings: ImportSettings(usageColumns: ["cpu": "CPU %"])) }
        #expect(throws: ImportFileError.self) { try UsageFormat(header: header, file: "u.csv") }
        do {
            _ = try mapping.row(CSVRecord(fields: ["i-1", "2024-01-01T00:00:00Z", "0", "5", ""], line: 4))
            Issue.record("interval 0 accepted")
        } catch let error as ImportRowError {
            #expect(error.line == 4 && error.column == 3 && error.columnName == "interval_seconds")
        }
    }

    @Test func fractionsAbove10SuggestPercent() throws {
        let mapping = try UsageFormat(header: ["resource_id", "sampled_at", "interval_seconds", "cpu_utilization"], file: "u")
        #expect(throws: ImportRowError.self) {
            try mapping.row(CSVRecord(fields: ["i-1", "2024-01-01", "60", "55"], line: 2))
        }
    }

    @Test(arguments: [
        ("Instance", "Compute", "compute"), ("DBInstance", "Databases", "database"), ("Volume", "Storage", "volume"),
        ("Snapshot", "Storage", "volume"), ("Bucket", "Storage", "object_storage"), ("LoadBalancer", "Networking", "load_balancer"),
        ("IPAddress", "Networking", "ip_address"), ("Virtual machine", nil, "compute"), ("Microsoft.Compute/disks", "Storage", "volume"),
    ] as [(String?, String?, String)])
    func resourceKinds(type: String?, category: String?, kind: String) {
        #expect(ResourceKindMapping.kind(resourceType: type, serviceCategory: category) == kind)
    }

    @Test func resourceKindFallsBackToServiceCategory() {
        #expect(ResourceKindMapping.kind(resourceType: nil, serviceCategory: "Compute") == "compute")
        #expect(ResourceKindMapping.kind(resourceType: "Function", serviceCategory: "Databases") == "database")
        #expect(ResourceKindMapping.kind(resourceType: nil, serviceCategory: "Storage") == "other")
    }
}
