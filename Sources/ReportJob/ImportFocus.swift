import BillingStore
import FocusImport
import Foundation
import Logging
import Postgres

/// `costreport import focus FILE...`: loads FOCUS CSV exports into `billing_line_items`.
/// Each file in one transaction: COPY into a staging table, replace the file's (billing account,
/// billing period) pairs, add unknown resources. `run` (from `FileImportJob`) stops at the first
/// failing file with `onError == .stop`: that file is rolled back, later files are not read.
public enum FocusImportJob: FileImportJob {
    /// Imports one file in one transaction on `connection`.
    public static func importFile(
        _ file: URL, connection: Connection, settings: ImportSettings, logger: Logger
    ) throws -> ImportFileSummary {
        let start = Date()
        let name = file.path
        let store = ImportStore(connection: connection)
        let kindColumns = (FocusColumns.index(of: "resource_type"), FocusColumns.index(of: "service_category"))
        var skipped = 0
        try store.begin()
        do {
            try store.createFocusStaging()
            try store.copyFocusStaging { emit in
                var reader = CSVReader()
                var converter: FocusRowConverter?
                func handle(_ record: CSVRecord) throws {
                    guard let converter else {
                        if let problem = record.problem {
                            throw ImportFileError(file: name, message: "the header row (line \(record.line)) cannot be read: \(problem.message)")
                        }
                        let mapping = try FocusHeaderMapping(header: record.fields, file: name)
                        if !mapping.ignoredColumns.isEmpty {
                            logger.info("columns not in billing_line_items ignored", metadata: [
                                "file": "\(name)", "columns": "\(mapping.ignoredColumns.joined(separator: ","))",
                            ])
                        }
                        converter = FocusRowConverter(mapping: mapping, file: name)
                        return
                    }
                    do {
                        var row = try converter.convert(record)
                        row.append(ResourceKindMapping.kind(resourceType: row[kindColumns.0], serviceCategory: row[kindColumns.1]))
                        try emit(row)
                    } catch let error as ImportRowError where settings.onError == .skip {
                        skipped += 1
                        logger.warning("row skipped: \(error.problem)")
                    }
                }
                try ImportSource.forEachChunk(of: file) { chunk in try reader.feed(chunk, handle) }
                try reader.finish(handle)
                if converter == nil { throw ImportFileError(file: name, message: "the file is empty (no header row)") }
            }
            let applied = try store.applyFocusStaging()
            try store.commit()
            let summary = ImportFileSummary(
                file: name, rowsLoaded: applied.insertedRows, rowsSkipped: skipped, rowsReplaced: applied.replacedRows,
                resourcesCreated: applied.createdResources, seconds: Date().timeIntervalSince(start))
            logger.info("FOCUS file imported", metadata: [
                "file": "\(name)", "rows": "\(summary.rowsLoaded)", "skipped": "\(skipped)",
                "replaced": "\(applied.replacedRows)", "resources_created": "\(applied.createdResources)",
                "seconds": "\(String(format: "%.2f", summary.seconds))",
            ])
            return summary
        } catch {
            store.rollback()
            logger.error("FOCUS file rolled back, nothing of it loaded", metadata: ["file": "\(name)"])
            throw error
        }
    }
}
