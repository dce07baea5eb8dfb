/// A row of an import file that cannot be loaded: names the file, the line, the column and what to do.
public struct ImportRowError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file as given on the command line.
    public var file: String
    /// 1-based physical line on which the row starts.
    public var line: Int
    /// 1-based column number; nil when the problem is the whole row (e.g. too few fields).
    public var column: Int?
    /// The header of that column, when known.
    public var columnName: String?
    /// What is wrong, e.g. `"abc" is not a decimal number`.
    public var message: String

    public init(file: String, line: Int, column: Int?, columnName: String?, message: String) {
        self.file = file; self.line = line; self.column = column; self.columnName = columnName; self.message = message
    }

    /// `bill.csv line 12, column 5 (BilledCost): "abc" is not a decimal number; fix ...`.
    public var description: String {
        "\(problem); fix the value in the file, or rerun with --on-error skip to load the other rows"
    }

    /// `bill.csv line 12, column 5 (BilledCost): "abc" is not a decimal number` (for skipped-row reports).
    public var problem: String {
        var place = "\(file) line \(line)"
        if let column { place += ", column \(column)" }
        if let columnName { place += " (\(columnName))" }
        return "\(place): \(message)"
    }
}

/// A problem with a whole file (its header), which no setting can skip.
public struct ImportFileError: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var message: String

    public init(file: String, message: String) { self.file = file; self.message = message }

    public var description: String { "\(file): \(message)" }
}
