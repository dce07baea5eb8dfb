internal import CLibpq
import Foundation

/// How a query's rows travel from the server, chosen by measurement (see BENCHMARKS.md).
public enum StreamingMode: String, Sendable, CaseIterable {
    /// libpq single-row mode: one PGresult per row; memory stays flat.
    case singleRow = "single-row"
    /// A server-side cursor read with `FETCH n`: one PGresult per batch, the next asked for while
    /// this one is read; memory bounded by two batches.
    case cursor
}

/// How to reach the server. Anything not given comes from libpq's own defaults and environment
/// (PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD, PGSERVICE, ~/.pgpass, PGSSLMODE, ...).
public struct ConnectionOptions: Sendable {
    /// A conninfo string (`host=... dbname=...`) or URI (`postgresql://...`); nil for libpq's defaults.
    public var conninfo: String?
    /// Sent as `application_name` unless the conninfo sets one. Default `costreport`.
    public var applicationName: String
    /// Seconds libpq waits for a connection, unless the conninfo or PGCONNECT_TIMEOUT sets it. Default 10.
    public var connectTimeoutSeconds: Int?

    public init(conninfo: String? = nil, applicationName: String = "costreport", connectTimeoutSeconds: Int? = 10) {
        self.conninfo = conninfo
        self.applicationName = applicationName
        self.connectTimeoutSeconds = connectTimeoutSeconds
    }
}

/// One PostgreSQL connection over libpq. Not thread-safe: use it from one task at a time.
/// The session time zone is UTC and DateStyle ISO, so timestamps decode the same everywhere.
public final class Connection {
    private let handle: OpaquePointer
    /// Rows fetched per round trip in `.cursor` mode. Default 10,000.
    public var cursorBatchSize = 10_000
    public var streamingMode: StreamingMode = .singleRow
    private var cursorCounter = 0

    /// Opens a connection.
    /// - Throws: `PostgresError` (.connection) with one line naming host, port and database.
    public init(_ options: ConnectionOptions) throws {
        var pairs: [(String, String)] = []
        // Earlier entries are overridden by the expanded conninfo that follows them.
        if let timeout = options.connectTimeoutSeconds { pairs.append(("connect_timeout", String(timeout))) }
        pairs.append(("application_name", options.applicationName))
        if let conninfo = options.conninfo, !conninfo.isEmpty { pairs.append(("dbname", conninfo)) }
        let (handle, reached, timedOut) = Self.connect(pairs)
        guard let handle else {
            throw PostgresError(.connection, message: "cannot connect to PostgreSQL: out of memory")
        }
        if timedOut || PQstatus(handle) != CONNECTION_OK {
            let target = Self.describeTarget(handle)
            let (sqlState, reason) = Self.splitVerbose(PQerrorMessage(handle))
            // The server's SQLSTATE, else how far the attempt got, says why: never the message text,
            // which follows the server's and the client's locale.
            let failure: ConnectionFailure = sqlState != nil || PQconnectionNeedsPassword(handle) == 1 ? .rejected : reached
            PQfinish(handle)
            throw PostgresError(
                .connection, message: "cannot connect to PostgreSQL \(target): \(timedOut ? "no answer within connect_timeout" : reason)",
                sqlState: sqlState, hint: "check --db (or PGHOST/PGPORT/PGDATABASE/PGUSER, ~/.pgpass) and that the server is running",
                connectionFailure: timedOut ? .unreachable : failure)
        }
        PQsetErrorVerbosity(handle, PQERRORS_DEFAULT)
        self.handle = handle
        try execute(Query(name: "session setup", "SET TimeZone = 'UTC'"))
        try execute(Query(name: "session setup", "SET DateStyle = 'ISO, YMD'"))
        try execute(Query(name: "session setup", "SET extra_float_digits = 3"))
        try execute(Query(name: "session setup", "SET client_min_messages = warning"))
    }

    deinit { PQfinish(handle) }

    /// `host H port P database D user U`, as libpq resolved them (never the password).
    public var target: String { Self.describeTarget(handle) }

    /// Where libpq connected, as it resolved the conninfo and the `PG*` environment: host (name,
    /// address or socket folder), port, database and user (never the password).
    public var endpoint: (host: String, port: String, database: String, user: String) {
        func field(_ value: UnsafeMutablePointer<CChar>?) -> String { value.map { String(cString: $0) } ?? "" }
        return (field(PQhost(handle)), field(PQport(handle)), field(PQdb(handle)), field(PQuser(handle)))
    }

    /// Whether the session is outside any transaction block (libpq's `PQTRANS_IDLE`).
    public var isIdle: Bool { PQtransactionStatus(handle) == PQTRANS_IDLE }

    /// The server's version number, e.g. 150018.
    public var serverVersion: Int { Int(PQserverVersion(handle)) }

    /// Connects without blocking libpq (`PQconnectStartParams` and `PQconnectPoll`), with verbose
    /// errors so that a refusal carries the server's SQLSTATE, and notes how far the attempt got
    /// (libpq's connection status) and whether `connect_timeout` ran out.
    private static func connect(_ pairs: [(String, String)]) -> (OpaquePointer?, reached: ConnectionFailure, timedOut: Bool) {
        let keys = pairs.map { strdup($0.0) }
        let values = pairs.map { strdup($0.1) }
        defer { (keys + values).forEach { free($0) } }
        var keyPointers = keys.map { UnsafePointer($0) } + [nil]
        var valuePointers = values.map { UnsafePointer($0) } + [nil]
        let started = keyPointers.withUnsafeMutableBufferPointer { k in
            valuePointers.withUnsafeMutableBufferPointer { v in
                PQconnectStartParams(k.baseAddress, v.baseAddress, 1)
            }
        }
        guard let handle = started else { return (nil, .unreachable, false) }
        PQsetErrorVerbosity(handle, PQERRORS_VERBOSE)
        // Options libpq rejects, or a host name it cannot resolve, end here: nothing was reached.
        guard PQstatus(handle) != CONNECTION_BAD else { return (handle, .unreachable, false) }
        let deadline = connectTimeout(handle).map { Date().addingTimeInterval($0) }
        var reached = ConnectionFailure.unreachable
        var polling = PGRES_POLLING_WRITING
        while polling != PGRES_POLLING_OK && polling != PGRES_POLLING_FAILED {
            var descriptor = pollfd(fd: PQsocket(handle), events: Int16(polling == PGRES_POLLING_READING ? POLLIN : POLLOUT), revents: 0)
            let milliseconds = deadline.map { max(0, Int32(($0.timeIntervalSinceNow * 1000).rounded(.up))) } ?? -1
            let ready = poll(&descriptor, 1, milliseconds)
            if ready == 0 { return (handle, reached, true) }
            if ready < 0 && errno != EINTR { return (handle, reached, false) }
            polling = PQconnectPoll(handle)
            switch PQstatus(handle) {
            case CONNECTION_SSL_STARTUP, CONNECTION_GSS_STARTUP:
                if reached == .unreachable { reached = .tls }
            case CONNECTION_AWAITING_RESPONSE, CONNECTION_AUTH_OK, CONNECTION_CHECK_WRITABLE, CONNECTION_CONSUME,
                 CONNECTION_CHECK_TARGET, CONNECTION_CHECK_STANDBY:
                reached = .rejected
            default:
                break
            }
        }
        return (handle, reached, false)
    }

    /// libpq's `connect_timeout` of this attempt in seconds (values below 2 count as 2, as in
    /// libpq); nil when there is none.
    private static func connectTimeout(_ handle: OpaquePointer) -> Double? {
        guard let options = PQconninfo(handle) else { return nil }
        defer { PQconninfoFree(options) }
        var option = options
        while let keyword = option.pointee.keyword {
            if String(cString: keyword) == "connect_timeout", let value = option.pointee.val,
               let seconds = Int(String(cString: value).trimmingCharacters(in: .whitespaces)), seconds > 0 {
                return Double(max(seconds, 2))
            }
            option += 1
        }
        return nil
    }

    /// Splits a verbose libpq error message into the SQLSTATE (the five characters after the
    /// severity, the same in every locale) and the message without the code and without the
    /// `LOCATION` line (source file and line in the server).
    static func splitVerbose(_ message: UnsafePointer<CChar>?) -> (sqlState: String?, message: String) {
        let text = message.map { String(cString: $0) } ?? ""
        var sqlState: String?
        var lines: [String] = []
        for line in text.split(whereSeparator: \.isNewline).map(String.init) {
            if line.range(of: #"^\S+:\s+\S+, \S+\.c:\d+$"#, options: .regularExpression) != nil { continue }
            var kept = line
            if sqlState == nil, let code = line.range(of: #":  [0-9A-Z]{5}: "#, options: .regularExpression) {
                sqlState = String(line[code].dropFirst(3).prefix(5))
                kept = String(line[..<code.lowerBound]) + ":  " + String(line[code.upperBound...])
            }
            lines.append(kept)
        }
        return (sqlState, oneLine(lines.joined(separator: "\n")))
    }

    private static func describeTarget(_ handle: OpaquePointer) -> String {
        func field(_ value: UnsafeMutablePointer<CChar>?) -> String {
            guard let value else { return "?" }
            let text = String(cString: value)
            return text.isEmpty ? "(default)" : text
        }
        return "host \(field(PQhost(handle))) port \(field(PQport(handle))) database \(field(PQdb(handle)))"
    }

    static func oneLine(_ message: UnsafePointer<CChar>?) -> String {
        guard let message else { return "unknown error" }
        return oneLine(String(cString: message))
    }

    static func oneLine(_ message: String) -> String {
        message
            .split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
            .joined(separator: " ")
    }

    // MARK: Statements

    /// Runs a statement and returns the number of rows it affected (or returned).
    /// - Throws: `PostgresError` naming the query.
    @discardableResult
    public func execute(_ query: Query, _ binds: [Bind] = []) throws -> Int {
        let result = try run(query, binds)
        let affected = String(cString: PQcmdTuples(result.pointer))
        return Int(affected) ?? Int(PQntuples(result.pointer))
    }

    /// Runs a file of several statements without parameters (e.g. schema.sql), in one round trip.
    public func executeScript(_ query: Query) throws {
        guard let pointer = PQexec(handle, query.sql) else { throw connectionLost(query) }
        let result = ResultHandle(pointer)
        try check(result, query)
    }

    /// Runs a query and passes each row to `body` as it arrives, in the query's streaming mode or
    /// else the connection's `streamingMode`; memory does not grow with the number of rows. The
    /// query's `settings` hold for it alone.
    /// - Returns: the number of rows.
    /// - Throws: `PostgresError` naming the query, or what `body` throws (the query is cancelled).
    @discardableResult
    public func query(_ query: Query, _ binds: [Bind] = [], _ body: (Row) throws -> Void) throws -> Int {
        guard !query.settings.isEmpty else { return try rows(of: query, binds, body) }
        var previous: [Query.Setting] = []
        do {
            for setting in query.settings { previous.append(try apply(setting, of: query)) }
            let count = try rows(of: query, binds, body)
            for setting in previous.reversed() { _ = try apply(setting, of: query) }
            return count
        } catch {
            // An aborted transaction takes its settings with it when it rolls back.
            if PQtransactionStatus(handle) != PQTRANS_INERROR {
                for setting in previous.reversed() { _ = try? apply(setting, of: query) }
            }
            throw error
        }
    }

    private func rows(of query: Query, _ binds: [Bind], _ body: (Row) throws -> Void) throws -> Int {
        switch query.streamingMode ?? streamingMode {
        case .singleRow: return try querySingleRow(query, binds, body)
        case .cursor: return try queryWithCursor(query, binds, body)
        }
    }

    /// Sets `setting` (for the transaction when one is open, else for the session) and returns
    /// the value it had.
    private func apply(_ setting: Query.Setting, of query: Query) throws -> Query.Setting {
        let current = try run(Query(internal: query.name, sql: "SELECT current_setting($1)"), [.text(setting.name)])
        let old = String(cString: PQgetvalue(current.pointer, 0, 0))
        let local = Bind.bool(PQtransactionStatus(handle) != PQTRANS_IDLE)
        _ = try run(Query(internal: query.name, sql: "SELECT set_config($1, $2, $3)"), [.text(setting.name), .text(setting.value), local])
        return Query.Setting(name: setting.name, value: old)
    }

    /// Runs a query whose result is small and returns every row mapped by `transform`.
    public func all<T>(_ query: Query, _ binds: [Bind] = [], _ transform: (Row) throws -> T) throws -> [T] {
        var values: [T] = []
        try self.query(query, binds) { values.append(try transform($0)) }
        return values
    }

    private func querySingleRow(_ query: Query, _ binds: [Bind], _ body: (Row) throws -> Void) throws -> Int {
        try send(query, binds)
        guard PQsetSingleRowMode(handle) == 1 else {
            drain()
            throw PostgresError(.client, message: "libpq refused single-row mode", queryName: query.name)
        }
        var rowNumber = 0
        var columns: Columns?
        var failure: Error?
        while let pointer = PQgetResult(handle) {
            // A row's result is freed as soon as `body` returns (no `ResultHandle` per row).
            let status = PQresultStatus(pointer)
            guard failure == nil, status == PGRES_SINGLE_TUPLE else {
                let result = ResultHandle(pointer)  // drains what is left after an error
                if failure == nil, status != PGRES_TUPLES_OK, status != PGRES_COMMAND_OK { failure = serverError(result, query) }
                continue
            }
            defer { PQclear(pointer) }
            rowNumber += 1
            if columns == nil { columns = Columns(result: pointer, queryName: query.name) }
            do {
                try body(Row(result: pointer, rowIndex: 0, rowNumber: rowNumber, columns: columns!))
            } catch {
                failure = error
                cancel()
            }
        }
        if let failure { throw failure }
        return rowNumber
    }

    /// Reads the query through a cursor, `cursorBatchSize` rows per `FETCH`. The next batch is
    /// asked for before this one is handed to `body`, so that the server produces it while the job
    /// decodes; a batch shorter than the size is the last.
    private func queryWithCursor(_ query: Query, _ binds: [Bind], _ body: (Row) throws -> Void) throws -> Int {
        let ownTransaction = PQtransactionStatus(handle) == PQTRANS_IDLE
        if ownTransaction { try execute(Query(name: "begin", "BEGIN READ ONLY")) }
        cursorCounter += 1
        let cursor = "costreport_cursor_\(cursorCounter)"
        var rowNumber = 0
        do {
            let declare = Query(internal: query.name, sql: "DECLARE \(cursor) NO SCROLL CURSOR FOR \(query.sql)")
            try execute(declare, binds)
            var fetch = Query(internal: query.name, sql: "FETCH FORWARD \(cursorBatchSize) FROM \(cursor)")
            if query.binaryResults { fetch = fetch.withBinaryResults() }
            var columns: Columns?
            try send(fetch, [])
            var more = true
            while more {
                let result = try receive(fetch)
                let count = PQntuples(result.pointer)
                more = count == cursorBatchSize
                if more { try send(fetch, []) }
                if count > 0, columns == nil { columns = Columns(result: result.pointer, queryName: query.name) }
                do {
                    try withExtendedLifetime(result) {
                        for index in 0..<count {
                            rowNumber += 1
                            try body(Row(result: result.pointer, rowIndex: index, rowNumber: rowNumber, columns: columns!))
                        }
                    }
                } catch {
                    if more { drain() }  // the batch already asked for
                    throw error
                }
            }
            try execute(Query(internal: query.name, sql: "CLOSE \(cursor)"))
            if ownTransaction { try execute(Query(name: "commit", "COMMIT")) }
        } catch {
            if ownTransaction { _ = try? execute(Query(name: "rollback", "ROLLBACK")) }
            throw error
        }
        return rowNumber
    }

    // MARK: COPY

    /// Streams rows into a table with `COPY ... FROM STDIN` (text format). `body` writes rows
    /// through the `CopyWriter`, which sends them in 64 KiB chunks.
    /// - Returns: the number of rows the server stored.
    @discardableResult
    public func copyIn(_ query: Query, _ body: (inout CopyWriter) throws -> Void) throws -> Int {
        guard let pointer = PQexec(handle, query.sql) else { throw connectionLost(query) }
        let start = ResultHandle(pointer)
        guard PQresultStatus(pointer) == PGRES_COPY_IN else {
            try check(start, query)
            throw PostgresError(.client, message: "the statement is not COPY FROM STDIN", queryName: query.name)
        }
        var writer = CopyWriter { [handle] chunk in
            let status = chunk.withUnsafeBytes { bytes in
                PQputCopyData(handle, bytes.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(bytes.count))
            }
            if status != 1 {
                throw PostgresError(.connection, message: Self.oneLine(PQerrorMessage(handle)), queryName: query.name, connectionFailure: .lost)
            }
        }
        do {
            try body(&writer)
            try writer.flush()
        } catch {
            PQputCopyEnd(handle, "costreport: load aborted")
            drain()
            throw error
        }
        guard PQputCopyEnd(handle, nil) == 1 else { throw connectionLost(query) }
        var stored = 0
        var failure: Error?
        while let pointer = PQgetResult(handle) {
            let result = ResultHandle(pointer)
            if PQresultStatus(pointer) == PGRES_COMMAND_OK {
                stored = Int(String(cString: PQcmdTuples(pointer))) ?? writer.rowsWritten
            } else if failure == nil {
                failure = serverError(result, query)
            }
        }
        if let failure { throw failure }
        return stored
    }

    // MARK: Plumbing

    private func run(_ query: Query, _ binds: [Bind]) throws -> ResultHandle {
        try send(query, binds)
        return try receive(query)
    }

    /// The last result of the statement sent, once the server has finished it.
    private func receive(_ query: Query) throws -> ResultHandle {
        var last: ResultHandle?
        var failure: Error?
        while let pointer = PQgetResult(handle) {
            let result = ResultHandle(pointer)
            let status = PQresultStatus(pointer)
            if status == PGRES_COPY_IN || status == PGRES_COPY_OUT {
                failure = PostgresError(.client, message: "COPY must go through copyIn", queryName: query.name)
                PQputCopyEnd(handle, "not supported here")
                continue
            }
            if status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK && failure == nil {
                failure = serverError(result, query)
            }
            last = result
        }
        if let failure { throw failure }
        guard let last else { throw connectionLost(query) }
        return last
    }

    private func send(_ query: Query, _ binds: [Bind]) throws {
        let texts = binds.map { $0.textValue.map { strdup($0) } ?? nil }
        defer { texts.forEach { free($0) } }
        let values = texts.map { UnsafePointer($0) }
        let sent = values.withUnsafeBufferPointer {
            PQsendQueryParams(handle, query.sql, Int32(binds.count), nil, $0.baseAddress, nil, nil, query.binaryResults ? 1 : 0)
        }
        guard sent == 1 else { throw connectionLost(query) }
    }

    private func check(_ result: ResultHandle, _ query: Query) throws {
        let status = PQresultStatus(result.pointer)
        guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK else {
            throw serverError(result, query)
        }
    }

    private func serverError(_ result: ResultHandle, _ query: Query) -> PostgresError {
        func field(_ code: Int32) -> String? {
            guard let value = PQresultErrorField(result.pointer, code) else { return nil }
            return String(cString: value)
        }
        let sqlState = field(CR_PG_DIAG_SQLSTATE)
        let message = field(CR_PG_DIAG_MESSAGE_PRIMARY) ?? Self.oneLine(PQresultErrorMessage(result.pointer))
        let lost = PQstatus(handle) != CONNECTION_OK
        return PostgresError(
            lost || sqlState == nil ? .connection : .server,
            message: message.isEmpty ? Self.oneLine(PQerrorMessage(handle)) : message,
            sqlState: sqlState, detail: field(CR_PG_DIAG_MESSAGE_DETAIL), hint: field(CR_PG_DIAG_MESSAGE_HINT),
            queryName: query.name, connectionFailure: lost ? .lost : nil)
    }

    private func connectionLost(_ query: Query) -> PostgresError {
        PostgresError(.connection, message: "connection lost: " + Self.oneLine(PQerrorMessage(handle)), queryName: query.name,
                      connectionFailure: .lost)
    }

    /// Asks the server to stop the running statement.
    private func cancel() {
        guard let cancel = PQgetCancel(handle) else { return }
        var buffer = [CChar](repeating: 0, count: 256)
        _ = PQcancel(cancel, &buffer, Int32(buffer.count))
        PQfreeCancel(cancel)
    }

    private func drain() {
        while let pointer = PQgetResult(handle) { PQclear(pointer) }
    }

    /// True while the connection is usable.
    public var isOpen: Bool { PQstatus(handle) == CONNECTION_OK }
}

extension Query {
    /// Statements the client builds from an already-checked query (cursor plumbing).
    init(internal name: String, sql: String) {
        self.init(uncheckedName: name, sql: sql)
    }
}
