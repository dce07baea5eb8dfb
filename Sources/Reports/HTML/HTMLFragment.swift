/// A piece of finished HTML markup.
///
/// Data values become markup only through escaping: `HTMLFragment.text(_:)` escapes, and in a
/// string literal typed as `HTMLFragment` every interpolated `String` (or number) is escaped while
/// interpolated fragments are inserted as they are. Raw markup is explicit: `HTMLFragment(raw:)`.
///
/// ```swift
/// let cell: HTMLFragment = "<td class=\"name\">\(service.name)</td>"   // name is escaped
/// ```
public struct HTMLFragment: Sendable, Hashable, ExpressibleByStringInterpolation, CustomStringConvertible {
    /// The markup, already safe to insert into a page.
    public let raw: String

    /// Wraps markup that the caller vouches for (literals in code, output of other renderers).
    /// Never pass data values here; use `text(_:)` or interpolation instead.
    public init(raw: String) {
        self.raw = raw
    }

    /// The empty fragment.
    public static let empty = HTMLFragment(raw: "")

    /// Escaped text.
    public static func text(_ text: String) -> HTMLFragment {
        HTMLFragment(raw: HTML.escape(text))
    }

    /// Escaped text inside `<bdi>`, so right-to-left or override characters in the data cannot
    /// reorder the surrounding layout.
    public static func isolated(_ text: String) -> HTMLFragment {
        HTMLFragment(raw: "<bdi>" + HTML.escape(text) + "</bdi>")
    }

    /// An element. `name` and attribute names are code (letters, digits, `-`, `:`); attribute values
    /// are escaped. Attributes render in the given order; `nil` values are left out, `""` renders as
    /// a bare attribute name (e.g. `hidden`). Void elements (`br`, `meta`, …) ignore `children`.
    public static func element(
        _ name: String, attributes: KeyValuePairs<String, String?> = [:], children: [HTMLFragment] = []
    ) -> HTMLFragment {
        element(name, attributeList: attributes.map { ($0.key, $0.value) }, children: children)
    }

    /// `element(_:attributes:children:)` with the attributes as an array (for computed lists).
    public static func element(
        _ name: String, attributeList: [(String, String?)], children: [HTMLFragment] = []
    ) -> HTMLFragment {
        precondition(isMarkupName(name), "invalid element name")
        var markup = "<" + name
        for (key, value) in attributeList {
            precondition(isMarkupName(key), "invalid attribute name")
            guard let value else { continue }
            markup += value.isEmpty ? " \(key)" : " \(key)=\"\(HTML.escape(value))\""
        }
        markup += ">"
        if voidElements.contains(name) { return HTMLFragment(raw: markup) }
        for child in children { markup += child.raw }
        markup += "</" + name + ">"
        return HTMLFragment(raw: markup)
    }

    /// Concatenates fragments, with `separator` between them.
    public static func joined(_ fragments: [HTMLFragment], separator: String = "") -> HTMLFragment {
        HTMLFragment(raw: fragments.map(\.raw).joined(separator: separator))
    }

    public var description: String { raw }

    static let voidElements: Set<String> = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]

    static func isMarkupName(_ name: String) -> Bool {
        !name.isEmpty && name.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == ":"
        }
    }

    // MARK: String literals and interpolation

    public init(stringLiteral value: String) {
        self.raw = value
    }

    public init(stringInterpolation: Interpolation) {
        self.raw = stringInterpolation.output
    }

    /// Interpolation for `HTMLFragment` literals: literal segments are markup, values are escaped.
    public struct Interpolation: StringInterpolationProtocol {
        var output = ""

        public init(literalCapacity: Int, interpolationCount: Int) {
            output.reserveCapacity(literalCapacity + interpolationCount * 16)
        }

        public mutating func appendLiteral(_ literal: String) {
            output += literal
        }

        /// Data text: escaped.
        public mutating func appendInterpolation(_ text: String) {
            output += HTML.escape(text)
        }

        /// Optional data text: escaped; `nil` renders nothing.
        public mutating func appendInterpolation(_ text: String?) {
            if let text { output += HTML.escape(text) }
        }

        /// An integer, as plain decimal digits.
        public mutating func appendInterpolation(_ number: Int) {
            output += String(number)
        }

        /// Finished markup: inserted as it is.
        public mutating func appendInterpolation(_ fragment: HTMLFragment) {
            output += fragment.raw
        }

        /// A list of fragments, concatenated.
        public mutating func appendInterpolation(_ fragments: [HTMLFragment]) {
            for fragment in fragments { output += fragment.raw }
        }
    }
}
