import CostModel
import Foundation

/// Emits FOCUS `billing_line_items` day by day: the commitment purchases on the 1st of a month, the
/// usage of every resource (one line per day, or per hour), the unused part of the savings plans
/// bought larger than their usage (one `Unused` line per plan and day), the one-off lines of the day
/// (the refund, the cost spike), then per account the support fee, the tax and, on the 15th, a
/// promotional credit.
/// Amounts are `Decimal` from the catalog's decimal prices, rounded to at most 10 decimal places.
/// Only per-account sums of one day are kept while streaming.
struct BillingLineStream {
    let plans: [ResourcePlan]
    let options: SampleOptions
    let start: Int64
    let end: Int64
    /// Hourly savings plan commitment per account (sum of the amortised rates it covers).
    let hourlyCommitment: [(account: String, perHour: Decimal)]
    /// Savings plans of one instance each, bought larger than it (`OwnCommitment`), by id.
    let ownCommitments: [(id: String, account: String, perHour: Decimal, tags: [String: String])]
    /// One-off lines keyed by the UTC midnight of their day.
    private(set) var oneOffLines: [Int64: [BillingLineItem]] = [:]

    static let provider = "AWS"
    static let currency = "USD"
    static let region = "us-east-1"
    /// Share of the on-demand price paid for committed usage (a 1-year no-upfront savings plan, 30% off).
    static let committedRateFactor = Decimal(string: "0.7")!
    static let loadBalancerHourly = Decimal(string: "0.0225")!
    static let lcuHourly = Decimal(string: "0.008")!
    /// Requests that make one LCU-hour (a simplification of the ALB dimensions).
    static let requestsPerLCUHour = 90_000.0
    static let publicIPv4Hourly = Decimal(string: "0.005")!
    static let dataTransferOutPerGB = Decimal(string: "0.09")!
    /// AWS Business support: 10% of the day's billed usage.
    static let supportShare = Decimal(string: "0.10")!
    /// Sales tax on the day's billed charges.
    static let taxShare = Decimal(string: "0.06")!
    /// Monthly promotional credit of the development account, on the 15th.
    static let promotionalCredit = Decimal(string: "-150.00")!
    static let amountScale = 10

    init(plans: [ResourcePlan], options: SampleOptions) {
        self.plans = plans
        self.options = options
        self.start = options.startSeconds
        self.end = options.endSeconds
        var perAccount: [String: Decimal] = [:]
        var own: [(id: String, account: String, perHour: Decimal, tags: [String: String])] = []
        for plan in plans {
            guard case .instance(let charge) = plan.charge, charge.pricing == .committed else { continue }
            let rate = charge.instanceType.onDemandHourly * Self.committedRateFactor
            if let commitment = charge.ownCommitment {
                own.append((Self.commitmentId(account: plan.billingAccountId, name: commitment.name), plan.billingAccountId,
                            rate * commitment.sizeFactor, plan.billTags))
            } else {
                perAccount[plan.billingAccountId, default: 0] += rate
            }
        }
        hourlyCommitment = perAccount.keys.sorted().map { ($0, perAccount[$0]!) }
        ownCommitments = own.sorted { $0.id < $1.id }
        oneOffLines = computeOneOffLines()
    }

    static func commitmentId(account: String) -> String {
        "arn:aws:savingsplans::\(account):savingsplan/sp-\(account)-compute-1yr"
    }

    /// The id of a savings plan of its own (`OwnCommitment`).
    static func commitmentId(account: String, name: String) -> String {
        "arn:aws:savingsplans::\(account):savingsplan/sp-\(account)-\(name)"
    }

    static func invoiceId(account: String, month: CalendarMonth) -> String { "INV-\(account)-\(month.label)" }

    static func rounded(_ amount: Decimal) -> Decimal { Money.rounded(amount, scale: amountScale) }

    // MARK: - The stream

    func forEach(_ body: (BillingLineItem) throws -> Void) rethrows {
        let accounts = [ServiceDirectory.productionAccount, ServiceDirectory.developmentAccount]
        var dayStart = start
        while dayStart < end {
            let month = UTCClock.month(containing: dayStart)
            let dayOfMonth = UTCClock.civil(dayStart).day
            var billedToday: [String: Decimal] = [:]
            var usedToday: [String: Decimal] = [:]
            func emit(_ line: BillingLineItem) throws {
                billedToday[line.billingAccountId, default: 0] += line.billedCost
                if let id = line.commitmentDiscountId, line.chargeCategory == "Usage" { usedToday[id, default: 0] += line.effectiveCost }
                try body(Self.withFocusFields(line))
            }

            if dayOfMonth == 1 {
                for commitment in hourlyCommitment {
                    try emit(purchaseLine(account: commitment.account, perHour: commitment.perHour, month: month))
                }
                for commitment in ownCommitments {
                    try emit(purchaseLine(account: commitment.account, perHour: commitment.perHour, month: month,
                                          commitmentId: commitment.id))
                }
            }
            switch options.billingGranularity {
            case .daily:
                for plan in plans {
                    for line in lines(for: plan, from: dayStart, to: dayStart + UTCClock.secondsPerDay, month: month) {
                        try emit(line)
                    }
                }
            case .hourly:
                for hour in 0..<24 {
                    let hourStart = dayStart + Int64(hour) * 3600
                    for plan in plans {
                        for line in lines(for: plan, from: hourStart, to: hourStart + 3600, month: month) {
                            try emit(line)
                        }
                    }
                }
            }
            for commitment in ownCommitments {
                let unused = commitment.perHour * 24 - (usedToday[commitment.id] ?? 0)
                if unused > 0 {
                    try emit(unusedLine(commitment.id, account: commitment.account, tags: commitment.tags, day: dayStart,
                                        month: month, amount: Self.rounded(unused)))
                }
            }
            for line in oneOffLines[dayStart] ?? [] { try emit(line) }
            for account in accounts {
                let usage = billedToday[account] ?? 0
                let support = Money.rounded(usage * Self.supportShare, scale: 2)
                try emit(accountLine(
                    account: account, day: dayStart, month: month, category: "Usage",
                    description: "AWS Support (Business): 10% of the day's usage", serviceName: "AWS Support",
                    serviceCategory: "Management and Governance", amount: support, pricingCategory: "Standard"))
                let tax = Money.rounded((usage + support) * Self.taxShare, scale: 2)
                try emit(accountLine(
                    account: account, day: dayStart, month: month, category: "Tax",
                    description: "Sales tax (6%)", serviceName: nil, serviceCategory: nil, amount: tax,
                    pricingCategory: nil))
                if dayOfMonth == 15 && account == ServiceDirectory.developmentAccount {
                    var credit = accountLine(
                        account: account, day: dayStart, month: month, category: "Credit",
                        description: "AWS Promotional Credit", serviceName: nil, serviceCategory: nil,
                        amount: Self.promotionalCredit, pricingCategory: nil)
                    credit.listCost = 0
                    try emit(credit)
                }
            }
            dayStart += UTCClock.secondsPerDay
        }
    }

    // MARK: - Lines of one resource

    /// The usage lines of `plan` for the charge period [from, to) (a day or an hour inside `month`).
    func lines(for plan: ResourcePlan, from: Int64, to: Int64, month: CalendarMonth) -> [BillingLineItem] {
        let existingHours = Self.hours(from: from, to: to, activeFrom: plan.activeFrom, until: nil)
        guard existingHours > 0 else { return [] }
        let context = LineContext(plan: plan, from: from, to: to, month: month)
        switch plan.charge {
        case .instance(let charge):
            var result: [BillingLineItem] = []
            let runningHours = Self.hours(from: from, to: to, activeFrom: plan.activeFrom, until: plan.runningUntil)
            if runningHours > 0 { result.append(instanceLine(charge, hours: runningHours, context)) }
            if let storage = charge.storage {
                let database = charge.service == .rds
                result.append(storageLine(
                    storage, hours: existingHours, context,
                    serviceName: database ? "Amazon Relational Database Service" : "Amazon Elastic Block Store",
                    serviceCategory: database ? "Databases" : "Storage", resourceType: database ? "DBInstance" : "Instance"))
            }
            return result
        case .blockStorage(let storage):
            let snapshot = storage.sku == "EBS:SnapshotUsage"
            return [storageLine(storage, hours: existingHours, context, serviceName: "Amazon Elastic Block Store",
                                serviceCategory: "Storage", resourceType: snapshot ? "Snapshot" : "Volume")]
        case .objectStorage(let storage):
            return [storageLine(storage, hours: existingHours, context, serviceName: "Amazon Simple Storage Service",
                                serviceCategory: "Storage", resourceType: "Bucket")]
        case .loadBalancer:
            return loadBalancerLines(hours: existingHours, context)
        case .publicIPv4:
            let associated = plan.resource.attachedTo != nil
            let cost = Self.publicIPv4Hourly * Decimal(existingHours)
            return [context.line(
                description: "$0.005 per \(associated ? "In-use" : "Idle") public IPv4 address per hour",
                serviceName: "Amazon Virtual Private Cloud", serviceCategory: "Networking", resourceType: "IPAddress",
                sku: associated ? "PublicIPv4:InUseAddress" : "PublicIPv4:IdleAddress", pricingCategory: "Standard",
                unit: "Hours", quantity: Decimal(existingHours), list: cost, effective: cost, billed: cost)]
        }
    }

    /// Whole hours of [from, to) during which the resource exists (and runs, with `until`).
    static func hours(from: Int64, to: Int64, activeFrom: Int64, until: Int64?) -> Int {
        let lower = max(from, activeFrom)
        let upper = min(to, until ?? to)
        return upper > lower ? Int((upper - lower) / 3600) : 0
    }

    private func instanceLine(_ charge: InstanceCharge, hours: Int, _ context: LineContext) -> BillingLineItem {
        let type = charge.instanceType
        let price = type.onDemandHourly
        let quantity = Decimal(hours)
        let list = price * quantity
        let database = charge.service == .rds
        let serviceName = database ? "Amazon Relational Database Service" : "Amazon Elastic Compute Cloud"
        let serviceCategory = database ? "Databases" : "Compute"
        let resourceType = database ? "DBInstance" : "Instance"
        let typeLabel = database ? "db.\(type.name)" : type.name
        switch charge.pricing {
        case .onDemand:
            return context.line(
                description: "$\(Money.plain(price)) per On Demand Linux \(typeLabel) Instance Hour",
                serviceName: serviceName, serviceCategory: serviceCategory, resourceType: resourceType,
                sku: (database ? "InstanceUsage:" : "BoxUsage:") + typeLabel, pricingCategory: "Standard",
                unit: "Hours", quantity: quantity, list: list, effective: list, billed: list)
        case .spot:
            let rate = price * Decimal(100 - charge.spotDiscountPercent) / 100
            let cost = Self.rounded(rate * quantity)
            var line = context.line(
                description: "$\(Money.plain(Self.rounded(rate))) per Spot Linux \(typeLabel) Instance Hour",
                serviceName: serviceName, serviceCategory: serviceCategory, resourceType: resourceType,
                sku: "SpotUsage:" + typeLabel, pricingCategory: "Dynamic", unit: "Hours", quantity: quantity,
                list: list, effective: cost, billed: cost)
            line.contractedCost = cost
            return line
        case .committed:
            let amortised = Self.rounded(price * Self.committedRateFactor * quantity)
            var line = context.line(
                description: "\(typeLabel) usage covered by Compute Savings Plan",
                serviceName: serviceName, serviceCategory: serviceCategory, resourceType: resourceType,
                sku: (database ? "InstanceUsage:" : "BoxUsage:") + typeLabel, pricingCategory: "Committed",
                unit: "Hours", quantity: quantity, list: list, effective: amortised, billed: 0)
            line.commitmentDiscountId = charge.ownCommitment.map {
                Self.commitmentId(account: context.plan.billingAccountId, name: $0.name)
            } ?? Self.commitmentId(account: context.plan.billingAccountId)
            return line
        }
    }

    /// GB-month storage prorated by the hour: quantity = GiB x hours / hours of the month.
    private func storageLine(
        _ storage: StorageCharge, hours: Int, _ context: LineContext, serviceName: String, serviceCategory: String,
        resourceType: String
    ) -> BillingLineItem {
        let monthHours = Decimal(context.month.days * 24)
        let gibHours = Decimal(storage.gib) * Decimal(hours)
        let quantity = Self.rounded(gibHours / monthHours)
        let cost = Self.rounded(gibHours * storage.pricePerGBMonth / monthHours)
        return context.line(
            description: "$\(Money.plain(storage.pricePerGBMonth)) per GB-month of \(storage.label)",
            serviceName: serviceName, serviceCategory: serviceCategory, resourceType: resourceType, sku: storage.sku,
            pricingCategory: "Standard", unit: "GB-Mo", quantity: quantity, list: cost, effective: cost, billed: cost)
    }

    private func loadBalancerLines(hours: Int, _ context: LineContext) -> [BillingLineItem] {
        let hourly = Self.loadBalancerHourly * Decimal(hours)
        var result = [context.line(
            description: "$0.0225 per Application LoadBalancer-hour (or partial hour)",
            serviceName: "Elastic Load Balancing", serviceCategory: "Networking", resourceType: "LoadBalancer",
            sku: "LoadBalancerUsage", pricingCategory: "Standard", unit: "Hours", quantity: Decimal(hours),
            list: hourly, effective: hourly, billed: hourly)]
        guard let profile = context.plan.usage else { return result }
        let dayStart = context.from - UTCClock.floorMod(context.from, UTCClock.secondsPerDay)
        var requests = profile.requests(onDayStarting: dayStart, seed: options.seed, key: context.plan.noiseKey)
        if context.to - context.from < UTCClock.secondsPerDay {
            requests *= UsageProfile.requestShare(hour: UTCClock.hour(context.from))
        }
        let lcuTenThousandths = Int((requests / Self.requestsPerLCUHour * 10_000).rounded())
        guard lcuTenThousandths > 0 else { return result }
        let lcuHours = Decimal(lcuTenThousandths) / 10_000
        let cost = Self.rounded(lcuHours * Self.lcuHourly)
        result.append(context.line(
            description: "$0.008 per used Application load balancer capacity unit-hour (or partial hour)",
            serviceName: "Elastic Load Balancing", serviceCategory: "Networking", resourceType: "LoadBalancer",
            sku: "LCUUsage", pricingCategory: "Standard", unit: "LCU-Hrs", quantity: lcuHours, list: cost,
            effective: cost, billed: cost))
        return result
    }

    // MARK: - Account-level lines

    /// The month's savings plan fee, billed on the 1st (charge period: that day): the hourly
    /// commitment times the hours of the month; effective cost 0 (the covered usage carries it).
    private func purchaseLine(account: String, perHour: Decimal, month: CalendarMonth,
                              commitmentId: String? = nil) -> BillingLineItem {
        let fee = Self.rounded(perHour * Decimal(month.days * 24))
        return BillingLineItem(
            billingAccountId: account, subAccountId: account, invoiceId: Self.invoiceId(account: account, month: month),
            providerName: Self.provider, billingPeriodStart: UTCClock.date(month.start),
            billingPeriodEnd: UTCClock.date(month.end), chargePeriodStart: UTCClock.date(month.start),
            chargePeriodEnd: UTCClock.date(month.start + UTCClock.secondsPerDay), chargeCategory: "Purchase",
            chargeDescription: "Compute Savings Plan, 1 year, no upfront: monthly fee for \(month.label)",
            serviceName: "Savings Plans for AWS Compute usage", serviceCategory: "Compute",
            skuId: "ComputeSP:1yrNoUpfront", pricingCategory: "Committed", pricingUnit: "Hours",
            pricingQuantity: Decimal(month.days * 24), listCost: fee, contractedCost: fee, effectiveCost: 0,
            billedCost: fee, billingCurrency: Self.currency,
            commitmentDiscountId: commitmentId ?? Self.commitmentId(account: account))
    }

    /// The part of a savings plan's day nothing ran on (FOCUS `Unused`): usage of the plan itself
    /// (resource id = its id, tags of the instance it was bought for), amortised cost only.
    private func unusedLine(_ id: String, account: String, tags: [String: String], day: Int64, month: CalendarMonth,
                            amount: Decimal) -> BillingLineItem {
        var line = BillingLineItem(
            billingAccountId: account, subAccountId: account, invoiceId: Self.invoiceId(account: account, month: month),
            providerName: Self.provider, billingPeriodStart: UTCClock.date(month.start),
            billingPeriodEnd: UTCClock.date(month.end), chargePeriodStart: UTCClock.date(day),
            chargePeriodEnd: UTCClock.date(day + UTCClock.secondsPerDay), chargeCategory: "Usage",
            chargeDescription: "Unused Compute Savings Plan commitment", serviceName: "Savings Plans for AWS Compute usage",
            serviceCategory: "Compute", resourceId: id, resourceType: "SavingsPlan", regionId: Self.region,
            skuId: "ComputeSP:1yrNoUpfront", pricingCategory: "Committed", pricingUnit: "Hours", pricingQuantity: 24,
            consumedUnit: "Hours", consumedQuantity: 24, listCost: 0, contractedCost: 0, effectiveCost: amount,
            billedCost: 0, billingCurrency: Self.currency, commitmentDiscountId: id, tags: tags)
        line.commitmentDiscountStatus = "Unused"
        return line
    }

    private func accountLine(
        account: String, day: Int64, month: CalendarMonth, category: String, description: String,
        serviceName: String?, serviceCategory: String?, amount: Decimal, pricingCategory: String?
    ) -> BillingLineItem {
        BillingLineItem(
            billingAccountId: account, subAccountId: account, invoiceId: Self.invoiceId(account: account, month: month),
            providerName: Self.provider, billingPeriodStart: UTCClock.date(month.start),
            billingPeriodEnd: UTCClock.date(month.end), chargePeriodStart: UTCClock.date(day),
            chargePeriodEnd: UTCClock.date(day + UTCClock.secondsPerDay), chargeCategory: category,
            chargeDescription: description, serviceName: serviceName, serviceCategory: serviceCategory,
            pricingCategory: pricingCategory, listCost: amount, contractedCost: amount, effectiveCost: amount,
            billedCost: amount, billingCurrency: Self.currency)
    }

    // MARK: - One-off lines: the cost spike and the refund

    private func computeOneOffLines() -> [Int64: [BillingLineItem]] {
        var result: [Int64: [BillingLineItem]] = [:]
        let refundDay = end - Int64(ServiceDirectory.refundDaysBeforeEnd) * UTCClock.secondsPerDay
        let spikeDay = end - Int64(ServiceDirectory.spikeDaysBeforeEnd) * UTCClock.secondsPerDay
        for copy in 1...max(1, options.scale) {
            let context = OrganisationBuilder.CopyContext(copy: copy)
            if refundDay >= start, let plan = plans.first(where: { $0.resource.id == context.id(ServiceDirectory.refundResource) }) {
                let month = UTCClock.month(containing: refundDay)
                let dayCost = lines(for: plan, from: refundDay, to: refundDay + UTCClock.secondsPerDay, month: month)
                    .reduce(Decimal(0)) { $0 + $1.effectiveCost }
                var refund = LineContext(plan: plan, from: refundDay, to: refundDay + UTCClock.secondsPerDay, month: month)
                    .line(description: "SLA credit: load balancer unavailable (case 1-2345678)",
                          serviceName: "Elastic Load Balancing", serviceCategory: "Networking",
                          resourceType: "LoadBalancer", sku: "LoadBalancerUsage", pricingCategory: "Standard",
                          unit: nil, quantity: nil, list: 0, effective: -dayCost, billed: -dayCost)
                refund.chargeCategory = "Credit"
                result[refundDay, default: []].append(refund)
            }
            let spikeService = context.service(ServiceDirectory.spikeService)
            let previousDay = spikeDay - UTCClock.secondsPerDay
            if previousDay >= start,
               let carrier = plans.first(where: { $0.resource.id == context.id("i-\(ServiceDirectory.spikeService)-01") }) {
                let month = UTCClock.month(containing: previousDay)
                var normal = Decimal(0)
                for plan in plans where plan.resource.service == spikeService || plan.billTags["service"] == spikeService {
                    for line in lines(for: plan, from: previousDay, to: spikeDay, month: month) {
                        normal += line.effectiveCost
                    }
                }
                let amount = Money.rounded(normal * 3, scale: 2)
                let gigabytes = Self.rounded(amount / Self.dataTransferOutPerGB)
                let spikeMonth = UTCClock.month(containing: spikeDay)
                let line = LineContext(plan: carrier, from: spikeDay, to: spikeDay + UTCClock.secondsPerDay, month: spikeMonth)
                    .line(description: "$0.09 per GB - data transfer out of US East (N. Virginia) to the internet",
                          serviceName: "Amazon Elastic Compute Cloud", serviceCategory: "Networking",
                          resourceType: "Instance", sku: "DataTransfer-Out-Bytes", pricingCategory: "Standard",
                          unit: "GB", quantity: gigabytes, list: amount, effective: amount, billed: amount)
                result[spikeDay, default: []].append(line)
            }
        }
        return result
    }
}

/// The fields shared by every usage line of one resource and charge period.
struct LineContext {
    let plan: ResourcePlan
    let from: Int64
    let to: Int64
    let month: CalendarMonth

    func line(
        description: String, serviceName: String, serviceCategory: String, resourceType: String, sku: String,
        pricingCategory: String, unit: String?, quantity: Decimal?, list: Decimal, effective: Decimal,
        billed: Decimal
    ) -> BillingLineItem {
        let account = plan.billingAccountId
        return BillingLineItem(
            billingAccountId: account, subAccountId: account,
            invoiceId: BillingLineStream.invoiceId(account: account, month: month), providerName: BillingLineStream.provider,
            billingPeriodStart: UTCClock.date(month.start), billingPeriodEnd: UTCClock.date(month.end),
            chargePeriodStart: UTCClock.date(from), chargePeriodEnd: UTCClock.date(to), chargeCategory: "Usage",
            chargeDescription: description, serviceName: serviceName, serviceCategory: serviceCategory,
            resourceId: plan.resource.id, resourceType: resourceType, regionId: BillingLineStream.region, skuId: sku,
            pricingCategory: pricingCategory, pricingUnit: unit, pricingQuantity: quantity, consumedUnit: unit,
            consumedQuantity: quantity, listCost: list, contractedCost: list, effectiveCost: effective,
            billedCost: billed, billingCurrency: BillingLineStream.currency, tags: plan.billTags)
    }
}
