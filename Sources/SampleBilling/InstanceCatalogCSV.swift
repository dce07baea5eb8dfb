import CostModel
import Foundation

/// Parses the Karpenter AWS catalog CSV (`sample-billing/instance-types-aws-us-east-1.csv`) into the
/// contract's `instance_types` rows.
///
/// Columns are found by name in the header: `instance_type`, `instance_family`, `vcpu`,
/// `memory_gib`, `arch`, `region`, `price_per_hour_usd` (others are ignored). Each row becomes
/// provider "AWS", region from the file, family = `instance_family`, vCPUs, memory in GiB, arch,
/// on-demand hourly price as an exact `Decimal` parsed from the text, currency "USD".
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
        var lineNumber = 0
        // "\r\n" is one Character in Swift: split on it as well as on "\n" and "\r".
        let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
        for line in lines {
            lineNumber += 1
            if line.allSatisfy({ $0 == " " }) { continue }
            let fields = try splitFields(line, lineNumber: lineNumber)
            if columnIndex.isEmpty {
                for (index, name) in fields.enumerated() {
                    columnIndex[name.trimmingCharacters(in: .whitespaces).lowercased()] = index
                }
                let missing = requiredColumns.filter { columnIndex[$0] == nil }
                guard missing.isEmpty else {
                    throw InstanceCatalogCSVError(
                        line: lineNumber, message: "header lacks column(s) \(missing.joined(separator: ", "))")
                }
                continue
            }
            rows.append(try row(fields, columns: columnIndex, lineNumber: lineNumber))
        }
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

    /// Splits one RFC 4180 line: commas separate fields, a field may be quoted with `"` and a quote
    /// inside it is doubled.
    private static func splitFields(_ line: Substring, lineNumber: Int) throws -> [String] {
        var fields: [String] = []
        var current = ""
        var inQuotes = false
        var index = line.startIndex
        while index < line.endIndex {
            let character = line[index]
            if inQuotes {
                if character == "\"" {
                    let next = line.index(after: index)
                    if next < line.endIndex, line[next] == "\"" {
                        current.append("\"")
                        index = next
                    } else {
                        inQuotes = false
                    }
                } else {
                    current.append(character)
                }
            } else if character == "," {
                fields.append(current)
                current = ""
            } else if character == "\"" && current.isEmpty {
                inQuotes = true
            } else {
                current.append(character)
            }
            index = line.index(after: index)
        }
        guard !inQuotes else { throw InstanceCatalogCSVError(line: lineNumber, message: "has an unclosed quote") }
        fields.append(current)
        return fields
    }
}

/// A row of the catalog CSV that cannot be read.
public struct InstanceCatalogCSVError: Error, CustomStringConvertible, Sendable, Equatable {
    /// 1-based line number in the file (the header is line 1).
    public let line: Int
    public let message: String
    public var description: String { "instance catalog line \(line): \(message)" }
}
