import Foundation
import Testing
@testable import Reports

@Suite struct HTMLEscapingTests {
    @Test func escapesMarkupCharactersAndQuotes() {
        #expect(HTML.escape("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;")
        #expect(HTML.escape("\"><img src=x onerror=alert(1)>") == "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;")
        #expect(HTML.escape("' onmouseover='") == "&#39; onmouseover=&#39;")
        #expect(HTML.escape("&amp;") == "&amp;amp;")
        #expect(HTML.escape("Tom & Jerry") == "Tom &amp; Jerry")
    }

    @Test func replacesControlCharactersButKeepsTabAndNewline() {
        #expect(HTML.escape("a\u{0}b") == "a\u{FFFD}b")
        #expect(HTML.escape("a\u{1B}[31mb\u{7F}\u{85}") == "a\u{FFFD}[31mb\u{FFFD}\u{FFFD}")
        #expect(HTML.escape("line\r\nnext\tcell") == "line\n\nnext\tcell")
        #expect(!HTML.escape(String(UnicodeScalar(0)) + "x").unicodeScalars.contains { $0.value < 0x09 })
    }

    @Test func keepsOtherTextIncludingRightToLeft() {
        #expect(HTML.escape("فريق المدفوعات") == "فريق المدفوعات")
        #expect(HTML.escape("evil\u{202E}gnp.exe") == "evil\u{202E}gnp.exe")
        #expect(HTML.escape("naïve 東京 👩‍💻") == "naïve 東京 👩‍💻")
    }

    @Test func isolatedTextIsWrappedInBdi() {
        #expect(HTMLFragment.isolated("x\u{202E}<y>").raw == "<bdi>x\u{202E}&lt;y&gt;</bdi>")
    }

    @Test func interpolationEscapesStringsAndKeepsFragments() {
        let name = "<b>&'\""
        let inner: HTMLFragment = "<i>ok</i>"
        let fragment: HTMLFragment = "<td title=\"\(name)\">\(name)\(inner)</td>"
        #expect(fragment.raw == "<td title=\"&lt;b&gt;&amp;&#39;&quot;\">&lt;b&gt;&amp;&#39;&quot;<i>ok</i></td>")
        let missing: String? = nil
        let optional: HTMLFragment = "[\(missing)][\(Optional("<"))][\(42)]"
        #expect(optional.raw == "[][&lt;][42]")
    }

    @Test func elementBuilderEscapesAttributesAndText() {
        let element = HTMLFragment.element(
            "a", attributes: ["href": "#x\" onclick=\"alert(1)", "hidden": "", "title": nil],
            children: [.text("<b>")]
        )
        #expect(element.raw == "<a href=\"#x&quot; onclick=&quot;alert(1)\" hidden>&lt;b&gt;</a>")
        #expect(HTMLFragment.element("br", children: [.text("ignored")]).raw == "<br>")
    }

    @Test func identifiersAreSafeSlugs() {
        #expect(HTML.identifier("Cost per Team") == "cost-per-team")
        #expect(HTML.identifier("\"><script>") == "script")
        #expect(HTML.identifier("2026 plan") == "x-2026-plan")
        #expect(HTML.identifier("فريق") == "x")
        #expect(HTML.identifier("") == "x")
    }
}
