import BillingStore
import FocusImport
import Foundation
import Logging
import Postgres

/// `costreport import usage FILE...`: loads utilisation CSVs into `usage_samples`.
public enum UsageImportJob: FileImportJob {
    /// Imports one file in one transaction on `connection`.
    public static func importFile(
        _ file: URL, connection: Connection, settings: ImportSettings, logger: Logger
    ) throws -> ImportFileSummary {
        let start = Date()
        let name = file.path
        let store = ImportStore(connection: connection)
        var skipped = 0
        try store.begin()
        do {
            let loaded = try store.copyUsageSamples { emit in
                var reader = CSVReader()
                var mapping: UsageColumnMapping?
                func handle(_ record: CSVRecord) throws {
                    guard let mapping else {
                        if let problem = record.problem {
                            throw ImportFileError(file: name, message: "the header row (line \(record.line)) cannot be read: \(problem.message)")
                        }
                        let made = try UsageColumnMapping(
                            header: record.fields, overrides: settings.usageColumns, percent: settings.usagePercent, file: name)
                        if !made.ignoredColumns.isEmpty {
                            logger.info("columns not in usage_samples ignored", metadata: [
                                "file": "\(name)", "columns": "\(made.ignoredColumns.joined(separator: ","))",
                            ])
                        }
                        mapping = made
                        return
                    }
                    do {
                        try emit(try mapping.convert(record, file: name))
                    } catch let error as ImportRowError where settings.onError == .skip {
                        skipped += 1
                        logger.warning("row skipped: \(error.problem)")
                    }
                }
                try ImportSource.forEachChunk(of: file) { chunk in try reader.feed(chunk, handle) }
                try reader.finish(handle)
                if mapping == nil { throw ImportFileError(file: name, message: "the file is empty (no header row)") }
            }
            try store.commit()
            let summary = ImportFileSummary(
                file: name, rowsLoaded: loaded, rowsSkipped: skipped, rowsReplaced: 0, resourcesCreated: 0,
                seconds: Date().timeIntervalSince(start))
            logger.info("usage file imported", metadata: [
                "file": "\(name)", "rows": "\(loaded)", "skipped": "\(skipped)",
                "seconds": "\(String(format: "%.2f", summary.seconds))",
            ])
            return summary
        } catch {
            store.rollback()
            logger.error("usage file rolled back, nothing of it loaded", metadata: ["file": "\(name)"])
            throw error
        }
    }
}

/// An import of files, each in its own transaction on one connection.
public protocol FileImportJob {
    /// Imports one file in one transaction on `connection`.
    static func importFile(_ file: URL, connection: Connection, settings: ImportSettings, logger: Logger) throws -> ImportFileSummary
}

extension FileImportJob {
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
}
