import Foundation
@testable import ReportJob
import Testing

/// The replacement of a report folder where the system has no atomic swap (the two-rename
/// fallback of `Publisher.replace`).
@Suite("Publisher fallback")
struct PublisherTests {
    @Test func withoutAnAtomicSwapTheFolderIsReplacedByTwoRenames() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("costreport-publisher-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let target = out.appendingPathComponent("2026-11-01")
        let staging = out.appendingPathComponent(Publisher.temporaryPrefix + "2026-11-01-run2")
        for (folder, text) in [(target, "previous"), (staging, "new")] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: folder.appendingPathComponent("index.html"))
        }
        try Publisher(outputDirectory: out, retention: 5).replaceWithTwoRenames(target, with: staging, runId: "run2")
        #expect(try String(contentsOf: target.appendingPathComponent("index.html"), encoding: .utf8) == "new")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path) == ["2026-11-01"])
    }

    @Test func whenTheNewFolderCannotBeMovedInThePreviousOneIsPutBack() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("costreport-publisher-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let target = out.appendingPathComponent("2026-11-01")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        try Data("previous".utf8).write(to: target.appendingPathComponent("index.html"))
        let missing = out.appendingPathComponent(Publisher.temporaryPrefix + "gone-run3")
        #expect(throws: PublishError.self) {
            try Publisher(outputDirectory: out, retention: 5).replaceWithTwoRenames(target, with: missing, runId: "run3")
        }
        #expect(try String(contentsOf: target.appendingPathComponent("index.html"), encoding: .utf8) == "previous")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path) == ["2026-11-01"])
    }
}
