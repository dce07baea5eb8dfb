import Foundation
import Postgres

/// The amounts of a charge row: the columns of queries/charges.sql, or the one `amounts` text of
/// charges_rollup.sql.
struct ChargeRowAmounts {
    var billed: Decimal
    var effective: Decimal
    var list: Decimal
    var lines: Int
    var hours: Double

    /// The columns of charges.sql, decoded in their order.
    init(columnsOf row: Row) throws {
        billed = try row.decode(Decimal.self, "billed_cost")
        effective = try row.decode(Decimal.self, "effective_cost")
        list = try row.decode(Decimal.self, "list_cost")
        lines = try row.decode(Int.self, "line_items")
        hours = try row.decode(Double?.self, "charge_hours") ?? 0
    }

    /// The `amounts` of a row of charges_rollup.sql: the sums of billed, effective and list cost,
    /// the number of line items and the charge seconds, as numeric and bigint print them,
    /// separated by single spaces. Each is read by the decoder that read its column of
    /// charges.sql; the hours are the seconds ÷ 3600 in double precision, as charges.sql
    /// computes charge_hours (`::double precision` parses the same text with strtod).
    /// - Throws: `PostgresError` naming `query`, the row and the column when the text is NULL or
    ///   not five such numbers.
    init(packedIn row: Row, query: Query) throws {
        let column = "amounts"
        guard let text = row.value(at: try row.columns.index(of: column)) else {
            throw PostgresError(
                .decoding, message: "column \"\(column)\" is NULL in row \(row.rowNumber), expected text",
                hint: "return the amounts as the header of \(query.name) says", queryName: query.name)
        }
        var fields = SpaceSeparated(text)
        guard let billed = fields.next().flatMap(Decimal.decode(text:)),
              let effective = fields.next().flatMap(Decimal.decode(text:)),
              let list = fields.next().flatMap(Decimal.decode(text:)),
              let lines = fields.next().flatMap(Int.decode(text:)),
              let seconds = fields.next().flatMap(Double.decode(text:)),
              fields.next() == nil
        else {
            throw PostgresError(
                .decoding, message: "column \"\(column)\" in row \(row.rowNumber) is \"\(String(decoding: text.prefix(200), as: UTF8.self))\", not five numbers (billed, effective and list cost, line items, charge seconds) separated by single spaces",
                hint: "return the amounts as the header of \(query.name) says", queryName: query.name)
        }
        (self.billed, self.effective, self.list, self.lines, hours) = (billed, effective, list, lines, seconds / 3600)
    }
}

/// The fields of a text separated by single spaces, in place (an empty field where two spaces meet).
private struct SpaceSeparated: IteratorProtocol {
    private let text: UnsafeBufferPointer<UInt8>
    private var start = 0

    init(_ text: UnsafeBufferPointer<UInt8>) { self.text = text }

    mutating func next() -> UnsafeBufferPointer<UInt8>? {
        guard start <= text.count else { return nil }
        var end = start
        while end < text.count, text[end] != UInt8(ascii: " ") { end += 1 }
        defer { start = end + 1 }
        return UnsafeBufferPointer(rebasing: text[start..<end])
    }
}
