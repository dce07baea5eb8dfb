import Foundation
import Testing

/// Golden-file comparison for whole outputs (pages, CSV files). With `RECORD_GOLDEN=1` the file
/// is (re)written and the test fails, so a run with recording left on can never pass; a missing
/// golden file is recorded and fails the same way. A mismatch names the first differing line.
public enum Golden {
    /// True when the environment asks to re-record golden files.
    public static var isRecording: Bool { ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" }

    /// Compares `actual` with the file `name` in the `Golden` folder beside `filePath` (the
    /// calling test file).
    /// - Throws: when the golden file cannot be read or written.
    public static func assertMatches(
        _ actual: String, named name: String, filePath: String = #filePath, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let url = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Golden").appendingPathComponent(name)
        let exists = FileManager.default.fileExists(atPath: url.path)
        if isRecording || !exists {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
            Issue.record(
                "\(exists ? "re-recorded" : "recorded the missing") golden file \(url.path); check it, then run the test again without RECORD_GOLDEN",
                sourceLocation: sourceLocation)
            return
        }
        let expected = String(decoding: try Data(contentsOf: url), as: UTF8.self)
        guard actual != expected else { return }
        Issue.record(
            "\(name) differs from \(url.path): \(firstDifference(expected, actual)); re-record with RECORD_GOLDEN=1 if intended",
            sourceLocation: sourceLocation)
    }

    /// The first line where `expected` and `actual` differ, both shown.
    static func firstDifference(_ expected: String, _ actual: String) -> String {
        // `isNewline` splits at CRLF too (one Character in Swift), as the CSV files use it.
        let old = expected.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        let new = actual.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        for index in 0..<max(old.count, new.count) {
            let before = index < old.count ? String(old[index]) : "(no line)"
            let after = index < new.count ? String(new[index]) : "(no line)"
            if before != after { return "line \(index + 1): expected \(before.debugDescription), got \(after.debugDescription)" }
        }
        return "the texts differ"
    }
}
