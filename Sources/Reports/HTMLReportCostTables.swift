import CivilTime
import CostModel
import Foundation

extension HTMLReport {
    /// Cost per service, team and tier, each with one total row per currency in the footer (the
    /// totals of `cost_by_service.csv`, `cost_by_team.csv` and `cost_by_tier.csv`), the month-to-date
    /// forecast and the cost anomalies.
    static func costTables(_ context: HTMLReportContext) -> HTMLPage.Section {
        let attribution = context.model.attribution
        var changes: [String: CostChange] = [:]
        for change in attribution.changeByService { if let service = change.service { changes[change.currency + "\u{0}" + service] = change } }
        let serviceRows = attribution.byService.map { slice -> [HTMLTable.Cell] in
            var row = sliceCells(slice, key: .plain(slice.key))
            if let change = changes[slice.currency + "\u{0}" + slice.key] {
                row.append(.number(ReportText.money(change.change, slice.currency, signed: true), value: change.change))
            } else {
                row.append(.empty)
            }
            return row
        }
        let services = HTMLTable(
            id: "cost-by-service", caption: "Cost per service (cost_by_service.csv summed by service)",
            columns: sliceColumns("Service", filterable: true) + [.number("Change vs previous window")],
            rows: serviceRows, footerRows: totalRows(attribution.byService, context: context, extraColumns: 1))
        let teams = HTMLTable(
            id: "cost-by-team", caption: "Cost per team (cost_by_team.csv)",
            columns: sliceColumns("Team", filterable: true),
            rows: attribution.byTeam.map { sliceCells($0, key: .plain($0.key)) },
            footerRows: totalRows(attribution.byTeam, context: context, extraColumns: 0))
        let tiers = HTMLTable(
            id: "cost-by-tier", caption: "Cost per tier (cost_by_tier.csv)",
            columns: sliceColumns("Tier", filterable: false),
            rows: attribution.byTier.map { sliceCells($0, key: .plain(ReportText.tier($0.key), sortKey: $0.key)) },
            footerRows: totalRows(attribution.byTier, context: context, extraColumns: 0))
        var parts: [HTMLFragment] = [
            "<p>Effective cost is amortised (commitment fees spread over the usage they cover); billed cost is what the invoices charge. Shared cost is included as the shared-cost rule says (see Methodology).</p>\n",
            services.render(), teams.render(), tiers.render(),
        ]
        if !attribution.monthToDate.isEmpty { parts.append(monthToDate(context)) }
        parts.append(anomalies(context))
        return HTMLPage.Section(id: "cost", title: "Cost per service, team and tier", body: .joined(parts))
    }

    static func sliceColumns(_ key: String, filterable: Bool) -> [HTMLTable.Column] {
        [HTMLTable.Column(key, isFilterable: filterable), HTMLTable.Column("Currency", isFilterable: filterable),
         .number("Effective cost"), .number("Billed cost"), .number("List cost"), .number("Credits"), .number("Share")]
    }

    static func sliceCells(_ slice: CostSlice, key: HTMLTable.Cell) -> [HTMLTable.Cell] {
        [key, .plain(slice.currency), ReportText.moneyCell(slice.amounts.effectiveCost, slice.currency),
         ReportText.moneyCell(slice.amounts.billedCost, slice.currency), ReportText.moneyCell(slice.amounts.listCost, slice.currency),
         ReportText.moneyCell(slice.amounts.credits, slice.currency),
         slice.shareOfEffectiveCost.map { .number(DisplayFormat.percent($0), value: $0) } ?? .empty]
    }

    /// One footer row per currency: the exact sums of the slices (the sort key holds the exact
    /// sum, the text is rounded to the minor unit).
    static func totalRows(_ slices: [CostSlice], context: HTMLReportContext, extraColumns: Int) -> [[HTMLTable.Cell]] {
        context.currencies.compactMap { currency -> [HTMLTable.Cell]? in
            let mine = slices.filter { $0.currency == currency }
            guard !mine.isEmpty else { return nil }
            let sum = mine.reduce(CostAmounts.zero) { $0 + $1.amounts }
            return [HTMLTable.Cell(content: "Total", sortKey: nil), .plain(currency),
                    ReportText.moneyCell(sum.effectiveCost, currency), ReportText.moneyCell(sum.billedCost, currency),
                    ReportText.moneyCell(sum.listCost, currency), ReportText.moneyCell(sum.credits, currency), .empty]
                + Array(repeating: HTMLTable.Cell.empty, count: extraColumns)
        }
    }

    static func monthToDate(_ context: HTMLReportContext) -> HTMLFragment {
        let rows = context.model.attribution.monthToDate.map { forecast -> [HTMLTable.Cell] in
            [.plain(forecast.currency), .date(UTCText.day(forecast.monthStart), isoKey: UTCText.day(forecast.monthStart)),
             .integer(forecast.elapsedDays), .integer(forecast.daysInMonth),
             ReportText.moneyCell(forecast.effectiveCost, forecast.currency), ReportText.moneyCell(forecast.billedCost, forecast.currency),
             forecast.forecastEffectiveCost.map { ReportText.moneyCell($0, forecast.currency) } ?? .empty]
        }
        return HTMLTable(
            id: "month-to-date", caption: "Month to date and run-rate forecast (effective cost ÷ elapsed days × days in month)",
            columns: [HTMLTable.Column("Currency"), HTMLTable.Column("Month", sortType: .date), .number("Days elapsed"), .number("Days in month"),
                      .number("Effective cost so far"), .number("Billed cost so far"), .number("Forecast for the month")],
            rows: rows
        ).render()
    }

    static func anomalies(_ context: HTMLReportContext) -> HTMLFragment {
        let anomalies = context.model.attribution.anomalies
        guard !anomalies.isEmpty else { return "<p>No cost anomalies: no service's daily cost rose above its baseline.</p>\n" }
        let rows = anomalies.map { anomaly -> [HTMLTable.Cell] in
            [.date(UTCText.day(anomaly.day), isoKey: UTCText.day(anomaly.day)), .plain(anomaly.service), .plain(anomaly.currency),
             ReportText.moneyCell(anomaly.effectiveCost, anomaly.currency), ReportText.moneyCell(anomaly.baselineMean, anomaly.currency),
             ReportText.moneyCell(anomaly.excessOverMean, anomaly.currency), .integer(anomaly.baselineDays)]
        }
        return HTMLTable(
            id: "anomalies", caption: "Cost anomalies: days on which a service cost more than its baseline",
            columns: [HTMLTable.Column("Day", sortType: .date), HTMLTable.Column("Service", isFilterable: true), HTMLTable.Column("Currency"),
                      .number("Effective cost"), .number("Baseline mean"), .number("Excess"), .number("Baseline days")],
            rows: rows
        ).render()
    }
}
