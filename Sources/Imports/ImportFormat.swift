import CSVParsing

/// One file format `costreport import` reads: an adapter that maps a file's header (deciding
/// where each column of its destination comes from) and then turns each record into a row of the
/// destination's columns. `FileImport` does the rest (open, gzip, CSV, skip or stop, transaction,
/// summary), so a new format is one adapter file plus a subcommand.
public protocol ImportFormat {
    /// The format's name in logs and summaries, e.g. "FOCUS".
    static var name: String { get }
    /// Where the rows go.
    static var destination: ImportDestination { get }

    /// Maps `header` (the first record of the file).
    /// - Throws: `ImportFileError` when the header is not one this format reads (e.g. required
    ///   columns missing: all of them in one message).
    init(header: [String], file: String, settings: ImportSettings) throws

    /// Header cells that feed no column, in file order (logged and counted in the summary).
    var ignoredColumns: [String] { get }

    /// One record as the destination's columns in table order (text PostgreSQL reads, nil for NULL).
    /// - Throws: `ImportRowError` naming the file, line and column.
    mutating func row(_ record: CSVRecord) throws -> [String?]

    /// Cells written as a quoted `"NULL"` that were read as NULL so far (FOCUS). Default 0.
    var quotedNulls: Int { get }
}

extension ImportFormat {
    public var quotedNulls: Int { 0 }
}

/// Where an import's rows go.
public enum ImportDestination: Sendable, Hashable {
    /// `billing_line_items` (rows in `BillingLineItemsTable` order), through a staging table: a
    /// re-import replaces the file's (billing account, billing period) pairs, and billed resources
    /// the inventory lacks are added to `resources`.
    case billingLineItems
    /// Appended to `table` with COPY, rows in the order of `columns`.
    case append(table: String, columns: [String])
    /// `table` through a staging table (rows in the order of `columns`): per value of `partition`
    /// in the file, the rows whose `time` lies between the file's first and last time of that value
    /// (inclusive) are replaced by the file's rows, so a re-import never doubles them
    /// (`container_usage_samples`: per cluster).
    case replaceRange(table: String, columns: [String], partition: String, time: String)
}
