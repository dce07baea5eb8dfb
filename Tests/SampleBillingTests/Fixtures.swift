import CostModel
import Foundation
@testable import SampleBilling

/// Shared inputs of the SampleBilling tests: the real catalog file and a default organisation.
enum Fixtures {
    /// sample-billing/instance-types-aws-us-east-1.csv, found relative to this file.
    static let catalogURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("sample-billing/instance-types-aws-us-east-1.csv")

    static let catalog: [InstanceType] = {
        let text = try! String(contentsOf: catalogURL, encoding: .utf8)
        return try! InstanceCatalogCSV.parse(text)
    }()

    /// 2026-11-01T00:00:00Z.
    static let end = Date(timeIntervalSince1970: 1_793_491_200)

    static let defaultOrganisation = SampleOrganisation(options: SampleOptions(end: end), catalog: catalog)

    static func utc(_ year: Int, _ month: Int, _ day: Int) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: DateComponents(year: year, month: month, day: day))!
    }
}

/// FNV-1a over text, for fingerprints of streamed rows.
struct Fingerprint {
    private(set) var value: UInt64 = 0xCBF2_9CE4_8422_2325
    private(set) var count = 0

    mutating func add(_ text: String) {
        for byte in text.utf8 {
            value ^= UInt64(byte)
            value = value &* 0x0000_0100_0000_01B3
        }
        count += 1
    }
}
