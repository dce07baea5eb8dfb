import CivilTime
import CostModel
import Foundation

/// Builds the resource plans of the sample organisation: the ordinary bulk of every service, the
/// planted cases and the billed resources that are absent from the inventory. Runs once, in
/// `SampleOrganisation.init`; its output is small (one plan per resource).
struct OrganisationBuilder {
    let options: SampleOptions
    let catalog: [String: InstanceType]
    let start: Int64
    let end: Int64
    private(set) var plans: [ResourcePlan] = []
    private(set) var plantedCases: [PlantedCase] = []
    /// The planted containers of the cluster (request findings), copy 1.
    var plantedContainers: [PlantedCase] = []

    static let region = "us-east-1"
    static let day = UTCClock.secondsPerDay

    init(options: SampleOptions, catalog: [InstanceType]) {
        self.options = options
        var byName: [String: InstanceType] = [:]
        for row in catalog where row.regionId == Self.region && byName[row.name] == nil { byName[row.name] = row }
        self.catalog = byName
        self.start = options.startSeconds
        self.end = options.endSeconds
    }

    mutating func build() {
        for copy in 1...max(1, options.scale) {
            let context = CopyContext(copy: copy)
            for (serviceIndex, service) in ServiceDirectory.services.enumerated() {
                addBulk(of: service, serviceIndex: serviceIndex, context: context)
            }
            addPlanted(context: context)
            addBillOnly(context: context)
            addClusterNodes(context: context)
        }
    }

    // MARK: - Copies

    /// Names of one copy of the organisation: copy 1 uses the plain names, copy k the suffix `-ck`.
    struct CopyContext {
        var copy: Int
        var suffix: String { copy == 1 ? "" : "-c\(copy)" }
        func id(_ base: String) -> String { base + suffix }
        func service(_ base: String) -> String { base + suffix }
    }

    // MARK: - Catalog

    /// The catalog row of `name`; the built-in copy of the Karpenter row when the given catalog
    /// lacks it (the generator only uses common current-generation types).
    func instanceType(_ name: String) -> InstanceType {
        if let row = catalog[name] { return row }
        guard let fallback = BuiltInPrices.rows[name] else { preconditionFailure("no built-in price for \(name)") }
        return fallback
    }

    // MARK: - Adding plans

    mutating func append(_ plan: ResourcePlan) { plans.append(plan) }

    mutating func plant(_ id: String, _ expectation: Expectation, _ note: String, context: CopyContext) {
        guard context.copy == 1 else { return }
        plantedCases.append(PlantedCase(resourceId: id, expectation: expectation, note: note))
    }

    var nextNoiseKey: UInt64 { UInt64(plans.count) }

    /// Standard tags: service, team, tier, env.
    static func tags(_ service: String, _ team: String, _ tier: Int, _ environment: String) -> [String: String] {
        ["service": service, "team": team, "tier": String(tier), "env": environment]
    }

    /// Hour-aligned creation time `days` days (plus `hours`) before the start of the data.
    func createdBeforeStart(days: Int, hours: Int) -> Int64 {
        start - Int64(days) * Self.day - Int64(hours) * 3600
    }

    // MARK: - The bulk of each service

    private mutating func addBulk(of service: ServiceDefinition, serviceIndex: Int, context: CopyContext) {
        let name = context.service(service.name)
        let account = ServiceDirectory.account(environment: service.environment)
        let standardTags = Self.tags(name, service.team, service.tier, service.environment)
        let legacyTags: [String: String] = [
            "app": name, "owner": service.team, "tier": service.tier == 1 ? "critical" : "tier-\(service.tier)",
            "environment": service.environment,
        ]
        var random = SplitMix64(keys: options.seed, UInt64(context.copy), UInt64(serviceIndex), 0xB01C)

        func inventory(
            _ id: String, kind: ResourceKind, legacy: Bool, created: Int64, state: ResourceState
        ) -> Resource {
            Resource(
                id: id, kind: kind, service: legacy ? nil : name, team: legacy ? nil : service.team,
                tier: legacy ? nil : service.tier, environment: legacy ? nil : service.environment,
                providerName: "AWS", regionId: Self.region, state: state, createdAt: UTCClock.date(created),
                lastActiveAt: UTCClock.date(end - Int64(random.int(in: 60...3000))),
                tags: legacy ? legacyTags : standardTags)
        }

        var computeIds: [String] = []
        for ordinal in 1...ServiceDirectory.computeCount(tier: service.tier) {
            let id = context.id("i-\(service.name)-\(Self.twoDigits(ordinal))")
            computeIds.append(id)
            let created = createdBeforeStart(days: random.int(in: 30...700), hours: random.int(in: 0...23))
            let (typeName, pricing, usage) = bulkCompute(tier: service.tier, serviceName: service.name, random: &random)
            let type = instanceType(typeName)
            var resource = inventory(id, kind: .compute, legacy: false, created: created, state: "running")
            resource.instanceType = type.name; resource.vcpus = type.vcpus; resource.memoryGiB = type.memoryGiB
            resource.pricingModel = CostModel.PricingModel(rawValue: pricing.rawValue)
            append(ResourcePlan(
                resource: resource, inInventory: true, billingAccountId: account, billTags: resource.tags,
                charge: .instance(InstanceCharge(
                    service: .ec2, instanceType: type, pricing: pricing,
                    spotDiscountPercent: random.int(in: 62...70), storage: nil)),
                usage: usage, activeFrom: created, runningUntil: nil, noiseKey: nextNoiseKey))

            // Its root/data volume.
            let volumeClass: String = service.tier == 3 && random.chance(0.25) ? "st1" : (random.chance(0.25) ? "gp2" : "gp3")
            let gib = volumeClass == "st1" ? random.int(in: 5...20) * 100 : random.int(in: 2...20) * 25
            let volume = inventory(
                context.id("vol-\(service.name)-\(Self.twoDigits(ordinal))"), kind: .volume,
                legacy: service.legacyTagging, created: created, state: "in-use")
            addVolume(volume, storageClass: volumeClass, gib: gib, attachedTo: id, account: account)
        }

        if service.hasDatabase {
            let id = context.id("db-\(service.name)-01")
            let created = createdBeforeStart(days: random.int(in: 200...900), hours: random.int(in: 0...23))
            let typeName = service.tier == 3 ? "r5.2xlarge" : random.pick(["r5.large", "r5.xlarge", "m5.large"])
            let type = instanceType(typeName)
            let pricing: PricingModel = service.tier == 1 && random.chance(0.5) ? .committed : .onDemand
            let high = random.double(in: 0.30...0.55)
            let usage = UsageProfile(
                rhythm: service.tier == 3 ? .nightly(from: 1, to: 6) : .diurnal(weekendFactor: service.tier == 1 ? 0.8 : 0.4),
                cpu: high * 0.4...high, memory: random.double(in: 0.62...0.70)...random.double(in: 0.72...0.82),
                networkBytesPerHour: 2e8...random.double(in: 1e9...4e9),
                connections: random.double(in: 10...30)...random.double(in: 80...300), noise: 0.12)
            var resource = inventory(id, kind: .database, legacy: false, created: created, state: "running")
            resource.instanceType = type.name; resource.vcpus = type.vcpus; resource.memoryGiB = type.memoryGiB
            resource.pricingModel = CostModel.PricingModel(rawValue: pricing.rawValue)
            let storageGiB = random.int(in: 4...40) * 25
            resource.storageGiB = Decimal(storageGiB)
            resource.storageClass = "gp2"
            append(ResourcePlan(
                resource: resource, inInventory: true, billingAccountId: account, billTags: resource.tags,
                charge: .instance(InstanceCharge(
                    service: .rds, instanceType: type, pricing: pricing, spotDiscountPercent: 0,
                    storage: StorageCharge(
                        gib: storageGiB, pricePerGBMonth: Decimal(string: "0.115")!, sku: "RDS:GP2-Storage",
                        label: "General Purpose (gp2) database storage"))),
                usage: usage, activeFrom: created, runningUntil: nil, noiseKey: nextNoiseKey))
        }

        if service.tier <= 2 {
            let lbId = context.id("lb-\(service.name)-01")
            let created = createdBeforeStart(days: random.int(in: 100...900), hours: random.int(in: 0...23))
            let requests = service.tier == 1 ? random.double(in: 2e6...2e7) : random.double(in: 2e4...2e5)
            var lb = inventory(lbId, kind: .loadBalancer, legacy: service.legacyTagging, created: created, state: "running")
            lb.attachedTo = context.id("tg-\(service.name)")
            append(ResourcePlan(
                resource: lb, inInventory: true, billingAccountId: account, billTags: lb.tags, charge: .loadBalancer,
                usage: UsageProfile(
                    rhythm: .diurnal(weekendFactor: 1), requestsPerDay: requests,
                    requestsWeekendFactor: service.tier == 1 ? 0.85 : 0.3, noise: 0.1),
                activeFrom: created, runningUntil: nil, noiseKey: nextNoiseKey))

            let ipId = context.id("eip-\(service.name)-01")
            var ip = inventory(ipId, kind: .ipAddress, legacy: service.legacyTagging, created: created, state: "associated")
            ip.attachedTo = computeIds[0]
            append(ResourcePlan(
                resource: ip, inInventory: true, billingAccountId: account, billTags: ip.tags, charge: .publicIPv4,
                usage: nil, activeFrom: created, runningUntil: nil, noiseKey: nextNoiseKey))
        }

        for bucket in bulkBuckets(tier: service.tier, random: &random) {
            let created = createdBeforeStart(days: random.int(in: 100...1500), hours: random.int(in: 0...23))
            var resource = inventory(
                context.id("s3-\(service.name)-\(bucket.purpose)"), kind: .objectStorage,
                legacy: service.legacyTagging, created: created, state: "available")
            addBucket(&resource, storageClass: bucket.storageClass, gib: bucket.gib,
                      requestsPerDay: bucket.requestsPerDay, created: created, account: account)
        }
    }

    /// Type, pricing and load of an ordinary compute instance of a tier: loads that keep most of
    /// them right-sized (the need stays above half the current size), with realistic pricing mixes.
    private func bulkCompute(
        tier: Int, serviceName: String, random: inout SplitMix64
    ) -> (String, PricingModel, UsageProfile) {
        switch tier {
        case 1:
            let type = random.pick(["m5.xlarge", "m5.2xlarge", "c5.2xlarge", "r5.xlarge"])
            let high = random.double(in: 0.34...0.58)
            let memoryHigh = random.double(in: 0.58...0.78)
            let pricing: PricingModel = random.chance(0.75) ? .committed : .onDemand
            return (type, pricing, UsageProfile(
                rhythm: .diurnal(weekendFactor: 0.8), cpu: high * random.double(in: 0.35...0.5)...high,
                memory: memoryHigh - 0.06...memoryHigh, networkBytesPerHour: 5e8...random.double(in: 2e9...8e9),
                noise: 0.12))
        case 2:
            let type = random.pick(["m5.large", "m5.xlarge", "t3.large"])
            let high = random.double(in: 0.40...0.60)
            let memoryHigh = random.double(in: 0.58...0.72)
            return (type, .onDemand, UsageProfile(
                rhythm: .workdayHours(from: 8, to: 18), cpu: random.double(in: 0.02...0.12)...high,
                memory: memoryHigh - 0.08...memoryHigh, networkBytesPerHour: 2e7...random.double(in: 2e8...1e9),
                noise: 0.12))
        case 3:
            let type = serviceName == "ml-training"
                ? random.pick(["c5.4xlarge", "r5.2xlarge"]) : random.pick(["c5.xlarge", "c5.2xlarge", "r5.xlarge", "m5.2xlarge"])
            let high = random.double(in: 0.55...0.72)
            let memoryHigh = random.double(in: 0.6...0.75)
            let pricing: PricingModel = random.chance(0.8) ? .spot : .onDemand
            return (type, pricing, UsageProfile(
                rhythm: .nightly(from: 0, to: 6), cpu: random.double(in: 0.03...0.08)...high,
                memory: 0.3...memoryHigh, networkBytesPerHour: 1e7...random.double(in: 1e9...5e9), noise: 0.1))
        default:
            let type = random.pick(["t3.medium", "t3.large", "m5.large"])
            let high = random.double(in: 0.15...0.40)
            let memoryHigh = random.double(in: 0.55...0.7)
            let pricing: PricingModel = serviceName == "ci-runners" ? .committed : .onDemand
            return (type, pricing, UsageProfile(
                rhythm: .workdayHours(from: 9, to: 17), cpu: random.double(in: 0.01...0.03)...high,
                memory: 0.3...memoryHigh, networkBytesPerHour: 1e6...random.double(in: 5e7...5e8), noise: 0.15))
        }
    }

    private struct BulkBucket { var purpose: String; var storageClass: String; var gib: Int; var requestsPerDay: Double }

    private func bulkBuckets(tier: Int, random: inout SplitMix64) -> [BulkBucket] {
        switch tier {
        case 1:
            return [
                BulkBucket(purpose: "assets", storageClass: "standard", gib: random.int(in: 2...20) * 100,
                           requestsPerDay: random.double(in: 1e5...2e6)),
                BulkBucket(purpose: "backups", storageClass: "infrequent_access", gib: random.int(in: 5...50) * 100,
                           requestsPerDay: random.double(in: 10...200)),
            ]
        case 2:
            return [BulkBucket(purpose: "documents", storageClass: "standard", gib: random.int(in: 1...10) * 50,
                               requestsPerDay: random.double(in: 1e3...2e4))]
        case 3:
            return [
                BulkBucket(purpose: "data", storageClass: "standard", gib: random.int(in: 10...200) * 100,
                           requestsPerDay: random.double(in: 1e4...5e5)),
                BulkBucket(purpose: "archive", storageClass: "archive", gib: random.int(in: 50...500) * 100,
                           requestsPerDay: random.double(in: 0...5)),
            ]
        default:
            return [BulkBucket(purpose: "scratch", storageClass: "standard", gib: random.int(in: 1...20) * 10,
                               requestsPerDay: random.double(in: 100...5000))]
        }
    }

    // MARK: - Shared builders

    /// Adds an EBS volume plan; `resource` carries the inventory fields, its state follows `attachedTo`.
    mutating func addVolume(
        _ resource: Resource, storageClass: String, gib: Int, attachedTo: String?, account: String
    ) {
        var volume = resource
        volume.state = attachedTo == nil ? "unattached" : "in-use"
        volume.storageGiB = Decimal(gib); volume.storageClass = storageClass; volume.attachedTo = attachedTo
        append(ResourcePlan(
            resource: volume, inInventory: true, billingAccountId: account, billTags: volume.tags,
            charge: .blockStorage(Self.ebs(storageClass, gib: gib)), usage: nil,
            activeFrom: UTCClock.seconds(volume.createdAt ?? UTCClock.date(start)),
            runningUntil: nil, noiseKey: nextNoiseKey))
    }

    /// Adds an S3 bucket plan with daily request samples.
    mutating func addBucket(
        _ resource: inout Resource, storageClass: String, gib: Int, requestsPerDay: Double, created: Int64,
        account: String
    ) {
        resource.storageGiB = Decimal(gib); resource.storageClass = storageClass
        append(ResourcePlan(
            resource: resource, inInventory: true, billingAccountId: account, billTags: resource.tags,
            charge: .objectStorage(Self.s3(storageClass, gib: gib)),
            usage: UsageProfile(rhythm: .flat, requestsPerDay: requestsPerDay, requestsWeekendFactor: 0.6, noise: 0.2),
            activeFrom: created, runningUntil: nil, noiseKey: nextNoiseKey))
    }

    /// EBS prices per GB-month, us-east-1.
    static func ebs(_ storageClass: String, gib: Int) -> StorageCharge {
        switch storageClass {
        case "gp2":
            return StorageCharge(gib: gib, pricePerGBMonth: Decimal(string: "0.10")!, sku: "EBS:VolumeUsage.gp2",
                                 label: "General Purpose (gp2) SSD storage")
        case "io1":
            return StorageCharge(gib: gib, pricePerGBMonth: Decimal(string: "0.125")!, sku: "EBS:VolumeUsage.piops",
                                 label: "Provisioned IOPS (io1) SSD storage")
        case "st1":
            return StorageCharge(gib: gib, pricePerGBMonth: Decimal(string: "0.045")!, sku: "EBS:VolumeUsage.st1",
                                 label: "Throughput Optimized (st1) HDD storage")
        case "snapshot":
            return StorageCharge(gib: gib, pricePerGBMonth: Decimal(string: "0.05")!, sku: "EBS:SnapshotUsage",
                                 label: "EBS snapshot storage")
        default:
            return StorageCharge(gib: gib, pricePerGBMonth: Decimal(string: "0.08")!, sku: "EBS:VolumeUsage.gp3",
                                 label: "General Purpose (gp3) SSD storage")
        }
    }

    /// S3 prices per GB-month, us-east-1 (first 50 TB tier).
    static func s3(_ storageClass: String, gib: Int) -> StorageCharge {
        switch storageClass {
        case "infrequent_access":
            return StorageCharge(gib: gib, pricePerGBMonth: Decimal(string: "0.0125")!, sku: "TimedStorage-SIA-ByteHrs",
                                 label: "S3 Standard-Infrequent Access storage")
        case "archive":
            return StorageCharge(gib: gib, pricePerGBMonth: Decimal(string: "0.0036")!, sku: "TimedStorage-GlacierByteHrs",
                                 label: "S3 Glacier Flexible Retrieval storage")
        default:
            return StorageCharge(gib: gib, pricePerGBMonth: Decimal(string: "0.023")!, sku: "TimedStorage-ByteHrs",
                                 label: "S3 Standard storage")
        }
    }

    static func twoDigits(_ value: Int) -> String { CivilCalendar.pad(value) }
}
