import Postgres

extension Connection {
    /// Runs `body` inside `BEGIN` … `COMMIT`; on any error rolls back (best effort: the
    /// connection may be gone) and rethrows. `label` names the statements in errors and logs.
    public func inTransaction<T>(_ label: String, _ body: () throws -> T) throws -> T {
        try execute(Query(name: "\(label) begin", "BEGIN"))
        do {
            let value = try body()
            try execute(Query(name: "\(label) commit", "COMMIT"))
            return value
        } catch {
            _ = try? execute(Query(name: "\(label) rollback", "ROLLBACK"))
            throw error
        }
    }
}
