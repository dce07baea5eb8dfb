import CostModel
import Foundation

extension FinanceCSV {
    /// `reconciliation.csv`: one row per billing account, invoice and currency; `billed_cost` equals
    /// the bill's sum for that invoice.
    ///
    /// Columns, in order:
    /// - `billing_account_id` (text), `invoice_id` (text, empty when the charges have none)
    /// - `billing_currency` (ISO 4217 code)
    /// - `billed_cost`, `effective_cost` (currency units)
    /// - `line_items` (count of billing line items)
    ///
    /// Rows: by billing_account_id, invoice_id (empty first), billing_currency.
    public static func reconciliation(_ result: AttributionResult) -> String {
        render(
            header: ["billing_account_id", "invoice_id", "billing_currency", "billed_cost", "effective_cost", "line_items"],
            rows: result.reconciliation.map { invoice in
                [.text(invoice.billingAccountId), .text(invoice.invoiceId), .text(invoice.currency),
                 amount(invoice.billedCost), amount(invoice.effectiveCost), integer(invoice.lineItems)]
            })
    }
}
