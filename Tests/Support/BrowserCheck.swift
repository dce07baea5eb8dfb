import Foundation
import Testing

/// Runs `scripts/browser-check` (headless Chromium) on a page for the HTML tests. Without Chromium
/// the tests are skipped, unless `COSTREPORT_REQUIRE_BROWSER=1` (CI), where a missing browser fails
/// them. `COSTREPORT_HTML_DEMO_DIR=DIR` keeps the pages and screenshots there.
public enum BrowserCheck {
    static let environment = ProcessInfo.processInfo.environment
    static let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("scripts/browser-check")

    /// The Chromium the script would use: `$CHROMIUM`, else the first known name on `PATH`.
    public static let browserPath: String? = {
        if let explicit = environment["CHROMIUM"], !explicit.isEmpty { return explicit }
        let folders = (environment["PATH"] ?? "").split(separator: ":").map(String.init)
        for name in ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"] {
            for folder in folders where FileManager.default.isExecutableFile(atPath: folder + "/" + name) {
                return folder + "/" + name
            }
        }
        return nil
    }()

    /// Whether the browser tests run: a browser is there, or CI requires one.
    public static var shouldRun: Bool { browserPath != nil || environment["COSTREPORT_REQUIRE_BROWSER"] == "1" }

    /// False (and a recorded issue) when the tests run without a browser, i.e. CI lacks one.
    public static func requireBrowser() -> Bool {
        guard browserPath != nil else {
            Issue.record("COSTREPORT_REQUIRE_BROWSER=1 but no Chromium found (install Debian's chromium or set CHROMIUM)")
            return false
        }
        return true
    }

    public struct Outcome: Sendable {
        public var status: Int32
        public var output: String
        /// Whether the screenshot file was written.
        public var screenshotWritten: Bool
    }

    /// Writes `page` as `name.html` into a temporary folder (or `COSTREPORT_HTML_DEMO_DIR`) and runs
    /// the script on it with a screenshot `name.png` and `arguments`.
    public static func check(page: String, name: String, arguments: [String] = []) throws -> Outcome {
        let kept = environment["COSTREPORT_HTML_DEMO_DIR"]
        let folder = kept.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("costreport-html-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { if kept == nil { try? FileManager.default.removeItem(at: folder) } }
        let file = folder.appendingPathComponent("\(name).html")
        try page.write(to: file, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = script
        let screenshot = folder.appendingPathComponent("\(name).png")
        process.arguments = [file.path, "--screenshot", screenshot.path] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self),
                       screenshotWritten: FileManager.default.fileExists(atPath: screenshot.path))
    }
}
