import CostModel
import Foundation

/// Everything the generator needs to emit one resource's bill and usage: small, one per resource.
/// Rows are derived from a plan, the seed and the time alone, so streaming keeps no other state.
struct ResourcePlan: Sendable {
    /// The inventory row (also used, unlisted, for billed resources absent from the inventory).
    var resource: Resource
    /// Whether the resource is listed in `resources` (false: only in the bill).
    var inInventory: Bool
    var billingAccountId: String
    /// Tags written on the resource's billing lines.
    var billTags: [String: String]
    var charge: ChargeModel
    /// nil: the resource has no usage samples.
    var usage: UsageProfile?
    /// Billing and sampling start here (hour-aligned), seconds since 1970.
    var activeFrom: Int64
    /// Compute stops running here (no more instance hours or samples); storage is still billed.
    var runningUntil: Int64?
    /// Key of the resource's noise, unique per resource and copy.
    var noiseKey: UInt64
}

/// The charges a resource produces per hour of its life.
enum ChargeModel: Sendable {
    /// An EC2 or RDS instance billed per hour at its catalog price, plus optional attached storage
    /// billed on the same resource id (RDS storage; the root volume of a stopped EC2 instance).
    case instance(InstanceCharge)
    /// A block storage volume (EBS) or snapshot, per GB-month.
    case blockStorage(StorageCharge)
    /// An object storage bucket (S3), per GB-month.
    case objectStorage(StorageCharge)
    /// An application load balancer: hours plus LCU-hours from its requests.
    case loadBalancer
    /// A public IPv4 address, per hour.
    case publicIPv4
}

/// The on-demand, spot or committed hours of an instance.
struct InstanceCharge: Sendable {
    enum Service: Sendable { case ec2, rds }
    var service: Service
    var instanceType: InstanceType
    var pricing: PricingModel
    /// Spot discount below the on-demand price, in percent (only for `.spot`).
    var spotDiscountPercent: Int
    var storage: StorageCharge?
    /// For `.committed`: a savings plan of its own instead of the account's (nil: the account's).
    var ownCommitment: OwnCommitment? = nil
}

/// A savings plan that covers one committed instance and is bought larger than it: its hourly
/// commitment is `sizeFactor` × the instance's amortised rate, so part of it is unused every hour.
struct OwnCommitment: Sendable {
    /// The plan's name in its `commitment_discount_id` (`...:savingsplan/sp-ACCOUNT-NAME`).
    var name: String
    var sizeFactor: Decimal
}

/// Storage billed per GB-month, prorated by the hour over the calendar month.
struct StorageCharge: Sendable {
    var gib: Int
    var pricePerGBMonth: Decimal
    /// Usage type, e.g. `EBS:VolumeUsage.gp3`.
    var sku: String
    /// Words for the charge description, e.g. `General Purpose (gp3) SSD storage`.
    var label: String
}

/// How a resource is bought (the `pricing_model` column).
enum PricingModel: String, Sendable {
    case onDemand = "on_demand"
    case spot
    case committed
}

/// The shape of a resource's utilisation over time. Values are `low + (high - low) * activity(t)`
/// with multiplicative noise, where `activity` is 0...1 from the rhythm.
struct UsageProfile: Sendable {
    enum Rhythm: Sendable {
        /// 24/7 with a daily wave (quietest 03:00, busiest 15:00 UTC); weekends scaled by the factor.
        case diurnal(weekendFactor: Double)
        /// Busy on workdays in [from, to) UTC hours, quiet otherwise.
        case workdayHours(from: Int, to: Int)
        /// Busy every day in [from, to) UTC hours (wrapping past midnight when from > to).
        case nightly(from: Int, to: Int)
        /// Always at `low`.
        case flat
    }

    /// Which samples exist.
    enum Coverage: Sendable {
        case full
        /// Only on 2 of every 5 days (a monitoring agent that keeps failing): 40% coverage.
        case twoDaysInFive
        /// No samples at all (no agent).
        case noAgent
    }

    var rhythm: Rhythm
    /// CPU fraction low...high; nil: no CPU metric (load balancers, buckets).
    var cpu: ClosedRange<Double>?
    var memory: ClosedRange<Double>?
    /// Bytes in + out per hour, low...high.
    var networkBytesPerHour: ClosedRange<Double>?
    /// Open connections low...high (databases).
    var connections: ClosedRange<Double>?
    /// Requests per day on workdays (load balancers, hourly shape from `rhythm`; buckets, one daily sample).
    var requestsPerDay: Double?
    /// Weekend requests as a fraction of workday requests.
    var requestsWeekendFactor: Double = 1
    /// Relative noise: each value is multiplied by 1 + noise * u, u uniform in [-1, 1).
    var noise: Double
    var coverage: Coverage = .full
    /// CPU added per week since the start of the data, fraction of capacity (a growing resource;
    /// 0 for all others).
    var cpuGrowthPerWeek: Double = 0

    /// Activity 0...1 at an instant.
    func activity(at seconds: Int64) -> Double {
        let hour = UTCClock.hour(seconds)
        switch rhythm {
        case .diurnal(let weekendFactor):
            let wave = DiurnalWave.value(hour: hour)
            return UTCClock.isWorkday(seconds) ? wave : wave * weekendFactor
        case .workdayHours(let from, let to):
            return UTCClock.isWorkday(seconds) && hour >= from && hour < to ? 1 : 0
        case .nightly(let from, let to):
            let inside = from <= to ? (hour >= from && hour < to) : (hour >= from || hour < to)
            return inside ? 1 : 0
        case .flat:
            return 0
        }
    }

    /// Share of a day's requests that falls in `hour`, for load balancers: proportional to
    /// 0.25 + the diurnal wave, so traffic never stops completely. The 24 shares sum to 1.
    static func requestShare(hour: Int) -> Double {
        (0.25 + DiurnalWave.value(hour: hour)) / DiurnalWave.requestShareTotal
    }
}

/// The daily wave of customer traffic: 0 at 03:00 UTC, 1 at 15:00 UTC, a raised cosine between.
enum DiurnalWave {
    static func value(hour: Int) -> Double {
        0.5 - 0.5 * cos(2 * Double.pi * Double(hour - 3) / 24)
    }

    static let requestShareTotal: Double = (0..<24).reduce(0) { $0 + 0.25 + value(hour: $1) }
}
