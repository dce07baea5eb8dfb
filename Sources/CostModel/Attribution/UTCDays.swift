import Foundation

/// Day arithmetic on UTC midnights with a Gregorian calendar (no locale, no local time zone).
enum UTCDays {
    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    static let secondsPerDay: TimeInterval = 86_400

    /// The UTC midnight on or before `date`.
    static func startOfDay(_ date: Date) -> Date { calendar.startOfDay(for: date) }

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
        let parts = calendar.dateComponents([.year, .month], from: date)
        return calendar.date(from: parts)!
    }

    /// Number of days in `date`'s month.
    static func daysInMonth(of date: Date) -> Int {
        calendar.range(of: .day, in: .month, for: date)!.count
    }
}
