/// A strict JSON syntax checker (RFC 8259) over UTF-8 bytes, much faster than decoding the value:
/// used for the Tags column of every billing row.
struct JSONValidator {
    private let bytes: [UInt8]
    private var index = 0
    private var depth = 0
    private static let maxDepth = 64

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// True when the bytes are exactly one JSON object, with optional surrounding whitespace.
    mutating func isSingleObject() -> Bool {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == 123, value() else { return false }
        skipWhitespace()
        return index == bytes.count
    }

    private mutating func skipWhitespace() {
        while index < bytes.count, bytes[index] == 32 || bytes[index] == 9 || bytes[index] == 10 || bytes[index] == 13 {
            index += 1
        }
    }

    private mutating func value() -> Bool {
        skipWhitespace()
        guard index < bytes.count else { return false }
        switch bytes[index] {
        case 123: return object()
        case 91: return array()
        case 34: return string()
        case 116: return literal("true")
        case 102: return literal("false")
        case 110: return literal("null")
        default: return number()
        }
    }

    private mutating func object() -> Bool {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maxDepth else { return false }
        index += 1
        skipWhitespace()
        if index < bytes.count, bytes[index] == 125 { index += 1; return true }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == 34, string() else { return false }
            skipWhitespace()
            guard index < bytes.count, bytes[index] == 58 else { return false }
            index += 1
            guard value() else { return false }
            skipWhitespace()
            guard index < bytes.count else { return false }
            if bytes[index] == 44 { index += 1; continue }
            if bytes[index] == 125 { index += 1; return true }
            return false
        }
    }

    private mutating func array() -> Bool {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maxDepth else { return false }
        index += 1
        skipWhitespace()
        if index < bytes.count, bytes[index] == 93 { index += 1; return true }
        while true {
            guard value() else { return false }
            skipWhitespace()
            guard index < bytes.count else { return false }
            if bytes[index] == 44 { index += 1; continue }
            if bytes[index] == 93 { index += 1; return true }
            return false
        }
    }

    private mutating func string() -> Bool {
        index += 1
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case 34: return true
            case 92:
                guard index < bytes.count else { return false }
                let escaped = bytes[index]
                index += 1
                switch escaped {
                case 34, 92, 47, 98, 102, 110, 114, 116: continue
                case 117:
                    guard index + 4 <= bytes.count, bytes[index..<index + 4].allSatisfy(Self.isHex) else { return false }
                    index += 4
                default: return false
                }
            case 0..<32: return false
            default: continue
            }
        }
        return false
    }

    private mutating func literal(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        let expected = UnsafeBufferPointer(start: word.utf8Start, count: count)
        for offset in 0..<count where bytes[index + offset] != expected[offset] { return false }
        index += count
        return true
    }

    private mutating func number() -> Bool {
        let start = index
        if index < bytes.count, bytes[index] == 45 { index += 1 }
        guard index < bytes.count, Self.isDigit(bytes[index]) else { return false }
        if bytes[index] == 48 { index += 1 } else { while index < bytes.count, Self.isDigit(bytes[index]) { index += 1 } }
        if index < bytes.count, bytes[index] == 46 {
            index += 1
            guard index < bytes.count, Self.isDigit(bytes[index]) else { return false }
            while index < bytes.count, Self.isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == 69 || bytes[index] == 101 {
            index += 1
            if index < bytes.count, bytes[index] == 43 || bytes[index] == 45 { index += 1 }
            guard index < bytes.count, Self.isDigit(bytes[index]) else { return false }
            while index < bytes.count, Self.isDigit(bytes[index]) { index += 1 }
        }
        return index > start
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }
    private static func isHex(_ byte: UInt8) -> Bool { isDigit(byte) || (byte >= 65 && byte <= 70) || (byte >= 97 && byte <= 102) }
}
