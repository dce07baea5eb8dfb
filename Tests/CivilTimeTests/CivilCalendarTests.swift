import CivilTime
import Foundation
import Testing

@Suite("UTC civil calendar")
struct CivilCalendarTests {
    @Test func daysAndDatesRoundTripAcrossLeapYearsAndBeforeTheEpoch() {
        #expect(CivilCalendar.days(year: 1970, month: 1, day: 1) == 0)
        #expect(CivilCalendar.days(year: 2000, month: 3, day: 1) == 11_017)
        #expect(CivilCalendar.date(days: -1) == (1969, 12, 31))
        #expect(CivilCalendar.date(days: CivilCalendar.days(year: 2024, month: 2, day: 29)) == (2024, 2, 29))
        for day in Int64(-800_000)...Int64(800_000) where day % 97 == 0 {
            let (year, month, dayOfMonth) = CivilCalendar.date(days: day)
            #expect(CivilCalendar.days(year: year, month: month, day: dayOfMonth) == day)
        }
    }

    @Test func monthsAndDaysInUTC() {
        #expect(CivilCalendar.daysIn(month: 2, year: 2024) == 29)
        #expect(CivilCalendar.daysIn(month: 2, year: 1900) == 28)
        #expect(CivilCalendar.daysIn(month: 2, year: 2000) == 29)
        #expect(CivilCalendar.daysIn(month: 11, year: 2026) == 30)
        #expect(!CivilCalendar.isValid(year: 2026, month: 2, day: 29))
        #expect(!CivilCalendar.isValid(year: 2026, month: 13, day: 1))
        let lateOnTheThirtieth = Date(timeIntervalSince1970: 1_796_083_199)  // 2026-11-30T23:59:59Z
        #expect(UTCText.day(CivilCalendar.startOfDay(lateOnTheThirtieth)) == "2026-11-30")
        #expect(UTCText.day(CivilCalendar.monthStart(of: lateOnTheThirtieth)) == "2026-11-01")
        #expect(CivilCalendar.daysInMonth(of: lateOnTheThirtieth) == 30)
        #expect(CivilCalendar.startOfDay(Date(timeIntervalSince1970: -1)) == Date(timeIntervalSince1970: -86_400))
        #expect(CivilCalendar.pad(7) == "07" && CivilCalendar.pad(2026, 4) == "2026" && CivilCalendar.pad(5, 6) == "000005")
    }
}

@Suite("UTC timestamp text")
struct UTCTextTests {
    @Test func writesDaysAndTimestampsInUTC() {
        #expect(UTCText.preciseTimestamp(Date(timeIntervalSince1970: 1_793_491_200)) == "2026-11-01T00:00:00Z")
        #expect(UTCText.preciseTimestamp(Date(timeIntervalSince1970: 1_793_536_507.5)) == "2026-11-01T12:35:07.500000Z")
        #expect(UTCText.preciseTimestamp(Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59Z")
        #expect(UTCText.timestamp(Date(timeIntervalSince1970: 1_793_536_507.5)) == "2026-11-01T12:35:07Z")
        #expect(UTCText.timestamp(Date(timeIntervalSince1970: -0.5)) == "1969-12-31T23:59:59Z")
        #expect(UTCText.day(Date(timeIntervalSince1970: 86_399)) == "1970-01-01")
        #expect(UTCText.day(Date(timeIntervalSince1970: -1)) == "1969-12-31")
    }

    @Test func parsesStrictDays() {
        #expect(UTCText.parseDay("2026-11-01") == Date(timeIntervalSince1970: 1_793_491_200))
        for bad in ["2026-02-29", "2026-13-01", "2026-1-01", "26-11-01", "2026-11-01T00:00:00Z", "+026-11-01", ""] {
            #expect(UTCText.parseDay(bad) == nil, "\(bad)")
        }
    }

    @Test(arguments: [
        ("2026-11-01", 1_793_491_200.0),
        ("2026-11-01 13:45:07+00", 1_793_540_707),
        ("2026-11-01T13:45:07Z", 1_793_540_707),
        ("2026-11-01t13:45:07z", 1_793_540_707),
        ("2026-11-01 13:45:07.25+00", 1_793_540_707.25),
        ("2026-11-01 19:15:07+05:30", 1_793_540_707),
        ("2026-11-01T05:45:07-0800", 1_793_540_707),
        ("2026-11-01 05:45:07-08", 1_793_540_707),
        ("2026-11-01 13:45:22+00:00:15", 1_793_540_707),
    ])
    func parsesPostgresAndRFC3339Timestamps(text: String, seconds: Double) {
        #expect(UTCText.parseTimestamp(text) == Date(timeIntervalSince1970: seconds))
    }

    @Test(arguments: ["2026-11-01 25:00:00", "2026-02-30", "2026-11-01 13:45:07.", "2026-11-01 13:45:07+", "2026-11-01X13:45",
                      "2026-11-01 13:45:07Z+00", "infinity", "2026-11-01 13:45:07+16", "2026-11-01 13:45:07 BC",
                      "2026-11-01T13:45Z", "2026-11-01 13:45"])
    func rejectsWhatIsNotATimestamp(text: String) {
        #expect(UTCText.parseTimestamp(text) == nil)
    }

    @Test func microsecondTextRoundTrips() {
        let instant = Date(timeIntervalSince1970: 1_793_540_707.123456)
        let parsed = UTCText.parseTimestamp(UTCText.preciseTimestamp(instant))!
        #expect(abs(parsed.timeIntervalSince(instant)) < 0.000_001)
    }
}
