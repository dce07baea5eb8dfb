/// A strict RFC 4180 reader for the tests: CRLF records, quoted fields with doubled quotes,
/// line breaks allowed inside quotes. Anything else (a bare quote inside an unquoted field, text
/// after a closing quote, a bare LF or CR outside quotes) is an error, so a malformed file fails.
enum RFC4180 {
    struct Malformed: Error, CustomStringConvertible {
        let description: String
    }

    static func parse(_ text: String) throws -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var scalars = Array(text.unicodeScalars)[...]
        var line = 1
        var quotedField = false
        while !scalars.isEmpty {
            if scalars.first == "\"" {
                guard field.isEmpty, !quotedField else { throw Malformed(description: "quote inside a field in record \(line)") }
                scalars.removeFirst()
                quotedField = true
                var closed = false
                while let scalar = scalars.popFirst() {
                    if scalar == "\"" {
                        if scalars.first == "\"" { scalars.removeFirst(); field.unicodeScalars.append("\"") } else { closed = true; break }
                    } else {
                        field.unicodeScalars.append(scalar)
                    }
                }
                guard closed else { throw Malformed(description: "unterminated quote in record \(line)") }
            }
            guard let next = scalars.popFirst() else { break }
            switch next {
            case ",":
                record.append(field); field = ""; quotedField = false
            case "\r":
                guard scalars.popFirst() == "\n" else { throw Malformed(description: "bare CR in record \(line)") }
                record.append(field); field = ""; quotedField = false
                records.append(record); record = []
                line += 1
            case "\n":
                throw Malformed(description: "bare LF in record \(line)")
            case "\"":
                throw Malformed(description: "quote inside an unquoted field in record \(line)")
            default:
                if quotedField { throw Malformed(description: "text after a closing quote in record \(line)") }
                field.unicodeScalars.append(next)
                // An unquoted field continues until a separator; a quote after text is malformed.
                while let peek = scalars.first, peek != ",", peek != "\r", peek != "\n" {
                    if peek == "\"" { throw Malformed(description: "quote inside an unquoted field in record \(line)") }
                    field.unicodeScalars.append(scalars.removeFirst())
                }
            }
        }
        guard record.isEmpty, field.isEmpty else { throw Malformed(description: "the last record does not end with CRLF") }
        return records
    }
}
