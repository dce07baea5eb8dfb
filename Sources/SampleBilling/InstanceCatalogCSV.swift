import CSVParsing
import CostModel
import Foundation

/// Parses the Karpenter AWS catalog CSV (`sample-billing/instance-types-aws-us-east-1.csv`) into the
/// contract's `instance_types` rows.
///
/// Columns are found by name in the header: `instance_type`, `instance_family`, `vcpu`,
/// `memory_gib`, `arch`, `region`, `price_per_hour_usd` (others are ignored). Each row becomes
/// provider "AWS", region from the file, family = `instance_family`, vCPUs, memory in GiB, arch,
/// on-demand hourly price as an exact `Decimal` parsed from the text, currency "USD". Read with the
/// shared streaming RFC 4180 reader (`CSVParsing.CSVReader`).
public enum InstanceCatalogCSV {
    /// The columns the parser needs.
    static let requiredColumns = [
        "instance_type", "instance_family", "vcpu", "memory_gib", "arch", "region", "price_per_hour_usd",
    ]

    /// Throws `InstanceCatalogCSVError` naming the line (1-based, the header is line 1) of the first
    /// bad row: a missing column, an empty name, a number that is not plain decimal text.
    public static func parse(_ text: String) throws -> [InstanceType] {
        var rows: [InstanceType] = []
        var columnIndex: [String: Int] = [:]
        var reader = CSVReader()
        func handle(_ record: CSVRecord) throws {
            if let problem = record.problem {
                throw InstanceCatalogCSVError(line: record.line, message: "column \(problem.column): \(problem.message)")
            }
            if record.fields.allSatisfy({ $0.allSatisfy { $0 == " " } }) { return }
            if columnIndex.isEmpty {
                for (index, name) in record.fields.enumerated() {
                    columnIndex[name.trimmingCharacters(in: .whitespaces).lowercased()] = index
                }
                let missing = requiredColumns.filter { columnIndex[$0] == nil }
                guard missing.isEmpty else {
                    throw InstanceCatalogCSVError(
                        line: record.line, message: "header lacks column(s) \(missing.joined(separator: ", "))")
                }
                return
            }
            rows.append(try row(record.fields, columns: columnIndex, lineNumber: record.line))
        }
        try reader.feed(Array(text.utf8), handle)
        try reader.finish(handle)
        guard !columnIndex.isEmpty else {
            throw InstanceCatalogCSVError(line: 1, message: "the file is empty (no header)")
        }
        return rows
    }

    private static func row(_ fields: [String], columns: [String: Int], lineNumber: Int) throws -> InstanceType {
        func field(_ name: String) throws -> String {
            let index = columns[name]!
            guard index < fields.count else {
                throw InstanceCatalogCSVError(
                    line: lineNumber, message: "has \(fields.count) fields, column \(name) is missing")
            }
            return fields[index].trimmingCharacters(in: .whitespaces)
        }
        func text(_ name: String) throws -> String {
            let value = try field(name)
            guard !value.isEmpty else { throw InstanceCatalogCSVError(line: lineNumber, message: "\(name) is empty") }
            return value
        }
        func number(_ name: String) throws -> Decimal {
            let value = try field(name)
            guard let decimal = ExactDecimal.parse(value), decimal >= 0 else {
                throw InstanceCatalogCSVError(
                    line: lineNumber, message: "\(name) is not a non-negative decimal number: \"\(value)\"")
            }
            return decimal
        }
        let arch = try field("arch")
        return InstanceType(
            providerName: "AWS", regionId: try text("region"), name: try text("instance_type"),
            family: try text("instance_family"), vcpus: try number("vcpu"), memoryGiB: try number("memory_gib"),
            arch: arch.isEmpty ? nil : arch, onDemandHourly: try number("price_per_hour_usd"), currency: "USD")
    }
}

/// A row of the catalog CSV that cannot be read.
public struct InstanceCatalogCSVError: Error, CustomStringConvertible, Sendable, Equatable {
    /// 1-based line number in the file (the header is line 1).
    public let line: Int
    public let message: String
    public var description: String { "instance catalog line \(line): \(message)" }
}
