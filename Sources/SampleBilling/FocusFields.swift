import CostModel
import Foundation

extension BillingLineStream {
    /// The line with the FOCUS 1.0 fields a provider's export carries (DESIGN.md §2.1 columns,
    /// names of the accounts, a service for account-level tax and credits, pricing of the support
    /// fee), so `sample export-focus` writes a FOCUS 1.0 file with every required value:
    /// - charge frequency: Purchase `Recurring` (the monthly savings plan fee), Credit `One-Time`,
    ///   otherwise `Usage-Based`;
    /// - commitment: lines with a commitment id are `Spend` / `Savings Plan`, usage lines `Used`
    ///   (unless already `Unused`);
    /// - unit prices: cost ÷ pricing quantity, rounded to 10 decimals, on Usage and Purchase lines;
    ///   a usage line without a quantity (the support fee) is priced as its amount of `USD` at 1.
    static func withFocusFields(_ line: BillingLineItem) -> BillingLineItem {
        var line = line
        line.billingAccountName = ServiceDirectory.accountName(line.billingAccountId)
        line.subAccountName = line.subAccountId.map(ServiceDirectory.accountName)
        if line.serviceName == nil {
            line.serviceName = line.chargeCategory == "Tax" ? "Sales Tax" : "AWS Promotional Credits"
            line.serviceCategory = "Other"
        }
        switch line.chargeCategory {
        case "Purchase": line.chargeFrequency = "Recurring"
        case "Credit": line.chargeFrequency = "One-Time"
        default: line.chargeFrequency = "Usage-Based"
        }
        if line.commitmentDiscountId != nil {
            line.commitmentDiscountCategory = "Spend"
            line.commitmentDiscountType = "Savings Plan"
            line.commitmentDiscountStatus = line.commitmentDiscountStatus ?? (line.chargeCategory == "Usage" ? "Used" : nil)
        }
        if line.chargeCategory == "Usage" || line.chargeCategory == "Purchase" {
            if line.pricingQuantity == nil {
                line.pricingUnit = currency
                line.pricingQuantity = line.listCost
            }
            if let quantity = line.pricingQuantity, quantity != 0 {
                line.listUnitPrice = rounded(line.listCost / quantity)
                line.contractedUnitPrice = rounded((line.contractedCost ?? line.listCost) / quantity)
            } else {
                line.listUnitPrice = 0
                line.contractedUnitPrice = 0
            }
        }
        line.skuPriceId = line.skuId.map { "\($0):\(line.pricingCategory ?? "Standard")" }
        return line
    }
}

extension ServiceDirectory {
    /// The display name of a sample account (FOCUS BillingAccountName / SubAccountName).
    static func accountName(_ id: String) -> String {
        switch id {
        case productionAccount: return "Sample Org Production"
        case developmentAccount: return "Sample Org Development"
        default: return "Sample Org \(id)"
        }
    }
}
