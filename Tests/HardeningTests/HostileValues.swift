/// Values an attacker or a careless exporter can put in any text column or tag.
enum HostileValues {
    static let script = "<script>alert(1)</script>"
    static let image = "\"><img src=x onerror=alert(2)>"
    static let rightToLeft = "\u{202E}gnp.exe\u{202C} عربي עברית"
    static let long = String(repeating: "long-value-", count: 1000)

    /// Every nasty value of the issue, each unique so it can be traced through the outputs.
    static let all: [String] = [
        script, image, rightToLeft, long,
        "=HYPERLINK(\"http://evil.example\",\"x\")", "+1+1", "-2-2", "@SUM(A1)", "\tTAB", "\rCR",
        "quote \" and 'single'", "comma, inside", "line\nbreak", "CRLF\r\nbreak", "ünïcödé 日本語 🚀",
        "../../etc/passwd", "/absolute/path", "nul\u{01}control", "semi;colon", "back\\slash", "  padded  ",
        "&amp; already escaped", "]]>", "</style><script>alert(3)</script>",
    ]

    /// Markup from the data that must never appear unescaped in a page.
    static let markers = ["<script>alert", "<img src=x", "</style><script>", "onerror=alert(2)>"]
}
