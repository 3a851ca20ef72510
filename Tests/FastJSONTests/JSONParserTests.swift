import Foundation
import Testing

@testable import FastJSON

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
