import CivilTime
import Foundation

/// Day arithmetic on UTC midnights (`CivilCalendar`: no locale, no local time zone).
enum UTCDays {
    static let secondsPerDay: TimeInterval = 86_400

    /// The UTC midnight on or before `date`.
    static func startOfDay(_ date: Date) -> Date { CivilCalendar.startOfDay(date) }

    /// The start of the UTC hour holding `date`.
    static func startOfHour(_ date: Date) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 / 3600).rounded(.down) * 3600)
    }

    /// `date` shifted by whole days.
    static func adding(days: Int, to date: Date) -> Date {
        date.addingTimeInterval(TimeInterval(days) * secondsPerDay)
    }

    /// Whole days from `start` to `end` (UTC midnights), rounded to the nearest day.
    static func days(from start: Date, to end: Date) -> Int {
        Int((end.timeIntervalSince(start) / secondsPerDay).rounded())
    }

    /// UTC midnight of the 1st of `date`'s month.
    static func monthStart(of date: Date) -> Date {
        CivilCalendar.monthStart(of: date)
    }

    /// Number of days in `date`'s month.
    static func daysInMonth(of date: Date) -> Int {
        CivilCalendar.daysInMonth(of: date)
    }
}
