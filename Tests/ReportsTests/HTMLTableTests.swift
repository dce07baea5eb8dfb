import Foundation
import Testing
@testable import Reports

@Suite struct HTMLTableTests {
    static let table = HTMLTable(
        id: "Findings list", caption: "Findings",
        columns: [
            HTMLTable.Column("Team", isFilterable: true),
            .number("Savings"),
            HTMLTable.Column("Detected", alignment: .center, sortType: .date),
            HTMLTable.Column("Evidence", sortType: nil),
        ],
        rows: [
            [.text("b-team"), .money(Decimal(string: "1234.5")!, currency: "USD"), .date("1 Oct", isoKey: "2026-10-01"), HTMLTable.Cell(content: "<em>p95</em>")],
            [.text("a-team"), .money(-2, currency: "USD"), .date("2 Oct", isoKey: "2026-10-02"), .empty],
            [.text("b-team"), .integer(5000), .date("3 Oct", isoKey: "2026-10-03"), .empty],
            [HTMLTable.Cell(content: "<i>x</i>", filterValue: "c & d"), .empty, .empty, .empty],
        ],
        footerRows: [[.text("Total"), .money(Decimal(string: "6232.5")!, currency: "USD"), .empty, .empty]]
    )

    @Test func rendersACompletePlainTable() {
        let markup = Self.table.render().raw
        #expect(markup.hasPrefix("<div class=\"data-table\" id=\"findings-list\">"))
        #expect(markup.contains("<table data-sortable><caption>Findings</caption>"))
        #expect(markup.contains("<th scope=\"col\" data-sort-type=\"text\">Team</th>"))
        #expect(markup.contains("<th scope=\"col\" class=\"num\" data-sort-type=\"number\">Savings</th>"))
        #expect(markup.contains("<th scope=\"col\">Evidence</th>"))
        #expect(markup.contains("<td data-filter=\"b-team\"><bdi>b-team</bdi></td><td class=\"num\" data-sort=\"1234.5\">1,234.50 USD</td>"))
        #expect(markup.contains("<td class=\"ctr\" data-sort=\"2026-10-01\"><bdi>1 Oct</bdi></td>"))
        #expect(markup.contains("<tfoot>\n<tr><td><bdi>Total</bdi></td><td class=\"num\" data-sort=\"6232.5\">6,232.50 USD</td>"))
        #expect(markup.contains("<p class=\"table-count\" aria-live=\"polite\">4 rows</p>"))
    }

    @Test func filterOptionsAreTheSortedDistinctValues() {
        let markup = Self.table.render().raw
        let expected = "<div class=\"table-controls\" hidden><label for=\"findings-list-filter-0\">Team</label>"
            + "<select id=\"findings-list-filter-0\" data-column=\"0\"><option value=\"\">All</option>"
            + "<option value=\"=a-team\">a-team</option><option value=\"=b-team\">b-team</option>"
            + "<option value=\"=c &amp; d\">c &amp; d</option></select></div>"
        #expect(markup.contains(expected))
        #expect(markup.contains("<td data-filter=\"c &amp; d\"><i>x</i></td>"))
    }

    @Test func tablesWithoutFiltersHaveNoControls() {
        let plain = HTMLTable(id: "t", caption: "T", columns: [.number("N")], rows: [[.integer(1)]]).render().raw
        #expect(!plain.contains("table-controls"))
        #expect(plain.contains(">1 row</p>"))
    }

    @Test func textContentDecodesWhatEscapeWrites() {
        #expect(HTMLTable.textContent(of: .isolated("<a href='x'>&amp;</a>\"")) == "<a href='x'>&amp;</a>\"")
        #expect(HTMLTable.textContent(of: HTMLFragment(raw: "12,345.67 USD")) == "12,345.67 USD")
        #expect(HTMLTable.textContent(of: HTMLFragment(raw: "a &amp;lt; b")) == "a &lt; b")
        #expect(HTMLTable.textContent(of: HTMLFragment(raw: "<b>x</b> &#39;y&#39;")) == "x 'y'")
    }

    @Test func scriptIsStrictOfflineAndSafe() {
        let script = HTMLTableScript.source
        #expect(script.contains("\"use strict\";"))
        for forbidden in ["eval(", "innerHTML", "fetch(", "XMLHttpRequest", "new Function", "</script", "import("] {
            #expect(!script.contains(forbidden), "script contains \(forbidden)")
        }
    }
}
