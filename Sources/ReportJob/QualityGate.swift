import CostModel
import Foundation
import Reports

/// A data-quality gate (`--fail-on`): when it fails, the report is still published and the run
/// exits with the "data-quality gate failed" code, so cron alerts without losing the report.
public enum QualityGate: Sendable, Hashable {
    /// Unallocated effective cost above this share (0...1) of the total, in any currency.
    case unallocatedShare(Decimal)
    /// Any diagnostic of severity error.
    case errors
    /// Any warning or error.
    case warnings

    /// Parses `unallocated>0.05`, `errors` or `warnings`.
    public init?(_ text: String) {
        let trimmed = text.replacingOccurrences(of: " ", with: "")
        if trimmed == "errors" { self = .errors; return }
        if trimmed == "warnings" { self = .warnings; return }
        if trimmed.hasPrefix("unallocated>"), let value = Decimal(string: String(trimmed.dropFirst(12)), locale: Locale(identifier: "en_US_POSIX")),
           value >= 0, value <= 1 {
            self = .unallocatedShare(value)
            return
        }
        return nil
    }

    /// Why the gate fails on this model, or nil when it passes.
    func failure(in model: ReportModel) -> String? {
        switch self {
        case .unallocatedShare(let limit):
            let over = model.unallocatedShare.filter { $0.value > limit }.sorted { $0.key < $1.key }
            guard !over.isEmpty else { return nil }
            return "unallocated share above \(limit): " + over.map { "\($0.key) \(Money.plain(Money.rounded($0.value, scale: 4)))" }.joined(separator: ", ")
        case .errors:
            let count = model.diagnostics.filter { $0.severity == .error }.count
            return count == 0 ? nil : "\(count) data-quality error(s)"
        case .warnings:
            let count = model.diagnostics.filter { $0.severity >= .warning }.count
            return count == 0 ? nil : "\(count) data-quality warning(s) or error(s)"
        }
    }
}
