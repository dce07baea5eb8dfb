/// One CSV record as read: its fields (UTF-8 decoded) and the physical line on which it starts.
public struct CSVRecord: Sendable, Hashable {
    /// The fields, in file order; quotes removed, `""` unescaped.
    public var fields: [String]
    /// The 1-based physical line of the file on which the record starts (lines inside quoted
    /// fields count, so this is the line an editor shows).
    public var line: Int
    /// What is wrong with the record's syntax, if anything (the fields are then unreliable).
    public var problem: CSVProblem?
    /// For each field, whether it was written in quotes (`"NULL"` is text, `NULL` a null marker in
    /// FOCUS files). Empty when unknown: every field counts as unquoted.
    public var quoted: [Bool]

    public init(fields: [String], line: Int, problem: CSVProblem? = nil, quoted: [Bool] = []) {
        self.fields = fields; self.line = line; self.problem = problem; self.quoted = quoted
    }

    /// Whether field `index` was quoted.
    public func isQuoted(_ index: Int) -> Bool { index < quoted.count && quoted[index] }
}

/// A syntax problem in one record: which field (1-based) and what.
public struct CSVProblem: Sendable, Hashable {
    /// 1-based field number.
    public var column: Int
    public var message: String

    public init(column: Int, message: String) { self.column = column; self.message = message }
}

/// A streaming RFC 4180 reader: feed it chunks of bytes of any size (a chunk may end inside a
/// quoted field or inside a multi-byte UTF-8 character) and it calls back once per complete record.
/// Memory holds one record, never the file.
///
/// Accepts: comma separators, `"`-quoted fields containing commas, `""` and line breaks, CRLF, LF
/// or lone CR line ends, a UTF-8 byte order mark at the very start, a missing final line end.
/// Empty lines are skipped. A quote inside an unquoted field is kept as a character; text after a
/// closing quote, an unterminated quoted field and invalid UTF-8 are reported as the record's `problem`.
public struct CSVReader {
    private enum State { case fieldStart, unquoted, quoted, quoteInQuoted }

    private var state = State.fieldStart
    private var field: [UInt8] = []
    private var fields: [String] = []
    private var quoted: [Bool] = []
    private var fieldQuoted = false
    private var problem: CSVProblem?
    /// The current physical line (1-based).
    private var line = 1
    private var recordLine = 1
    private var lastWasCR = false
    /// Bytes held at the very start until it is known whether they are a byte order mark.
    private var leading: [UInt8] = []
    private var pastLeading = false
    /// Whether the current record has any content (so empty lines are skipped).
    private var recordStarted = false

    private static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

    public init() {
        field.reserveCapacity(256)
    }

    /// Reads `chunk` and calls `body` for each record it completes.
    public mutating func feed(_ chunk: [UInt8], _ body: (CSVRecord) throws -> Void) rethrows {
        if pastLeading {
            try chunk.withUnsafeBufferPointer { try consume($0, body) }
            return
        }
        leading.append(contentsOf: chunk)
        let prefix = min(leading.count, 3)
        if Array(leading.prefix(prefix)) != Array(Self.bom.prefix(prefix)) {
            pastLeading = true
        } else if leading.count >= 3 {
            pastLeading = true
            leading.removeFirst(3)
        } else {
            return  // all bytes so far could still be a BOM
        }
        let held = leading
        leading = []
        try held.withUnsafeBufferPointer { try consume($0, body) }
    }

    /// Ends the input: emits the last record if the file does not end with a line break.
    public mutating func finish(_ body: (CSVRecord) throws -> Void) rethrows {
        if !pastLeading {
            pastLeading = true
            let held = leading
            leading = []
            try held.withUnsafeBufferPointer { try consume($0, body) }
        }
        if state == .quoted {
            if problem == nil {
                problem = CSVProblem(column: fields.count + 1, message: "quoted field is never closed (a \" is missing before the end of the file)")
            }
        }
        if recordStarted || !field.isEmpty || !fields.isEmpty {
            try endRecord(body)
        }
    }

    private mutating func consume(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (CSVRecord) throws -> Void) rethrows {
        for byte in bytes {
            if lastWasCR {
                lastWasCR = false
                if byte == 10 { continue }  // the LF of a CRLF
            }
            switch state {
            case .fieldStart:
                switch byte {
                case 34: state = .quoted; fieldQuoted = true; recordStarted = true
                case 44: endField(); recordStarted = true
                case 10, 13: try lineEnd(byte, body)
                default: field.append(byte); state = .unquoted; recordStarted = true
                }
            case .unquoted:
                switch byte {
                case 44: endField(); state = .fieldStart
                case 10, 13: try lineEnd(byte, body)
                default: field.append(byte)
                }
            case .quoted:
                field.append(byte)
                switch byte {
                case 34: field.removeLast(); state = .quoteInQuoted
                case 10: if !crInQuotes { line += 1 }
                case 13: line += 1
                default: break
                }
                crInQuotes = byte == 13
            case .quoteInQuoted:
                switch byte {
                case 34: field.append(34); state = .quoted
                case 44: endField(); state = .fieldStart
                case 10, 13: try lineEnd(byte, body)
                default:
                    if problem == nil {
                        problem = CSVProblem(column: fields.count + 1, message: "unexpected text after a closing quote (a quote inside a quoted field must be doubled: \"\")")
                    }
                    field.append(byte)
                    state = .unquoted
                }
            }
        }
    }

    /// The previous byte was a CR inside quotes: a following LF is kept but starts no new line.
    private var crInQuotes = false

    private mutating func lineEnd(_ byte: UInt8, _ body: (CSVRecord) throws -> Void) rethrows {
        if byte == 13 { lastWasCR = true }
        if recordStarted { try endRecord(body) }
        line += 1
        recordLine = line
        state = .fieldStart
    }

    private mutating func endField() {
        if let text = String(validating: field, as: UTF8.self) {
            fields.append(text)
        } else {
            if problem == nil { problem = CSVProblem(column: fields.count + 1, message: "the field is not valid UTF-8 (save the file as UTF-8)") }
            fields.append(String(decoding: field, as: UTF8.self))
        }
        field.removeAll(keepingCapacity: true)
        quoted.append(fieldQuoted)
        fieldQuoted = false
    }

    private mutating func endRecord(_ body: (CSVRecord) throws -> Void) rethrows {
        endField()
        let record = CSVRecord(fields: fields, line: recordLine, problem: problem, quoted: quoted)
        fields.removeAll(keepingCapacity: true)
        quoted.removeAll(keepingCapacity: true)
        problem = nil
        recordStarted = false
        state = .fieldStart
        try body(record)
    }
}
