import Foundation
import Testing
import TestSupport

/// Loads rendered pages in headless Chromium through `scripts/browser-check` (console errors,
/// network requests, sorting, filtering, chart accessibility); `BrowserCheck` says when they run.
@Suite(.serialized) struct HTMLBrowserCheckTests {
    static var shouldRun: Bool { BrowserCheck.shouldRun }
    static func requireBrowser() -> Bool { BrowserCheck.requireBrowser() }
    static func check(page: String, name: String) throws -> BrowserCheck.Outcome {
        try BrowserCheck.check(page: page, name: name)
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
