import BillingStore
import Contract
import CSVParsing
import Foundation
import Logging
import Postgres

/// The one file-import loop of `costreport import`, for any `ImportFormat`: each file is opened
/// (plain or gzip), read as CSV record by record, its header mapped by the format, its rows mapped
/// and streamed with COPY to the format's destination, all in one transaction per file. A bad row
/// stops the file (rolled back, nothing of it loaded) or, with `onError == .skip`, is reported
/// with its file, line and column and left out.
public enum FileImport<Format: ImportFormat> {
    /// Imports the files in order on one connection, calling `report` after each committed file.
    /// - Throws: the first file's error (`ImportRowError` with `onError == .stop`, `ImportFileError`
    ///   for a bad header, `PostgresError`, `ImportSourceError`); that file is rolled back and the
    ///   later files are not read.
    public static func run(
        _ options: ConnectionOptions, files: [URL], settings: ImportSettings, logger: Logger,
        report: (ImportFileSummary) -> Void = { _ in }
    ) throws {
        let connection = try Connection(options)
        for file in files {
            report(try importFile(file, connection: connection, settings: settings, logger: logger))
        }
    }

    /// Imports one file in one transaction on `connection`.
    public static func importFile(
        _ file: URL, connection: Connection, settings: ImportSettings, logger: Logger
    ) throws -> ImportFileSummary {
        let start = Date()
        let name = file.path
        let store = ImportStore(connection: connection)
        var read = ReadCounts()
        if Format.destination == .billingLineItems {
            let missing = try SchemaCheck(connection: connection).missingColumns(BillingLineItemsTable.table)
            guard missing.isEmpty else {
                throw ImportFileError(
                    file: name,
                    message: "billing_line_items lacks the contract column(s) \(missing.joined(separator: ", ")) (an older schema): run `costreport db init` to add them in place, then import again")
            }
        }
        try store.begin()
        do {
            var summary = ImportFileSummary(file: name, rowsLoaded: 0, rowsSkipped: 0, rowsReplaced: 0, resourcesCreated: 0, seconds: 0)
            switch Format.destination {
            case .billingLineItems:
                try store.createBillingStaging()
                try store.copyBillingStaging { emit in
                    read = try readRows(file, settings: settings, logger: logger) { row in
                        try emit(ImportStore.StagedBillingRow(columns: row, resourceKind: BillingRowKind.kind(of: row)))
                    }
                }
                let applied = try store.applyBillingStaging()
                summary.rowsLoaded = applied.insertedRows
                summary.rowsReplaced = applied.replacedRows
                summary.resourcesCreated = applied.createdResources
            case .replaceRange(let table, let columns, let partition, let time):
                try store.createStaging(like: table)
                try store.copyRows(into: ImportStore.staging(of: table), columns: columns) { emit in
                    read = try readRows(file, settings: settings, logger: logger, emit)
                }
                let applied = try store.applyRangeStaging(into: table, columns: columns, partition: partition, time: time)
                summary.rowsLoaded = applied.insertedRows
                summary.rowsReplaced = applied.replacedRows
            case .append(let table, let columns):
                summary.rowsLoaded = try store.copyRows(into: table, columns: columns) { emit in
                    read = try readRows(file, settings: settings, logger: logger, emit)
                }
            }
            try store.commit()
            summary.rowsSkipped = read.skipped
            summary.ignoredColumns = read.ignoredColumns
            summary.quotedNulls = read.quotedNulls
            summary.seconds = Date().timeIntervalSince(start)
            logger.info("\(Format.name) file imported", metadata: [
                "file": "\(name)", "rows": "\(summary.rowsLoaded)", "skipped": "\(summary.rowsSkipped)",
                "replaced": "\(summary.rowsReplaced)", "resources_created": "\(summary.resourcesCreated)",
                "columns_ignored": "\(summary.ignoredColumns.count)", "quoted_nulls": "\(summary.quotedNulls)",
                "seconds": "\(String(format: "%.2f", summary.seconds))",
            ])
            return summary
        } catch {
            store.rollback()
            logger.error("\(Format.name) file rolled back, nothing of it loaded", metadata: ["file": "\(name)"])
            throw error
        }
    }

    /// What reading one file counted.
    struct ReadCounts {
        var skipped = 0
        var ignoredColumns: [String] = []
        var quotedNulls = 0
    }

    /// Reads `file` record by record: the first record maps the header, each later one becomes a
    /// row for `emit` (or is skipped and logged under `onError == .skip`).
    static func readRows(
        _ file: URL, settings: ImportSettings, logger: Logger, _ emit: ([String?]) throws -> Void
    ) throws -> ReadCounts {
        let name = file.path
        var counts = ReadCounts()
        var reader = CSVReader()
        var format: Format?
        func handle(_ record: CSVRecord) throws {
            guard var mapped = format else {
                if let problem = record.problem {
                    throw ImportFileError(file: name, message: "the header row (line \(record.line)) cannot be read: \(problem.message)")
                }
                let made = try Format(header: record.fields, file: name, settings: settings)
                if !made.ignoredColumns.isEmpty {
                    logger.info("columns ignored", metadata: [
                        "file": "\(name)", "format": "\(Format.name)", "columns": "\(made.ignoredColumns.joined(separator: ","))",
                    ])
                }
                format = made
                return
            }
            do {
                let row = try mapped.row(record)
                format = mapped
                try emit(row)
            } catch let error as ImportRowError where settings.onError == .skip {
                counts.skipped += 1
                logger.warning("row skipped: \(error.problem)")
            }
        }
        try ImportSource.forEachChunk(of: file) { chunk in try reader.feed(chunk, handle) }
        try reader.finish(handle)
        guard let format else { throw ImportFileError(file: name, message: "the file is empty (no header row)") }
        counts.ignoredColumns = format.ignoredColumns
        counts.quotedNulls = format.quotedNulls
        return counts
    }
}

/// The `resources.kind` of a billing row's resource, from its `resource_type` and `service_category`.
enum BillingRowKind {
    static let resourceType = BillingLineItemsTable.table.index(of: "resource_type")
    static let serviceCategory = BillingLineItemsTable.table.index(of: "service_category")

    static func kind(of row: [String?]) -> String {
        ResourceKindMapping.kind(resourceType: row[resourceType], serviceCategory: row[serviceCategory])
    }
}
