import Foundation

/// Parses and formats PostgreSQL `timestamptz` text (ISO DateStyle), without Foundation
/// formatters (which are locale-dependent and slow).
public enum Timestamp {
    /// Parses `2026-11-01 13:45:07.123456+00`, `...+05:30`, `...-08`, or a date `2026-11-01`.
    static func parse(_ text: UnsafeBufferPointer<UInt8>) -> Date? {
        var index = 0
        func number(_ digits: Int) -> Int? {
            guard index + digits <= text.count else { return nil }
            var value = 0
            for _ in 0..<digits {
                let byte = text[index]
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
                index += 1
            }
            return value
        }
        func expect(_ byte: UInt8) -> Bool {
            guard index < text.count, text[index] == byte else { return false }
            index += 1
            return true
        }
        guard let year = number(4), expect(45), let month = number(2), expect(45), let day = number(2) else { return nil }
        var seconds = Double(daysFromCivil(year: year, month: month, day: day)) * 86_400
        if index == text.count { return Date(timeIntervalSince1970: seconds) }
        guard expect(32) || expect(84), let hour = number(2), expect(58), let minute = number(2), expect(58),
              let second = number(2) else { return nil }
        seconds += Double(hour * 3600 + minute * 60 + second)
        if index < text.count, text[index] == 46 {  // fractional seconds
            index += 1
            var scale = 0.1
            while index < text.count, text[index] >= 48, text[index] <= 57 {
                seconds += Double(text[index] - 48) * scale
                scale /= 10
                index += 1
            }
        }
        if index < text.count {
            let sign: Double
            switch text[index] {
            case 43: sign = 1
            case 45: sign = -1
            case 90: return index + 1 == text.count ? Date(timeIntervalSince1970: seconds) : nil
            default: return nil
            }
            index += 1
            guard let offsetHours = number(2) else { return nil }
            var offset = offsetHours * 3600
            if expect(58) { guard let minutes = number(2) else { return nil }; offset += minutes * 60 }
            if expect(58) { guard let secs = number(2) else { return nil }; offset += secs }
            seconds -= sign * Double(offset)
        }
        guard index == text.count else { return nil }
        return Date(timeIntervalSince1970: seconds)
    }

    static func parse(_ text: String) -> Date? {
        var copy = text
        return copy.withUTF8 { parse($0) }
    }

    /// Parses `2026-11-01` (or a full timestamp) as UTC.
    public static func parseDay(_ text: String) -> Date? { parse(text) }

    /// Text for COPY and parameters: `2026-11-01T13:45:07Z`.
    public static func copyText(_ date: Date) -> String { format(date) }

    /// `2026-11-01T13:45:07.123456Z` (UTC, microseconds only when needed).
    static func format(_ date: Date) -> String {
        let totalMicros = (date.timeIntervalSince1970 * 1_000_000).rounded()
        var seconds = Int((totalMicros / 1_000_000).rounded(.down))
        let micros = Int(totalMicros - Double(seconds) * 1_000_000)
        let days = Int((Double(seconds) / 86_400).rounded(.down))
        seconds -= days * 86_400
        let (year, month, day) = civilFromDays(days)
        var text = pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + "T"
        text += pad(seconds / 3600, 2) + ":" + pad(seconds % 3600 / 60, 2) + ":" + pad(seconds % 60, 2)
        if micros != 0 { text += "." + pad(micros, 6) }
        return text + "Z"
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civilFromDays(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
