import Foundation
import Postgres
import Testing
import TestSupport

@Suite("PostgreSQL client against a real server")
struct ConnectionTests {
    @Test func decodesEveryContractType() throws {
        let db = try TestDatabase.create("decode")
        defer { db.drop() }
        let connection = try db.connect()
        let query = Query(name: "types.sql", """
            SELECT 'héllo ✓'::text AS t, 42::int AS i, (-9000000000)::bigint AS b, 0.1::float8 AS d,
                   'NaN'::float8 AS nan, 12345678901234567890.0123456789::numeric AS n,
                   '2026-03-29 01:30:00+01:00'::timestamptz AS ts, '{"service": "a", "n": 3, "ok": true}'::jsonb AS tags,
                   NULL::text AS missing, $1::text AS bound
            """)
        var seen = 0
        try connection.query(query, [.text("x'); DROP TABLE y; --")]) { (row: Row) throws in
            seen += 1
            #expect(try row.decode(String.self, "t") == "héllo ✓")
            #expect(try row.decode(Int.self, "i") == 42)
            #expect(try row.decode(Int.self, "b") == -9_000_000_000)
            #expect(try row.decode(Double.self, "d") == 0.1)
            #expect(try row.decode(Double.self, "nan").isNaN)
            #expect(try row.decode(Decimal.self, "n") == Decimal(string: "12345678901234567890.0123456789")!)
            #expect(try row.decode(Date.self, "ts") == Date(timeIntervalSince1970: 1_774_744_200))
            #expect(try row.decode(Tags.self, "tags").values == ["service": "a", "n": "3", "ok": "true"])
            #expect(try row.decode(String?.self, "missing") == nil)
            #expect(try row.decode(String.self, "bound") == "x'); DROP TABLE y; --")
        }
        #expect(seen == 1)
    }

    /// Records packed with int2send, int4send and float8send read back as the values packed, bit
    /// for bit (extremes, negative zero, the smallest subnormal, infinity).
    @Test func packedRecordsReadBackTheValuesPacked() throws {
        let db = try TestDatabase.create("bytea")
        defer { db.drop() }
        let connection = try db.connect()
        let doubles: [Double] = [0, -0.0, 0.1, -1e-300, 1.7976931348623157e308, 5e-324, .infinity, 72.8573715314269]
        let query = Query(name: "packed.sql", """
            SELECT int2send((-32768)::smallint) || int2send(32767::smallint) || int4send((-2147483648)::integer) || int4send(2147483647)
                   || (SELECT string_agg(float8send(d), ''::bytea ORDER BY n) FROM unnest($1::float8[]) WITH ORDINALITY AS x(d, n)) AS packed,
                   ''::bytea AS empty
            """)
        try connection.execute(Query(name: "bytea output", "SET bytea_output = 'hex'"))
        try connection.query(query, [.text("{\(doubles.map { "\($0)" }.joined(separator: ","))}")]) { row in
            let packed = try row.decode(Bytea.self, "packed")
            #expect(packed.bytes.count == 12 + 8 * doubles.count)
            let integers: [Int] = [packed.int16(at: 0), packed.int16(at: 2), packed.int32(at: 4), packed.int32(at: 8)]
            #expect(integers == [-32768, 32767, -2_147_483_648, 2_147_483_647])
            for (index, value) in doubles.enumerated() {
                #expect(packed.float64(at: 12 + 8 * index).bitPattern == value.bitPattern, "\(value)")
            }
            #expect(try row.decode(Bytea.self, "empty").bytes.isEmpty)
        }
    }

    @Test func decodingErrorsNameQueryColumnAndRow() throws {
        let db = try TestDatabase.create("decodeerr")
        defer { db.drop() }
        let connection = try db.connect()
        let query = Query(name: "bad_types.sql", "SELECT g AS n, CASE WHEN g = 3 THEN NULL ELSE g END AS maybe FROM generate_series(1, 5) g")
        let error = #expect(throws: PostgresError.self) {
            try connection.query(query) { row in _ = try row.decode(Int.self, "maybe") }
        }
        #expect(error?.description.contains("bad_types.sql") == true)
        #expect(error?.description.contains("\"maybe\"") == true)
        #expect(error?.description.contains("row 3") == true)
        let missing = #expect(throws: PostgresError.self) {
            try connection.query(query) { row in _ = try row.decode(Int.self, "absent") }
        }
        #expect(missing?.description.contains("no column \"absent\"") == true)
        // The connection stays usable after a failed stream.
        #expect(try connection.all(Query(name: "after", "SELECT 1 AS one")) { try $0.decode(Int.self, "one") } == [1])
    }

    @Test func serverErrorsCarrySQLStateAndQueryName() throws {
        let db = try TestDatabase.create("servererr")
        defer { db.drop() }
        let connection = try db.connect()
        let error = #expect(throws: PostgresError.self) {
            try connection.execute(Query(name: "missing_table.sql", "SELECT * FROM no_such_table"))
        }
        #expect(error?.sqlState == "42P01")
        #expect(error?.queryName == "missing_table.sql")
        #expect(error?.description.contains("missing_table.sql") == true)
        #expect(error?.isPermanent == true)
    }

    @Test(arguments: StreamingMode.allCases)
    func streamsManyRows(mode: StreamingMode) throws {
        let db = try TestDatabase.create("stream")
        defer { db.drop() }
        let connection = try db.connect()
        connection.streamingMode = mode
        connection.cursorBatchSize = 1000
        var count = 0
        var sum = Decimal(0)
        let rows = try connection.query(
            Query(name: "series.sql", "SELECT g AS n, (g / 100.0)::numeric AS amount FROM generate_series(1, $1::int) g"),
            [.int(25_000)]
        ) { (row: Row) throws in
            count += 1
            sum += try row.decode(Decimal.self, "amount")
        }
        #expect(rows == 25_000)
        #expect(count == 25_000)
        #expect(sum == Decimal(string: "3125125")!)
    }

    @Test("a cursor read asks for the next batch before handing over this one: every row once, in order; a failure with a batch in flight leaves the connection usable")
    func cursorPrefetch() throws {
        let db = try TestDatabase.create("cursorprefetch")
        defer { db.drop() }
        let connection = try db.connect()
        connection.cursorBatchSize = 1000
        let series = Query(name: "series.sql", "SELECT g AS n FROM generate_series(1, $1::int) g ORDER BY g").streamed(.cursor)
        for total in [0, 1, 999, 1000, 1001, 2500] {
            var seen: [Int] = []
            let rows = try connection.query(series, [.int(total)]) { seen.append(try $0.decode(Int.self, "n")) }
            #expect(rows == total)
            #expect(seen == Array(0..<total).map { $0 + 1 })
        }
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try connection.query(series, [.int(5000)]) { row in if try row.decode(Int.self, "n") == 10 { throw Stop() } }
        }
        // The batch asked for was drained: the next statement runs (outside a transaction, the cursor's own was rolled back).
        #expect(try connection.all(Query(name: "one.sql", "SELECT 1 AS one")) { try $0.decode(Int.self, "one") } == [1])
        // Inside a transaction, a failing FETCH is an error naming the query.
        _ = try connection.execute(Query(name: "begin", "BEGIN"))
        let failing = Query(name: "divide.sql", "SELECT 1 / (1500 - g) AS n FROM generate_series(1, 3000) g").streamed(.cursor)
        let error = #expect(throws: PostgresError.self) { try connection.query(failing) { _ in } }
        #expect(error?.sqlState == "22012")
        #expect(error?.queryName == "divide.sql")
        _ = try connection.execute(Query(name: "rollback", "ROLLBACK"))
    }

    @Test("a query file's `-- setting:` lines hold for that query alone, in a transaction and outside one; a malformed line or an unknown setting is an error naming the file or query")
    func querySettings() throws {
        let db = try TestDatabase.create("querysettings")
        defer { db.drop() }
        let connection = try db.connect()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("querysettings-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        func file(_ name: String, _ sql: String) throws -> Query {
            let url = folder.appendingPathComponent(name)
            try sql.write(to: url, atomically: true, encoding: .utf8)
            return try Query(contentsOf: url)
        }
        let shown = try file("shown.sql", """
            -- name: shown
            -- setting: work_mem = 3MB
              -- setting:enable_sort=off
            SELECT current_setting('work_mem') AS work_mem, current_setting('enable_sort') AS enable_sort
            """)
        #expect(shown.settings.map { [$0.name, $0.value] } == [["work_mem", "3MB"], ["enable_sort", "off"]])
        let now = Query(name: "now.sql", "SELECT current_setting('work_mem') AS work_mem, current_setting('enable_sort') AS enable_sort")
        func settings(_ query: Query) throws -> [String] {
            try connection.all(query) { [try $0.decode(String.self, "work_mem"), try $0.decode(String.self, "enable_sort")] }.first ?? []
        }
        let before = try settings(now)
        #expect(before[1] == "on")
        #expect(try settings(shown) == ["3MB", "off"])
        #expect(try settings(now) == before)
        _ = try connection.execute(Query(name: "begin", "BEGIN"))
        _ = try connection.execute(Query(name: "work_mem", "SET LOCAL work_mem = '5MB'"))
        #expect(try settings(shown.streamed(.cursor)) == ["3MB", "off"])
        #expect(try settings(now) == ["5MB", "on"])
        _ = try connection.execute(Query(name: "rollback", "ROLLBACK"))
        #expect(try settings(now) == before)

        // The setting before the unknown one is put back too.
        let unknown = try file("unknown.sql", "-- setting: work_mem = 7MB\n-- setting: enable_sortt = off\nSELECT 1 AS one")
        let error = #expect(throws: PostgresError.self) { try connection.query(unknown) { _ in } }
        #expect(error?.sqlState == "42704")
        #expect(error?.queryName == "unknown.sql")
        #expect(try settings(now) == before)
        for malformed in ["-- setting: enable_sort", "-- setting: = off", "-- setting: enable_sort =", "-- setting: enable sort = off"] {
            let error = #expect(throws: PostgresError.self) { try file("malformed.sql", "SELECT 1\n\(malformed)\n") }
            #expect(error?.description.contains("malformed.sql, line 2") == true)
        }
    }

    @Test func copyRoundTripKeepsEveryValue() throws {
        let db = try TestDatabase.create("copy")
        defer { db.drop() }
        let connection = try db.connect()
        try connection.execute(Query(name: "create", "CREATE TABLE t (name text, amount numeric, at timestamptz, tags jsonb, note text)"))
        let rows: [[String?]] = [
            ["tab\there", "0.0000000001", "2026-11-01T00:00:00Z", #"{"team": "платежи", "rtl": "\u202Eevil"}"#, nil],
            ["new\nline \\ back", "123456789012345678901234.5678", "2026-03-29T01:30:00Z", "{}", "ünïcødé ✓"],
            ["", "-0.01", "2026-10-25T01:30:00Z", #"{"k": "=1+2"}"#, "\r"],
        ]
        let stored = try connection.copyIn(Query(name: "copy t", "COPY t (name, amount, at, tags, note) FROM STDIN")) { writer in
            for row in rows { try writer.writeRow(row) }
        }
        #expect(stored == 3)
        let back = try connection.all(Query(name: "read t", "SELECT name, amount, at, tags, note FROM t ORDER BY amount")) { (row: Row) throws in
            (try row.decode(String.self, "name"), try row.decode(Decimal.self, "amount"), try row.decode(Tags.self, "tags").values,
             try row.decode(String?.self, "note"))
        }
        #expect(back.map(\.0) == ["", "tab\there", "new\nline \\ back"])
        #expect(back.map(\.1) == [Decimal(string: "-0.01")!, Decimal(string: "0.0000000001")!, Decimal(string: "123456789012345678901234.5678")!])
        #expect(back[1].2 == ["team": "платежи", "rtl": "\u{202E}evil"])
        #expect(back.map(\.3) == ["\r", nil, "ünïcødé ✓"])
    }

    @Test func copyErrorsAreReportedAndNothingIsStored() throws {
        let db = try TestDatabase.create("copyerr")
        defer { db.drop() }
        let connection = try db.connect()
        try connection.execute(Query(name: "create", "CREATE TABLE t (amount numeric NOT NULL)"))
        let error = #expect(throws: PostgresError.self) {
            try connection.copyIn(Query(name: "copy t", "COPY t (amount) FROM STDIN")) { writer in
                try writer.writeRow(["1"])
                try writer.writeRow(["not a number"])
            }
        }
        #expect(error?.sqlState == "22P02")
        #expect(try connection.all(Query(name: "count", "SELECT count(*) AS n FROM t")) { try $0.decode(Int.self, "n") } == [0])
    }
}
