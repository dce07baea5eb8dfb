import Foundation

/// `schedule`: compute of a tier with service hours that stays under the off-hours CPU threshold
/// in every off-hours hour of the week; saves the off-hours share of the week of its cost.
enum ScheduleRule {
    static func evaluate(_ ctx: ResourceContext) -> Finding? {
        guard ctx.resource.kind == .compute, ctx.tierPolicy.allows(.schedule),
              let hours = ctx.tierPolicy.serviceHours, let usage = ctx.usage else { return nil }
        let settings = ctx.policy.schedule
        let offSlots = usage.hourOfWeek.filter { !hours.contains(isoWeekday: $0.isoWeekday, hour: $0.hour) }
        let measured = offSlots.filter { $0.samples > 0 && $0.cpuAverage != nil }
        let offHours = hours.offHoursPerWeek
        guard offHours > 0 else { return nil }
        let slotShare = Double(measured.count) / Double(offHours)
        guard slotShare >= settings.minimumOffHoursSlotShare,
              let busiest = measured.compactMap(\.cpuAverage).max(),
              busiest < settings.offHoursCpuMax else { return nil }
        let share = Decimal(offHours) / Decimal(168)
        let monthlySaving = ctx.monthlyCost * share
        let saving = SavingComputation(monthlySavings: monthlySaving, remainingCostFactor: 1 - share, steps: [
            "saving = \(ctx.monthlyCostValue) × \(offHours)/168 = \(.money(monthlySaving, currency: ctx.currency))/month",
        ])
        let steps: [EvidenceStep] = [
            "busiest off-hours hour of the week: mean CPU \(.percent(busiest)) < \(.percent(settings.offHoursCpuMax))",
            "off hours = \(offHours) of 168 h outside \(hours.description) (\(ctx.policy.timeZone))",
        ]
        return ctx.finding(
            .schedule, action: .schedule, recommended: "run only \(hours.description) \(ctx.policy.timeZone)",
            evidence: ctx.evidence(steps, percentileName: "max off-hours hourly mean CPU", percentileValue: busiest),
            saving: saving, confidence: ctx.usageConfidence,
            reason: "Busy only in service hours (\(hours.description)); stop it the other \(offHours) hours of the week.")
    }
}
