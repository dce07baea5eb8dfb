import CSVParsing

/// `costreport import cur`: AWS Cost and Usage Report CSVs (legacy or CUR 2.0, detected from the
/// header) -> `billing_line_items`, each row mapped by `CURMapping`.
public struct CURFormat: ImportFormat {
    public static let name = "AWS CUR"
    public static let destination = ImportDestination.billingLineItems
    let mapping: CURMapping

    /// - Throws: `ImportFileError` when the header is no CUR header or lacks required columns.
    public init(header: [String], file: String, settings: ImportSettings) throws {
        mapping = try CURMapping(header: header, file: file)
    }

    public var ignoredColumns: [String] { mapping.ignoredColumns }

    public mutating func row(_ record: CSVRecord) throws -> [String?] { try mapping.map(record).columns }
}
