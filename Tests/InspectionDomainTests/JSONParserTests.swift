import Foundation
import Testing

@testable import InspectionDomain

@Suite struct JSONParserTests {
    @Test func parsesScalarsAndStructure() throws {
        let value = try JSONParser.parse(#" {"a": [1, -2.5e3, true, false, null, "x\u00e9\n"], "b": {}} "#)
        guard case .object(let o) = value, case .array(let a)? = o["a"] else { Issue.record("not an object"); return }
        #expect(a.count == 6)
        #expect(a[0] == .number(JSONNumber(lexeme: "1")))
        #expect(a[1] == .number(JSONNumber(lexeme: "-2.5e3")))
        #expect(a[5] == .string("xé\n"))
        #expect(o["b"] == .object(JSONObject()))
    }

    @Test(arguments: [
        "", " ", "{", "[1,]", "{\"a\":1,}", "01", "1.", ".5", "+1", "-", "1e", "tru", "nul", "\"abc", "[1 2]",
        "{\"a\" 1}", "{1:2}", "\"\\x\"", "\"\u{01}\"", "\"\\ud800\"", "\"\\udc00x\"", "NaN", "Infinity", "[1]x", "{} {}",
    ])
    func rejectsInvalidJSON(_ text: String) {
        #expect(throws: JSONParseError.self) { try JSONParser.parse(text) }
    }

    @Test func rejectsInvalidUTF8() {
        let cases: [[UInt8]] = [
            [0x22, 0xFF, 0x22], [0x22, 0xC3, 0x22], [0x22, 0xC0, 0xAF, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22],
            [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], [0xEF, 0xBB, 0xBF, 0x7B, 0x7D],
        ]
        for bytes in cases {
            #expect(throws: JSONParseError.self) { try JSONParser.parse(bytes) }
        }
    }

    @Test func acceptsValidMultibyteAndSurrogatePairs() throws {
        #expect(try JSONParser.parse("\"€𝄞\"") == .string("€𝄞"))
        #expect(try JSONParser.parse(#""\ud834\udd1e""#) == .string("𝄞"))
    }

    @Test func duplicateKeysLastWins() throws {
        guard case .object(let o) = try JSONParser.parse(#"{"a":1,"a":2}"#) else { Issue.record(); return }
        #expect(o["a"] == .number(JSONNumber(lexeme: "2")))
    }

    @Test func nameComparisonByWordsAgreesWithBytes() {
        // Every length the word paths split on (under 4, 4–7, exactly 8, multiples and overlaps), a difference at
        // every position, and equal names.
        var random = SystemRandomNumberGenerator()
        for length in 0...40 {
            let a = (0..<length).map { _ in UInt8.random(in: 0...255, using: &random) }
            for position in -1..<length {
                var b = a
                if position >= 0 { b[position] ^= 1 << UInt8.random(in: 0...7, using: &random) }
                let same = a.withUnsafeBufferPointer { x in
                    b.withUnsafeBufferPointer { y in JSONDocument.equal(x.baseAddress ?? UnsafePointer(bitPattern: 8)!, y.baseAddress, length) }
                }
                #expect(same == (a == b), "length \(length), difference at \(position)")
            }
        }
    }

    @Test func memberLookupOnTheTape() throws {
        let document = try JSONDocument(Array(#"{"a":1,"b":{"a":2,"c":[{"a":3}]},"\u0061":4,"x\"y":5,"é":6}"#.utf8))
        #expect(document.member(0, "a").map(document.integer) == 4)  // an escaped duplicate, last wins
        #expect(document.member(0, "x\"y").map(document.integer) == 5)
        #expect(document.member(0, "é").map(document.integer) == 6)
        #expect(document.member(0, "c") == nil)  // not a member of the outer object
        let inner = try #require(document.member(0, "b"))
        #expect(document.member(inner, "a").map(document.integer) == 2)
        #expect(document.value() == (try JSONParser.parse(#"{"a":1,"b":{"a":2,"c":[{"a":3}]},"a":4,"x\"y":5,"é":6}"#)))
    }

    @Test func denseDocumentsOutgrowTheFirstTapeAndStillParseExactly() throws {
        // The first tape holds a token per eight bytes; these need up to one per two, so they take the second parse.
        for count in [0, 1, 7, 100, 5_000] {
            let array = "[" + Array(repeating: "1", count: count).joined(separator: ",") + "]"
            let nested = "{\"a\":" + array + ",\"b\":[[],{},[{}],\"\",0]}"
            for text in [array, nested] {
                let document = try JSONDocument(Array(text.utf8))
                #expect(document.value() == (try JSONParser.parse(text)), "\(text.prefix(40))")
            }
        }
        // An error after the first tape would have run out is still the document's own error, at its offset.
        let broken = "[" + Array(repeating: "1", count: 1_000).joined(separator: ",") + ",]"
        #expect(throws: JSONParseError.self) { try JSONDocument(Array(broken.utf8)) }
        do { _ = try JSONDocument(Array(broken.utf8)) } catch {
            #expect(error.offset == broken.utf8.count - 1 && error.reason != "too many values", "\(error)")
        }
    }

    @Test func escapedMemberNamesAreTheSameNames() throws {
        var data = TestEvents.caseFileData()
        data["inspectionId"] = nil
        var text = String(decoding: TestEvents.event(type: "casefile.submitted", data: data), as: UTF8.self)
        text = text.replacingOccurrences(of: #""caseFileId""#, with: #""inspection\u0049d":"INS-2026-MDI-01","caseFileId""#)
        let result = CaseFileAssessor(rules: try Fixtures.rules, pseudonymKey: []).process(key: TestEvents.key, value: Array(text.utf8))
        #expect((try? result.get()) != nil)
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(deep) }
        let ok = String(repeating: "[", count: 128) + String(repeating: "]", count: 128)
        #expect(throws: Never.self) { try JSONParser.parse(ok) }
        let tooDeep = String(repeating: "[", count: 129) + String(repeating: "]", count: 129)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(tooDeep) }
    }

    @Test func largeStringsAndNumbers() throws {
        let big = String(repeating: "é", count: 524_288)
        #expect(try JSONParser.parse("\"\(big)\"") == .string(big))
        let huge = "1" + String(repeating: "0", count: 5000)
        guard case .number(let n) = try JSONParser.parse(huge) else { Issue.record(); return }
        #expect(n.lexeme == huge)
        #expect(n.integerValue == nil)
    }

    @Test(arguments: [("36", 36), ("36.0", 36), ("3.6e1", 36), ("360e-1", 36), ("-0", 0), ("0.0", 0), ("1E2", 100), ("0e99999999999", 0)])
    func integralNumbers(_ lexeme: String, _ expected: Int) {
        #expect(JSONNumber(lexeme: lexeme).integerValue == expected)
    }

    @Test(arguments: ["36.5", "1e-1", "1e400", "99999999999999999999", "0.1e1"])
    func nonIntegralOrHugeNumbers(_ lexeme: String) {
        let value = JSONNumber(lexeme: lexeme).integerValue
        if lexeme == "0.1e1" { #expect(value == 1) } else { #expect(value == nil) }
    }
}

@Suite struct JSONWriterTests {
    /// Integers and tenths are written from their digits: every value agrees with `String(_:)` and `Fraction.oneDecimal`.
    @Test func writesIntegersAndTenthsDigitByDigit() {
        let values = [0, 5, 9, 10, 99, 100, 667, 1000, 12_345, -1, -10, -98_765, Int.max, Int.min + 1]
        for value in values {
            var w = JSONWriter()
            w.beginArray()
            w.integer(value)
            w.endArray()
            #expect(String(decoding: w.bytes, as: UTF8.self) == "[\(value)]")
        }
        for tenths in [0, 1, 9, 10, 55, 667, 999, 1000, 123_456] {
            var w = JSONWriter()
            w.beginArray()
            w.tenths(tenths)
            w.null()
            w.endArray()
            #expect(String(decoding: w.bytes, as: UTF8.self) == "[\(Fraction(tenths, 10).oneDecimal),null]")
        }
    }

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

    /// Literal member names are copied as they are; run-time names are escaped; dates and prefixed values are
    /// written without building strings.
    @Test func keysDatesAndPrefixedValues() {
        var w = JSONWriter()
        w.beginObject()
        w.field("x", CivilDate("2026-02-03")!)
        let weird = "we\"ird\n"  // a run-time name (`JSONKey("…")` with a literal would be a literal key)
        w.key(JSONKey(weird))
        w.integer(1)
        w.optionalField("none", nil as CivilDate?)
        w.field("source", "urn:inspection-pipeline:", "casefile-\"intake")
        w.field("early", CivilDate("0001-01-01")!)
        w.endObject()
        #expect(
            String(decoding: w.bytes, as: UTF8.self)
                == #"{"x":"2026-02-03","we\"ird\n":1,"source":"urn:inspection-pipeline:casefile-\"intake","early":"0001-01-01"}"#)
        #expect(JSONKey.needsNoEscaping("inspectionId"))
        #expect(!JSONKey.needsNoEscaping("a\"b"))
    }

    /// Enumerations are written from their tables' bytes: every case as its raw value.
    @Test func enumerationsAreWrittenAsTheirRawValues() {
        func written<E: JSONEnumeration>(_ type: E.Type) -> [String] {
            E.allCases.map { value in
                var w = JSONWriter()
                w.beginObject()
                w.field("v", value)
                w.optionalField("none", nil as E?)
                w.endObject()
                return String(decoding: w.bytes, as: UTF8.self)
            }
        }
        func expected<E: JSONEnumeration>(_ type: E.Type) -> [String] { E.allCases.map { #"{"v":""# + $0.rawValue + #""}"# } }
        #expect(written(EventType.self) == expected(EventType.self))
        #expect(written(CaseFileSubmitted.RiskLevel.self) == expected(CaseFileSubmitted.RiskLevel.self))
        #expect(written(CaseFileSubmitted.SentenceType.self) == expected(CaseFileSubmitted.SentenceType.self))
        #expect(written(InterviewRecorded.QuestionID.self) == expected(InterviewRecorded.QuestionID.self))
        #expect(written(Rating.self) == expected(Rating.self))
        var w = JSONWriter()
        w.beginObject()
        w.field("a", literal: "1.0")
        w.endObject()
        #expect(String(decoding: w.bytes, as: UTF8.self) == #"{"a":"1.0"}"#)
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
