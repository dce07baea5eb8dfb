import Foundation

/// The family of codes an `OpenCode` belongs to (resource kinds, states, ...): a tag type only.
public protocol OpenCodeFamily: Sendable {}

/// A code from an open set of text values, such as a resource's `state` or a charge's FOCUS
/// `ChargeCategory`: code compares named constants (`.stopped`), never string literals, while a
/// value nobody named yet stays representable (as postgres-nio's SQLSTATE `PostgresError.Code`).
/// Kept as written (`rawValue`, what CSV files show); compared and hashed case-insensitively,
/// since the contract's text columns are filled by many tools.
public struct OpenCode<Family: OpenCodeFamily>: RawRepresentable, Hashable, Sendable, Codable,
    ExpressibleByStringLiteral, CustomStringConvertible
{
    /// The code as written in the data.
    public let rawValue: String
    /// `rawValue` lowercased: what equality and hashing use.
    private let key: String

    public init(rawValue: String) {
        self.rawValue = rawValue
        key = rawValue.lowercased()
    }

    public init(stringLiteral value: String) { self.init(rawValue: value) }

    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public static func == (a: Self, b: Self) -> Bool { a.key == b.key }
    public func hash(into hasher: inout Hasher) { hasher.combine(key) }
    public var description: String { rawValue }
}

/// `resources.kind`.
public enum ResourceKinds: OpenCodeFamily {}
/// The kind of a resource (`resources.kind`): the contract's seven kinds, plus any other text
/// (which the rules treat as `other`).
public typealias ResourceKind = OpenCode<ResourceKinds>

extension OpenCode where Family == ResourceKinds {
    public static var compute: Self { "compute" }
    public static var database: Self { "database" }
    public static var volume: Self { "volume" }
    public static var loadBalancer: Self { "load_balancer" }
    public static var ipAddress: Self { "ip_address" }
    public static var objectStorage: Self { "object_storage" }
    public static var other: Self { "other" }
    /// Not a contract kind: a snapshot some inventories list as its own kind (`Resource.isSnapshot`).
    public static var snapshot: Self { "snapshot" }
    /// The contract's kinds, in the order the schema lists them.
    public static var contractKinds: [Self] { [.compute, .database, .volume, .loadBalancer, .ipAddress, .objectStorage, .other] }
    /// Whether this is one of the contract's kinds.
    public var isContractKind: Bool { Self.contractKinds.contains(self) }
    /// Compute or database: what can be stopped, sized and scheduled.
    public var isMachine: Bool { self == .compute || self == .database }
}

/// `resources.state`.
public enum ResourceStates: OpenCodeFamily {}
/// The state of a resource (`resources.state`): providers use many words; the rules name these.
public typealias ResourceState = OpenCode<ResourceStates>

extension OpenCode where Family == ResourceStates {
    public static var running: Self { "running" }
    public static var stopped: Self { "stopped" }
    public static var deleted: Self { "deleted" }
    /// A volume attached to nothing (AWS says `available`).
    public static var unattached: Self { "unattached" }
    public static var available: Self { "available" }
    public static var inUse: Self { "in-use" }
    /// An IP address associated with nothing, or with something.
    public static var unassociated: Self { "unassociated" }
    public static var associated: Self { "associated" }
}

/// `resources.pricing_model`.
public enum PricingModels: OpenCodeFamily {}
/// How a resource is bought (`resources.pricing_model`).
public typealias PricingModel = OpenCode<PricingModels>

extension OpenCode where Family == PricingModels {
    public static var onDemand: Self { "on_demand" }
    public static var spot: Self { "spot" }
    public static var committed: Self { "committed" }
}

/// `billing_line_items.charge_category` (FOCUS ChargeCategory).
public enum ChargeCategories: OpenCodeFamily {}
/// FOCUS ChargeCategory: Usage | Purchase | Tax | Credit | Adjustment.
public typealias ChargeCategory = OpenCode<ChargeCategories>

extension OpenCode where Family == ChargeCategories {
    public static var usage: Self { "Usage" }
    public static var purchase: Self { "Purchase" }
    public static var tax: Self { "Tax" }
    public static var credit: Self { "Credit" }
    public static var adjustment: Self { "Adjustment" }
}

/// `billing_line_items.pricing_category` (FOCUS PricingCategory).
public enum PricingCategories: OpenCodeFamily {}
/// FOCUS PricingCategory: Standard | Dynamic (spot) | Committed.
public typealias PricingCategory = OpenCode<PricingCategories>

extension OpenCode where Family == PricingCategories {
    public static var standard: Self { "Standard" }
    public static var dynamic: Self { "Dynamic" }
    public static var committed: Self { "Committed" }
}

/// `billing_line_items.commitment_discount_status` (FOCUS CommitmentDiscountStatus).
public enum CommitmentDiscountStatuses: OpenCodeFamily {}
/// FOCUS CommitmentDiscountStatus: Used (usage the commitment covered) | Unused (what it paid for and nothing used).
public typealias CommitmentDiscountStatus = OpenCode<CommitmentDiscountStatuses>

extension OpenCode where Family == CommitmentDiscountStatuses {
    public static var used: Self { "Used" }
    public static var unused: Self { "Unused" }
}
