import Postgres

extension Row {
    /// The `bytea` of `column`, read in place from a binary-format result, when it holds whole
    /// `recordSize`-byte records (the packed hours and histograms of the rollup queries).
    /// - Throws: `PostgresError` naming `query`, the row and the column, with `hint` (built only
    ///   then: building it for every row was 1 % of a report's CPU), otherwise.
    func packedRecords(_ column: String, recordSize: Int, query: Query, hint: @autoclosure () -> String) throws -> ByteaView {
        let packed = try byteaView(column)
        guard packed.byteCount % recordSize == 0 else {
            throw PostgresError(
                .decoding, message: "column \"\(column)\" in row \(rowNumber) holds \(packed.byteCount) bytes, not a whole number of \(recordSize)-byte records",
                hint: hint(), queryName: query.name)
        }
        return packed
    }

    /// Calls `body` with each record of the `hour_data` column of a rollup row read in binary
    /// format: per UTC hour with samples, `recordSize` bytes that start with the hour (int2,
    /// 0...23). `body` gets the hour, the record's offset and the bytes.
    /// - Throws: `PostgresError` naming `query` and the row when the bytes are not whole records
    ///   or an hour is out of range.
    func forEachPackedHour(recordSize: Int, query: Query, _ body: (_ hour: Int, _ offset: Int, _ packed: ByteaView) throws -> Void) throws {
        let packed = try packedRecords(
            "hour_data", recordSize: recordSize, query: query, hint: "pack each hour as the header of \(query.name) says")
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
