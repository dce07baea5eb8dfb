import Foundation
import ReportJob
import Reports
import Testing
import TestSupport

/// Loads the HTML report of the sample organisation in headless Chromium through
/// `scripts/browser-check`: no console error, no network request, sorting and filtering work, and a
/// screenshot is taken (`BrowserCheck` says when it runs).
@Suite("The sample report in a real browser", .serialized)
struct HTMLReportBrowserTests {
    static var shouldRun: Bool { BrowserCheck.shouldRun }

    @Test(.enabled(if: shouldRun, "needs Chromium (set COSTREPORT_REQUIRE_BROWSER=1 to fail without it)"))
    func sampleReportPassesInHeadlessChromium() throws {
        guard BrowserCheck.requireBrowser() else { return }
        // The dry run of the sample that SampleReportTests also reads (one run: they share the lock).
        let outcome = try SampleReportTests.sharedOutcome.get()
        let page = try #require(outcome.files.first { $0.name == "index.html" })
        #expect(page.contents == HTMLReport.render(outcome.model))

        let outcomeOfCheck = try BrowserCheck.check(page: page.contents, name: "index", arguments: ["--full-page"])
        print(outcomeOfCheck.output)
        #expect(outcomeOfCheck.status == 0, "browser-check failed:\n\(outcomeOfCheck.output)")
        #expect(outcomeOfCheck.output.contains("browser-check: OK"))
        #expect(outcomeOfCheck.screenshotWritten)
        print("sample index.html: \(page.contents.utf8.count) bytes, \(outcome.model.findings.findings.count) findings")
    }
}
