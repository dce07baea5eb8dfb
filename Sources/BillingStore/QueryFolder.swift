import Foundation
import Postgres

/// The SQL files the job runs, read once from a folder (`queries/` by default, `--queries DIR`).
/// Users whose tables look different edit these files; the Swift code never changes for that.
public struct QueryFolder: Sendable {
    /// Every query the report needs, by file name.
    public static let requiredFiles = [
        "charges.sql", "resources.sql", "instance_types.sql", "usage_daily.sql", "usage_histograms.sql",
        "usage_weekly_histograms.sql", "requests.sql", "commitments.sql",
        "container_usage.sql", "container_cpu_histogram.sql", "container_hours.sql",
    ]

    public let directory: URL
    public let charges: Query
    public let resources: Query
    public let instanceTypes: Query
    public let usageDaily: Query
    public let usageHistograms: Query
    /// CPU and memory histograms per resource and week (the capacity forecast).
    public let usageWeeklyHistograms: Query
    /// Requests per resource (the previous window of unit costs).
    public let requests: Query
    /// Commitment rows and eligible on-demand usage per day (utilisation, coverage,
    /// `unused_commitment`).
    public let commitments: Query
    /// Containers' requests, usage and nodes per day (`container_usage_samples`).
    public let containerUsage: Query
    /// Containers' CPU usage as geometric bucket counts.
    public let containerCPUHistogram: Query
    /// Containers' pods and usage per hour.
    public let containerHours: Query
    /// The same queries over the rollup tables of sample-billing/rollups.sql, when the folder has
    /// all of `Rollups.files`.
    public let rollups: Rollups?
    /// The container allocation queries (`container_allocation.sql`, `node_charges.sql`), optional as
    /// a pair: a folder without both reads no container data (node charges stay with their owner).
    public let containers: Containers?

    /// Queries that feed container cost allocation (DESIGN.md §2.2).
    public struct Containers: Sendable {
        public static let files = ["container_allocation.sql", "node_charges.sql"]
        public let allocation: Query
        public let nodeCharges: Query
    }

    /// Queries with the columns of `charges`, `requests`, `commitments`, the container queries and
    /// `Containers` that read the `costreport` rollup tables instead of the raw ones, and one query
    /// (`usageDays`) for what `usageDaily`, `usageHistograms` and `usageWeeklyHistograms` read.
    public struct Rollups: Sendable {
        public static let files = [
            "charges_rollup.sql", "charge_sets_rollup.sql", "usage_days_rollup.sql", "usage_hour_codes_rollup.sql", "requests_rollup.sql", "commitments_rollup.sql",
            "container_usage_rollup.sql", "container_cpu_histogram_rollup.sql", "container_hours_rollup.sql",
            "container_allocation_rollup.sql", "node_charges_rollup.sql",
        ]
        /// The charges of the stored days name their set (`chargeSets`) by id.
        public let charges: Query
        public let chargeSets: Query
        /// A row per resource and day: its measures, hours and histograms.
        public let usageDays: Query
        /// Per day, the local hour of the week of each of its UTC hours (for `usageDays`' hours).
        public let usageHourCodes: Query
        public let requests: Query
        public let commitments: Query
        public let containerUsage: Query
        /// Holds the counts for `CoreHistogram.defaultBuckets` buckets only (no bucket parameter).
        public let containerCPUHistogram: Query
        public let containerHours: Query
        public let containerAllocation: Query
        public let nodeCharges: Query
    }

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
        usageDaily = try load("usage_daily.sql")
        usageHistograms = try load("usage_histograms.sql")
        usageWeeklyHistograms = try load("usage_weekly_histograms.sql")
        requests = try load("requests.sql")
        commitments = try load("commitments.sql")
        containerUsage = try load("container_usage.sql")
        containerCPUHistogram = try load("container_cpu_histogram.sql")
        containerHours = try load("container_hours.sql")
        // Optional as a set: a folder without any of them reads the raw tables only; a folder with
        // some of them is incomplete.
        let present = Rollups.files.filter { FileManager.default.fileExists(atPath: directory.appendingPathComponent($0).path) }
        let containerFiles = Containers.files.filter {
            FileManager.default.fileExists(atPath: directory.appendingPathComponent($0).path)
        }
        containers = containerFiles.isEmpty ? nil : Containers(
            allocation: try load("container_allocation.sql"), nodeCharges: try load("node_charges.sql"))
        rollups = present.isEmpty ? nil : Rollups(
            charges: try load("charges_rollup.sql"), chargeSets: try load("charge_sets_rollup.sql"),
            usageDays: try load("usage_days_rollup.sql"), usageHourCodes: try load("usage_hour_codes_rollup.sql"), requests: try load("requests_rollup.sql"),
            commitments: try load("commitments_rollup.sql"), containerUsage: try load("container_usage_rollup.sql"),
            containerCPUHistogram: try load("container_cpu_histogram_rollup.sql"),
            containerHours: try load("container_hours_rollup.sql"), containerAllocation: try load("container_allocation_rollup.sql"),
            nodeCharges: try load("node_charges_rollup.sql"))
    }
}

/// Failures of the store that are not PostgreSQL errors.
public enum StoreError: Error, CustomStringConvertible, Sendable {
    case missingQuery(folder: String, file: String)
    case missingSchemaFile(String)
    /// `db init --partitioned` found the table, not partitioned by month on `key`.
    case notPartitioned(table: String, key: String)
    /// `db shards` found the table, not partitioned by hash on resource_id over that many foreign tables.
    case notSharded(table: String, shards: Int)
    /// `db rollups` on a table that `db init` has not brought up to the contract.
    case contractColumnsMissing(table: String, columns: [String])
    /// `db rollups` on a database without a table whose writes the rollups' triggers note.
    case contractTableMissing(String)

    public var description: String {
        switch self {
        case .missingQuery(let folder, let file):
            return "query file \(file) is missing from \(folder): restore it from the costreport queries/ folder or point --queries at a folder that has it"
        case .missingSchemaFile(let path):
            return "schema file \(path) not found: run from the costreport folder or pass --schema"
        case .notSharded(let table, let shards):
            return "\(table) exists and is not partitioned by hash on resource_id into \(shards) foreign tables: db shards sets up a new coordinator database; attaching shards to a loaded one is moving its rows (docs/scale-out.md, \"Sharding\")"
        case .contractColumnsMissing(let table, let columns):
            return "\(table) lacks the contract columns \(columns.joined(separator: ", ")), which the rollups read: run `costreport db init` first (it adds them in place, keeping the rows), then `costreport db rollups`"
        case .contractTableMissing(let table):
            return "table \(table) does not exist, and the rollups keep their triggers on it: run `costreport db init` first (it creates the missing contract tables, keeping the rows of the others), then `costreport db rollups`"
        case .notPartitioned(let table, let key):
            return "\(table) exists and is not partitioned by range on \(key): db init --partitioned creates new tables only; move the rows into a partitioned table as docs/scale-out.md shows (\"Partitioning an existing database\")"
        }
    }
}
