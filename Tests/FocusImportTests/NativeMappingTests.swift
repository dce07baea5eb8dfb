@testable import Imports
import CSVParsing
import Contract
import Foundation
import Testing

/// The AWS CUR and Azure cost details mappings, row by row, without a database.
@Suite struct NativeMappingTests {
    typealias N = NativeFixtures

    static func mapCUR(_ text: String, file: String = "cur.csv") throws -> (CURMapping, [MappedBillingRow]) {
        let records = N.records(text)
        let mapping = try CURMapping(header: records[0].fields, file: file)
        return (mapping, try records.dropFirst().map(mapping.map))
    }

    static func mapAzure(_ text: String, file: String = "azure.csv") throws -> [MappedBillingRow] {
        let records = N.records(text)
        let mapping = try AzureMapping(header: records[0].fields, file: file)
        return try records.dropFirst().map(mapping.map)
    }

    static func totals(_ rows: [MappedBillingRow]) -> NativeTotals {
        var totals = NativeTotals()
        for row in rows { totals.add(row) }
        return totals
    }

    static func byType(_ rows: [MappedBillingRow]) -> [String: MappedBillingRow] {
        Dictionary(zip(N.curRows.map { $0["lineItem/LineItemType"]! + ($0["lineItem/CurrencyCode"] == "EUR" ? "-EUR" : "") }, rows)) { first, _ in first }
    }

    @Test func legacyCURSumsToTheDigitPerCurrency() throws {
        let (mapping, rows) = try Self.mapCUR(N.curLegacyText)
        #expect(mapping.schema == .legacy)
        #expect(rows.count == N.curRows.count)
        let totals = Self.totals(rows).byCurrency
        #expect(totals.keys.sorted() == ["EUR", "USD"])
        for currency in ["USD", "EUR"] {
            let fileSum = N.curRows.filter { $0["lineItem/CurrencyCode"] == currency }
                .reduce(Decimal(0)) { $0 + Decimal(string: $1["lineItem/UnblendedCost"]!, locale: Locale(identifier: "en_US_POSIX"))! }
            #expect(totals[currency]?.billedCost == N.curBilled[currency])
            #expect(totals[currency]?.billedCost == fileSum)
            #expect(totals[currency]?.effectiveCost == N.curEffective[currency])
        }
        #expect(mapping.ignoredColumns.contains("costCategory/BusinessUnit"))
        #expect(mapping.ignoredColumns.contains("lineItem/BlendedCost"))
        #expect(!mapping.ignoredColumns.contains("resourceTags/user:team"))
    }

    @Test func curLineItemTypesGiveFocusCategoriesAndAmortisedCosts() throws {
        let rows = Self.byType(try Self.mapCUR(N.curLegacyText).1)
        func check(_ type: String, _ category: String, effective: String, pricing: String?, status: String?, commitment: String? = nil) {
            let row = rows[type]!
            #expect(row["charge_category"] == category, "\(type)")
            #expect(row["effective_cost"] == effective, "\(type)")
            #expect(row["pricing_category"] == pricing, "\(type)")
            #expect(row["commitment_discount_status"] == status, "\(type)")
            #expect(row["commitment_discount_id"] == commitment, "\(type)")
        }
        check("Usage", "Usage", effective: "9.216", pricing: "Standard", status: nil)
        check("DiscountedUsage", "Usage", effective: "2.4", pricing: "Committed", status: "Used", commitment: N.riARN)
        check("RIFee", "Purchase", effective: "5", pricing: "Committed", status: "Unused", commitment: N.riARN)
        check("Fee", "Purchase", effective: "0", pricing: "Standard", status: nil, commitment: N.riARN)
        check("SavingsPlanCoveredUsage", "Usage", effective: "1.2345", pricing: "Committed", status: "Used", commitment: N.spARN)
        check("SavingsPlanNegation", "Usage", effective: "0", pricing: "Standard", status: "Used", commitment: N.spARN)
        check("SavingsPlanRecurringFee", "Purchase", effective: "21.2345", pricing: "Committed", status: "Unused", commitment: N.spARN)
        check("SavingsPlanUpfrontFee", "Purchase", effective: "0", pricing: "Committed", status: nil, commitment: N.spARN)
        check("Tax", "Tax", effective: "12.34", pricing: nil, status: nil)
        check("Credit", "Credit", effective: "-25.00", pricing: nil, status: nil)
        check("Refund", "Adjustment", effective: "-3.5", pricing: nil, status: nil)
        #expect(rows["Refund"]?["charge_class"] == "Correction")
        #expect(rows["Usage"]?["charge_class"] == nil)
        #expect(rows["DiscountedUsage"]?["commitment_discount_type"] == "Reserved Instance")
        #expect(rows["DiscountedUsage"]?["commitment_discount_category"] == "Usage")
        #expect(rows["SavingsPlanCoveredUsage"]?["commitment_discount_type"] == "Savings Plan")
        #expect(rows["SavingsPlanCoveredUsage"]?["commitment_discount_category"] == "Spend")
        #expect(rows["RIFee"]?["charge_frequency"] == "Recurring")
        #expect(rows["Fee"]?["charge_frequency"] == "One-Time")
        #expect(rows["Usage"]?["charge_frequency"] == "Usage-Based")
    }

    @Test func curSpotExponentEmptyCellsMaskedIdsAndTags() throws {
        let rows = try Self.mapCUR(N.curLegacyText).1
        let spot = rows[2], volume = rows[1], usage = rows[0], bucket = rows[13], tax = rows[10], credit = rows[11]
        #expect(spot["pricing_category"] == "Dynamic")
        #expect(volume["billed_cost"] == "8.0E-4")  // kept digit for digit; numeric reads it exactly
        #expect(volume["consumed_quantity"] == "8.0E-3")
        #expect(volume["tags"] == "{}")
        #expect(volume["resource_type"] == "Volume")
        #expect(usage["tags"] == #"{"aws:createdBy":"IAMUser:AIDA:alice","service":"web","team":"storefront"}"#)
        #expect(usage["resource_type"] == "Instance")
        #expect(usage["service_name"] == "Amazon Elastic Compute Cloud")
        #expect(usage["service_category"] == "Compute")
        #expect(usage["region_id"] == "us-east-1")
        #expect(usage["availability_zone"] == "us-east-1a")
        #expect(usage["sku_id"] == "JRTCKXETXF")
        #expect(usage["sku_price_id"] == "JRTCKXETXF.JRTCKXETXF.6YS6EN2CT7")
        #expect(usage["list_unit_price"] == "0.384")
        #expect(usage["charge_period_start"] == "2024-09-03 00:00:00+00:00")
        #expect(usage["billing_period_end"] == "2024-10-01 00:00:00+00:00")
        #expect(usage["sub_account_id"] == "333333333333")
        #expect(bucket["billing_account_id"] == "222222222222")
        #expect(bucket["sub_account_id"] == "********4444")
        #expect(bucket["invoice_id"] == nil)
        #expect(bucket["billed_cost"] == "1E-10")
        #expect(bucket["list_cost"] == "1E-10")  // no public on-demand cost: the unblended cost
        #expect(bucket["resource_type"] == "Bucket")
        #expect(bucket["service_category"] == "Storage")
        #expect(tax["region_id"] == nil && tax["resource_id"] == nil && tax["service_category"] == "Compute")
        #expect(tax["consumed_quantity"] == nil)
        #expect(credit["list_cost"] == "-25.00")
    }

    @Test func cur2GivesTheSameRowsAsLegacy() throws {
        let (legacyMapping, legacy) = try Self.mapCUR(N.curLegacyText)
        let (mapping, cur2) = try Self.mapCUR(N.cur2Text)
        #expect(legacyMapping.schema == .legacy && mapping.schema == .cur2)
        #expect(cur2.count == legacy.count)
        for (a, b) in zip(legacy, cur2) {
            var a = a.values, b = b.values
            let tagsA = a.removeValue(forKey: "tags"), tagsB = b.removeValue(forKey: "tags")
            #expect(a == b)
            #expect(tagsA?.replacingOccurrences(of: "aws:createdBy", with: "aws_created_by") == tagsB)
        }
        #expect(mapping.ignoredColumns.contains("cost_category"))
    }

    @Test func curHeaderAndRowErrorsNameFileLineAndColumn() throws {
        #expect(CURMapping.schema(header: ["BilledCost", "EffectiveCost"]) == nil)
        do {
            _ = try CURMapping(header: ["lineItem/UnblendedCost", "lineItem/CurrencyCode"], file: "cur.csv")
            Issue.record("a header without the billing period was accepted")
        } catch let error as ImportFileError {
            #expect(error.description.contains("bill/PayerAccountId"))
            #expect(error.description.contains("bill/BillingPeriodStartDate"))
            #expect(error.description.contains("lineItem/LineItemType"))
        }
        var rows = N.curRows
        rows[4]["lineItem/UnblendedCost"] = "1,234.00"
        var text = ([N.curHeader.joined(separator: ",")] + rows.map { row in N.curHeader.map { ImportFixtures.csvField(row[$0] ?? "") }.joined(separator: ",") }).joined(separator: "\n")
        do {
            _ = try Self.mapCUR(text, file: "bad.csv")
            Issue.record("a thousands separator was accepted")
        } catch let error as ImportRowError {
            #expect(error.line == 6)
            #expect(error.column == N.curHeader.firstIndex(of: "lineItem/UnblendedCost")! + 1)
            #expect(error.problem.hasPrefix("bad.csv line 6, column 20 (lineItem/UnblendedCost)"))
        }
        rows = N.curRows
        rows[3]["reservation/EffectiveCost"] = ""
        text = ([N.curHeader.joined(separator: ",")] + rows.map { row in N.curHeader.map { ImportFixtures.csvField(row[$0] ?? "") }.joined(separator: ",") }).joined(separator: "\n")
        do {
            _ = try Self.mapCUR(text, file: "bad.csv")
            Issue.record("a DiscountedUsage row without its amortised cost was accepted")
        } catch let error as ImportRowError {
            #expect(error.line == 5)
            #expect(error.columnName == "reservation/EffectiveCost")
        }
    }

    @Test func eaActualCostMapsDatesTagsRefundsAndCommitments() throws {
        #expect(AzureMapping.isCostDetails(header: N.eaHeader))
        #expect(AzureMapping.isCostDetails(header: N.mcaHeader))
        #expect(!AzureMapping.isCostDetails(header: N.curHeader))
        let rows = try Self.mapAzure(N.eaText)
        #expect(rows.count == N.eaRows.count)
        let totals = Self.totals(rows).byCurrency
        #expect(totals.keys.sorted() == ["USD"])
        #expect(totals["USD"]?.billedCost == N.eaCost)  // actual cost: billed = the file
        #expect(totals["USD"]?.effectiveCost == N.eaEffective)
        let (vm, spot, covered, purchase, refund, marketplace, disk) = (rows[0], rows[1], rows[2], rows[3], rows[4], rows[5], rows[6])
        #expect(vm["billing_account_id"] == "8611537")
        #expect(vm["billing_period_start"] == "2024-09-01 00:00:00+00:00")
        #expect(vm["billing_period_end"] == "2024-10-01 00:00:00+00:00")
        #expect(vm["charge_period_start"] == "2024-09-03 00:00:00+00:00")
        #expect(vm["charge_period_end"] == "2024-09-04 00:00:00+00:00")
        #expect(vm["tags"] == #"{"team": "data","env": "prod"}"#)
        #expect(vm["region_id"] == "euwest")
        #expect(vm["resource_type"] == "Microsoft.Compute/virtualMachines")
        #expect(vm["service_category"] == "Compute")
        #expect(vm["pricing_category"] == "Standard")
        #expect(vm["list_cost"] == "7.2" && vm["list_unit_price"] == "0.3")
        #expect(vm["charge_frequency"] == "Usage-Based")
        #expect(spot["pricing_category"] == "Dynamic")
        #expect(spot["billed_cost"] == "4.5E-05")
        #expect(spot["charge_period_start"] == "2024-09-04 00:00:00+00:00")
        #expect(covered["pricing_category"] == "Committed")
        #expect(covered["commitment_discount_status"] == "Used")
        #expect(covered["commitment_discount_type"] == "Reservation")
        #expect(covered["commitment_discount_category"] == "Usage")
        #expect(covered["commitment_discount_id"] == N.reservationBenefit)
        #expect(purchase["charge_category"] == "Purchase")
        #expect(purchase["billed_cost"] == "876.00" && purchase["effective_cost"] == "0")
        #expect(purchase["commitment_discount_status"] == nil)
        #expect(purchase["charge_frequency"] == "One-Time")
        #expect(refund["charge_category"] == "Purchase" && refund["charge_class"] == "Correction")
        #expect(refund["billed_cost"] == "-120.50" && refund["effective_cost"] == "0")
        #expect(marketplace["billed_cost"] == "49.99" && marketplace["effective_cost"] == "49.99")
        #expect(marketplace["commitment_discount_id"] == nil)
        #expect(disk["tags"] == "{}" && disk["region_id"] == nil)
        #expect(disk["resource_type"] == "Microsoft.Compute/disks")
        #expect(disk["resource_name"] == "web-vm-1_OsDisk")
    }

    @Test func mcaAmortisedCostTwoCurrenciesUnusedCommitments() throws {
        let rows = try Self.mapAzure(N.mcaText)
        let totals = Self.totals(rows).byCurrency
        #expect(totals.keys.sorted() == ["EUR", "USD"])
        for currency in ["EUR", "USD"] {
            #expect(totals[currency]?.effectiveCost == N.mcaCost[currency])  // amortised: effective = the file
            #expect(totals[currency]?.billedCost == N.mcaBilled[currency])
        }
        let (storage, spCovered, spUnused, riUnused, tax, usd) = (rows[0], rows[1], rows[2], rows[4], rows[6], rows[7])
        #expect(storage["billing_account_id"] == "ABCD-EFGH-BG7-PGB")
        #expect(storage["billing_account_name"] == "Fabrikam EU")
        #expect(storage["invoice_id"] == "G012345678")
        #expect(storage["tags"] == #"{"team":"web","cost-center":"42"}"#)
        #expect(storage["service_category"] == "Storage")
        #expect(storage["resource_type"] == "Microsoft.Storage/storageAccounts")
        #expect(storage["list_unit_price"] == "0.02763")
        #expect(storage["contracted_unit_price"] == "0.0307")
        #expect(spCovered["charge_period_start"] == "2024-09-05 00:00:00+00:00")
        #expect(spCovered["billed_cost"] == "0" && spCovered["effective_cost"] == "1.75")
        #expect(spCovered["commitment_discount_type"] == "Savings Plan" && spCovered["commitment_discount_category"] == "Spend")
        #expect(spCovered["region_id"] == "westeurope")
        #expect(spUnused["charge_category"] == "Usage" && spUnused["commitment_discount_status"] == "Unused")
        #expect(spUnused["billed_cost"] == "0" && spUnused["effective_cost"] == "0.25")
        #expect(riUnused["commitment_discount_status"] == "Unused" && riUnused["commitment_discount_type"] == "Reservation")
        #expect(tax["charge_category"] == "Tax" && tax["service_category"] == "Other" && tax["list_cost"] == "1.53")
        #expect(usd["billing_currency"] == "USD" && usd["pricing_category"] == "Dynamic")
        #expect(usd["billing_account_id"] == "WXYZ-0000-BG7-PGB")
    }

    @Test func azureErrorsNameFileLineAndColumn() throws {
        do {
            _ = try AzureMapping(header: ["Date", "CostInBillingCurrency"], file: "az.csv")
            Issue.record("a header without the billing period was accepted")
        } catch let error as ImportFileError {
            for name in ["BillingAccountId or BillingProfileId", "BillingPeriodStartDate", "ChargeType", "BillingCurrencyCode"] {
                #expect(error.description.contains(name), "\(name)")
            }
        }
        var rows = N.eaRows
        rows[1]["Date"] = "13/4/2024"
        do {
            _ = try Self.mapAzure(N.text(N.eaHeader, rows), file: "ea.csv")
            Issue.record("a day-first date was accepted")
        } catch let error as ImportRowError {
            #expect(error.line == 3)
            #expect(error.problem.hasPrefix("ea.csv line 3, column 10 (Date): \"13/4/2024\" is not a date"))
        }
        rows = N.eaRows
        rows[0]["Tags"] = #""team": data"#
        do {
            _ = try Self.mapAzure(N.text(N.eaHeader, rows), file: "ea.csv")
            Issue.record("a broken tag list was accepted")
        } catch let error as ImportRowError {
            #expect(error.line == 2 && error.columnName == "Tags")
        }
    }

    /// Every column a mapping writes is a `billing_line_items` column (nothing silently dropped by a
    /// misspelt name), and the DESIGN §2.1 columns the exports carry are written.
    @Test func mappedColumnsAreContractColumns() throws {
        let table = Set(BillingLineItemsTable.table.columns.map(\.name))
        var written = Set<String>()
        for row in try Self.mapCUR(N.curLegacyText).1 + Self.mapAzure(N.eaText) + Self.mapAzure(N.mcaText) {
            written.formUnion(row.values.keys)
        }
        #expect(written.subtracting(table).isEmpty, "\(written.subtracting(table))")
        #expect(written.isSuperset(of: [
            "charge_class", "charge_frequency", "commitment_discount_category", "commitment_discount_type", "commitment_discount_status",
            "list_unit_price", "contracted_unit_price", "sku_price_id", "availability_zone", "sub_account_name", "billing_account_name",
        ]))
        let row = try Self.mapCUR(N.curLegacyText).1[0]
        #expect(row.columns.count == table.count)
        #expect(row.columns[BillingLineItemsTable.table.index(of: "billed_cost")] == "9.216")
    }

    @Test func nativeTextHelpers() {
        #expect(NativeText.day("9/3/2024") == 19969 && NativeText.day("2024-09-03") == 19969)
        #expect(NativeText.day("09/03/2024 12:00:00 AM") == 19969 && NativeText.day("2024-09-03T00:00:00.0000000Z") == 19969)
        #expect(NativeText.day("2/29/2023") == nil)
        #expect(NativeText.day("2024-09-03T05:00:00Z") == nil)
        #expect(NativeText.exactDecimal("1.5E-7") == Decimal(string: "0.00000015"))
        #expect(NativeText.exactDecimal("123456789012345678901234567890123456789") == nil)
    }
}
