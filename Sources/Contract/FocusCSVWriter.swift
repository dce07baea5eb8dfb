import CivilTime
import CostModel
import Foundation

/// Writes billing line items as a FOCUS CSV (PascalCase headers, in `BillingLineItemsTable` order),
/// streaming: bytes go to `sink` in 256 KiB chunks. Timestamps are `YYYY-MM-DDTHH:MM:SSZ` (UTC),
/// amounts `Decimal` text (exact, no exponent), NULLs empty fields, Tags a JSON object with sorted keys.
/// The first columns are the table's, in its order; then the FOCUS 1.0 columns the table does
/// not store (`FocusOnlyColumns`), so the file has every column FOCUS 1.0 requires.
public struct FocusCSVWriter {
    private var buffer: [UInt8] = []
    private let sink: ([UInt8]) throws -> Void
    /// Rows written so far (the header not counted).
    public private(set) var rowsWritten = 0
    private static let chunkSize = 256 * 1024

    /// Writes the header row at once.
    public init(sink: @escaping ([UInt8]) throws -> Void) throws {
        self.sink = sink
        buffer.reserveCapacity(Self.chunkSize + 8192)
        appendRow(Self.header)
    }

    /// Appends one row.
    public mutating func write(_ item: BillingLineItem) throws {
        appendRow(Self.table.columns.map { Self.text($0.value(item)) } + FocusOnlyColumns.all.map { $0.value(item) })
        rowsWritten += 1
        if buffer.count >= Self.chunkSize { try flush() }
    }

    static let table = BillingLineItemsTable.table

    /// The header: each table column's FOCUS export name, in table order, then the FOCUS-only columns.
    public static var header: [String] { table.columns.map { $0.focus?.exportName ?? $0.name } + FocusOnlyColumns.all.map(\.name) }

    /// A value as FOCUS text; nil (an empty field) for NULL.
    static func text(_ value: ContractValue?) -> String? {
        switch value {
        case nil: return nil
        case .text(let text): return text
        case .timestamp(let date): return timestamp(date)
        case .decimal(let decimal): return Money.plain(decimal)
        case .integer(let integer): return String(integer)
        case .real(let real): return "\(real)"
        case .double(let double): return "\(double)"
        case .json(let tags): return ContractValue.jsonText(tags)
        }
    }

    /// Sends what is buffered; call once at the end.
    public mutating func flush() throws {
        guard !buffer.isEmpty else { return }
        try sink(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    private mutating func appendRow(_ fields: [String?]) {
        for (index, field) in fields.enumerated() {
            if index > 0 { buffer.append(44) }
            guard let field else { continue }
            let needsQuotes = field.isEmpty || field.utf8.contains { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }
            if needsQuotes {
                buffer.append(34)
                for byte in field.utf8 {
                    if byte == 34 { buffer.append(34) }
                    buffer.append(byte)
                }
                buffer.append(34)
            } else {
                buffer.append(contentsOf: field.utf8)
            }
        }
        buffer.append(13)
        buffer.append(10)
    }

    /// `2026-11-01T13:45:07Z`, with `.ffffff` microseconds only when the date has them.
    public static func timestamp(_ date: Date) -> String { UTCText.preciseTimestamp(date) }
}
