import Foundation
import Testing

/// Loads rendered pages in headless Chromium through `scripts/browser-check` (console errors,
/// network requests, sorting, filtering, chart accessibility).
///
/// Without Chromium the tests are skipped, unless `COSTREPORT_REQUIRE_BROWSER=1` (CI), where a
/// missing browser fails them. `COSTREPORT_HTML_DEMO_DIR=DIR` keeps the pages and screenshots there.
@Suite(.serialized) struct HTMLBrowserCheckTests {
    static let environment = ProcessInfo.processInfo.environment
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let script = packageRoot.appendingPathComponent("scripts/browser-check")
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

    struct Outcome {
        var status: Int32
        var output: String
    }

    static func check(page: String, name: String) throws -> Outcome {
        let folder: URL
        if let kept = environment["COSTREPORT_HTML_DEMO_DIR"] {
            folder = URL(fileURLWithPath: kept)
        } else {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("costreport-html-\(UUID().uuidString)")
        }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { if environment["COSTREPORT_HTML_DEMO_DIR"] == nil { try? FileManager.default.removeItem(at: folder) } }
        let file = folder.appendingPathComponent("\(name).html")
        try page.write(to: file, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = script
        process.arguments = [file.path, "--screenshot", folder.appendingPathComponent("\(name).png").path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }

    static func requireBrowser() -> Bool {
        guard browserPath != nil else {
            Issue.record("COSTREPORT_REQUIRE_BROWSER=1 but no Chromium found (install Debian's chromium or set CHROMIUM)")
            return false
        }
        return true
    }

    @Test(.enabled(if: shouldRun, "needs Chromium (set COSTREPORT_REQUIRE_BROWSER=1 to fail without it)"))
    func demoPagePassesInHeadlessChromium() throws {
        guard Self.requireBrowser() else { return }
        let outcome = try Self.check(page: HTMLDemoScenario.page(), name: "demo")
        #expect(outcome.status == 0, "browser-check failed:\n\(outcome.output)")
        #expect(outcome.output.contains("browser-check: OK"))
    }

    @Test(.enabled(if: shouldRun, "needs Chromium (set COSTREPORT_REQUIRE_BROWSER=1 to fail without it)"))
    func pageWith5000RowsPassesInHeadlessChromium() throws {
        guard Self.requireBrowser() else { return }
        let outcome = try Self.check(page: HTMLDemoScenario.page(rows: 5_000), name: "demo-5000")
        #expect(outcome.status == 0, "browser-check failed:\n\(outcome.output)")
        print(outcome.output)
    }

    @Test(.enabled(if: shouldRun, "needs Chromium (set COSTREPORT_REQUIRE_BROWSER=1 to fail without it)"))
    func checkFailsOnAScriptErrorAndOnNetworkAccess() throws {
        guard Self.requireBrowser() else { return }
        let broken = HTMLDemoScenario.page().replacingOccurrences(of: "\"use strict\";", with: "\"use strict\"; undefinedFunction();")
        let outcome = try Self.check(page: broken, name: "broken")
        #expect(outcome.status == 1)
        #expect(outcome.output.contains("uncaught exception"))
        let fetching = HTMLDemoScenario.page().replacingOccurrences(of: "</main>", with: "<img src=\"http://127.0.0.1:9/x.png\" alt=\"\"></main>")
        let blocked = try Self.check(page: fetching, name: "fetching")
        #expect(blocked.status == 1, "a page that tries the network must fail:\n\(blocked.output)")
    }
}
