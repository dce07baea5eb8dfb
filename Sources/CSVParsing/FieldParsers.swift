import CivilTime
import CostModel

/// Checks and normalises the text of one field for PostgreSQL, without Foundation formatters
/// (locale-independent, fast). Each returns nil when the text is not valid.
public enum FieldParsers {
    /// A timestamp as FOCUS exports write it: `2024-01-01T00:00:00Z`, `2024-01-01 00:00:00`,
    /// `2024-01-01T00:00:00.123+05:30`, `2024-01-01T00:00:00-0800`, `2024-01-01T00:00Z`, or a date
    /// `2024-01-01`. A time without offset is UTC (FOCUS requires UTC). Returns
    /// `YYYY-MM-DD HH:MM:SS[.fraction]+HH:MM`, which `timestamptz` reads exactly (no rounding here).
    public static func timestamp(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        var index = 0
        func digits(_ count: Int) -> Int? {
            guard index + count <= bytes.count else { return nil }
            var value = 0
            for _ in 0..<count {
                let byte = bytes[index]
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
                index += 1
            }
            return value
        }
        func take(_ byte: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }
        guard let year = digits(4), take(45), let month = digits(2), take(45), let day = digits(2),
              (1...12).contains(month), day >= 1, day <= CivilCalendar.daysIn(month: month, year: year) else { return nil }
        var hour = 0, minute = 0, second = 0
        var fraction = ""
        var offset = "+00:00"
        if index < bytes.count {
            guard take(84) || take(116) || take(32) else { return nil }  // T, t or space
            guard let h = digits(2), take(58), let m = digits(2), h <= 23, m <= 59 else { return nil }
            hour = h; minute = m
            if take(58) {
                guard let s = digits(2), s <= 60 else { return nil }
                second = s
                if take(46) {
                    let start = index
                    while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 { index += 1 }
                    guard index > start else { return nil }
                    fraction = "." + String(decoding: bytes[start..<index], as: UTF8.self)
                }
            }
            if index < bytes.count {
                if take(90) || take(122) {  // Z, z
                    offset = "+00:00"
                } else if index < bytes.count, bytes[index] == 43 || bytes[index] == 45 {
                    let sign = bytes[index] == 43 ? "+" : "-"
                    index += 1
                    guard let oh = digits(2), oh <= 15 else { return nil }
                    var om = 0
                    if take(58) {
                        guard let value = digits(2) else { return nil }
                        om = value
                    } else if index < bytes.count {
                        guard let value = digits(2) else { return nil }
                        om = value
                    }
                    guard om <= 59 else { return nil }
                    offset = sign + CivilCalendar.pad(oh) + ":" + CivilCalendar.pad(om)
                } else {
                    return nil
                }
            }
            guard index == bytes.count else { return nil }
        }
        let pad = CivilCalendar.pad
        return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + " " + pad(hour, 2) + ":" + pad(minute, 2) + ":" + pad(second, 2)
            + fraction + offset
    }

    /// The most significant digits a number may have: what `Decimal` (the report's money type)
    /// holds exactly.
    public static let maxSignificantDigits = 38

    /// A decimal number: optional sign, digits with an optional point, optional exponent
    /// (`12`, `-0.5`, `.25`, `9.984E-7`, `1e-10`), at most 38 significant digits. Returned as given
    /// (without a leading `+`), so PostgreSQL's `numeric` stores it exactly, digit for digit.
    public static func decimal(_ text: String) -> String? {
        var significant = 0
        var pendingZeros = 0
        var digitsSeen = false
        let utf8 = text.utf8
        var index = utf8.startIndex
        func mantissaDigits() {
            while index < utf8.endIndex, utf8[index] >= 48, utf8[index] <= 57 {
                digitsSeen = true
                if utf8[index] == 48 {
                    if significant > 0 { pendingZeros += 1 }
                } else {
                    significant += pendingZeros + 1
                    pendingZeros = 0
                }
                index = utf8.index(after: index)
            }
        }
        if index < utf8.endIndex, utf8[index] == 43 || utf8[index] == 45 { index = utf8.index(after: index) }
        mantissaDigits()
        if index < utf8.endIndex, utf8[index] == 46 {
            index = utf8.index(after: index)
            mantissaDigits()
        }
        guard digitsSeen, significant <= maxSignificantDigits else { return nil }
        if index < utf8.endIndex, utf8[index] == 69 || utf8[index] == 101 {
            index = utf8.index(after: index)
            if index < utf8.endIndex, utf8[index] == 43 || utf8[index] == 45 { index = utf8.index(after: index) }
            var exponentDigits = 0
            while index < utf8.endIndex, utf8[index] >= 48, utf8[index] <= 57 { exponentDigits += 1; index = utf8.index(after: index) }
            guard exponentDigits > 0, exponentDigits <= 4 else { return nil }
        }
        guard index == utf8.endIndex else { return nil }
        return text.hasPrefix("+") ? String(text.dropFirst()) : text
    }

    /// Why `text` is not a `decimal`, with the expected form, for error messages.
    public static func decimalProblem(_ text: String) -> String {
        let expected = "expected plain digits with a . and an optional exponent, e.g. 1234.5, -0.25 or 9.984E-7"
        let reason: String
        if text.contains(where: { "$€£¥₹".contains($0) }) || text.range(of: #"^[A-Za-z]{3} ?[-+0-9.]|[0-9.] ?[A-Za-z]{3}$"#, options: .regularExpression) != nil {
            reason = "currency signs and codes are not allowed (the currency is BillingCurrency)"
        } else if text.contains(",") || text.contains("'") || text.contains("_") || (text.contains(" ") && text.contains(where: \.isNumber)) {
            reason = "thousands separators (and decimal commas) are not allowed"
        } else if text.filter(\.isNumber).drop(while: { $0 == "0" }).count > maxSignificantDigits
                    && text.allSatisfy({ "0123456789.-+eE".contains($0) }) {
            reason = "more than \(maxSignificantDigits) significant digits cannot be kept exactly"
        } else {
            reason = "not a number"
        }
        return "\(quote(text)) is not a decimal number: \(reason) (\(expected))"
    }

    /// A floating-point number (utilisation, bytes, counts): what `decimal` accepts, plus `NaN`.
    public static func double(_ text: String) -> Double? {
        if text == "NaN" { return .nan }
        guard decimal(text) != nil else { return nil }
        return Double(text)
    }

    /// A whole number, e.g. an interval in seconds.
    public static func integer(_ text: String) -> Int? { Int(text) }

    /// A JSON object (`{"team":"payments"}`); `{}` for an empty field. Returns the text when it is
    /// one valid JSON object, nil otherwise.
    public static func jsonObject(_ text: String) -> String? {
        if text.isEmpty { return "{}" }
        var validator = JSONValidator(Array(text.utf8))
        return validator.isSingleObject() ? text : nil
    }
}

extension FieldParsers {
    /// The value in quotes for an error message, shortened to 60 characters.
    public static func quote(_ text: String) -> String {
        "\"" + (text.count > 60 ? String(text.prefix(57)) + "..." : text) + "\""
    }
}
