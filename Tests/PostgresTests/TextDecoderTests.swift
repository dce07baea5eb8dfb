import CivilTime
import Foundation
import Postgres
import Testing

/// The libpq text decoders, without a server: the text PostgreSQL sends (ISO DateStyle, UTC
/// session) decoded into Swift values, and the texts that must not decode.
@Suite("Text decoders")
struct TextDecoderTests {
    static func decoded<T: PostgresDecodable>(_ type: T.Type, _ text: String) -> T? {
        var copy = text
        return copy.withUTF8 { T.decode(text: $0) }
    }

    /// 2026-11-01T13:45:07Z in seconds since 1970.
    static let reference: TimeInterval = 1_793_540_707

    static let timestampTexts: [(String, TimeInterval)] = [
        ("2026-11-01 13:45:07+00", reference),
        ("2026-11-01 13:45:07Z", reference),
        ("2026-11-01T13:45:07+00", reference),
        ("2026-11-01 19:15:07+05:30", reference),
        ("2026-11-01 05:45:07-08", reference),
        ("2026-11-01 13:45:07.25+00", reference + 0.25),
        ("2026-11-01", 1_793_491_200),
        ("1970-01-01 00:00:00+00", 0),
        ("2024-02-29 00:00:00+00", 1_709_164_800),
        ("1969-12-31 23:59:59+00", -1),
    ]

    @Test(arguments: timestampTexts)
    func timestamps(text: String, seconds: TimeInterval) throws {
        let date = try #require(Self.decoded(Date.self, text), "\(text)")
        #expect(abs(date.timeIntervalSince1970 - seconds) < 1e-6, "\(text)")
    }

    @Test func byteaInHex() {
        #expect(Self.decoded(Bytea.self, "\\x") == Bytea(bytes: []))
        #expect(Self.decoded(Bytea.self, "\\x00fFa07B") == Bytea(bytes: [0, 255, 160, 123]))
        for text in ["", "\\", "x00", "\\x0", "\\x0g", "\\000", "\\x00 1"] {
            #expect(Self.decoded(Bytea.self, text) == nil, "\(text)")
        }
    }

    @Test func numberArrays() {
        #expect(Self.decoded([Int].self, "{}") == [])
        #expect(Self.decoded([Int].self, "{7}") == [7])
        #expect(Self.decoded([Int].self, "{1,-2,30000,9223372036854775807}") == [1, -2, 30_000, Int.max])
        for text in ["", "{", "1,2", "{1,}", "{,1}", "{1,,2}", "{NULL}", "{1, 2}", "{{1,2}}", "{9223372036854775808}"] {
            #expect(Self.decoded([Int].self, text) == nil, "\(text)")
        }
        #expect(Self.decoded([Double].self, "{0.25,-1e-05,3,Infinity}") == [0.25, -0.00001, 3, .infinity])
        #expect(Self.decoded([Double].self, "{0.25,NULL}") == nil)
    }

    @Test(arguments: ["", "2026-11", "2026-11-01 13:45", "2026-11-01 13:45:07+", "2026-11-01 13:45:07 UTC",
                      "26-11-01", "2026-11-01 13:45:07+00 trailing", "yesterday"])
    func textsThatAreNotTimestamps(text: String) {
        #expect(Self.decoded(Date.self, text) == nil, "\(text)")
    }

    @Test func timestampTextForCopyIsUTCWithMicrosecondsOnlyWhenNeeded() {
        #expect(UTCText.preciseTimestamp(Date(timeIntervalSince1970: Self.reference)) == "2026-11-01T13:45:07Z")
        #expect(UTCText.preciseTimestamp(Date(timeIntervalSince1970: Self.reference + 0.5)) == "2026-11-01T13:45:07.500000Z")
        #expect(UTCText.preciseTimestamp(Date(timeIntervalSince1970: -86_400)) == "1969-12-31T00:00:00Z")
        #expect(UTCText.parseDay("2026-11-01")?.timeIntervalSince1970 == 1_793_491_200)
    }

    static let numericTexts: [(String, String)] = [
        ("0", "0"), ("12.50", "12.5"), ("-0.001", "-0.001"), ("+7", "7"), ("123456789012345678", "123456789012345678"),
        ("1234567890123456789.123", "1234567890123456789.123"), ("1.5e3", "1500"), ("100.000", "100"),
        ("99999999999999999999999999999999999999", "99999999999999999999999999999999999999"),
    ]

    @Test(arguments: numericTexts)
    func numerics(text: String, expected: String) throws {
        let value = try #require(Self.decoded(Decimal.self, text), "\(text)")
        #expect(value == Decimal(string: expected, locale: Locale(identifier: "en_US_POSIX")), "\(text)")
    }

    @Test(arguments: ["", "NaN", "1,5", "12.3.4", "abc", "-", "1234567890123456789012345678901234567890"])
    func textsThatAreNotExactNumerics(text: String) {
        #expect(Self.decoded(Decimal.self, text) == nil, "\(text)")
    }

    @Test func integersDoublesAndBooleans() {
        #expect(Self.decoded(Int.self, "-42") == -42)
        #expect(Self.decoded(Int.self, "9223372036854775807") == Int.max)
        #expect(Self.decoded(Int.self, "9223372036854775808") == nil, "overflow is an error, not a wrap")
        #expect(Self.decoded(Int.self, "4.0") == nil)
        #expect(Self.decoded(Double.self, "0.25") == 0.25)
        #expect(Self.decoded(Double.self, "-Infinity") == -.infinity)
        #expect(Self.decoded(Double.self, "NaN")?.isNaN == true)
        #expect(Self.decoded(Double.self, "Infinity") == .infinity)
        #expect(Self.decoded(Double.self, "1.2345678901234567e-300") == 1.2345678901234567e-300)
        #expect(Self.decoded(Double.self, "-0.30000000000000004") == -0.30000000000000004)
        #expect(Self.decoded(Double.self, "12") == 12)
        for text in ["", " 1", "1 ", "0x10", "inf", "nan", "1.5.2", "1e", "--1", "1,5", "e5"] {
            #expect(Self.decoded(Double.self, text) == nil, "\(text)")
        }
        #expect(Self.decoded(Bool.self, "t") == true)
        #expect(Self.decoded(Bool.self, "f") == false)
        #expect(Self.decoded(Bool.self, "true") == nil)
    }

    @Test func tagsAreAJSONObjectOfStrings() throws {
        let tags = try #require(Tags.parse(#"{"team": "shop", "tier": 1, "spot": true, "gone": null, "list": ["a", "b"], "nested": {"k": "v"}}"#))
        #expect(tags.values == ["team": "shop", "tier": "1", "spot": "true", "list": #"["a","b"]"#, "nested": #"{"k":"v"}"#])
        #expect(Tags.parse("{}")?.values == [:])
        #expect(Tags.parse(#"{"é": "naïve ✓"}"#)?.values == ["é": "naïve ✓"])
    }

    @Test(arguments: [#"["team", "shop"]"#, #""shop""#, "42", "null", "{", ""])
    func textsThatAreNotTagObjects(text: String) {
        #expect(Tags.parse(text) == nil, "\(text)")
    }
}
