import Foundation

/// The PostgreSQL type of a contract column, as `schema.sql` declares it.
public enum SQLType: String, Sendable, Hashable, CaseIterable {
    case text, timestamptz, numeric, jsonb, integer, smallint, real
    case doublePrecision = "double precision"
}

/// One value of a contract row, typed as the column holds it (the loaders and writers format it).
public enum ContractValue: Sendable, Hashable {
    case text(String)
    case timestamp(Date)
    /// Exact money and quantities.
    case decimal(Decimal)
    case integer(Int)
    case real(Float)
    case double(Double)
    /// A JSON object of strings (the `tags` columns).
    case json([String: String])
}

/// The FOCUS side of a `billing_line_items` column.
public struct FocusField: Sendable, Hashable {
    /// The header the FOCUS writer emits (the FOCUS 1.0 name).
    public let exportName: String
    /// The headers an import reads, in priority order (first non-null cell wins): the current name
    /// first, then older spellings (FOCUS 1.0-preview, 0.5).
    public let readNames: [String]
    /// Which FOCUS versions require the column, for the missing-column error, e.g.
    /// `BillingAccountId (FOCUS 1.0, 1.1, 1.2)`.
    public let requiredBy: String

    public init(_ exportName: String, readNames: [String]? = nil, requiredBy: String? = nil) {
        self.exportName = exportName
        self.readNames = readNames ?? [exportName]
        self.requiredBy = requiredBy ?? "\(exportName) (FOCUS 1.0, 1.1, 1.2)"
    }
}

/// One column of a contract table: its name, type and nullability as in `schema.sql`, how the
/// value is taken from the table's row type, and (for `billing_line_items`) its FOCUS names.
public struct ContractColumn<Row>: Sendable {
    /// The snake_case column name.
    public let name: String
    public let type: SQLType
    /// False for `NOT NULL` columns.
    public let nullable: Bool
    /// The SQL default (`'{}'` for tags); a NOT NULL column with a default needs no value on import.
    public let defaultSQL: String?
    /// FOCUS names, nil for columns of other tables.
    public let focus: FocusField?
    /// The row's value for this column; nil is NULL.
    public let value: @Sendable (Row) -> ContractValue?

    public init(
        _ name: String, _ type: SQLType, nullable: Bool = true, default defaultSQL: String? = nil, focus: FocusField? = nil,
        value: @escaping @Sendable (Row) -> ContractValue?
    ) {
        self.name = name; self.type = type; self.nullable = nullable; self.defaultSQL = defaultSQL
        self.focus = focus; self.value = value
    }

    /// An import must supply a value: NOT NULL and no default.
    public var required: Bool { !nullable && defaultSQL == nil }
}

/// A contract table: its name and its columns in table order (the order of COPY, of the staging
/// table and of the FOCUS export).
public struct ContractTable<Row>: Sendable {
    public let name: String
    public let columns: [ContractColumn<Row>]

    public init(name: String, columns: [ContractColumn<Row>]) {
        self.name = name
        self.columns = columns
    }

    /// The column names, in table order.
    public var columnNames: [String] { columns.map(\.name) }

    /// Position of `column` in `columns`; a name the table does not have is a programming error.
    public func index(of column: String) -> Int {
        guard let index = columns.firstIndex(where: { $0.name == column }) else { preconditionFailure("no \(name) column \(column)") }
        return index
    }

    /// The row's values in table order.
    public func values(of row: Row) -> [ContractValue?] { columns.map { $0.value(row) } }
}

extension ContractValue {
    /// A tags object as JSON text with sorted keys and unescaped slashes (the same bytes for the
    /// same tags, in the database and in FOCUS files).
    public static func jsonText(_ tags: [String: String]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? String(decoding: encoder.encode(tags), as: UTF8.self)) ?? "{}"
    }
}
