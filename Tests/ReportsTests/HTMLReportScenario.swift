@testable import CostModel
import Foundation
@testable import Reports

/// A fixed small run for the HTML report tests: two currencies, four teams, shared tax, an
/// untagged volume, a previous window, findings of most kinds (one without charges), diagnostics
/// and optional history. Every name can be replaced (the hostile-names test).
enum HTMLReportScenario {
    struct Names {
        var services = ["web-shop", "ledger", "nightly-etl", "tokyo-api"]
        var teams = ["shop", "finance", "data", "apac"]
        var resources = ["i-web-1", "db-ledger", "i-etl", "i-tokyo", "vol-orphan", "i-idle"]
        var untaggedService = "search"
        var text = "plain"
    }

    static func day(_ day: Int, month: Int = 11) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: DateComponents(year: 2026, month: month, day: day))!
    }

    static let window = ReportWindow(start: day(1), end: day(1, month: 12))

    static func charge(_ resource: String?, _ amount: Decimal, currency: String = "USD", category: ChargeCategory = .usage,
                       day: Date, tags: [String: String] = [:], billed: Decimal? = nil) -> ChargeGroup {
        ChargeGroup(billingAccountId: "111111111111", invoiceId: currency == "USD" ? "INV-11" : "JP-11", currency: currency,
                    chargeCategory: category, resourceId: resource, day: day, tags: tags, billedCost: billed ?? amount,
                    effectiveCost: amount, listCost: billed ?? amount, lineCount: 24, chargeHours: 24)
    }

    static func attribution(_ names: Names) -> AttributionResult {
        let r = names.resources
        let resources = [
            Resource(id: r[0], kind: "compute", service: names.services[0], team: names.teams[0], tier: 1, environment: "production"),
            Resource(id: r[1], kind: "database", service: names.services[1], team: names.teams[1], tier: 2, environment: "production"),
            Resource(id: r[2], kind: "compute", service: names.services[2], team: names.teams[2], tier: 3, environment: "production"),
            Resource(id: r[3], kind: "compute", service: names.services[3], team: names.teams[3], tier: 1, environment: names.text),
            Resource(id: r[5], kind: "compute", service: names.services[2], team: names.teams[2], tier: 4, environment: "development"),
        ]
        var charges: [ChargeGroup] = []
        var previous: [ChargeGroup] = []
        for index in 1...30 {
            let date = day(index)
            charges.append(charge(r[0], Decimal(string: index % 7 == 0 ? "61.25" : "48.10")!, day: date))
            charges.append(charge(r[1], Decimal(string: "20.333")!, day: date))
            if index % 2 == 0 { charges.append(charge(r[2], 9, day: date)) }
            charges.append(charge(r[3], 1_520, currency: "JPY", day: date))
            charges.append(charge(r[4], Decimal(string: "1.50")!, day: date, tags: ["service": names.untaggedService]))
            charges.append(charge(r[5], Decimal(string: "2.40")!, day: date))
            previous.append(charge(r[0], 45, day: date.addingTimeInterval(-30 * 86_400)))
            previous.append(charge(r[3], 1_400, currency: "JPY", day: date.addingTimeInterval(-30 * 86_400)))
        }
        charges.append(charge(nil, Decimal(string: "84.17")!, category: "Tax", day: day(30)))
        charges.append(charge(nil, -25, category: "Credit", day: day(30)))
        let input = AttributionInput(window: window, charges: charges, previousCharges: previous, resources: resources)
        return Attribution.run(input, policy: AttributionPolicy())
    }

    static func ownership(_ names: Names, _ index: Int, tier: Int?) -> Ownership {
        Ownership(service: names.services[index], team: names.teams[index], tier: tier, environment: "production", source: .inventory)
    }

    static func findings(_ names: Names) -> [Finding] {
        let r = names.resources
        let m5x2 = SizeQuote(InstanceType(providerName: "AWS", regionId: "us-east-1", name: "m5.2xlarge", family: "m5", vcpus: 8, memoryGiB: 32, arch: "x86_64", onDemandHourly: Decimal(string: "0.384")!, currency: "USD"))
        let m5l = SizeQuote(InstanceType(providerName: "AWS", regionId: "us-east-1", name: "m5.large", family: "m5", vcpus: 2, memoryGiB: 8, arch: "x86_64", onDemandHourly: Decimal(string: "0.096")!, currency: "USD"))
        func evidence(_ formula: String, percentile: Double? = nil) -> FindingEvidence {
            FindingEvidence(windowDays: 30, daysWithData: 30, samples: 8_640, coverage: 1, percentileName: percentile == nil ? nil : "p99 CPU",
                            percentileValue: percentile, peak: percentile.map { $0 * 1.4 }, lastActiveAt: day(30),
                            currentSize: m5x2, recommendedSize: m5l, steps: [EvidenceStep(stringLiteral: formula)])
        }
        return [
            Finding(resourceId: r[0], kind: .overProvisioned, action: .rightSize, ownership: ownership(names, 0, tier: 1),
                    current: m5x2.description, recommended: m5l.description,
                    evidence: evidence("needed vCPU = p99 0.12 × 8 vCPU ÷ 0.50 = 1.92 → m5.large (2 vCPU) \(names.text)", percentile: 0.12),
                    monthlyCost: Decimal(string: "1236.59")!, monthlySavings: Decimal(string: "927.44")!, remainingCostFactor: Decimal(string: "0.25")!,
                    currency: "USD", confidence: .high, risk: .high, effort: .high, needsApproval: true, reason: "p99 CPU 12% fits a quarter of the size"),
            Finding(resourceId: r[0], kind: .commitment, action: .commit, ownership: ownership(names, 0, tier: 1),
                    current: "on demand", recommended: "1-year savings plan", evidence: evidence("baseline 1236.59 × 0.28 discount"),
                    monthlyCost: Decimal(string: "1236.59")!, monthlySavings: Decimal(string: "346.25")!, remainingCostFactor: Decimal(string: "0.72")!,
                    currency: "USD", confidence: .medium, risk: .medium, effort: .low, needsApproval: false, reason: "stable tier-1 baseline"),
            Finding(resourceId: r[1], kind: .schedule, action: .schedule, ownership: ownership(names, 1, tier: 2),
                    current: "24/7", recommended: "Mon-Fri 07:00-19:00", evidence: evidence("off-hours share 0.64 × 618.46"),
                    monthlyCost: Decimal(string: "618.46")!, monthlySavings: Decimal(string: "395.81")!, remainingCostFactor: Decimal(string: "0.36")!,
                    currency: "USD", confidence: .medium, risk: .medium, effort: .low, needsApproval: false, reason: "idle outside business hours"),
            Finding(resourceId: r[2], kind: .spot, action: .moveToSpot, ownership: ownership(names, 2, tier: 3),
                    current: "on demand", recommended: "spot", evidence: evidence("136.88 × 0.65 spot discount"),
                    monthlyCost: Decimal(string: "136.88")!, monthlySavings: Decimal(string: "88.97")!, remainingCostFactor: Decimal(string: "0.35")!,
                    currency: "USD", confidence: .high, risk: .low, effort: .medium, needsApproval: false, reason: "tier-3 batch on on-demand"),
            Finding(resourceId: r[5], kind: .unused, action: .delete, ownership: ownership(names, 2, tier: 4),
                    current: "running, idle", recommended: "delete", evidence: evidence("p99 CPU 0.01 < 0.05 and network 0 for 30 days", percentile: 0.01),
                    monthlyCost: Decimal(string: "73.00")!, monthlySavings: Decimal(string: "73.00")!, remainingCostFactor: 0,
                    currency: "USD", confidence: .high, risk: .low, effort: .low, needsApproval: false, reason: "idle for 30 days"),
            Finding(resourceId: r[3], kind: .insufficientData, action: .collectData, ownership: ownership(names, 3, tier: 1),
                    current: "4 days of samples", recommended: "collect 30 days", evidence: FindingEvidence(windowDays: 30, daysWithData: 4, samples: 1_152, coverage: 0.13, steps: ["4 days < 30 required"]),
                    monthlyCost: 46_233, monthlySavings: 0, remainingCostFactor: 1,
                    currency: "JPY", confidence: .low, risk: .low, effort: .low, needsApproval: false, reason: "only 4 of 30 days have usage data \(names.text)"),
            Finding(resourceId: "snap-old", kind: .storageClass, action: .changeStorageClass, ownership: ownership(names, 1, tier: 2),
                    current: "standard snapshot", recommended: "archive", evidence: FindingEvidence(windowDays: 30, steps: ["no charges"]),
                    monthlyCost: 0, monthlySavings: 0, remainingCostFactor: Decimal(string: "0.25")!,
                    currency: "", confidence: .medium, risk: .low, effort: .low, needsApproval: false, reason: "snapshot older than 90 days"),
        ]
    }

    static func model(_ names: Names = Names(), history: FindingHistory = FindingHistory(), extraFindings: [Finding] = [],
                      findingsPolicy: FindingsPolicy = .default, histogramBuckets: Int = 200) -> ReportModel {
        let attribution = attribution(names)
        let findings = findings(names) + extraFindings
        let plan = PlanBuilder.build(findings)
        let diagnostics = attribution.diagnostics + [
            Diagnostic(.warning, code: "finding_without_cost", "1 resources with findings have no charges in the window (e.g. snap-old) \(names.text)."),
            Diagnostic(.info, code: "untiered_default_rules", "1 resources have no tier and were judged by the rules of tier 2."),
        ]
        let run = ReportModel.Run(
            runId: "run-\(names.text)", generatedAt: day(1, month: 12).addingTimeInterval(9_000), window: window, asOfLabel: "2026-11-30",
            dataSources: ["host db1 port 5432 database billing \(names.text)", "queries: /etc/costreport/queries"],
            policyText: "tiers:\n  1:\n    percentile: 99\n    target_utilization: 0.5\n# \(names.text)\n",
            findingsPolicy: findingsPolicy, histogramBuckets: histogramBuckets)
        return ReportModel(
            run: run, attribution: attribution,
            findings: FindingsResult(findings: findings, plan: plan, diagnostics: []),
            diagnostics: diagnostics.sorted { ($0.severity, $0.code) > ($1.severity, $1.code) }, history: history,
            trends: trends(names), commitments: commitments(names))
    }

    /// A savings plan with an unused part on two days, and the coverage of its account.
    static func commitments(_ names: Names) -> Commitments {
        let id = "arn:aws:savingsplans::111111111111:savingsplan/sp-\(names.text)"
        var rows = (1...30).map { index in
            CommitmentDay(billingAccountId: "111111111111", currency: "USD", commitmentId: id, commitmentType: "Savings Plan",
                          status: .used, day: day(index), effectiveCost: 80, listCost: Decimal(string: "114.29")!)
        }
        rows += [3, 4].map { index in
            CommitmentDay(billingAccountId: "111111111111", currency: "USD", commitmentId: id, commitmentType: "Savings Plan",
                          status: .unused, day: day(index), effectiveCost: Decimal(string: "12.5")!, listCost: 0)
        }
        rows.append(CommitmentDay(billingAccountId: "111111111111", currency: "USD", commitmentId: nil, commitmentType: nil,
                                  status: nil, day: day(2), effectiveCost: 1000, listCost: 1000))
        return Commitments.summarize(rows, window: window)
    }

    /// A unit cost and a growing and a flat capacity trend.
    static func trends(_ names: Names) -> Trends {
        let owner = Ownership(service: names.services[0], team: names.teams[0], tier: 1, environment: "production", source: .inventory)
        return Trends(
            unitCosts: [UnitCost(
                service: names.services[0], currency: "USD", effectiveCost: Decimal(string: "1234.5")!, requests: 24_690_000,
                costPer1000Requests: Decimal(string: "0.05")!, previousCostPer1000Requests: Decimal(string: "0.0625")!)],
            capacity: [
                CapacityForecast(resourceId: names.resources[0], ownership: owner, metric: .cpu, currentP95: 0.55475, weeklyTrend: 0.05,
                                 threshold: 0.7, daysToThreshold: 16.835, weeklyP95: [0.40475, 0.45475, 0.50475, 0.55475], fittedAtEnd: 0.57975),
                CapacityForecast(resourceId: names.resources[0], ownership: owner, metric: .memory, currentP95: 0.3, weeklyTrend: 0,
                                 threshold: 0.8, daysToThreshold: nil, weeklyP95: [0.3, 0.3, 0.3], fittedAtEnd: 0.3),
            ])
    }
}
