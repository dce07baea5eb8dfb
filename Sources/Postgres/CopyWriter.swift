import Foundation

/// Encodes rows in COPY's text format (tab-separated, `\N` for NULL, backslash escapes) and
/// hands them to the connection in 64 KiB chunks.
public struct CopyWriter {
    private var buffer: [UInt8] = []
    private let send: ([UInt8]) throws -> Void
    public private(set) var rowsWritten = 0
    private static let chunkSize = 64 * 1024

    init(send: @escaping ([UInt8]) throws -> Void) {
        self.send = send
        buffer.reserveCapacity(Self.chunkSize + 4096)
    }

    /// Appends one row.
    public mutating func writeRow(_ fields: [String?]) throws {
        for (index, field) in fields.enumerated() {
            if index > 0 { buffer.append(9) }
            if let field { Self.appendEscaped(field, to: &buffer) } else { buffer.append(contentsOf: [92, 78]) }
        }
        buffer.append(10)
        rowsWritten += 1
        if buffer.count >= Self.chunkSize { try flush() }
    }

    /// Appends one row of typed values (formatted as `Bind` formats parameters).
    public mutating func writeRow(_ values: [Bind]) throws {
        try writeRow(values.map(\.textValue))
    }

    mutating func flush() throws {
        guard !buffer.isEmpty else { return }
        try send(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    private static func appendEscaped(_ text: String, to buffer: inout [UInt8]) {
        for byte in text.utf8 {
            switch byte {
            case 92: buffer.append(92); buffer.append(92)   // backslash
            case 9: buffer.append(92); buffer.append(116)   // \t
            case 10: buffer.append(92); buffer.append(110)  // \n
            case 13: buffer.append(92); buffer.append(114)  // \r
            default: buffer.append(byte)
            }
        }
    }
}
