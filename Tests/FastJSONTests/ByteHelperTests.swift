import Testing

@testable import FastJSON

/// The byte-level helpers other modules use instead of pointers: spans' word loads and comparisons, strings and
/// JSON values written in place, the byte writer, the substring search, enumeration tables and raw token bytes.
@Suite struct ByteHelperTests {
    @Test func wordLoadsAreLittleEndianAtAnyOffset() {
        let bytes: [UInt8] = Array(0...15)
        for offset in 0...8 {
            let expected = (0..<8).reduce(UInt64(0)) { $0 | UInt64(offset + $1) << (8 * UInt64($1)) }
            let word = bytes.span.littleEndianUInt64(at: offset), half = bytes.span.littleEndianUInt16(at: offset)
            #expect(word == expected)
            #expect(half == UInt16(offset) | UInt16(offset + 1) << 8)
        }
    }

    @Test func comparisonsAgreeWithArrays() {
        var random = SplitMix(seed: 3)
        for length in 0...40 {
            let a = (0..<length).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            for position in -1..<length {
                var b = a
                if position >= 0 { b[position] ^= 0x20 }
                let same = a.span.elementsEqual(b.span)
                #expect(same == (a == b), "length \(length), position \(position)")
                let text = String(decoding: b, as: UTF8.self)
                #expect(Array(text.utf8).elementsEqual(utf8Of: text))
                #expect(a.elementsEqual(utf8Of: text) == (a == Array(text.utf8)))
            }
        }
        let one = Array("1.0".utf8), longer = Array("1.00".utf8)
        let literalMatches = one.span.elementsEqual("1.0"), longerMatches = longer.span.elementsEqual("1.0")
        #expect(literalMatches && !longerMatches)
        // Byte for byte, not canonical equivalence: a KELVIN SIGN is not a K.
        #expect("K".utf8Equals("K") && !"\u{212A}".utf8Equals("K") && "\u{212A}" == "K")
    }

    @Test func stringsAndValuesWrittenInPlace() throws {
        #expect(String(utf8Count: 5) { out in for i in out.indices { out[i] = UInt8(ascii: "a") + UInt8(i) } } == "abcde")
        #expect(String(utf8Count: 0) { _ in } == "")
        #expect(
            String(utf8Count: 2) { out in
                out[0] = 0xC3; out[1] = 0xA9
            } == "é")
        var w = JSONWriter()
        w.beginObject()
        w.field("id", unescapedCount: 4) { out in for i in out.indices { out[i] = UInt8(ascii: "0") + UInt8(i) } }
        let document = try JSONDocument(Array(#"{"plain":"2026-03-02T09:15:00Z","escaped":"a\u0041"}"#.utf8))
        let plain = try #require(document.member(0, "plain")), escaped = try #require(document.member(0, "escaped"))
        w.field("time", stringToken: plain, of: document)
        w.field("other", stringToken: escaped, of: document)
        w.endObject()
        #expect(String(decoding: w.bytes, as: UTF8.self) == #"{"id":"0123","time":"2026-03-02T09:15:00Z","other":"aA"}"#)
        #expect(document.string(plain, joinedBy: UInt8(ascii: "/"), escaped) == "2026-03-02T09:15:00Z/aA")
        #expect(document.string(plain, joinedBy: UInt8(ascii: "/"), plain) == "2026-03-02T09:15:00Z/2026-03-02T09:15:00Z")
        #expect(Array(document.rawBytes(escaped)) == Array(#"a\u0041"#.utf8))
        let plainLength = document.withRawBytes(plain) { $0.count }
        #expect(plainLength == 20)
    }

    @Test func byteWriterAppendsAndGrows() {
        var w = ByteWriter(capacity: 1)
        var expected: [UInt8] = []
        for round in 0..<200 {
            w.append(UInt8(truncatingIfNeeded: round))
            expected.append(UInt8(truncatingIfNeeded: round))
            let chunk = Array(repeating: UInt8(truncatingIfNeeded: round), count: round % 7)
            w.append(contentsOf: chunk)
            expected += chunk
            let text = round % 3 == 0 ? "é\(round)" : ""
            w.append(utf8Of: text)
            expected += Array(text.utf8)
        }
        #expect(w.bytes == expected)
    }

    @Test func substringSearchAgreesWithANaiveSearch() {
        var random = SplitMix(seed: 5)
        func naive(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
            needle.isEmpty
                || (haystack.count >= needle.count
                    && (0...(haystack.count - needle.count)).contains { Array(haystack[$0..<($0 + needle.count)]) == needle })
        }
        for _ in 0..<2_000 {
            let haystack = (0..<Int(random.next() % 40)).map { _ in UInt8(ascii: "a") + UInt8(random.next() % 3) }
            let needles = (0..<3).map { _ in (0..<Int(random.next() % 4)).map { _ in UInt8(ascii: "a") + UInt8(random.next() % 3) } }
            #expect(ByteSearch.contains(haystack, needles[0]) == naive(haystack, needles[0]))
            #expect(ByteSearch.containsAny(haystack, needles) == needles.contains { naive(haystack, $0) })
            if !needles[1].isEmpty {
                let pivot = Int(random.next() % UInt64(needles[1].count))
                #expect(ByteSearch.contains(needles[1], in: haystack, pivot: pivot) == naive(haystack, needles[1]))
            }
        }
    }

    enum Colour: String, CaseIterable, JSONEnumeration {
        case red = "RED", green = "GREEN", darkGreen = "DARK_GREEN"
        static let jsonNames = EnumerationTable<Self>()
    }

    @Test func enumerationsMatchExactBytes() {
        for colour in Colour.allCases {
            let bytes = Array(colour.rawValue.utf8)
            let matched = Colour.jsonNames.match(bytes.span)
            #expect(matched == colour)
        }
        for other in ["", "RE", "REDD", "red", "GREEN ", "DARK_GREEN\u{0}"] {
            let bytes = Array(other.utf8)
            let matched = Colour.jsonNames.match(bytes.span)
            #expect(matched == nil, "\(other)")
        }
        #expect(Colour.jsonNames.allowed == "RED, GREEN, DARK_GREEN")
    }
}
