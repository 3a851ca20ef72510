import Testing

@testable import FastJSON

@Suite struct JSONWriterTests {
    @Test func writesCompactJSONWithEscapes() {
        var w = JSONWriter()
        w.beginObject()
        w.field("a", "q\"\\\n\u{01}é")
        w.field("b", 12)
        w.key("c")
        w.beginArray()
        w.bool(true)
        w.null()
        w.rawNumber("66.7")
        w.endArray()
        w.endObject()
        #expect(String(decoding: w.bytes, as: UTF8.self) == #"{"a":"q\"\\\n\u0001é","b":12,"c":[true,null,66.7]}"#)
    }

    /// Literal member names are written without an escape scan, so they must need none; prefixed values are
    /// written without building the joined string, the prefix as it is and the rest escaped.
    @Test func literalKeysAndPrefixedValues() {
        var w = JSONWriter()
        w.beginObject()
        w.field("source", "urn:inspection-pipeline:", "casefile-\"intake")
        w.endObject()
        #expect(String(decoding: w.bytes, as: UTF8.self) == #"{"source":"urn:inspection-pipeline:casefile-\"intake"}"#)
        #expect(JSONKey.needsNoEscaping("inspectionId"))
        #expect(!JSONKey.needsNoEscaping("a\"b"))
    }

    /// Output written in the array's own memory when it fits, and moved to a growing buffer when it does not:
    /// the same bytes either way, whatever the capacity.
    @Test func writtenBytesAreTheSameWhateverTheCapacity() {
        func write(_ w: inout JSONWriter) {
            w.beginObject()
            for index in 0..<20 { w.field(JSONKey("member\(index)"), String(repeating: "x", count: index) + "\"") }
            w.endObject()
        }
        var reference = JSONWriter(capacity: 4)
        write(&reference)
        let expected = reference.bytes
        #expect(expected.count > 300)
        for capacity in [0, 1, 64, 65, expected.count - 1, expected.count, expected.count + 1, 4096] {
            #expect(JSONWriter.written(capacity: capacity, write) == expected, "capacity \(capacity)")
        }
    }

    @Test func stringsWithSpecialBytesAnywhereRoundTrip() throws {
        // The writer looks for quotes, backslashes and control characters eight bytes at a time: put each kind at
        // every position of a word, next to multi-byte characters, and read the result back.
        let specials: [Character] = ["\"", "\\", "\u{00}", "\u{1F}", "\n", "\t", "é", "€", "😀", " ", "~"]
        var generator = SystemRandomNumberGenerator()
        for length in 0..<40 {
            for _ in 0..<20 {
                let text = String(
                    (0..<length).map { _ in
                        Bool.random(using: &generator)
                            ? specials.randomElement(using: &generator)! : Character(Unicode.Scalar(UInt8.random(in: 0x20...0x7E, using: &generator)))
                    })
                var w = JSONWriter()
                w.beginArray()
                w.string(text)
                w.endArray()
                #expect(try JSONParser.parse(w.bytes) == .array([.string(text)]), "\(text.debugDescription)")
            }
        }
    }
}
