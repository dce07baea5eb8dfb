/// The one place where text becomes HTML. Every value from the data passes through `escape`.
public enum HTML {
    /// Escapes `text` for use as HTML text content and as a quoted attribute value.
    ///
    /// `&`, `<`, `>`, `"` and `'` become character references. NUL, the other C0 controls except
    /// tab and line feed, DEL and the C1 controls become U+FFFD (the replacement character), so no
    /// control character from the data reaches the page. Carriage returns become line feeds.
    /// Bidirectional controls (e.g. U+202E) are kept: callers isolate data with `<bdi>`.
    public static func escape(_ text: String) -> String {
        var output = ""
        output.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&#39;"
            case "\t", "\n": output.unicodeScalars.append(scalar)
            case "\r": output += "\n"
            default:
                if isForbiddenControl(scalar) {
                    output += "\u{FFFD}"
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        return output
    }

    /// True for C0 controls (except tab and line feed, handled by the caller), DEL and C1 controls.
    static func isForbiddenControl(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return value < 0x20 || (0x7F...0x9F).contains(value)
    }

    /// A string safe to use as an HTML `id` (and in `href="#…"`): lowercase ASCII letters, digits
    /// and `-`; every other run of characters becomes one `-`. An empty result becomes `"x"`.
    /// Ids do not start with a digit (prefixed with `x-`).
    public static func identifier(_ text: String) -> String {
        var result = ""
        var pendingDash = false
        for scalar in text.lowercased().unicodeScalars {
            let isAllowed = ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
            if isAllowed {
                if pendingDash && !result.isEmpty { result += "-" }
                pendingDash = false
                result.unicodeScalars.append(scalar)
            } else {
                pendingDash = true
            }
        }
        if result.isEmpty { return "x" }
        if let first = result.unicodeScalars.first, ("0"..."9").contains(first) { return "x-" + result }
        return result
    }
}
