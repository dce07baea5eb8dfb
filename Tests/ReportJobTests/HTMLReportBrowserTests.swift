import Foundation
import ReportJob
import Reports
import Testing
import TestSupport

/// Loads the HTML report of the sample organisation in headless Chromium through
/// `scripts/browser-check`: no console error, no network request, sorting and filtering work, and a
/// screenshot is taken. Without Chromium the test is skipped, unless `COSTREPORT_REQUIRE_BROWSER=1`
/// (CI), where a missing browser fails it. `COSTREPORT_HTML_DEMO_DIR=DIR` keeps the page and the
/// screenshots there.
@Suite("The sample report in a real browser", .serialized)
struct HTMLReportBrowserTests {
    static let environment = ProcessInfo.processInfo.environment
    static let script = SampleFixture.repository.appendingPathComponent("scripts/browser-check")
    static let browserRequired = environment["COSTREPORT_REQUIRE_BROWSER"] == "1"

    /// The Chromium the script would use: `$CHROMIUM`, else the first known name on `PATH`.
    static let browserPath: String? = {
        if let explicit = environment["CHROMIUM"], !explicit.isEmpty { return explicit }
        let folders = (environment["PATH"] ?? "").split(separator: ":").map(String.init)
        for name in ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"] {
            for folder in folders where FileManager.default.isExecutableFile(atPath: folder + "/" + name) {
                return folder + "/" + name
            }
        }
        return nil
    }()

    static var shouldRun: Bool { browserPath != nil || browserRequired }

    /// Runs `scripts/browser-check` on `page` with the given extra arguments; returns status and output.
    static func browserCheck(_ page: URL, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = script
        process.arguments = [page.path] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test(.enabled(if: shouldRun, "needs Chromium (set COSTREPORT_REQUIRE_BROWSER=1 to fail without it)"))
    func sampleReportPassesInHeadlessChromium() throws {
        guard Self.browserPath != nil else {
            Issue.record("COSTREPORT_REQUIRE_BROWSER=1 but no Chromium found (install Debian's chromium or set CHROMIUM)")
            return
        }
        // The dry run of the sample that SampleReportTests also reads (one run: they share the lock).
        let outcome = try SampleReportTests.sharedOutcome.get()
        let page = try #require(outcome.files.first { $0.name == "index.html" })
        #expect(page.contents == HTMLReport.render(outcome.model))

        let folder: URL
        if let kept = Self.environment["COSTREPORT_HTML_DEMO_DIR"] {
            folder = URL(fileURLWithPath: kept)
        } else {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("costreport-report-\(UUID().uuidString)")
        }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { if Self.environment["COSTREPORT_HTML_DEMO_DIR"] == nil { try? FileManager.default.removeItem(at: folder) } }
        let file = folder.appendingPathComponent("index.html")
        try Data(page.contents.utf8).write(to: file)
        let screenshot = folder.appendingPathComponent("index.png")
        let outcomeOfCheck = try Self.browserCheck(file, ["--screenshot", screenshot.path, "--full-page"])
        print(outcomeOfCheck.output)
        #expect(outcomeOfCheck.status == 0, "browser-check failed:\n\(outcomeOfCheck.output)")
        #expect(outcomeOfCheck.output.contains("browser-check: OK"))
        #expect(FileManager.default.fileExists(atPath: screenshot.path))
        print("sample index.html: \(page.contents.utf8.count) bytes, \(outcome.model.findings.findings.count) findings")
    }
}
