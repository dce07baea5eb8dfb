import CostModel
import Foundation
import Testing
@testable import SampleBilling

@Suite("Organisation content")
struct OrganisationContentTests {
    let organisation = Fixtures.defaultOrganisation

    @Test("services, teams, tiers, environments and resources of every kind")
    func inventory() {
        let resources = organisation.resources
        #expect(resources.count >= 400)
        #expect(Set(resources.map(\.id)).count == resources.count)
        #expect(Set(resources.compactMap(\.service)).count >= 32)
        #expect(Set(resources.compactMap(\.team)).count >= 6)
        #expect(Set(resources.compactMap(\.tier)) == [1, 2, 3, 4])
        #expect(Set(resources.compactMap(\.environment)).isSuperset(of: ["production", "staging", "development"]))
        let kinds = Set(resources.map(\.kind))
        for kind: ResourceKind in [.compute, .database, .volume, .loadBalancer, .ipAddress, .objectStorage] {
            #expect(kinds.contains(kind), "no \(kind)")
        }
        #expect(Set(resources.compactMap(\.pricingModel)) == ["on_demand", "spot", "committed"])
        #expect(Set(resources.compactMap(\.state)).isSuperset(of: ["running", "stopped", "unattached", "unassociated"]))
        #expect(resources.contains { $0.tags.isEmpty && $0.service == nil })
        #expect(resources.contains { $0.tags["app"] != nil && $0.service == nil })
    }

    @Test("compute and databases match the catalog; volumes and buckets have sizes and classes")
    func sizesMatchCatalog() throws {
        let catalog = Dictionary(Fixtures.catalog.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for resource in organisation.resources where resource.kind == "compute" || resource.kind == "database" {
            let type = try #require(catalog[resource.instanceType ?? ""], "\(resource.id) has no catalog type")
            #expect(resource.vcpus == type.vcpus && resource.memoryGiB == type.memoryGiB, "\(resource.id)")
        }
        for resource in organisation.resources where resource.kind == "volume" {
            #expect(resource.storageGiB != nil && ["gp2", "gp3", "io1", "st1"].contains(resource.storageClass ?? ""))
            #expect((resource.attachedTo == nil) == (resource.state == "unattached"), "\(resource.id)")
        }
        let ids = Set(organisation.resources.map(\.id))
        for resource in organisation.resources where resource.kind == "volume" || resource.kind == "ip_address" {
            if let target = resource.attachedTo { #expect(ids.contains(target), "\(resource.id) -> \(target)") }
        }
        let bucketClasses = Set(organisation.resources.filter { $0.kind == "object_storage" }.compactMap(\.storageClass))
        #expect(bucketClasses == ["standard", "infrequent_access", "archive"])
    }

    @Test("the bill: accounts, invoices, categories, pricing, exact amounts, charge periods")
    func bill() {
        var accounts = Set<String>()
        var categories = Set<String>()
        var pricing = Set<String>()
        var invoices = Set<String>()
        var problems: [String] = []
        var purchases = 0
        var committedLines = 0
        var unusedLines = 0
        var negativeResourceCredit = false
        var accountCredit = false
        var support = false
        var taxWithoutResource = false
        let window = organisation.window
        organisation.forEachBillingLineItem { line in
            accounts.insert(line.billingAccountId)
            categories.insert(line.chargeCategory)
            if let category = line.pricingCategory { pricing.insert(category) }
            if let invoice = line.invoiceId { invoices.insert(invoice) }
            for amount in [line.billedCost, line.effectiveCost, line.listCost] + [line.contractedCost, line.pricingQuantity].compactMap({ $0 })
            where Money.rounded(amount, scale: 10) != amount {
                problems.append("more than 10 decimals: \(amount) in \(line.resourceId ?? line.chargeCategory)")
            }
            if line.chargePeriodStart < window.start || line.chargePeriodEnd > window.end {
                problems.append("charge period outside the data: \(line)")
            }
            if line.billingPeriodStart > line.chargePeriodStart || line.billingPeriodEnd < line.chargePeriodEnd {
                problems.append("charge outside its billing period: \(line)")
            }
            switch line.chargeCategory {
            case "Purchase":
                purchases += 1
                if line.effectiveCost != 0 || line.billedCost <= 0 || line.commitmentDiscountId == nil {
                    problems.append("bad purchase \(line)")
                }
            case "Credit":
                if line.billedCost >= 0 || line.effectiveCost >= 0 { problems.append("credit not negative \(line)") }
                if line.resourceId != nil { negativeResourceCredit = true } else { accountCredit = true }
            case "Tax":
                taxWithoutResource = taxWithoutResource || line.resourceId == nil
            default:
                if line.serviceName == "AWS Support" && line.resourceId == nil { support = true }
            }
            if line.commitmentDiscountStatus == "Unused" {
                // The unused part of a savings plan: on the plan itself, amortised cost only.
                unusedLines += 1
                if line.billedCost != 0 || line.effectiveCost <= 0 || line.resourceId != line.commitmentDiscountId {
                    problems.append("bad unused commitment \(line)")
                }
            } else if line.pricingCategory == "Committed" && line.chargeCategory == "Usage" {
                committedLines += 1
                if line.billedCost != 0 || line.effectiveCost <= 0 || line.listCost <= line.effectiveCost
                    || line.commitmentDiscountId == nil {
                    problems.append("bad committed usage \(line)")
                }
            }
            if line.pricingCategory == "Dynamic" && !(line.effectiveCost < line.listCost * Decimal(string: "0.4")!) {
                problems.append("spot not 60-70% below list \(line)")
            }
            if line.billingCurrency != "USD" || line.providerName != "AWS" { problems.append("currency/provider \(line)") }
        }
        #expect(problems.isEmpty, "\(problems.prefix(5))")
        #expect(accounts == ["111111111111", "222222222222"])
        #expect(categories == ["Usage", "Purchase", "Tax", "Credit"])
        #expect(pricing == ["Standard", "Dynamic", "Committed"])
        // 60 days ending 2026-11-01: September (from the 2nd) and October: 2 months x 2 accounts.
        #expect(invoices == ["INV-111111111111-2026-09", "INV-111111111111-2026-10",
                             "INV-222222222222-2026-09", "INV-222222222222-2026-10"])
        #expect(purchases == 3) // October 1st: one per account and the search-api plan's own
        #expect(unusedLines == 60, "one Unused line per day of the 60 for the search-api plan")
        #expect(committedLines > 0)
        #expect(negativeResourceCredit && accountCredit && support && taxWithoutResource)
    }

    @Test("usage samples lie inside the data and carry fractions")
    func samplesInsideWindow() {
        let window = organisation.window
        var outside = 0
        var badFraction = 0
        var kinds = Set<ResourceKind>()
        let kindById = Dictionary(uniqueKeysWithValues: organisation.resources.map { ($0.id, $0.kind) })
        organisation.forEachUsageSample { sample in
            if sample.sampledAt < window.start || sample.sampledAt >= window.end { outside += 1 }
            for value in [sample.cpuUtilization, sample.memoryUtilization].compactMap({ $0 }) where !(0...1).contains(value) {
                badFraction += 1
            }
            kinds.insert(kindById[sample.resourceId] ?? "unknown")
        }
        #expect(outside == 0)
        #expect(badFraction == 0)
        #expect(kinds == ["compute", "database", "load_balancer", "object_storage"])
    }

    @Test("every billed resource is in the inventory or deliberately absent")
    func billedResources() {
        let inventory = Set(organisation.resources.map(\.id))
        let absent = Set(organisation.billedOnlyResourceIds)
        var billed = Set<String>()
        var tagsById: [String: [String: String]] = [:]
        organisation.forEachBillingLineItem { line in
            if let id = line.resourceId { billed.insert(id); tagsById[id] = line.tags }
        }
        // Besides the deliberately absent resources, only savings plans (their Unused lines).
        #expect(billed.subtracting(inventory).filter { !$0.hasPrefix("arn:aws:savingsplans::") } == absent)
        #expect(absent.contains { tagsById[$0]?["tier"] == "tier-2" })
        #expect(absent.contains { tagsById[$0]?["service"] != nil })
        #expect(absent.contains { tagsById[$0]?.isEmpty == true })
    }

    @Test("planted cases: every kind, every look-alike, ids that exist")
    func plantedCasesExist() {
        let inventory = Set(organisation.resources.map(\.id))
        let absent = Set(organisation.billedOnlyResourceIds)
        let cases = organisation.plantedCases
        #expect(Set(cases.map(\.resourceId)).count == cases.count)
        for planted in cases {
            if planted.expectation == .untagged {
                #expect(absent.contains(planted.resourceId), "\(planted.resourceId)")
            } else if planted.resourceId.hasPrefix("arn:aws:savingsplans::") {
                // A commitment: its lines carry its id.
                var billed = false
                organisation.forEachBillingLineItem { if $0.commitmentDiscountId == planted.resourceId { billed = true } }
                #expect(billed, "\(planted.resourceId)")
            } else if planted.resourceId.hasPrefix("fleet://") {
                // A fleet: its machines are in the inventory.
                let prefix = planted.resourceId.split(separator: "/")[1]
                #expect(inventory.contains { $0.hasPrefix("i-\(prefix)-fleet-") }, "\(planted.resourceId)")
            } else {
                #expect(inventory.contains(planted.resourceId), "\(planted.resourceId)")
            }
        }
        let found = Set(cases.compactMap { if case .finding(let kind) = $0.expectation { kind } else { nil } })
        #expect(found == Set(FindingKind.all))
        let lookAlikes = Set(cases.compactMap { if case .healthy(let kind) = $0.expectation { kind } else { nil } })
        #expect(lookAlikes.isSuperset(of: ["unused", "commitment", "spot", "storage_class", "over_provisioned", "schedule"]))
        #expect(cases.contains { if case .costSpike = $0.expectation { true } else { false } })
        #expect(cases.filter { $0.expectation == .untagged }.count >= 2)
    }

    @Test("scale 2 doubles services and resources and keeps the first copy's ids")
    func scaleDoubles() {
        let doubled = SampleOrganisation(options: SampleOptions(end: Fixtures.end, scale: 2, days: 2), catalog: Fixtures.catalog)
        let single = SampleOrganisation(options: SampleOptions(end: Fixtures.end, days: 2), catalog: Fixtures.catalog)
        #expect(doubled.resources.count == 2 * single.resources.count)
        #expect(Set(doubled.resources.map(\.id)).count == doubled.resources.count)
        #expect(Set(single.resources.map(\.id)).isSubset(of: Set(doubled.resources.map(\.id))))
        #expect(Set(doubled.resources.compactMap(\.service)).count == 2 * Set(single.resources.compactMap(\.service)).count)
        #expect(doubled.plantedCases.map(\.resourceId) == single.plantedCases.map(\.resourceId))
    }

    @Test("options out of range are rejected with the option's name")
    func validation() {
        #expect(throws: SampleOptionsError.self) { try SampleOptions(end: Fixtures.end, scale: 0).validate() }
        #expect(throws: SampleOptionsError.self) { try SampleOptions(end: Fixtures.end, days: 0).validate() }
        #expect(throws: SampleOptionsError.self) {
            try SampleOptions(end: Fixtures.end, sampleIntervalSeconds: 0).validate()
        }
        #expect((try? SampleOptions(end: Fixtures.end).validate()) != nil)
    }

    @Test("an end later than midnight is truncated to its UTC midnight")
    func endTruncated() {
        let organisation = SampleOrganisation(
            options: SampleOptions(end: Fixtures.end.addingTimeInterval(5 * 3600), days: 1), catalog: Fixtures.catalog)
        #expect(organisation.window.end == Fixtures.end)
        #expect(organisation.window.start == Fixtures.utc(2026, 10, 31))
    }
}
