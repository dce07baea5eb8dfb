import CivilTime
import CostModel
import Foundation

/// Calendar arithmetic in UTC on whole seconds since 1970, independent of the machine's time zone.
enum UTCClock {
    static let secondsPerDay: Int64 = 86_400

    static func floorMod(_ value: Int64, _ divisor: Int64) -> Int64 {
        let remainder = value % divisor
        return remainder < 0 ? remainder + divisor : remainder
    }

    static func seconds(_ date: Date) -> Int64 { Int64(date.timeIntervalSince1970.rounded(.down)) }
    static func date(_ seconds: Int64) -> Date { Date(timeIntervalSince1970: TimeInterval(seconds)) }

    /// Hour of the day, 0...23.
    static func hour(_ seconds: Int64) -> Int { Int(floorMod(seconds, secondsPerDay) / 3600) }

    /// ISO weekday, 1 = Monday ... 7 = Sunday (1970-01-01 was a Thursday).
    static func isoWeekday(_ seconds: Int64) -> Int {
        let day = (seconds - floorMod(seconds, secondsPerDay)) / secondsPerDay
        return Int(floorMod(day + 3, 7)) + 1
    }

    static func isWorkday(_ seconds: Int64) -> Bool { isoWeekday(seconds) <= 5 }

    /// Year, month and day of a UTC instant.
    static func civil(_ seconds: Int64) -> (year: Int, month: Int, day: Int) {
        CivilCalendar.date(days: (seconds - floorMod(seconds, secondsPerDay)) / secondsPerDay)
    }

    /// Seconds of UTC midnight of a civil date.
    static func midnight(year: Int, month: Int, day: Int) -> Int64 {
        CivilCalendar.days(year: year, month: month, day: day) * secondsPerDay
    }

    /// The calendar month containing `seconds`: its first instant, its exclusive end, its number of
    /// days and its `YYYY-MM` label.
    static func month(containing seconds: Int64) -> CalendarMonth {
        let (year, month, _) = civil(seconds)
        let start = midnight(year: year, month: month, day: 1)
        let end = month == 12
            ? midnight(year: year + 1, month: 1, day: 1) : midnight(year: year, month: month + 1, day: 1)
        let label = CivilCalendar.pad(year, 4) + "-" + CivilCalendar.pad(month)
        return CalendarMonth(start: start, end: end, days: Int((end - start) / secondsPerDay), label: label)
    }
}

/// One calendar month in UTC.
struct CalendarMonth: Sendable, Hashable {
    /// First instant, seconds since 1970.
    var start: Int64
    /// Exclusive end, seconds since 1970.
    var end: Int64
    var days: Int
    /// `YYYY-MM`.
    var label: String
}
