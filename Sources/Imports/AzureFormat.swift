import CSVParsing

/// `costreport import azure`: Azure cost details CSVs (EA or MCA, actual or amortised) ->
/// `billing_line_items`, each row mapped by `AzureMapping`.
public struct AzureFormat: ImportFormat {
    public static let name = "Azure cost details"
    public static let destination = ImportDestination.billingLineItems
    let mapping: AzureMapping

    /// - Throws: `ImportFileError` when the header lacks required cost details columns.
    public init(header: [String], file: String, settings: ImportSettings) throws {
        mapping = try AzureMapping(header: header, file: file)
    }

    public var ignoredColumns: [String] { mapping.ignoredColumns }

    public mutating func row(_ record: CSVRecord) throws -> [String?] { try mapping.map(record).columns }
}
