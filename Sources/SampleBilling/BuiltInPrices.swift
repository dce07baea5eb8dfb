import CostModel
import Foundation

/// The catalog rows of the instance types the generator uses, copied from
/// `sample-billing/instance-types-aws-us-east-1.csv` (AWS Karpenter project, Apache-2.0). Used only
/// when the catalog handed to `SampleOrganisation` lacks one of them, so the organisation is
/// always complete.
enum BuiltInPrices {
    static let rows: [String: InstanceType] = [
        "c5.2xlarge": row("c5.2xlarge", "c5", 8, "16", "0.340000"),
        "c5.4xlarge": row("c5.4xlarge", "c5", 16, "32", "0.680000"),
        "c5.large": row("c5.large", "c5", 2, "4", "0.085000"),
        "c5.xlarge": row("c5.xlarge", "c5", 4, "8", "0.170000"),
        "m4.large": row("m4.large", "m4", 2, "8", "0.100000"),
        "m5.2xlarge": row("m5.2xlarge", "m5", 8, "32", "0.384000"),
        "m5.4xlarge": row("m5.4xlarge", "m5", 16, "64", "0.768000"),
        "m5.8xlarge": row("m5.8xlarge", "m5", 32, "128", "1.536000"),
        "m5.large": row("m5.large", "m5", 2, "8", "0.096000"),
        "m5.xlarge": row("m5.xlarge", "m5", 4, "16", "0.192000"),
        "r5.2xlarge": row("r5.2xlarge", "r5", 8, "64", "0.504000"),
        "r5.4xlarge": row("r5.4xlarge", "r5", 16, "128", "1.008000"),
        "r5.large": row("r5.large", "r5", 2, "16", "0.126000"),
        "r5.xlarge": row("r5.xlarge", "r5", 4, "32", "0.252000"),
        "t3.large": row("t3.large", "t3", 2, "8", "0.083200"),
        "t3.medium": row("t3.medium", "t3", 2, "4", "0.041600"),
        "t3.small": row("t3.small", "t3", 2, "2", "0.020800"),
    ]

    private static func row(_ name: String, _ family: String, _ vcpus: Int, _ memoryGiB: String, _ price: String) -> InstanceType {
        InstanceType(
            providerName: "AWS", regionId: "us-east-1", name: name, family: family, vcpus: Decimal(vcpus),
            memoryGiB: ExactDecimal.parse(memoryGiB)!, arch: "amd64", onDemandHourly: ExactDecimal.parse(price)!,
            currency: "USD")
    }
}
