import Foundation
import Postgres

/// The SQL of `costreport import prometheus`: which resources exist, and replacing a time range of
/// some resources' (or clusters' container) samples (the rows themselves go in with COPY).
extension ImportStore {
    /// Every `resources.resource_id` (the import writes samples only for these).
    public func resourceIds() throws -> Set<String> {
        var ids = Set<String>()
        _ = try connection.query(Query(name: "resource ids", "SELECT resource_id FROM resources")) { row in
            ids.insert(try row.decode(String.self, "resource_id"))
        }
        return ids
    }

    /// Deletes the `usage_samples` of `resourceIds` with `start <= sampled_at < end`; returns the
    /// number of rows deleted.
    @discardableResult
    public func deleteUsageSamples(resourceIds: [String], start: Date, end: Date) throws -> Int {
        guard !resourceIds.isEmpty else { return 0 }
        return try connection.execute(Query(name: "replace usage_samples range", """
            DELETE FROM usage_samples
            WHERE resource_id = ANY ($1::text[]) AND sampled_at >= $2::timestamptz AND sampled_at < $3::timestamptz
            """), [.text(Self.textArray(resourceIds)), .timestamp(start), .timestamp(end)])
    }

    /// Deletes the `container_usage_samples` of `clusters` with `start <= sampled_at < end`; returns
    /// the number of rows deleted.
    @discardableResult
    public func deleteContainerSamples(clusters: [String], start: Date, end: Date) throws -> Int {
        guard !clusters.isEmpty else { return 0 }
        return try connection.execute(Query(name: "replace container_usage_samples range", """
            DELETE FROM container_usage_samples
            WHERE cluster = ANY ($1::text[]) AND sampled_at >= $2::timestamptz AND sampled_at < $3::timestamptz
            """), [.text(Self.textArray(clusters)), .timestamp(start), .timestamp(end)])
    }

    /// A PostgreSQL array literal of texts: every element double-quoted, `"` and `\` escaped.
    static func textArray(_ values: [String]) -> String {
        "{" + values.map { value in
            "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }.joined(separator: ",") + "}"
    }
}
