import CSVParsing
import Testing

@Suite struct CSVReaderTests {
    /// Reads `text` fed in chunks of `chunkSize` bytes.
    static func records(_ bytes: [UInt8], chunkSize: Int = 1 << 20) -> [CSVRecord] {
        var reader = CSVReader()
        var result: [CSVRecord] = []
        var offset = 0
        while offset < bytes.count {
            let end = min(offset + chunkSize, bytes.count)
            reader.feed(Array(bytes[offset..<end])) { result.append($0) }
            offset = end
        }
        reader.finish { result.append($0) }
        return result
    }

    static func records(_ text: String, chunkSize: Int = 1 << 20) -> [CSVRecord] {
        records(Array(text.utf8), chunkSize: chunkSize)
    }

    @Test func quotedFieldsWithCommasQuotesAndNewlines() {
        let text = "a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\nplain,,last\n"
        let result = Self.records(text)
        #expect(result.map(\.fields) == [["a", "b", "c"], ["x, y", "say \"hi\"", "two\nlines"], ["plain", "", "last"]])
        #expect(result.map(\.line) == [1, 2, 4])
        #expect(result.allSatisfy { $0.problem == nil })
    }

    @Test func crlfAndMissingFinalNewlineAndEmptyLines() {
        let result = Self.records("h1,h2\r\n1,2\r\n\r\n3,\"4\r\nx\"\r\n5,6")
        #expect(result.map(\.fields) == [["h1", "h2"], ["1", "2"], ["3", "4\r\nx"], ["5", "6"]])
        #expect(result.map(\.line) == [1, 2, 4, 6])
    }

    @Test func byteOrderMarkIsDroppedEvenWhenSplit() {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("BillingAccountId,X\n1,2\n".utf8)
        for size in 1...4 {
            let result = Self.records(bytes, chunkSize: size)
            #expect(result.first?.fields == ["BillingAccountId", "X"], "chunk size \(size)")
            #expect(result.count == 2)
        }
    }

    @Test func everyChunkBoundaryGivesTheSameRecords() {
        // A quoted field with a comma, a doubled quote, a CRLF and multi-byte characters (é, €, 😀).
        let text = "id,note\r\n1,\"Café, \"\"€5\"\"\r\n😀 ok\"\r\n2,naïve\r\n"
        let expected = Self.records(text)
        #expect(expected.map(\.fields) == [["id", "note"], ["1", "Café, \"€5\"\r\n😀 ok"], ["2", "naïve"]])
        for size in 1...12 {
            #expect(Self.records(text, chunkSize: size) == expected, "chunk size \(size)")
        }
    }

    @Test func textAfterClosingQuoteIsAProblemNamingTheColumn() {
        let result = Self.records("a,b\n1,\"x\"y\n")
        #expect(result[1].problem?.column == 2)
        #expect(result[1].line == 2)
    }

    @Test func unterminatedQuoteIsAProblemAtTheEnd() {
        let result = Self.records("a,b\n1,\"never closed\n2,3\n")
        #expect(result.count == 2)
        #expect(result[1].problem?.column == 2)
        #expect(result[1].problem?.message.contains("never closed") == true)
    }

    @Test func invalidUTF8IsAProblem() {
        let bytes = Array("a,b\n1,".utf8) + [0xC3, 0x28] + [10]
        let result = Self.records(bytes)
        #expect(result[1].problem?.column == 2)
    }
}
