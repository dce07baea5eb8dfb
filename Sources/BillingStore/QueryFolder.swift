import Foundation
import Postgres

/// The SQL files the job runs, read once from a folder (`queries/` by default, `--queries DIR`).
/// Users whose tables look different edit these files; the Swift code never changes for that.
public struct QueryFolder: Sendable {
    /// Every query the report needs, by file name.
    public static let requiredFiles = [
        "charges.sql", "resources.sql", "instance_types.sql", "usage_hourly.sql", "usage_histograms.sql",
    ]

    public let directory: URL
    public let charges: Query
    public let resources: Query
    public let instanceTypes: Query
    public let usageHourly: Query
    public let usageHistograms: Query

    /// Reads every required file.
    /// - Throws: `StoreError.missingQuery` naming the folder and the file.
    public init(directory: URL) throws {
        self.directory = directory
        func load(_ file: String) throws -> Query {
            let url = directory.appendingPathComponent(file)
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw StoreError.missingQuery(folder: directory.path, file: file)
            }
            return try Query(contentsOf: url)
        }
        charges = try load("charges.sql")
        resources = try load("resources.sql")
        instanceTypes = try load("instance_types.sql")
        usageHourly = try load("usage_hourly.sql")
        usageHistograms = try load("usage_histograms.sql")
    }

    /// Every query, for `costreport check`.
    public var all: [Query] { [charges, resources, instanceTypes, usageHourly, usageHistograms] }
}

/// Failures of the store that are not PostgreSQL errors.
public enum StoreError: Error, CustomStringConvertible, Sendable {
    case missingQuery(folder: String, file: String)
    case missingSchemaFile(String)

    public var description: String {
        switch self {
        case .missingQuery(let folder, let file):
            return "query file \(file) is missing from \(folder): restore it from the costreport queries/ folder or point --queries at a folder that has it"
        case .missingSchemaFile(let path):
            return "schema file \(path) not found: run from the costreport folder or pass --schema"
        }
    }
}
