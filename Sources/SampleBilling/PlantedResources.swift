import CostModel
import Foundation

/// The planted cases (one per finding kind, plus healthy look-alikes just on the safe side of each
/// rule's default threshold) and the billed resources absent from the inventory. Their shapes are
/// fixed: the seed only changes their noise, never which side of a threshold they are on.
extension OrganisationBuilder {
    // MARK: - Planted cases

    mutating func addPlanted(context: CopyContext) {
        addPlantedUnused(context: context)
        addPlantedSizing(context: context)
        addPlantedPricing(context: context)
        addPlantedStorage(context: context)
        addPlantedInsufficientData(context: context)
        addPlantedTrends(context: context)
        plant(context.id("i-\(ServiceDirectory.spikeService)-01"),
              .costSpike(service: context.service(ServiceDirectory.spikeService),
                         day: UTCClock.date(end - Int64(ServiceDirectory.spikeDaysBeforeEnd) * Self.day)),
              "A one-day data transfer burst billed on this instance makes search-api's daily effective cost "
                  + "4 times its normal level, \(ServiceDirectory.spikeDaysBeforeEnd) days before the end of the data.",
              context: context)
    }

    private mutating func addPlantedUnused(context: CopyContext) {
        let idleCpu = 0.008...0.008
        let trickle = 4e4...4e4 // bytes per hour: ~1 MB a day
        addCompute(
            "i-dev-sandbox-idle-01", service: "dev-sandbox", type: "m5.large", pricing: .onDemand,
            usage: UsageProfile(rhythm: .flat, cpu: idleCpu, memory: 0.12...0.12, networkBytesPerHour: trickle, noise: 0.2),
            context: context)
        plant(context.id("i-dev-sandbox-idle-01"), .finding(FindingKind.unused),
              "Tier 4 m5.large at ~0.8% CPU and ~1 MB network a day on every day: delete.", context: context)

        addCompute(
            "i-order-service-idle-07", service: "order-service", type: "m5.large", pricing: .committed,
            usage: UsageProfile(rhythm: .flat, cpu: idleCpu, memory: 0.10...0.10, networkBytesPerHour: trickle, noise: 0.2),
            context: context)
        plant(context.id("i-order-service-idle-07"), .finding(FindingKind.unused),
              "Tier 1 m5.large (committed) at ~0.8% CPU and ~1 MB network a day: idle, but tier 1, so "
                  + "'investigate', never 'delete'.", context: context)

        addCompute(
            "db-reporting-warehouse-legacy", service: "reporting-warehouse", type: "r5.large", pricing: .onDemand,
            usage: UsageProfile(
                rhythm: .flat, cpu: 0.006...0.006, memory: 0.2...0.2, networkBytesPerHour: 3e4...3e4,
                connections: 0...0, noise: 0.2),
            kind: .database, context: context)
        plant(context.id("db-reporting-warehouse-legacy"), .finding(FindingKind.unused),
              "Database (r5.large) at ~0.6% CPU, ~0.7 MB network a day and no connections on any day.",
              context: context)

        addPlantedVolume(
            "vol-etl-nightly-orphan-01", service: "etl-nightly", storageClass: "gp3", gib: 500, attachedTo: nil,
            lastActive: end - 40 * Self.day, context: context)
        plant(context.id("vol-etl-nightly-orphan-01"), .finding(FindingKind.unused),
              "gp3 volume of 500 GiB, unattached since 40 days before the end (last_active_at).", context: context)

        let ipId = context.id("eip-crm-backend-orphan-01")
        var ip = inventoryRow(ipId, kind: .ipAddress, service: "crm-backend", context: context,
                              created: createdBeforeStart(days: 300, hours: 5), lastActive: end - 75 * Self.day)
        ip.state = "unassociated"
        append(ResourcePlan(
            resource: ip, inInventory: true, billingAccountId: ServiceDirectory.productionAccount, billTags: ip.tags,
            charge: .publicIPv4, usage: nil, activeFrom: UTCClock.seconds(ip.createdAt!), runningUntil: nil,
            noiseKey: nextNoiseKey))
        plant(ipId, .finding(FindingKind.unused),
              "Public IPv4 address not associated with anything since 75 days before the end; still billed hourly.",
              context: context)

        addLoadBalancer("lb-internal-wiki-legacy", service: "internal-wiki", requestsPerDay: 30, noise: 0.5,
                        context: context)
        plant(context.id("lb-internal-wiki-legacy"), .finding(FindingKind.unused),
              "Load balancer with 15 to 45 requests a day on every day (under 100 a day).", context: context)

        let stoppedAt = end - 35 * Self.day
        addCompute(
            "i-qa-environment-stopped-01", service: "qa-environment", type: "m5.xlarge", pricing: .onDemand,
            usage: UsageProfile(
                rhythm: .workdayHours(from: 9, to: 17), cpu: 0.02...0.3, memory: 0.3...0.6,
                networkBytesPerHour: 1e6...1e8, noise: 0.1),
            state: "stopped", runningUntil: stoppedAt, lastActive: stoppedAt,
            storage: Self.ebs("gp3", gib: 200), context: context)
        plant(context.id("i-qa-environment-stopped-01"), .finding(FindingKind.unused),
              "Stopped 35 days before the end (last_active_at); its 200 GiB gp3 root volume is still billed "
                  + "on the instance id every day.", context: context)

        // Look-alikes of unused.
        addCompute(
            "i-user-auth-quiet-01", service: "user-auth", type: "m5.large", pricing: .committed,
            usage: UsageProfile(
                rhythm: .flat, cpu: 0.03...0.03, memory: 0.35...0.35, networkBytesPerHour: 9e7...9e7, noise: 0.08),
            context: context)
        plant(context.id("i-user-auth-quiet-01"), .healthy(lookAlikeOf: FindingKind.unused),
              "Tier 1 m5.large (committed) at ~3% CPU (above 2%) with ~2 GB network a day: quiet, not idle.",
              context: context)

        addPlantedVolume(
            "vol-ci-runners-detached-01", service: "ci-runners", storageClass: "gp3", gib: 100, attachedTo: nil,
            lastActive: end - 3 * Self.day, context: context)
        plant(context.id("vol-ci-runners-detached-01"), .healthy(lookAlikeOf: FindingKind.unused),
              "gp3 volume detached only 3 days before the end (under 7 days).", context: context)

        addLoadBalancer("lb-support-desk-internal", service: "support-desk", requestsPerDay: 185, noise: 0.08,
                        context: context)
        plant(context.id("lb-support-desk-internal"), .healthy(lookAlikeOf: FindingKind.unused),
              "Load balancer with 170 to 200 requests every day (at least 100 a day).", context: context)
    }

    private mutating func addPlantedSizing(context: CopyContext) {
        addCompute(
            "i-billing-batch-oversized-01", service: "billing-batch", type: "c5.4xlarge", pricing: .spot,
            usage: UsageProfile(
                rhythm: .nightly(from: 0, to: 6), cpu: 0.03...0.14, memory: 0.12...0.2,
                networkBytesPerHour: 1e7...5e8, noise: 0.06),
            context: context)
        plant(context.id("i-billing-batch-oversized-01"), .finding(FindingKind.overProvisioned),
              "Tier 3 c5.4xlarge (16 vCPU, 32 GiB) with p95 CPU ~15% and memory max ~21%: needs "
                  + "0.15 x 16 / 0.8 = 3 vCPU and 0.21 x 32 x 1.15 = 7.7 GiB, so c5.xlarge (4 vCPU, 8 GiB).",
              context: context)

        addCompute(
            "i-finance-ledger-oversized-01", service: "finance-ledger", type: "m5.4xlarge", pricing: .onDemand,
            usage: UsageProfile(
                rhythm: .workdayHours(from: 8, to: 18), cpu: 0.08...0.10, memory: 0.15...0.17,
                networkBytesPerHour: 5e7...4e8, noise: 0.06),
            context: context)
        plant(context.id("i-finance-ledger-oversized-01"), .finding(FindingKind.overProvisioned),
              "Tier 2 m5.4xlarge (16 vCPU, 64 GiB) with p95 CPU in service hours ~10.6% and memory max ~18%: needs "
                  + "0.106 x 16 / 0.65 = 2.6 vCPU and 0.18 x 64 x 1.15 = 13.3 GiB, so m5.xlarge (4 vCPU, 16 GiB). "
                  + "Off-hours CPU ~8% keeps it off the schedule rule.", context: context)

        addCompute(
            "i-payment-gateway-hot-01", service: "payment-gateway", type: "c5.large", pricing: .committed,
            usage: UsageProfile(
                rhythm: .diurnal(weekendFactor: 1), cpu: 0.78...0.95, memory: 0.7...0.8,
                networkBytesPerHour: 1e9...6e9, noise: 0.04),
            context: context)
        plant(context.id("i-payment-gateway-hot-01"), .finding(FindingKind.underProvisioned),
              "Tier 1 c5.large (committed) with p95 CPU ~93% (above 80%): next size up, c5.xlarge.",
              context: context)

        // Look-alike: right-sized, its need fits only its current size.
        addCompute(
            "i-invoicing-api-rightsized-01", service: "invoicing-api", type: "m5.2xlarge", pricing: .onDemand,
            usage: UsageProfile(
                rhythm: .workdayHours(from: 8, to: 18), cpu: 0.15...0.45, memory: 0.52...0.58,
                networkBytesPerHour: 1e8...1e9, noise: 0.07),
            context: context)
        plant(context.id("i-invoicing-api-rightsized-01"), .healthy(lookAlikeOf: FindingKind.overProvisioned),
              "Tier 2 m5.2xlarge (8 vCPU, 32 GiB), p95 CPU in service hours ~47%: needs 0.47 x 8 / 0.65 = 5.8 vCPU "
                  + "and 0.58 x 32 x 1.15 = 21 GiB; m5.xlarge (4 vCPU, 16 GiB) covers neither. Off-hours CPU ~15%.",
              context: context)

        // Look-alike of schedule: a tier 2 compute busy at night.
        addCompute(
            "i-crm-backend-nightjobs-01", service: "crm-backend", type: "m5.large", pricing: .onDemand,
            usage: UsageProfile(
                rhythm: .nightly(from: 22, to: 5), cpu: 0.12...0.45, memory: 0.55...0.65,
                networkBytesPerHour: 5e7...8e8, noise: 0.07),
            context: context)
        plant(context.id("i-crm-backend-nightjobs-01"), .healthy(lookAlikeOf: FindingKind.schedule),
              "Tier 2 m5.large running sync jobs every night 22:00-05:00 UTC at ~45% CPU, ~12% otherwise: "
                  + "its off-hours CPU never drops under 5%.", context: context)

        addCompute(
            "i-hr-portal-app-01", service: "hr-portal", type: "m5.large", pricing: .onDemand,
            usage: UsageProfile(
                rhythm: .workdayHours(from: 8, to: 18), cpu: 0.015...0.45, memory: 0.4...0.6,
                networkBytesPerHour: 1e6...5e8, noise: 0.1),
            context: context)
        plant(context.id("i-hr-portal-app-01"), .finding(FindingKind.schedule),
              "Tier 2 m5.large busy 08:00-18:00 UTC on workdays (~45% CPU), ~1.5% CPU outside 07:00-19:00 "
                  + "workdays and all weekend.", context: context)

        addCompute(
            "i-dev-sandbox-workstation-01", service: "dev-sandbox", type: "m5.large", pricing: .onDemand,
            usage: UsageProfile(
                rhythm: .workdayHours(from: 9, to: 17), cpu: 0.01...0.30, memory: 0.3...0.5,
                networkBytesPerHour: 1e6...2e8, noise: 0.1),
            context: context)
        plant(context.id("i-dev-sandbox-workstation-01"), .finding(FindingKind.schedule),
              "Tier 4 m5.large busy 09:00-17:00 UTC on workdays, ~1% CPU outside 08:00-18:00 workdays "
                  + "(also a spot candidate: tier 4 on on-demand).", context: context)
    }

    private mutating func addPlantedPricing(context: CopyContext) {
        let batchLoad = UsageProfile(
            rhythm: .nightly(from: 0, to: 6), cpu: 0.05...0.65, memory: 0.35...0.65,
            networkBytesPerHour: 1e7...2e9, noise: 0.06)
        addCompute("i-etl-nightly-ondemand-01", service: "etl-nightly", type: "c5.xlarge", pricing: .onDemand,
                   usage: batchLoad, context: context)
        plant(context.id("i-etl-nightly-ondemand-01"), .finding(FindingKind.spot),
              "Tier 3 batch c5.xlarge on on-demand pricing, right-sized (p95 CPU ~68%: 3.4 of 4 vCPU).",
              context: context)

        addCompute("i-ml-training-spot-01", service: "ml-training", type: "c5.xlarge", pricing: .spot,
                   usage: batchLoad, context: context)
        plant(context.id("i-ml-training-spot-01"), .healthy(lookAlikeOf: FindingKind.spot),
              "Same batch load as i-etl-nightly-ondemand-01 but already on spot.", context: context)

        let steadyLoad = UsageProfile(
            rhythm: .diurnal(weekendFactor: 1), cpu: 0.2...0.42, memory: 0.55...0.62,
            networkBytesPerHour: 5e8...3e9, noise: 0.05)
        addCompute("i-checkout-web-ondemand-01", service: "checkout-web", type: "m5.xlarge", pricing: .onDemand,
                   usage: steadyLoad, context: context)
        plant(context.id("i-checkout-web-ondemand-01"), .finding(FindingKind.commitment),
              "Tier 1 m5.xlarge running 100% of hours on on-demand, right-sized (p99 CPU ~44%: needs 3.5 of 4 vCPU).",
              context: context)

        addCompute("i-storefront-web-committed-01", service: "storefront-web", type: "m5.xlarge",
                   pricing: .committed, usage: steadyLoad, context: context)
        plant(context.id("i-storefront-web-committed-01"), .healthy(lookAlikeOf: FindingKind.commitment),
              "Same load as i-checkout-web-ondemand-01 but already covered by the savings plan (Committed).",
              context: context)
    }

    private mutating func addPlantedStorage(context: CopyContext) {
        addPlantedVolume(
            "vol-order-service-gp2-01", service: "order-service", storageClass: "gp2", gib: 400,
            attachedTo: context.id("i-order-service-01"), lastActive: nil, context: context)
        plant(context.id("vol-order-service-gp2-01"), .finding(FindingKind.storageClass),
              "400 GiB gp2 volume attached to a running instance: gp3 is the same for 20% less.", context: context)

        addPlantedVolume(
            "vol-order-service-gp3-02", service: "order-service", storageClass: "gp3", gib: 400,
            attachedTo: context.id("i-order-service-02"), lastActive: nil, context: context)
        plant(context.id("vol-order-service-gp3-02"), .healthy(lookAlikeOf: FindingKind.storageClass),
              "The same volume, already on gp3.", context: context)

        let coldId = context.id("s3-reporting-warehouse-exports-2019")
        var cold = inventoryRow(coldId, kind: .objectStorage, service: "reporting-warehouse", context: context,
                                created: createdBeforeStart(days: 1500, hours: 3), lastActive: end - 400 * Self.day)
        cold.state = "available"
        addBucket(&cold, storageClass: "standard", gib: 8000, requestsPerDay: 2, created: UTCClock.seconds(cold.createdAt!),
                  account: ServiceDirectory.productionAccount)
        plant(coldId, .finding(FindingKind.storageClass),
              "8000 GiB on S3 standard with ~2 requests a day and no write for 400 days: infrequent access "
                  + "or archive.", context: context)

        let snapshotOld = context.id("snap-billing-batch-2024-q4")
        addSnapshot(snapshotOld, service: "billing-batch", gib: 500, createdDaysBeforeEnd: 400, context: context)
        plant(snapshotOld, .finding(FindingKind.storageClass),
              "EBS snapshot (kind other, storage_class snapshot, tag resource_type=snapshot) created 400 days "
                  + "before the end: older than 90 days.", context: context)

        let snapshotRecent = context.id("snap-billing-batch-recent")
        addSnapshot(snapshotRecent, service: "billing-batch", gib: 500, createdDaysBeforeEnd: 20, context: context)
        plant(snapshotRecent, .healthy(lookAlikeOf: FindingKind.storageClass),
              "EBS snapshot created 20 days before the end (under 90 days).", context: context)

        plant(context.id("s3-checkout-web-assets"), .healthy(lookAlikeOf: FindingKind.storageClass),
              "S3 standard bucket serving 100k to 2M requests a day: hot data on a hot class.", context: context)
    }

    private mutating func addPlantedInsufficientData(context: CopyContext) {
        let created = end - 5 * Self.day + 9 * 3600
        addCompute(
            "i-admin-console-new-01", service: "admin-console", type: "m5.large", pricing: .onDemand,
            usage: UsageProfile(
                rhythm: .workdayHours(from: 8, to: 18), cpu: 0.1...0.4, memory: 0.4...0.6,
                networkBytesPerHour: 1e7...3e8, noise: 0.1),
            created: created, context: context)
        plant(context.id("i-admin-console-new-01"), .finding(FindingKind.insufficientData),
              "Created 5 days before the end (09:00 UTC): under 5 days of samples.", context: context)

        addCompute(
            "i-catalog-api-gappy-01", service: "catalog-api", type: "m5.large", pricing: .committed,
            usage: UsageProfile(
                rhythm: .diurnal(weekendFactor: 0.8), cpu: 0.15...0.4, memory: 0.55...0.65,
                networkBytesPerHour: 1e8...1e9, noise: 0.1, coverage: .twoDaysInFive),
            context: context)
        plant(context.id("i-catalog-api-gappy-01"), .finding(FindingKind.insufficientData),
              "Its monitoring agent reports on only 2 days of every 5: about 40% coverage (under 70%).",
              context: context)

        addCompute(
            "i-support-desk-nometrics-01", service: "support-desk", type: "m5.large", pricing: .onDemand,
            usage: UsageProfile(rhythm: .flat, noise: 0, coverage: .noAgent), context: context)
        plant(context.id("i-support-desk-nometrics-01"), .finding(FindingKind.insufficientData),
              "Running and billed every hour, but no usage samples at all: never to be called idle.", context: context)
    }

    /// Issue 17's cases: a previous generation, a fleet with a daily swing, a growing resource,
    /// and their look-alikes.
    private mutating func addPlantedTrends(context: CopyContext) {
        let steady = UsageProfile(
            rhythm: .diurnal(weekendFactor: 1), cpu: 0.3...0.5, memory: 0.5...0.6, networkBytesPerHour: 1e8...5e8, noise: 0.05)
        addCompute("i-crm-backend-m4-01", service: "crm-backend", type: "m4.large", pricing: .onDemand, usage: steady,
                   context: context)
        plant(context.id("i-crm-backend-m4-01"), .finding(FindingKind.modernize),
              "Tier 2 m4.large (a previous generation for AWS, 0.10 USD/h): m5a.large has the same 2 vCPU and 8 GiB "
                  + "for 0.086: saves 14 %. Busy enough (p95 ~50 %) to need its size, so it is not over-provisioned.",
              context: context)
        addCompute("i-crm-backend-m5-01", service: "crm-backend", type: "m5.large", pricing: .onDemand, usage: steady,
                   context: context)
        plant(context.id("i-crm-backend-m5-01"), .healthy(lookAlikeOf: FindingKind.modernize),
              "Same load on an m5.large: current generation, never modernized, although m5a.large is cheaper.",
              context: context)

        let swinging = UsageProfile(
            rhythm: .diurnal(weekendFactor: 1), cpu: 0.08...0.5, memory: 0.3...0.35, networkBytesPerHour: 1e8...1e9, noise: 0.05)
        for index in 1...4 {
            addCompute("i-invoicing-api-fleet-0\(index)", service: "invoicing-api", type: "m5.xlarge", pricing: .onDemand,
                       usage: swinging, context: context)
        }
        plant("fleet://\(context.service("invoicing-api"))/\(Self.region)/m5.xlarge", .finding(FindingKind.autoscale),
              "4 tier 2 m5.xlarge (i-invoicing-api-fleet-01...04) run all the time while their CPU follows the daily "
                  + "wave from ~8 % to ~50 %: demand swings ~6×; 2 to 3 machines would do.", context: context)
        let flat = UsageProfile(rhythm: .flat, cpu: 0.35...0.35, memory: 0.4...0.4, networkBytesPerHour: 1e8...1e8, noise: 0.05)
        for index in 1...3 {
            addCompute("i-hr-portal-fleet-0\(index)", service: "hr-portal", type: "m5.large", pricing: .onDemand,
                       usage: flat, context: context)
        }
        plant("fleet://\(context.service("hr-portal"))/\(Self.region)/m5.large", .healthy(lookAlikeOf: FindingKind.autoscale),
              "3 tier 2 m5.large (i-hr-portal-fleet-01...03) at a flat ~35 % CPU: no swing, nothing to autoscale.",
              context: context)

        var growing = UsageProfile(
            rhythm: .diurnal(weekendFactor: 1), cpu: 0.15...0.3, memory: 0.5...0.55, networkBytesPerHour: 1e8...1e9, noise: 0.03)
        growing.cpuGrowthPerWeek = 0.02
        // Covered by a savings plan of its own bought 1.6 times its amortised rate: 0.375 of the plan is unused.
        let searchPlan = OwnCommitment(name: context.id("search-api-compute-1yr"), sizeFactor: Decimal(string: "1.6")!)
        addCompute("i-search-api-growing-01", service: "search-api", type: "m5.xlarge", pricing: .committed, usage: growing,
                   ownCommitment: searchPlan, context: context)
        let account = ServiceDirectory.account(environment: service("search-api").environment)
        plant(BillingLineStream.commitmentId(account: account, name: searchPlan.name), .finding(FindingKind.unusedCommitment),
              "A Compute Savings Plan of 0.21504 USD/h (1.6 × the 0.1344 USD/h amortised rate of i-search-api-growing-01, "
                  + "the only usage on it): 0.08064 USD/h, 37.5 % of it, is Unused every hour (58.87 USD a month).",
              context: context)
        if context.copy == 1 {
            plant(BillingLineStream.commitmentId(account: account), .healthy(lookAlikeOf: FindingKind.unusedCommitment),
                  "The production account's Compute Savings Plan: sized to its committed instances, only Used rows.",
                  context: context)
        }
        plant(context.id("i-search-api-growing-01"), .capacityRunway(metric: "cpu"),
              "Tier 1 m5.xlarge whose CPU grows 2 points a week: its weekly p95 reaches the 70 % scaling threshold "
                  + "about 3 months after the end of the data.", context: context)
        plant(context.id("i-hr-portal-fleet-01"), .flatTrend,
              "Flat ~35 % CPU week after week: no capacity date.", context: context)
    }

    // MARK: - Billed resources absent from the inventory

    mutating func addBillOnly(context: CopyContext) {
        let created = createdBeforeStart(days: 400, hours: 0)
        func absent(_ id: String, kind: ResourceKind, tags: [String: String]) -> Resource {
            Resource(id: id, kind: kind, providerName: "AWS", regionId: Self.region, state: "running",
                     createdAt: UTCClock.date(created), tags: tags)
        }
        let untagged: [(String, String, String)] = [
            ("i-0a7c3e9f1b2d4c6e8", "m5.8xlarge", ServiceDirectory.productionAccount),
            ("i-0d4b8f2a6c1e3a5b7", "r5.4xlarge", ServiceDirectory.developmentAccount),
        ]
        for (baseId, typeName, account) in untagged {
            let id = context.id(baseId)
            let type = instanceType(typeName)
            append(ResourcePlan(
                resource: absent(id, kind: .compute, tags: [:]), inInventory: false, billingAccountId: account,
                billTags: [:], charge: .instance(InstanceCharge(
                    service: .ec2, instanceType: type, pricing: .onDemand, spotDiscountPercent: 0, storage: nil)),
                usage: nil, activeFrom: created, runningUntil: nil, noiseKey: nextNoiseKey))
            plant(id, .untagged,
                  "\(typeName) on on-demand (\(Money.plain(type.onDemandHourly)) USD an hour), billed without tags "
                      + "and absent from resources.", context: context)
        }
        let volumeId = context.id("vol-0e2f4a6c8b1d3f5a7")
        append(ResourcePlan(
            resource: absent(volumeId, kind: .volume, tags: [:]), inInventory: false,
            billingAccountId: ServiceDirectory.productionAccount, billTags: [:],
            charge: .blockStorage(Self.ebs("io1", gib: 2000)), usage: nil, activeFrom: created, runningUntil: nil,
            noiseKey: nextNoiseKey))
        plant(volumeId, .untagged, "2000 GiB io1 volume (250 USD a month), billed without tags, absent from resources.",
              context: context)

        // Tagged in the bill but absent from the inventory: attribution must fall back to bill tags.
        let tagged: [(String, String, [String: String])] = [
            ("i-search-api-canary-01", "c5.xlarge",
             Self.tags(context.service("search-api"), "storefront", 1, "production")),
            ("i-crm-backend-worker-legacy", "m5.large",
             ["app": context.service("crm-backend"), "owner": "internal-tools", "tier": "tier-2",
              "environment": "production"]),
            ("i-checkout-web-blue-07", "m5.xlarge",
             ["service": context.service("checkout-web"), "team": "storefront", "tier": "critical",
              "env": "production"]),
        ]
        for (baseId, typeName, tags) in tagged {
            append(ResourcePlan(
                resource: absent(context.id(baseId), kind: .compute, tags: tags), inInventory: false,
                billingAccountId: ServiceDirectory.productionAccount, billTags: tags,
                charge: .instance(InstanceCharge(
                    service: .ec2, instanceType: instanceType(typeName), pricing: .onDemand, spotDiscountPercent: 0,
                    storage: nil)),
                usage: nil, activeFrom: created, runningUntil: nil, noiseKey: nextNoiseKey))
        }

        // Small untagged inventory resources (smaller than the planted untagged spenders).
        for (baseId, gib) in [("s3-tmp-uploads-7f3a", 40), ("s3-athena-query-results-1b2c", 120)] {
            var bucket = Resource(
                id: context.id(baseId), kind: .objectStorage, providerName: "AWS",
                regionId: Self.region, state: "available", createdAt: UTCClock.date(created),
                lastActiveAt: UTCClock.date(end - 2 * Self.day))
            addBucket(&bucket, storageClass: "standard", gib: gib, requestsPerDay: 300, created: created,
                      account: ServiceDirectory.productionAccount)
        }
    }

    // MARK: - Helpers for planted resources

    private func service(_ name: String) -> ServiceDefinition {
        guard let definition = ServiceDirectory.services.first(where: { $0.name == name }) else {
            preconditionFailure("unknown service \(name)")
        }
        return definition
    }

    private func inventoryRow(
        _ id: String, kind: ResourceKind, service name: String, context: CopyContext, created: Int64,
        lastActive: Int64
    ) -> Resource {
        let definition = service(name)
        let serviceName = context.service(name)
        return Resource(
            id: id, kind: kind, service: serviceName, team: definition.team, tier: definition.tier,
            environment: definition.environment, providerName: "AWS", regionId: Self.region, state: "running",
            createdAt: UTCClock.date(created), lastActiveAt: UTCClock.date(lastActive),
            tags: Self.tags(serviceName, definition.team, definition.tier, definition.environment))
    }

    @discardableResult
    private mutating func addCompute(
        _ baseId: String, service name: String, type typeName: String, pricing: PricingModel,
        usage: UsageProfile, kind: ResourceKind = .compute, state: ResourceState = .running, created: Int64? = nil,
        runningUntil: Int64? = nil, lastActive: Int64? = nil, storage: StorageCharge? = nil,
        ownCommitment: OwnCommitment? = nil, context: CopyContext
    ) -> String {
        let id = context.id(baseId)
        let definition = service(name)
        let createdAt = created ?? createdBeforeStart(days: 120, hours: 7)
        var resource = inventoryRow(id, kind: kind, service: name, context: context, created: createdAt,
                                    lastActive: lastActive ?? (end - 900))
        let type = instanceType(typeName)
        resource.state = state
        resource.instanceType = type.name; resource.vcpus = type.vcpus; resource.memoryGiB = type.memoryGiB
        resource.pricingModel = CostModel.PricingModel(rawValue: pricing.rawValue)
        var storageCharge = storage
        if kind == .database {
            storageCharge = StorageCharge(gib: 200, pricePerGBMonth: Decimal(string: "0.115")!, sku: "RDS:GP2-Storage",
                                          label: "General Purpose (gp2) database storage")
            resource.storageGiB = 200; resource.storageClass = "gp2"
        }
        append(ResourcePlan(
            resource: resource, inInventory: true,
            billingAccountId: ServiceDirectory.account(environment: definition.environment), billTags: resource.tags,
            charge: .instance(InstanceCharge(
                service: kind == .database ? .rds : .ec2, instanceType: type, pricing: pricing,
                spotDiscountPercent: 65, storage: storageCharge, ownCommitment: ownCommitment)),
            usage: usage, activeFrom: createdAt, runningUntil: runningUntil, noiseKey: nextNoiseKey))
        return id
    }

    private mutating func addPlantedVolume(
        _ baseId: String, service name: String, storageClass: String, gib: Int, attachedTo: String?,
        lastActive: Int64?, context: CopyContext
    ) {
        let definition = service(name)
        let resource = inventoryRow(
            context.id(baseId), kind: .volume, service: name, context: context,
            created: createdBeforeStart(days: 150, hours: 2), lastActive: lastActive ?? (end - 600))
        addVolume(resource, storageClass: storageClass, gib: gib, attachedTo: attachedTo,
                  account: ServiceDirectory.account(environment: definition.environment))
    }

    /// A snapshot: kind `other`, storage class `snapshot`, tag `resource_type: snapshot`, billed as
    /// EBS snapshot storage with resource_type `Snapshot`.
    private mutating func addSnapshot(
        _ id: String, service name: String, gib: Int, createdDaysBeforeEnd: Int, context: CopyContext
    ) {
        let definition = service(name)
        let created = end - Int64(createdDaysBeforeEnd) * Self.day
        var resource = inventoryRow(id, kind: .other, service: name, context: context, created: created,
                                    lastActive: created)
        resource.state = "completed"
        resource.storageGiB = Decimal(gib); resource.storageClass = "snapshot"
        resource.tags["resource_type"] = "snapshot"
        append(ResourcePlan(
            resource: resource, inInventory: true,
            billingAccountId: ServiceDirectory.account(environment: definition.environment), billTags: resource.tags,
            charge: .blockStorage(Self.ebs("snapshot", gib: gib)), usage: nil, activeFrom: created,
            runningUntil: nil, noiseKey: nextNoiseKey))
    }

    private mutating func addLoadBalancer(
        _ baseId: String, service name: String, requestsPerDay: Double, noise: Double, context: CopyContext
    ) {
        let definition = service(name)
        var resource = inventoryRow(
            context.id(baseId), kind: .loadBalancer, service: name, context: context,
            created: createdBeforeStart(days: 200, hours: 4), lastActive: end - 1200)
        resource.attachedTo = context.id("tg-\(baseId)")
        append(ResourcePlan(
            resource: resource, inInventory: true,
            billingAccountId: ServiceDirectory.account(environment: definition.environment), billTags: resource.tags,
            charge: .loadBalancer,
            usage: UsageProfile(rhythm: .diurnal(weekendFactor: 1), requestsPerDay: requestsPerDay,
                                requestsWeekendFactor: 1, noise: noise),
            activeFrom: UTCClock.seconds(resource.createdAt!), runningUntil: nil, noiseKey: nextNoiseKey))
    }
}
