/// An error from PostgreSQL or from decoding its answer.
///
/// `description` is one safe sentence for logs and users: it names the query (never its
/// parameters) and the server's SQLSTATE, message, detail and hint, and never holds a password.
public struct PostgresError: Error, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// The connection could not be made or was lost.
        case connection
        /// The server rejected a statement (see `sqlState`).
        case server
        /// A value could not be decoded into the requested type.
        case decoding
        /// The client was used wrongly (e.g. an unknown column name) or libpq failed.
        case client
    }

    public var kind: Kind
    /// Five-character SQLSTATE code, e.g. `42P01` (undefined table); nil when not from the server.
    public var sqlState: String?
    public var message: String
    public var detail: String?
    public var hint: String?
    /// The name of the query (its file name for queries/*.sql).
    public var queryName: String?
    /// For `.connection` errors: how far the connection got (from libpq's connection status).
    public var connectionFailure: ConnectionFailure?

    public init(
        _ kind: Kind, message: String, sqlState: String? = nil, detail: String? = nil,
        hint: String? = nil, queryName: String? = nil, connectionFailure: ConnectionFailure? = nil
    ) {
        self.kind = kind; self.message = message; self.sqlState = sqlState
        self.detail = detail; self.hint = hint; self.queryName = queryName
        self.connectionFailure = connectionFailure
    }

    public var description: String {
        var text = ""
        if let queryName { text += "query \(queryName): " }
        text += message
        if let sqlState { text += " (SQLSTATE \(sqlState))" }
        if let detail, !detail.isEmpty { text += "; detail: \(detail)" }
        if let hint, !hint.isEmpty { text += "; hint: \(hint)" }
        return text
    }

    /// SQLSTATE classes that a retry cannot fix: authentication, missing objects, syntax, privileges.
    public var isPermanent: Bool {
        guard let sqlState else { return kind != .connection }
        let permanentClasses = ["28", "3D", "42", "22", "23", "0A", "P0", "XX"]
        return permanentClasses.contains(String(sqlState.prefix(2)))
    }
}

/// Where a connection failed, taken from libpq's connection status and never from the text of
/// its messages (they follow the locale of the server and of the client).
public enum ConnectionFailure: String, Sendable {
    /// No server answered: refused, unreachable, a name that does not resolve, `connect_timeout`.
    case unreachable
    /// TLS or GSSAPI negotiation failed (certificates, `sslmode`).
    case tls
    /// The server answered and refused the session: authentication, a missing database or role,
    /// too many connections, starting up (`sqlState` says which).
    case rejected
    /// An established connection was lost (server shut down or restarted, network cut).
    case lost
}

extension PostgresError {
    /// The SQLSTATE class: the first two characters, e.g. `08` (connection exception).
    public var sqlStateClass: String? { sqlState.map { String($0.prefix(2)) } }

    /// A connection failure a retry may fix: by SQLSTATE when the server sent one (class 08
    /// connection exception, 53 insufficient resources, 57P01-57P03 shutting down or starting
    /// up); otherwise when no server answered or the connection was lost. Authentication,
    /// a missing database, TLS and bad options are not retried.
    public var isTransientConnectionFailure: Bool {
        guard kind == .connection else { return false }
        if let sqlState {
            return ["08", "53"].contains(sqlStateClass) || ["57P01", "57P02", "57P03"].contains(sqlState)
        }
        switch connectionFailure {
        case .unreachable, .lost: return true
        case .tls, .rejected, nil: return false
        }
    }

    /// The connection to the server was lost after it was established.
    public var isConnectionLost: Bool { kind == .connection && connectionFailure == .lost }
}

extension PostgresError {
    /// The SQLSTATE of a query cancelled by `statement_timeout`.
    public static let queryCanceled = "57014"
    /// The SQLSTATE of a statement in a read-only transaction that tried to write.
    public static let readOnlySQLTransaction = "25006"
}
