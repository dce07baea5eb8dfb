import Foundation
import Postgres
import Testing
import TestSupport

/// Rows asked for in binary format (`Query.withBinaryResults()`) decode to what the same rows
/// give in text, value for value, on a real server; a type the binary decoders do not read is an
/// error naming the query, column, row and type.
@Suite("Binary results against a real server")
struct BinaryResultTests {
    /// Values of every type the binary decoders read, the edges included: extreme and special
    /// doubles, timestamps with fractions before and after 1970 and 2000, ±infinity, UTF-8 text,
    /// jsonb, and arrays of integers and doubles.
    static let values: StaticString = """
        SELECT n,
               (ARRAY['a', 'héllo ✓', '', 'x y '])[n % 4 + 1]::text AS t,
               (ARRAY['a', 'b  '])[n % 2 + 1]::char(3) AS c,
               (n * 163 - 32768)::smallint AS i2, (n * 104729 - 4000000)::int AS i4,
               (n::bigint * 9007199254740993 - 4611686018427387904) AS i8,
               (ARRAY[0.1, -0.0, 1e-308, 4.9e-324, 1.7976931348623157e308, 'NaN', 'Infinity', '-Infinity',
                      123456.789, 1.0 / 3])[n % 10 + 1]::float8 * (CASE WHEN n % 20 < 10 THEN 1 ELSE -1 END) AS f8,
               (timestamptz '1969-07-20 20:17:40.123456+00' + n * interval '3 days 7 hours 13 minutes 1.000071 seconds') AS ts,
               (ARRAY['1999-12-31 23:59:59.999999+00', '2000-01-01 00:00:00.5+00', '1900-02-28 12:00:00.000001+00',
                      '2262-04-11 23:47:16.854775+00'])[n % 4 + 1]::timestamptz AS edge,
               decode(repeat(lpad(to_hex(n % 256), 2, '0'), n % 5), 'hex') AS b,
               n % 3 = 0 AS flag,
               (ARRAY['{}', '{"app": "web", "tier": "1"}', '{"ünï": "✓ \\"q\\"", "a": [1, 2.50]}'])[n % 3 + 1]::jsonb AS j,
               (ARRAY['{}', '{-32768,0,32767}', '{7}'])[n % 3 + 1]::smallint[] AS a2,
               ARRAY[n, -n * 1000003]::integer[] AS a4, ARRAY[n::bigint * 9007199254740993]::bigint[] AS a8,
               (ARRAY['{}', '{0.1,-0,1e-308,NaN,Infinity}', '{123456.789,-1.5}'])[n % 3 + 1]::float8[] AS af,
               CASE WHEN n % 7 = 0 THEN NULL ELSE n END AS sometimes
        FROM generate_series(1, 400) AS n
        """

    @Test func everyValueDecodesInBinaryAsInText() throws {
        let db = try TestDatabase.create("binary")
        defer { db.drop() }
        let connection = try db.connect()
        try connection.execute(Query(name: "bytea output", "SET bytea_output = 'hex'"))
        let query = Query(name: "values.sql", Self.values)
        /// A double's bits; any NaN as one (PostgreSQL prints every NaN as NaN).
        func bits(_ value: Double) -> String { value.isNaN ? "NaN" : "\(value.bitPattern)" }
        func read(_ query: Query) throws -> [[String]] {
            try connection.all(query) { row in
                [
                    try row.decode(String.self, "t"), try row.decode(String.self, "c"),
                    "\(try row.decode(Int.self, "i2"))", "\(try row.decode(Int.self, "i4"))", "\(try row.decode(Int.self, "i8"))",
                    bits(try row.decode(Double.self, "f8")), bits(try row.decode(Double.self, "i8")),
                    bits(try row.decode(Date.self, "ts").timeIntervalSince1970),
                    bits(try row.decode(Date.self, "edge").timeIntervalSince1970),
                    "\(try row.decode(Bytea.self, "b").bytes)", "\(try row.decode(Bool.self, "flag"))", try row.decode(String.self, "j"),
                    "\(try row.decode([Int].self, "a2"))", "\(try row.decode([Int].self, "a4"))", "\(try row.decode([Int].self, "a8"))",
                    try row.decode([Double].self, "af").map(bits).joined(separator: ","),
                    "\(try row.decode(Int?.self, "sometimes") as Any)",
                ]
            }
        }
        let text = try read(query)
        let binary = try read(query.withBinaryResults())
        #expect(text.count == 400)
        for (index, (a, b)) in zip(text, binary).enumerated() {
            #expect(a == b, "row \(index + 1)")
        }
        // The ten doubles and their negatives: 17 distinct (one NaN; ±0 and ±infinity each twice).
        #expect(Set(binary.map { $0[5] }).count == 17)
    }

    /// A `bytea` read in place holds the bytes the copy holds, and its fields read as the copy's
    /// do; NULL, a text result and a column of another type are errors naming the query, column
    /// and row.
    @Test func byteaReadInPlaceEqualsTheCopy() throws {
        let db = try TestDatabase.create("byteaview")
        defer { db.drop() }
        let connection = try db.connect()
        let records = Query(name: "records.sql", """
            SELECT n, int2send((n * 7 - 300)::smallint) || int4send(n * -104729) || float8send(n / 7.0) AS packed
            FROM generate_series(1, 50) AS n
            """).withBinaryResults()
        let rows = try connection.all(records) { row in
            let copy = try row.decode(Bytea.self, "packed"), view = try row.byteaView("packed")
            #expect(Array(view.bytes) == copy.bytes && view.byteCount == 14)
            #expect(view.int16(at: 0) == copy.int16(at: 0) && view.int32(at: 2) == copy.int32(at: 2))
            #expect(view.float64(at: 6).bitPattern == copy.float64(at: 6).bitPattern)
            return (try row.decode(Int.self, "n"), view.int16(at: 0), view.int32(at: 2), view.float64(at: 6))
        }
        #expect(rows.count == 50 && rows.allSatisfy { $0.1 == $0.0 * 7 - 300 && $0.2 == $0.0 * -104729 && $0.3 == Double($0.0) / 7 })

        func error(_ sql: StaticString, binary: Bool = true) -> String {
            let query = Query(name: "bad.sql", sql)
            do {
                try connection.query(binary ? query.withBinaryResults() : query) { _ = try $0.byteaView("packed") }
                return "no error"
            } catch { return "\(error)" }
        }
        #expect(error("SELECT NULL::bytea AS packed").contains("query bad.sql: column \"packed\" is NULL in row 1, expected bytea"))
        #expect(error("SELECT 'x'::text AS packed").contains("query bad.sql: column \"packed\" in row 1 is a text (1 bytes in binary format), not a valid bytea"))
        #expect(error("SELECT '\\x00'::bytea AS packed", binary: false).contains("query bad.sql: column \"packed\" in row 1 came in text format, so it cannot be read in place"))
    }

    @Test func aTypeNotReadInBinaryIsAnErrorNamingQueryColumnRowAndType() throws {
        let db = try TestDatabase.create("binaryerror")
        defer { db.drop() }
        let connection = try db.connect()
        let query = Query(name: "usage_days_rollup.sql", """
            SELECT 1.5::numeric AS requests, 2.5::real AS cpu_max, 'infinity'::timestamptz AS last_sample
            """).withBinaryResults()
        for (column, returned) in [("requests", "a numeric"), ("cpu_max", "a real"), ("last_sample", "a timestamptz")] {
            #expect {
                try connection.query(query) { row in
                    _ = column == "last_sample" ? try row.decode(Date.self, column).timeIntervalSince1970 : try row.decode(Double.self, column)
                }
            } throws: { error in
                "\(error)".contains("query usage_days_rollup.sql: column \"\(column)\" in row 1 is \(returned)")
                    && "\(error)".contains("binary format")
            }
        }
        // Arrays with a NULL element, of two dimensions or not counted from 1 are refused, as in text.
        let arrays = Query(name: "container_hours_rollup.sql", """
            SELECT ARRAY[1, NULL]::integer[] AS hours, ARRAY[[1, 2], [3, 4]]::integer[] AS square,
                   '[0:1]={1,2}'::integer[] AS shifted
            """)
        for (column, returned) in [("hours", "a integer[]"), ("square", "a integer[]"), ("shifted", "a integer[]")] {
            for query in [arrays, arrays.withBinaryResults()] {
                #expect {
                    try connection.query(query) { row in _ = try row.decode([Int].self, column) }
                } throws: { error in
                    "\(error)".contains("query container_hours_rollup.sql: column \"\(column)\" in row 1 is")
                        && (!query.binaryResults || "\(error)".contains("is \(returned)"))
                }
            }
        }
    }
}
