/// A recoverable data problem: shown in the report's data-quality section and logged.
/// Real failures are thrown instead.
public struct Diagnostic: Sendable, Hashable, Codable {
    public enum Severity: String, Sendable, Codable, Comparable {
        case info, warning, error
        public static func < (a: Severity, b: Severity) -> Bool {
            let order: [Severity] = [.info, .warning, .error]
            return order.firstIndex(of: a)! < order.firstIndex(of: b)!
        }
    }

    public var severity: Severity
    /// A stable machine-readable code, e.g. `mixed_currency`, `unknown_tier`.
    public var code: String
    /// One sentence: what is wrong, where, and what to do.
    public var message: String

    public init(_ severity: Severity, code: String, _ message: String) {
        self.severity = severity
        self.code = code
        self.message = message
    }
}
