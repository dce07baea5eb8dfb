import Foundation

/// What an import does with a row it cannot read.
public enum OnRowError: String, Sendable, Codable, CaseIterable {
    /// Roll back the file's transaction and fail (the default): nothing of the file is loaded.
    case stop
    /// Report the row (file, line, column) in the log and load the others.
    case skip
}

/// Settings of `costreport import`.
public struct ImportSettings: Sendable, Hashable, Codable {
    /// Bad rows: `stop` (default) or `skip`.
    public var onError: OnRowError = .stop
    /// Usage files: `usage_samples` column -> header name, for headers not named like the columns. Default empty.
    public var usageColumns: [String: String] = [:]
    /// Usage files: utilisation columns given as 0..100 instead of 0..1. Default false.
    public var usagePercent = false

    public init(onError: OnRowError = .stop, usageColumns: [String: String] = [:], usagePercent: Bool = false) {
        self.onError = onError
        self.usageColumns = usageColumns
        self.usagePercent = usagePercent
    }

    private enum CodingKeys: String, CodingKey { case onError, usageColumns, usagePercent }

    /// Missing keys keep their defaults; an invalid `onError` throws a DecodingError naming the key.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        onError = try container.decodeIfPresent(OnRowError.self, forKey: .onError) ?? .stop
        usageColumns = try container.decodeIfPresent([String: String].self, forKey: .usageColumns) ?? [:]
        usagePercent = try container.decodeIfPresent(Bool.self, forKey: .usagePercent) ?? false
    }
}

/// What importing one file did.
public struct ImportFileSummary: Sendable, Hashable {
    /// The file as given.
    public var file: String
    /// Rows loaded into the table.
    public var rowsLoaded: Int
    /// Rows skipped (`--on-error skip`), each reported in the log.
    public var rowsSkipped: Int
    /// FOCUS: rows of the same (account, billing period) pairs that the file replaced. 0 for usage.
    public var rowsReplaced: Int
    /// FOCUS: `resources` rows created for billed resources the inventory lacked. 0 for usage.
    public var resourcesCreated: Int
    /// Wall-clock seconds for the file.
    public var seconds: Double
    /// Header cells that feed no column (provider `x_` columns, columns the table does not have).
    public var ignoredColumns: [String] = []
    /// Quoted `"NULL"` cells in number, timestamp or JSON columns read as NULL (FOCUS).
    public var quotedNulls = 0

    public init(
        file: String, rowsLoaded: Int, rowsSkipped: Int, rowsReplaced: Int, resourcesCreated: Int, seconds: Double,
        ignoredColumns: [String] = [], quotedNulls: Int = 0
    ) {
        self.file = file; self.rowsLoaded = rowsLoaded; self.rowsSkipped = rowsSkipped; self.rowsReplaced = rowsReplaced
        self.resourcesCreated = resourcesCreated; self.seconds = seconds; self.ignoredColumns = ignoredColumns
        self.quotedNulls = quotedNulls
    }

    /// `bill.csv: 1200 rows loaded, 2 skipped, 40 replaced, 15 resources added, 3 columns ignored
    /// (2 x_), 4 quoted "NULL" read as NULL, 0.4 s` (a count of 0 replaced or added is left out).
    public var line: String {
        var text = "\(file): \(rowsLoaded) rows loaded, \(rowsSkipped) skipped"
        if rowsReplaced > 0 { text += ", \(rowsReplaced) replaced" }
        if resourcesCreated > 0 { text += ", \(resourcesCreated) resources added" }
        if !ignoredColumns.isEmpty {
            let provider = ignoredColumns.filter { $0.lowercased().hasPrefix("x_") }.count
            text += ", \(ignoredColumns.count) columns ignored (\(provider) x_)"
        }
        if quotedNulls > 0 { text += ", \(quotedNulls) quoted \"NULL\" read as NULL" }
        return text + ", " + String(format: "%.2f", seconds) + " s"
    }
}
