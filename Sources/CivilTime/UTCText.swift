import Foundation

/// UTC date and timestamp text (ISO 8601 / RFC 3339 and PostgreSQL's ISO output), written and
/// read without Foundation formatters (locale-independent, fast).
public enum UTCText {
    /// `2026-11-01` (the UTC day holding `date`).
    public static func day(_ date: Date) -> String {
        let (year, month, day) = CivilCalendar.date(days: CivilCalendar.dayNumber(date))
        return dayText(year: year, month: month, day: day)
    }

    /// `2026-11-01T13:45:07Z`: to the whole second (a fraction is dropped).
    public static func timestamp(_ date: Date) -> String {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        return timestampText(seconds: seconds, micros: 0)
    }

    /// `2026-11-01T13:45:07Z`, with `.ffffff` microseconds only when the instant has them (the
    /// text PostgreSQL parameters and COPY read exactly).
    public static func preciseTimestamp(_ date: Date) -> String {
        let totalMicros = (date.timeIntervalSince1970 * 1_000_000).rounded()
        let seconds = Int64((totalMicros / 1_000_000).rounded(.down))
        return timestampText(seconds: seconds, micros: Int(totalMicros - Double(seconds) * 1_000_000))
    }

    /// UTC midnight of a strict `YYYY-MM-DD` (a real day); nil for anything else.
    public static func parseDay(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count == 10 else { return nil }
        return bytes.withUnsafeBufferPointer { buffer in
            var scanner = Scanner(buffer)
            guard let (year, month, day) = scanner.date(), scanner.atEnd else { return nil }
            return CivilCalendar.midnight(year: year, month: month, day: day)
        }
    }

    /// Parses `2026-11-01`, `2026-11-01 13:45:07.123456+00`, `2026-11-01T13:45:07Z`,
    /// `...+05:30`, `...-0800`, `...-08` or `...+05:30:15` (PostgreSQL's ISO DateStyle output and
    /// RFC 3339; a time always has its seconds). A time without offset is UTC. Returns nil for
    /// anything else (an impossible date or time included).
    public static func parseTimestamp(_ text: UnsafeBufferPointer<UInt8>) -> Date? {
        var scanner = Scanner(text)
        guard let (year, month, day) = scanner.date() else { return nil }
        var seconds = Double(CivilCalendar.days(year: year, month: month, day: day)) * 86_400
        if scanner.atEnd { return Date(timeIntervalSince1970: seconds) }
        guard scanner.take(84) || scanner.take(116) || scanner.take(32),  // T, t or space
              let hour = scanner.number(2), hour <= 23, scanner.take(58), let minute = scanner.number(2), minute <= 59,
              scanner.take(58), let second = scanner.number(2), second <= 60
        else { return nil }
        seconds += Double(hour * 3600 + minute * 60 + second)
        if scanner.take(46) {  // fractional seconds
            var scale = 0.1
            var digits = 0
            while let digit = scanner.digit() {
                seconds += Double(digit) * scale
                scale /= 10
                digits += 1
            }
            guard digits > 0 else { return nil }
        }
        if scanner.take(90) || scanner.take(122) {  // Z, z
            return scanner.atEnd ? Date(timeIntervalSince1970: seconds) : nil
        }
        if !scanner.atEnd {
            guard let sign = scanner.sign(), let offset = scanner.offsetSeconds() else { return nil }
            seconds -= sign * Double(offset)
        }
        return scanner.atEnd ? Date(timeIntervalSince1970: seconds) : nil
    }

    /// `parseTimestamp` of a String.
    public static func parseTimestamp(_ text: String) -> Date? {
        var copy = text
        return copy.withUTF8 { parseTimestamp($0) }
    }

    /// `2026-11-01`.
    public static func dayText(year: Int, month: Int, day: Int) -> String {
        CivilCalendar.pad(year, 4) + "-" + CivilCalendar.pad(month) + "-" + CivilCalendar.pad(day)
    }

    private static func timestampText(seconds total: Int64, micros: Int) -> String {
        let days = total >= 0 ? total / CivilCalendar.secondsPerDay : (total - CivilCalendar.secondsPerDay + 1) / CivilCalendar.secondsPerDay
        let seconds = Int(total - days * CivilCalendar.secondsPerDay)
        let (year, month, day) = CivilCalendar.date(days: days)
        let pad = CivilCalendar.pad
        var text = dayText(year: year, month: month, day: day) + "T"
        text += pad(seconds / 3600, 2) + ":" + pad(seconds % 3600 / 60, 2) + ":" + pad(seconds % 60, 2)
        if micros != 0 { text += "." + pad(micros, 6) }
        return text + "Z"
    }

    /// A cursor over ASCII bytes.
    private struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        var atEnd: Bool { index == bytes.count }

        mutating func take(_ byte: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        mutating func digit() -> Int? {
            guard index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 else { return nil }
            index += 1
            return Int(bytes[index - 1] - 48)
        }

        /// Exactly `count` digits.
        mutating func number(_ count: Int) -> Int? {
            guard index + count <= bytes.count else { return nil }
            let start = index
            var value = 0
            for _ in 0..<count {
                guard let digit = digit() else { index = start; return nil }
                value = value * 10 + digit
            }
            return value
        }

        /// `YYYY-MM-DD` naming a real day.
        mutating func date() -> (Int, Int, Int)? {
            guard let year = number(4), take(45), let month = number(2), take(45), let day = number(2),
                  CivilCalendar.isValid(year: year, month: month, day: day) else { return nil }
            return (year, month, day)
        }

        /// `+` is 1, `-` is -1.
        mutating func sign() -> Double? {
            if take(43) { return 1 }
            if take(45) { return -1 }
            return nil
        }

        /// `HH`, `HH:MM`, `HHMM` or `HH:MM:SS` after the sign.
        mutating func offsetSeconds() -> Int? {
            guard let hours = number(2), hours <= 15 else { return nil }
            var offset = hours * 3600
            if take(58) {
                guard let minutes = number(2), minutes <= 59 else { return nil }
                offset += minutes * 60
                if take(58) {
                    guard let seconds = number(2), seconds <= 59 else { return nil }
                    offset += seconds
                }
            } else if !atEnd {
                guard let minutes = number(2), minutes <= 59 else { return nil }
                offset += minutes * 60
            }
            return offset
        }
    }
}
