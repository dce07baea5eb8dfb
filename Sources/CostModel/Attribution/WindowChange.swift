import Foundation

/// The change of effective cost against the previous window, per currency and service and overall.
/// Both windows are attributed with the same rules and policy (shared cost split the same way).
/// Percent = (current − previous) ÷ |previous| × 100, rounded to 2 decimals; nil when previous is 0.
enum WindowChange {
    static func changes(
        current: [String: [String: Decimal]], previous: [String: [String: Decimal]]
    ) -> (byService: [CostChange], overall: [CostChange]) {
        var byService: [CostChange] = []
        var overall: [CostChange] = []
        for currency in Set(current.keys).union(previous.keys).sorted() {
            let now = current[currency] ?? [:]
            let before = previous[currency] ?? [:]
            for service in Set(now.keys).union(before.keys).sorted() {
                byService.append(change(currency, service, before[service] ?? 0, now[service] ?? 0))
            }
            overall.append(change(currency, nil, before.values.reduce(0, +), now.values.reduce(0, +)))
        }
        return (byService, overall)
    }

    static func change(_ currency: String, _ service: String?, _ previous: Decimal, _ current: Decimal) -> CostChange {
        let magnitude = previous < 0 ? -previous : previous
        let percent = previous == 0 ? nil : Money.rounded((current - previous) / magnitude * 100, scale: 2)
        return CostChange(
            currency: currency, service: service, previousEffectiveCost: previous,
            currentEffectiveCost: current, changePercent: percent)
    }
}
