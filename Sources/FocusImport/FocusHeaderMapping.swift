import Foundation

/// Where each `billing_line_items` column is found in one FOCUS file, from its header row.
/// Header names match FOCUS names exactly or ignoring case and surrounding spaces.
public struct FocusHeaderMapping: Sendable, Hashable {
    /// For each column of `FocusColumns.all`: the field positions (0-based) to try, in priority order.
    public let sources: [[Int]]
    /// The header as read (for error messages).
    public let header: [String]
    /// Headers that feed no column (provider `x_` columns, FOCUS columns the table does not have), in file order.
    public let ignoredColumns: [String]

    /// Maps `header`. - Throws: `ImportFileError` listing the required FOCUS columns that are missing.
    public init(header: [String], file: String) throws {
        let normalised = header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        var used = Set<Int>()
        var sources: [[Int]] = []
        var missing: [String] = []
        for column in FocusColumns.all {
            var positions: [Int] = []
            for name in column.focusNames {
                if let position = normalised.firstIndex(of: name.lowercased()) {
                    positions.append(position)
                    used.insert(position)
                }
            }
            if positions.isEmpty && column.required { missing.append(column.focusNames.joined(separator: " or ")) }
            sources.append(positions)
        }
        guard missing.isEmpty else {
            throw ImportFileError(
                file: file,
                message: "the header lacks the required FOCUS column(s) \(missing.joined(separator: ", ")); is this a FOCUS 1.0-1.2 export (header row first, comma-separated)?")
        }
        self.sources = sources
        self.header = header
        self.ignoredColumns = header.indices.filter { !used.contains($0) }.map { header[$0] }
    }
}
