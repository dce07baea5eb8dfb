/// The page shell of the self-contained HTML report.
///
/// One file with inline CSS and script, a Content-Security-Policy that forbids every network
/// request, a table of contents, and the sections in order. Deterministic: the same input gives
/// the same bytes (the generation time is an input, already formatted).
public enum HTMLPage {
    /// One section of the page: a heading (listed in the table of contents) and its body markup.
    public struct Section: Sendable {
        /// Anchor of the section (slugified with `HTML.identifier`; duplicates get `-2`, `-3`, …).
        public var id: String
        public var title: String
        public var body: HTMLFragment

        public init(id: String, title: String, body: HTMLFragment) {
            self.id = id
            self.title = title
            self.body = body
        }
    }

    /// The Content-Security-Policy of the page: nothing may be fetched; only the inline style,
    /// the inline script and `data:` images are allowed; no `<base>`, no form submission.
    public static let contentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

    /// The complete page as text (UTF-8 when written). `generatedAt` is shown as given, e.g.
    /// `DisplayFormat.dateTime(runTime)`. `stylesheet` is code (not data): extra CSS rules appended
    /// after the base style sheet (default none).
    public static func render(title: String, generatedAt: String, sections: [Section], stylesheet: String = "") -> String {
        let anchors = uniqueAnchors(sections.map(\.id))
        let tocEntries = zip(sections, anchors).map { section, anchor -> HTMLFragment in
            "<li><a href=\"#\(anchor)\"><bdi>\(section.title)</bdi></a></li>"
        }
        let body = zip(sections, anchors).map { section, anchor -> HTMLFragment in
            """
            <section id="\(anchor)" aria-labelledby="\(anchor)-heading">
            <h2 id="\(anchor)-heading"><bdi>\(section.title)</bdi></h2>
            \(section.body)
            </section>

            """
        }
        let toc: HTMLFragment = sections.isEmpty ? .empty : """
            <nav class="toc" aria-labelledby="toc-heading"><h2 id="toc-heading">Contents</h2><ol>
            \(HTMLFragment.joined(tocEntries, separator: "\n"))
            </ol></nav>

            """
        let page: HTMLFragment = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="\(contentSecurityPolicy)">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="referrer" content="no-referrer">
            <title>\(title)</title>
            <style>
            \(HTMLFragment(raw: HTMLPageStyle.css + stylesheet))</style>
            </head>
            <body>
            <header class="page-header">
            <h1><bdi>\(title)</bdi></h1>
            <p class="generated">Generated \(generatedAt)</p>
            </header>
            \(toc)<main>
            \(body)</main>
            <script>
            \(HTMLFragment(raw: HTMLTableScript.source))</script>
            </body>
            </html>

            """
        return page.raw
    }

    /// Slugified ids, made unique in order of appearance (`costs`, `costs-2`, …). `toc-heading` is
    /// reserved by the page itself.
    static func uniqueAnchors(_ ids: [String]) -> [String] {
        var used: Set<String> = ["toc-heading"]
        return ids.map { id in
            let base = HTML.identifier(id)
            var candidate = base
            var counter = 2
            while used.contains(candidate) {
                candidate = "\(base)-\(counter)"
                counter += 1
            }
            used.insert(candidate)
            return candidate
        }
    }
}
