import CivilTime
import CostModel
import Foundation

/// Numbers, money, percentages and dates for people to read (the HTML report), not for files.
///
/// Locale independent and deterministic: `,` groups thousands, `.` is the decimal point, `-` is
/// the minus sign, dates are ISO 8601. Money stays `Decimal` from input to text.
public enum DisplayFormat {
    /// `amount` rounded half away from zero to the currency's minor unit, grouped in thousands,
    /// followed by the currency code: `"12,345.67 USD"`, `"-0.50 USD"`, `"1,235 JPY"`.
    /// With `signed: true` positive amounts get a `+` (for changes): `"+12.00 USD"`.
    public static func money(_ amount: Decimal, currency: String, signed: Bool = false) -> String {
        let digits = Money.minorUnitDigits(currency)
        return number(amount, fractionDigits: digits, signed: signed) + " " + currency
    }

    /// `value` rounded half away from zero to exactly `fractionDigits` digits after the point,
    /// grouped in thousands: `number(1234567.891, fractionDigits: 2)` is `"1,234,567.89"`.
    /// A value that rounds to zero never shows a minus sign. With `signed: true` positive values
    /// get a `+`.
    public static func number(_ value: Decimal, fractionDigits: Int = 0, signed: Bool = false) -> String {
        let digits = max(0, fractionDigits)
        let plain = Money.plain(value, scale: digits)
        var unsigned = Substring(plain)
        var isNegative = false
        if unsigned.first == "-" {
            isNegative = true
            unsigned = unsigned.dropFirst()
        }
        let integerPart: Substring
        let fractionPart: Substring
        if let dot = unsigned.firstIndex(of: ".") {
            integerPart = unsigned[..<dot]
            fractionPart = unsigned[unsigned.index(after: dot)...]
        } else {
            integerPart = unsigned
            fractionPart = ""
        }
        let isZero = integerPart.allSatisfy { $0 == "0" } && fractionPart.allSatisfy { $0 == "0" }
        var text = grouped(integerPart.isEmpty ? "0" : integerPart)
        if digits > 0 { text += "." + fractionPart }
        if isZero { return text }
        if isNegative { return "-" + text }
        return signed ? "+" + text : text
    }

    /// An integer grouped in thousands: `"5,000"`.
    public static func integer(_ value: Int) -> String {
        number(Decimal(value))
    }

    /// A fraction shown as a percentage: `percent(0.1234)` is `"12.3%"`, `percent(-0.05, fractionDigits: 0)`
    /// is `"-5%"`. Default: one digit after the point.
    public static func percent(_ fraction: Decimal, fractionDigits: Int = 1, signed: Bool = false) -> String {
        number(fraction * 100, fractionDigits: fractionDigits, signed: signed) + "%"
    }

    /// A fraction given as `Double` (utilisation) shown as a percentage, as `percent(_: Decimal…)`.
    /// Not a number or infinite values show as `"–"`.
    public static func percent(_ fraction: Double, fractionDigits: Int = 1, signed: Bool = false) -> String {
        guard fraction.isFinite else { return "–" }
        return percent(Decimal(fraction), fractionDigits: fractionDigits, signed: signed)
    }

    /// The calendar date of `date` in `timeZone` (default UTC), ISO 8601: `"2026-11-01"`.
    public static func date(_ date: Date, timeZone: TimeZone = utc) -> String {
        UTCText.day(wallClock(date, timeZone))
    }

    /// Date and time to the minute in `timeZone` (default UTC) with the zone's offset:
    /// `"2026-11-01 02:30 UTC"` when the offset is zero, `"2026-11-01 03:30 +01:00"` otherwise.
    public static func dateTime(_ date: Date, timeZone: TimeZone = utc) -> String {
        let local = wallClock(date, timeZone)
        let (hour, minute, _) = CivilCalendar.timeOfDay(local)
        let day = UTCText.day(local)
        let time = CivilCalendar.pad(hour) + ":" + CivilCalendar.pad(minute)
        let offsetSeconds = timeZone.secondsFromGMT(for: date)
        if offsetSeconds == 0 { return "\(day) \(time) UTC" }
        let sign = offsetSeconds < 0 ? "-" : "+"
        let minutes = abs(offsetSeconds) / 60
        return "\(day) \(time) \(sign)\(CivilCalendar.pad(minutes / 60)):\(CivilCalendar.pad(minutes % 60))"
    }

    /// Coordinated Universal Time.
    public static let utc = TimeZone(identifier: "UTC")!

    /// Short labels for the ticks of one axis, all in the same style chosen by the largest
    /// magnitude: grouped digits below 10,000 (`"2,500"`, `"0.5"`), else thousands with `k`
    /// (`"25k"`), from a million with `M` (`"1.5M"`). At most two digits after the point,
    /// trailing zeros dropped; zero is always `"0"`.
    public static func axisTicks(_ values: [Decimal]) -> [String] {
        let largest = values.map { abs($0) }.max() ?? 0
        let (divisor, suffix, digits): (Decimal, String, Int) =
            largest >= 1_000_000 ? (1_000_000, "M", 2) : largest >= 10_000 ? (1_000, "k", 2) : (1, "", 2)
        return values.map { value in
            if value == 0 { return "0" }
            var text = number(value / divisor, fractionDigits: digits)
            while text.contains(".") && text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
            return text + suffix
        }
    }

    /// The wall-clock time of `date` in `timeZone`, as the UTC instant that reads the same (for
    /// the UTC calendar of `CivilTime`).
    static func wallClock(_ date: Date, _ timeZone: TimeZone) -> Date {
        date.addingTimeInterval(TimeInterval(timeZone.secondsFromGMT(for: date)))
    }

    /// Inserts `,` between groups of three digits.
    static func grouped(_ digits: Substring) -> String {
        var result = ""
        let count = digits.count
        for (offset, character) in digits.enumerated() {
            if offset > 0 && (count - offset) % 3 == 0 { result += "," }
            result.append(character)
        }
        return result
    }
}
