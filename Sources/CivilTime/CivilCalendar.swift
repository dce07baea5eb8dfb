import Foundation

/// UTC calendar arithmetic on the proleptic Gregorian calendar (Howard Hinnant's algorithms),
/// independent of the machine's time zone and locale, without Foundation calendars or formatters.
/// The one home of UTC dates for every target (Postgres included); `UTCText` writes and reads
/// their text.
public enum CivilCalendar {
    /// Seconds in a UTC day.
    public static let secondsPerDay: Int64 = 86_400

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

    /// Number of days of `month` (1...12) in `year`.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Whether `year-month-day` names a real day (month 1...12, day within the month).
    public static func isValid(year: Int, month: Int, day: Int) -> Bool {
        (1...12).contains(month) && day >= 1 && day <= daysIn(month: month, year: year)
    }

    /// Whole days from 1970-01-01 to the UTC day holding `date` (rounded down).
    public static func dayNumber(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 / Double(secondsPerDay)).rounded(.down))
    }

    /// UTC midnight of a day counted from 1970-01-01.
    public static func midnight(days: Int64) -> Date {
        Date(timeIntervalSince1970: TimeInterval(days * secondsPerDay))
    }

    /// UTC midnight of a civil date.
    public static func midnight(year: Int, month: Int, day: Int) -> Date {
        midnight(days: days(year: year, month: month, day: day))
    }

    /// The UTC midnight on or before `date`.
    public static func startOfDay(_ date: Date) -> Date { midnight(days: dayNumber(date)) }

    /// UTC midnight of the 1st of the month holding `date`.
    public static func monthStart(of date: Date) -> Date {
        let (year, month, _) = self.date(days: dayNumber(date))
        return midnight(year: year, month: month, day: 1)
    }

    /// Number of days of the UTC month holding `date`.
    public static func daysInMonth(of date: Date) -> Int {
        let (year, month, _) = self.date(days: dayNumber(date))
        return daysIn(month: month, year: year)
    }

    /// Hour, minute and second of the UTC day holding `date` (a fraction of a second dropped).
    public static func timeOfDay(_ date: Date) -> (hour: Int, minute: Int, second: Int) {
        let seconds = Int(Int64(date.timeIntervalSince1970.rounded(.down)) - dayNumber(date) * secondsPerDay)
        return (seconds / 3600, seconds % 3600 / 60, seconds % 60)
    }

    /// `value` with leading zeros up to `width` digits.
    public static func pad(_ value: Int, _ width: Int = 2) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
