import CostModel
import Foundation
import Testing
@testable import SampleBilling

@Suite("Instance catalog CSV")
struct CatalogCSVTests {
    @Test("the real Karpenter file parses into 1345 rows with exact prices")
    func realFile() throws {
        let rows = Fixtures.catalog
        #expect(rows.count == 1345)
        let m5 = try #require(rows.first { $0.name == "m5.xlarge" })
        #expect(m5.vcpus == 4)
        #expect(m5.memoryGiB == 16)
        #expect(m5.onDemandHourly == Decimal(string: "0.192"))
        #expect(m5.family == "m5")
        #expect(m5.arch == "amd64")
        #expect(m5.providerName == "AWS")
        #expect(m5.regionId == "us-east-1")
        #expect(m5.currency == "USD")
        let nano = try #require(rows.first { $0.name == "t3.nano" })
        #expect(nano.memoryGiB == Decimal(string: "0.5"))
        #expect(Set(rows.map(\.name)).count == rows.count)
    }

    @Test("a bad row names its line")
    func badRowNamesLine() {
        let text = """
        instance_type,instance_family,vcpu,memory_gib,arch,region,price_per_hour_usd
        m5.large,m5,2,8,amd64,us-east-1,0.096
        m5.xlarge,m5,4,16,amd64,us-east-1,abc
        """
        #expect(throws: InstanceCatalogCSVError(line: 3, message: "price_per_hour_usd is not a non-negative decimal number: \"abc\"")) {
            try InstanceCatalogCSV.parse(text)
        }
    }

    @Test("a missing header column and a short row are errors")
    func missingColumns() {
        #expect(throws: InstanceCatalogCSVError.self) {
            try InstanceCatalogCSV.parse("instance_type,vcpu\nm5.large,2\n")
        }
        let short = "instance_type,instance_family,vcpu,memory_gib,arch,region,price_per_hour_usd\nm5.large,m5,2\n"
        do {
            _ = try InstanceCatalogCSV.parse(short)
            Issue.record("expected an error")
        } catch let error as InstanceCatalogCSVError {
            #expect(error.line == 2)
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test("quoted fields, CRLF line ends and column order are handled")
    func quotingAndOrder() throws {
        let text = "price_per_hour_usd,region,arch,memory_gib,vcpu,instance_family,instance_type\r\n"
            + "\"1.5\",us-east-1,\"arm64\",4,2,x1,\"x1.\"\"odd\"\"\"\r\n"
        let rows = try InstanceCatalogCSV.parse(text)
        #expect(rows.count == 1)
        #expect(rows[0].name == "x1.\"odd\"")
        #expect(rows[0].onDemandHourly == Decimal(string: "1.5"))
        #expect(rows[0].arch == "arm64")
    }

    @Test("exact decimal parsing never goes through Double")
    func exactDecimal() {
        #expect(ExactDecimal.parse("0.1") == Decimal(string: "0.1"))
        #expect(ExactDecimal.parse("-12.3400") == Decimal(string: "-12.34"))
        #expect(ExactDecimal.parse("1e5") == nil)
        #expect(ExactDecimal.parse("") == nil)
        #expect(ExactDecimal.parse(".") == nil)
        #expect(ExactDecimal.parse("1.2.3") == nil)
    }
}
