import Foundation
import Testing
@testable import Reports

@Suite struct HTMLDisplayFormatTests {
    static func decimal(_ text: String) -> Decimal { Decimal(string: text)! }

    @Test(arguments: [
        ("12345.67", "USD", "12,345.67 USD"),
        ("-0.5", "USD", "-0.50 USD"),
        ("1234.5", "JPY", "1,235 JPY"),
        ("-1234.5", "JPY", "-1,235 JPY"),
        ("0", "EUR", "0.00 EUR"),
        ("-0.004", "USD", "0.00 USD"),
        ("0.005", "USD", "0.01 USD"),
        ("999.995", "USD", "1,000.00 USD"),
        ("1234567890123456789.12", "USD", "1,234,567,890,123,456,789.12 USD"),
        ("1.2345", "KWD", "1.235 KWD"),
        ("100", "USD", "100.00 USD"),
        ("1000", "USD", "1,000.00 USD"),
    ])
    func money(amount: String, currency: String, expected: String) {
        #expect(DisplayFormat.money(Self.decimal(amount), currency: currency) == expected)
    }

    @Test func signedMoneyShowsPlusForGainsOnly() {
        #expect(DisplayFormat.money(Self.decimal("12"), currency: "USD", signed: true) == "+12.00 USD")
        #expect(DisplayFormat.money(Self.decimal("-12"), currency: "USD", signed: true) == "-12.00 USD")
        #expect(DisplayFormat.money(0, currency: "USD", signed: true) == "0.00 USD")
    }

    @Test func moneyIsExactBeyondDoublePrecision() {
        // 0.1 + 0.2 in Double is 0.30000000000000004; Decimal keeps it exact.
        let sum = Self.decimal("0.1") + Self.decimal("0.2") + Self.decimal("9007199254740993")
        #expect(DisplayFormat.money(sum, currency: "USD") == "9,007,199,254,740,993.30 USD")
    }

    @Test func numbersAndIntegers() {
        #expect(DisplayFormat.number(Self.decimal("1234567.891"), fractionDigits: 2) == "1,234,567.89")
        #expect(DisplayFormat.number(Self.decimal("-999")) == "-999")
        #expect(DisplayFormat.integer(5000) == "5,000")
        #expect(DisplayFormat.integer(-1_000_000) == "-1,000,000")
    }

    @Test func percentages() {
        #expect(DisplayFormat.percent(Self.decimal("0.1234")) == "12.3%")
        #expect(DisplayFormat.percent(Self.decimal("-0.05"), fractionDigits: 0) == "-5%")
        #expect(DisplayFormat.percent(0.875 as Double, fractionDigits: 0) == "88%")
        #expect(DisplayFormat.percent(Double.nan) == "–")
        #expect(DisplayFormat.percent(Self.decimal("0.1"), signed: true) == "+10.0%")
    }

    @Test func datesAreISOAndZoneExplicit() {
        let date = Date(timeIntervalSince1970: 1_793_500_200) // 2026-11-01 02:30:00 UTC
        #expect(DisplayFormat.date(date) == "2026-11-01")
        #expect(DisplayFormat.dateTime(date) == "2026-11-01 02:30 UTC")
        let berlin = TimeZone(identifier: "Europe/Berlin")!
        #expect(DisplayFormat.dateTime(date, timeZone: berlin) == "2026-11-01 03:30 +01:00")
        let newYork = TimeZone(identifier: "America/New_York")!
        #expect(DisplayFormat.date(date, timeZone: newYork) == "2026-10-31")
        #expect(DisplayFormat.dateTime(date, timeZone: TimeZone(secondsFromGMT: -(3 * 3600 + 1800))!) == "2026-10-31 23:00 -03:30")
    }

    @Test func axisTicksShareOneStyle() {
        #expect(DisplayFormat.axisTicks([-5000, 0, 5000, 10000, 15000]) == ["-5k", "0", "5k", "10k", "15k"])
        #expect(DisplayFormat.axisTicks([0, 250, 500]) == ["0", "250", "500"])
        #expect(DisplayFormat.axisTicks([0, Self.decimal("0.25"), Self.decimal("0.5")]) == ["0", "0.25", "0.5"])
        #expect(DisplayFormat.axisTicks([0, 250_000, 2_500_000]) == ["0", "0.25M", "2.5M"])
        #expect(DisplayFormat.axisTicks([0, 2500, 5000]) == ["0", "2,500", "5,000"])
    }
}
