import CostModel

/// FOCUS 1.0 columns that `billing_line_items` does not store but a FOCUS file must carry: the
/// writer derives them from the stored ones (an import ignores them).
public enum FocusOnlyColumns {
    /// One derived column: its FOCUS name and its value (nil: an empty cell, FOCUS null).
    public struct Column: Sendable {
        public let name: String
        public let value: @Sendable (BillingLineItem) -> String?
    }

    public static let all: [Column] = [
        // Who issues the invoice and who publishes the service: the provider itself for first-party charges.
        Column(name: "InvoiceIssuerName") { $0.providerName },
        Column(name: "PublisherName") { $0.providerName },
        Column(name: "RegionName") { $0.regionId.map(regionName) },
        // FOCUS requires a name with every commitment id; the id is the only name the table has.
        Column(name: "CommitmentDiscountName") { $0.commitmentDiscountId },
    ]

    /// The display name of a region id: AWS's names for its regions, else the id itself.
    public static func regionName(_ id: String) -> String { awsRegionNames[id] ?? id }

    static let awsRegionNames = [
        "us-east-1": "US East (N. Virginia)", "us-east-2": "US East (Ohio)", "us-west-1": "US West (N. California)",
        "us-west-2": "US West (Oregon)", "eu-west-1": "Europe (Ireland)", "eu-west-2": "Europe (London)",
        "eu-west-3": "Europe (Paris)", "eu-central-1": "Europe (Frankfurt)", "eu-north-1": "Europe (Stockholm)",
        "ap-southeast-1": "Asia Pacific (Singapore)", "ap-southeast-2": "Asia Pacific (Sydney)",
        "ap-northeast-1": "Asia Pacific (Tokyo)", "ap-south-1": "Asia Pacific (Mumbai)", "ca-central-1": "Canada (Central)",
        "sa-east-1": "South America (São Paulo)",
    ]
}
