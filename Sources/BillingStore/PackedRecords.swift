import Postgres

extension Row {
    /// The `bytea` of `column` when it holds whole `recordSize`-byte records (the packed hours and
    /// histograms of the rollup queries).
    /// - Throws: `PostgresError` naming `query`, the row and the column, with `hint` (built only
    ///   then: building it for every row was 1 % of a report's CPU), otherwise.
    func packedRecords(_ column: String, recordSize: Int, query: Query, hint: @autoclosure () -> String) throws -> Bytea {
        try wholeRecords(try decode(Bytea.self, column), column, recordSize: recordSize, query: query, hint: hint())
    }

    /// `packedRecords` read in place, for a query read in binary format.
    func packedRecordsInPlace(_ column: String, recordSize: Int, query: Query, hint: @autoclosure () -> String) throws -> ByteaView {
        try wholeRecords(try byteaView(column), column, recordSize: recordSize, query: query, hint: hint())
    }

    private func wholeRecords<Records: BigEndianRecords>(
        _ packed: Records, _ column: String, recordSize: Int, query: Query, hint: @autoclosure () -> String
    ) throws -> Records {
        guard packed.byteCount % recordSize == 0 else {
            throw PostgresError(
                .decoding, message: "column \"\(column)\" in row \(rowNumber) holds \(packed.byteCount) bytes, not a whole number of \(recordSize)-byte records",
                hint: hint(), queryName: query.name)
        }
        return packed
    }

    /// Calls `body` with each record of the `hour_data` column of a rollup row: per UTC hour with
    /// samples, `recordSize` bytes that start with the hour (int2, 0...23). `body` gets the hour,
    /// the record's offset and the bytes.
    /// - Throws: `PostgresError` naming `query` and the row when the bytes are not whole records
    ///   or an hour is out of range.
    func forEachPackedHour(recordSize: Int, query: Query, _ body: (_ hour: Int, _ offset: Int, _ packed: Bytea) throws -> Void) throws {
        try forEachHour(of: try packedRecords("hour_data", recordSize: recordSize, query: query, hint: Self.hourHint(query)),
                        recordSize: recordSize, query: query, body)
    }

    /// `forEachPackedHour` read in place, for a query read in binary format.
    func forEachPackedHourInPlace(recordSize: Int, query: Query, _ body: (_ hour: Int, _ offset: Int, _ packed: ByteaView) throws -> Void) throws {
        try forEachHour(of: try packedRecordsInPlace("hour_data", recordSize: recordSize, query: query, hint: Self.hourHint(query)),
                        recordSize: recordSize, query: query, body)
    }

    private static func hourHint(_ query: Query) -> String { "pack each hour as the header of \(query.name) says" }

    private func forEachHour<Records: BigEndianRecords>(
        of packed: Records, recordSize: Int, query: Query, _ body: (_ hour: Int, _ offset: Int, _ packed: Records) throws -> Void
    ) throws {
        for offset in stride(from: 0, to: packed.byteCount, by: recordSize) {
            let hour = packed.int16(at: offset)
            guard (0..<24).contains(hour) else {
                throw PostgresError(
                    .decoding, message: "column \"hour_data\" in row \(rowNumber) names hour \(hour), outside 0...23",
                    hint: "pack the UTC hour of the day, as the header of \(query.name) says", queryName: query.name)
            }
            try body(hour, offset, packed)
        }
    }
}
