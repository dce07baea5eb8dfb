import CostModel
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

    @Test func isoTimestampsAreUTCWithMicrosecondsOnlyWhenPresent() {
        #expect(CivilCalendar.isoTimestamp(Date(timeIntervalSince1970: 1_793_491_200)) == "2026-11-01T00:00:00Z")
        #expect(CivilCalendar.isoTimestamp(Date(timeIntervalSince1970: 1_793_536_507.5)) == "2026-11-01T12:35:07.500000Z")
        #expect(CivilCalendar.isoTimestamp(Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59Z")
    }
}
