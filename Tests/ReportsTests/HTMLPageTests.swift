import Foundation
import Testing
import TestSupport
@testable import Reports

@Suite struct HTMLPageTests {
    static let hostile = [
        "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "' onmouseover='alert(1)",
        "&amp;", "evil\u{202E}gnp.exe", "nul\u{0}byte", "</style><svg onload=alert(1)>",
    ]

    /// A page with every hostile string in every place data can reach.
    static func hostilePage() -> String {
        let columns = hostile.map { HTMLTable.Column($0, isFilterable: true) } + [.number("Amount")]
        let rows = hostile.map { value in hostile.map { _ in HTMLTable.Cell.text(value) } + [.money(1, currency: "USD")] }
        let table = HTMLTable(id: hostile[0], caption: hostile[1], columns: columns, rows: rows)
        let stacked = StackedBarChart(
            id: hostile[2], title: hostile[0], description: hostile[1], categories: hostile,
            series: hostile.map { .init(name: $0, values: [1, -1, 2]) }, unit: hostile[3],
            categoryAxisTitle: hostile[2], valueAxisTitle: hostile[6]
        )
        let bars = HorizontalBarChart(
            id: hostile[1], title: hostile[2], description: hostile[0],
            bars: hostile.map { .init(label: $0, value: -3) }, unit: hostile[1], labelTitle: hostile[4], valueAxisTitle: hostile[0]
        )
        let waterfall = WaterfallChart(
            id: hostile[4], title: hostile[5], description: hostile[6], startLabel: hostile[0], startValue: 10,
            steps: hostile.map { .init(label: $0, change: -1) }, endLabel: hostile[1], unit: hostile[2], valueAxisTitle: hostile[3]
        )
        let sections = hostile.map { value in HTMLPage.Section(id: value, title: value, body: "<p>\(value)</p>") } + [
            HTMLPage.Section(id: "charts", title: "Charts", body: "\(stacked.render())\(bars.render())\(waterfall.render())\(table.render())"),
        ]
        return HTMLPage.render(title: hostile[0] + hostile[1], generatedAt: hostile[2], sections: sections)
    }

    /// The start tags of `html` (outside `<script>` and `<style>` contents): names and attribute names.
    static func startTags(_ html: String) -> [(name: String, attributes: [String])] {
        var tags: [(String, [String])] = []
        let characters = Array(html.unicodeScalars)
        var index = 0
        func isNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
            scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-" || scalar == ":"
        }
        while index < characters.count {
            guard characters[index] == "<", index + 1 < characters.count, characters[index + 1].properties.isAlphabetic else {
                index += 1
                continue
            }
            index += 1
            var name = ""
            while index < characters.count, isNameCharacter(characters[index]) { name.unicodeScalars.append(characters[index]); index += 1 }
            var attributes: [String] = []
            while index < characters.count, characters[index] != ">" {
                if characters[index] == "\"" || characters[index] == "'" {
                    let quote = characters[index]
                    index += 1
                    while index < characters.count, characters[index] != quote { index += 1 }
                    index += 1
                } else if isNameCharacter(characters[index]) {
                    var attribute = ""
                    while index < characters.count, isNameCharacter(characters[index]) { attribute.unicodeScalars.append(characters[index]); index += 1 }
                    attributes.append(attribute.lowercased())
                } else {
                    index += 1
                }
            }
            tags.append((name.lowercased(), attributes))
            if name == "script" || name == "style" {
                let closing = Array("</\(name)".unicodeScalars)
                while index < characters.count, Array(characters[index..<min(characters.count, index + closing.count)]) != closing { index += 1 }
            }
        }
        return tags
    }

    static let allowedElements: Set<String> = [
        "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "p", "nav", "ol", "li", "a", "main",
        "section", "bdi", "figure", "figcaption", "span", "svg", "desc", "g", "rect", "text", "line", "table",
        "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "div", "label", "select", "option", "script", "strong", "small", "em", "i",
    ]

    @Test func hostileDataNeverBecomesMarkup() {
        let page = Self.hostilePage()
        let tags = Self.startTags(page)
        let names = Set(tags.map(\.name))
        #expect(names.isSubset(of: Self.allowedElements), "unexpected elements: \(names.subtracting(Self.allowedElements))")
        #expect(tags.filter { $0.name == "script" }.count == 1)
        #expect(!names.contains("img"))
        let eventHandlers = tags.flatMap(\.attributes).filter { $0.hasPrefix("on") }
        #expect(eventHandlers.isEmpty, "event handler attributes: \(eventHandlers)")
        #expect(page.components(separatedBy: "<script").count == 2)   // `<!DOCTYPE`…`<script>` of the page only
        #expect(page.components(separatedBy: "</style").count == 2)
        #expect(!page.contains("<img") && !page.contains("<svg onload"))
        #expect(!page.contains("' onmouseover") && !page.contains("\"><img"))
        #expect(!page.unicodeScalars.contains { $0.value == 0 })
        #expect(page.contains("&amp;amp;"))
        // Every place got the data, escaped: cells, chart labels, section titles, filter options.
        #expect(page.contains("<td data-filter=\"&lt;script&gt;alert(1)&lt;/script&gt;\"><bdi>&lt;script&gt;alert(1)&lt;/script&gt;</bdi></td>"))
        #expect(page.contains(">&lt;script&gt;alert(1)&lt;/script&gt;</text>"))
        #expect(page.contains("<h2 id=\"script-alert-1-script-heading\"><bdi>&lt;script&gt;alert(1)&lt;/script&gt;</bdi></h2>"))
        #expect(page.contains("<option value=\"=&quot;&gt;&lt;img src=x onerror=alert(1)&gt;\">&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</option>"))
        #expect(page.contains("<option value=\"=&#39; onmouseover=&#39;alert(1)\">"))
        // Right-to-left overrides stay inside <bdi> in cells and headings.
        #expect(page.contains("<bdi>evil\u{202E}gnp.exe</bdi></td>"))
        #expect(page.contains("<bdi>evil\u{202E}gnp.exe</bdi></h2>"))
    }

    @Test func pageShellHasCharsetLanguageCSPAndContents() {
        let page = HTMLPage.render(title: "Report", generatedAt: "2026-11-01 02:30 UTC", sections: [
            .init(id: "Summary", title: "Summary", body: "<p>x</p>"), .init(id: "summary", title: "Again", body: .empty),
        ])
        #expect(page.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"))
        #expect(page.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;; script-src &#39;unsafe-inline&#39;; img-src data:;"))
        #expect(page.contains("<li><a href=\"#summary\"><bdi>Summary</bdi></a></li>\n<li><a href=\"#summary-2\"><bdi>Again</bdi></a></li>"))
        #expect(page.contains("<section id=\"summary-2\" aria-labelledby=\"summary-2-heading\">"))
        #expect(page.contains("Generated 2026-11-01 02:30 UTC"))
        #expect(page.contains("@media print"))
        #expect(!page.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "").contains("http://"))
        #expect(!page.contains("https://"))
    }

    /// The demo page byte for byte. Re-record with `RECORD_GOLDEN=1 swift test --filter HTMLPageTests`.
    @Test func demoPageMatchesGoldenFile() throws {
        try Golden.assertMatches(HTMLDemoScenario.page(), named: "html-demo.html")
    }
}
