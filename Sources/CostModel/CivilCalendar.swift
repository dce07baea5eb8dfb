import Foundation

/// UTC calendar arithmetic on the proleptic Gregorian calendar (Howard Hinnant's algorithms),
/// independent of the machine's time zone and locale, without Foundation calendars or formatters.
/// (The Postgres target keeps its own copy in `Timestamp`: it sits below CostModel.)
public enum CivilCalendar {
    /// Days since 1970-01-01 of a date (days_from_civil).
    public static func days(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let m = Int64(month)
        let dayOfYear = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date of a day counted from 1970-01-01 (civil_from_days).
    public static func date(days: Int64) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthPrime = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthPrime + 2) / 5 + 1
        let month = monthPrime < 10 ? monthPrime + 3 : monthPrime - 9
        return (Int(yearOfEra + era * 400 + (month <= 2 ? 1 : 0)), Int(month), Int(day))
    }

    /// `2026-11-01T13:45:07Z`, with `.ffffff` microseconds only when the instant has them.
    public static func isoTimestamp(_ date: Date) -> String {
        let totalMicros = (date.timeIntervalSince1970 * 1_000_000).rounded()
        var seconds = Int64((totalMicros / 1_000_000).rounded(.down))
        let micros = Int(totalMicros - Double(seconds) * 1_000_000)
        let days = Int64((Double(seconds) / 86_400).rounded(.down))
        seconds -= days * 86_400
        let (year, month, day) = self.date(days: days)
        var text = pad(year, 4) + "-" + pad(month) + "-" + pad(day) + "T"
        text += pad(Int(seconds / 3600)) + ":" + pad(Int(seconds % 3600 / 60)) + ":" + pad(Int(seconds % 60))
        if micros != 0 { text += "." + pad(micros, 6) }
        return text + "Z"
    }

    /// `value` with leading zeros up to `width` digits.
    public static func pad(_ value: Int, _ width: Int = 2) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
