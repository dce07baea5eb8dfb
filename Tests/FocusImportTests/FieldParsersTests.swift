import CSVParsing
import Testing

@Suite struct FieldParsersTests {
    @Test(arguments: [
        ("2024-01-01T00:00:00Z", "2024-01-01 00:00:00+00:00"),
        ("2024-01-01 13:45:07", "2024-01-01 13:45:07+00:00"),
        ("2024-01-01T13:45:07.123456Z", "2024-01-01 13:45:07.123456+00:00"),
        ("2024-02-29T08:00:00+05:30", "2024-02-29 08:00:00+05:30"),
        ("2024-01-01T00:00:00-0800", "2024-01-01 00:00:00-08:00"),
        ("2024-01-01T00:00:00-08", "2024-01-01 00:00:00-08:00"),
        ("2024-01-01T00:00Z", "2024-01-01 00:00:00+00:00"),
        ("2024-01-01", "2024-01-01 00:00:00+00:00"),
    ])
    func timestampsAreNormalised(input: String, expected: String) {
        #expect(FieldParsers.timestamp(input) == expected)
    }

    @Test(arguments: ["2023-02-29T00:00:00Z", "2024-13-01", "2024-01-01T24:00:00Z", "01/02/2024", "2024-01-01T00:00:00Q", "2024-01-01T", ""])
    func badTimestampsAreRejected(input: String) {
        #expect(FieldParsers.timestamp(input) == nil)
    }

    @Test func decimalsAreKeptDigitForDigit() {
        // Up to 38 significant digits (what Decimal sums exactly); leading and trailing zeros do not count.
        #expect(FieldParsers.decimal("0.00012345678901234567890123456789012345678000") == "0.00012345678901234567890123456789012345678000")
        #expect(FieldParsers.decimal("0.12345678901234567890123456789012345678901") == nil)
        #expect(FieldParsers.decimal("+1.5") == "1.5")
        #expect(FieldParsers.decimal("-.25") == "-.25")
        #expect(FieldParsers.decimal("1.5E-7") == "1.5E-7")
        for bad in ["", "1,5", "$3", "1.2.3", "e5", "NaN", "1e", "12 "] { #expect(FieldParsers.decimal(bad) == nil, "\(bad)") }
    }

    @Test func tagsMustBeOneJSONObject() {
        #expect(FieldParsers.jsonObject("") == "{}")
        #expect(FieldParsers.jsonObject(#"{"team":"payments","n":[1,2.5e3,true,null],"o":{"x":"\u00e9"}}"#) != nil)
        for bad in [#"{"team":}"#, "[]", #""x""#, "{", #"{"a":1}x"#, #"{'a':1}"#, #"{"a":01}"#] {
            #expect(FieldParsers.jsonObject(bad) == nil, "\(bad)")
        }
    }
}
