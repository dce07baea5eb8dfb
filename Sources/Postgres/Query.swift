import CivilTime
import Foundation

/// A named SQL statement with `$1`, `$2`, ... placeholders.
///
/// The SQL text comes from a file (`queries/*.sql`) or a string literal in the code, never from
/// values: values are always passed separately as bound parameters, so they cannot be spliced
/// into the SQL.
public struct Query: Sendable, Hashable {
    /// A name for logs and errors, e.g. `charges_by_day.sql`.
    public let name: String
    public let sql: String
    /// Ask for the rows in PostgreSQL's binary format instead of text: the server then sends
    /// numbers, timestamps and `bytea` as they are stored, without printing them, and the job
    /// reads them without parsing (see `PostgresDecodable.decode(binary:type:)` for the types read).
    public private(set) var binaryResults = false

    /// How the rows travel (nil: the connection's `streamingMode`). A cursor costs a `PGresult` per
    /// batch instead of per row, but PostgreSQL plans a cursor's query without parallel workers
    /// and for its first rows (`cursor_tuple_fraction`): for plain scans of many rows.
    public private(set) var streamingMode: StreamingMode?

    /// Settings the query's file asks for, one comment line each (`-- setting: enable_sort = off`):
    /// `Connection.query` sets them for this query only and puts the previous values back after it.
    public private(set) var settings: [Setting] = []

    /// A run-time setting of PostgreSQL (`set_config`) for one query.
    public struct Setting: Sendable, Hashable {
        public let name: String
        public let value: String
    }

    /// A query written in the code. `StaticString` keeps values from being interpolated into it.
    public init(name: String, _ sql: StaticString) {
        self.name = name
        self.sql = sql.description
    }

    /// SQL composed at run time from identifiers the caller validated (tests creating databases).
    /// Behind an SPI so that ordinary code cannot build SQL from strings.
    @_spi(UncheckedSQL)
    public init(uncheckedName name: String, sql: String) {
        self.name = name
        self.sql = sql
        // SQL built around a query file's (an EXPLAIN of it) keeps the file's settings, checked
        // when the file was read.
        self.settings = (try? Self.settings(in: sql, file: name)) ?? []
    }

    /// The same query, its rows returned in binary format.
    public func withBinaryResults() -> Query {
        var query = self
        query.binaryResults = true
        return query
    }

    /// The same query, its rows read in `mode` whatever the connection's.
    public func streamed(_ mode: StreamingMode) -> Query {
        var query = self
        query.streamingMode = mode
        return query
    }

    /// A query read from a `.sql` file; its name is the file name.
    /// - Throws: `PostgresError` (.client) naming the file when it cannot be read.
    public init(contentsOf url: URL) throws {
        do {
            self.sql = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw PostgresError(
                .client, message: "cannot read query file \(url.path): \(error.localizedDescription)",
                hint: "check the --queries folder")
        }
        self.name = url.lastPathComponent
        self.settings = try Self.settings(in: sql, file: url.path)
    }

    /// The `-- setting: NAME = VALUE` lines of `sql`.
    /// - Throws: `PostgresError` (.client) naming the file and line when such a line has no name or value.
    static func settings(in sql: String, file: String) throws -> [Setting] {
        let marker = "-- setting:"
        var settings: [Setting] = []
        for (index, line) in sql.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let text = line.drop { $0 == " " || $0 == "\t" }
            guard text.hasPrefix(marker) else { continue }
            let parts = text.dropFirst(marker.count).split(separator: "=", maxSplits: 1)
            let name = parts.first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            let value = parts.count == 2 ? parts[1].trimmingCharacters(in: .whitespacesAndNewlines) : ""
            guard !name.isEmpty, !value.isEmpty, !name.contains(" ") else {
                throw PostgresError(
                    .client, message: "query file \(file), line \(index + 1): a setting line reads `-- setting: NAME = VALUE`",
                    hint: "e.g. `-- setting: enable_sort = off`, or remove the line")
            }
            settings.append(Setting(name: name, value: value))
        }
        return settings
    }
}

/// A value bound to a `$n` placeholder. Sent in PostgreSQL's text format; the server infers the
/// type from the placeholder's context (add a cast such as `$1::timestamptz` where it cannot).
public enum Bind: Sendable, Hashable {
    case null
    case text(String)
    case int(Int)
    case double(Double)
    case decimal(Decimal)
    case timestamp(Date)
    case bool(Bool)

    /// The value in PostgreSQL's text format; nil for NULL.
    public var textValue: String? {
        switch self {
        case .null: return nil
        case .text(let value): return value
        case .int(let value): return String(value)
        case .double(let value): return value.isNaN ? "NaN" : (value.isInfinite ? (value < 0 ? "-Infinity" : "Infinity") : "\(value)")
        case .decimal(let value): return value.description
        case .timestamp(let value): return UTCText.preciseTimestamp(value)
        case .bool(let value): return value ? "true" : "false"
        }
    }
}
