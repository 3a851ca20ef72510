import CJSONScan
import Foundation
import Testing

@testable import FastJSON

/// `JSONTapeParser` (one loop, explicit stack) against `ReferenceTapeBuilder` (recursive descent): the same tape
/// for every document, and the same error (offset and reason) for every broken one.
@Suite struct JSONTapeParserTests {
    /// The example events and the fuzz seeds (less their first byte, which picks the decoder), pretty and compact.
    static let seeds: [[UInt8]] = {
        let examples = Repository.root.appendingPathComponent("config/examples")
        let corpus = Repository.root.appendingPathComponent("Tests/Fuzz/corpus")
        var seeds: [[UInt8]] = []
        for folder in [examples, corpus] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            for name in names.sorted() {
                guard var data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) else { continue }
                if folder == corpus { data = data.dropFirst() }
                seeds.append([UInt8](data))
                if let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]),
                    let compact = try? JSONSerialization.data(withJSONObject: object, options: [.fragmentsAllowed])
                {
                    seeds.append([UInt8](compact))
                }
            }
        }
        return seeds
    }()

    /// Bytes a mutation inserts: structure, escapes, digits, whitespace, control and UTF-8 lead and continuation bytes.
    static let interesting: [UInt8] =
        Array("{}[]:,\"\\/u0123456789abcdefABCDEF-+.eEtrufalsn \t\r\n".utf8) + [
            0x00, 0x1F, 0x7F, 0x80, 0xBF, 0xC2, 0xC3, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF,
        ]

    static func compare(_ bytes: [UInt8], _ label: @autoclosure () -> String) {
        let reference = ReferenceTapeBuilder.parse(bytes)
        let full = JSONDocument.parse(bytes, capacity: bytes.count + 1)
        #expect(full.failure == reference.failure, "\(label()): \(String(decoding: bytes.prefix(80), as: UTF8.self).debugDescription)")
        if full.tokens != reference.tokens {
            let first =
                zip(full.tokens, reference.tokens).enumerated().first { $0.element.0 != $0.element.1 }?.offset
                ?? min(full.tokens.count, reference.tokens.count)
            Issue.record("\(label()): tapes differ at token \(first) of \(reference.tokens.count) (\(full.tokens.count) written)")
        }
        #expect(!full.overflowed)
        // Through the document (a small first tape, then the full bound when it runs out): the same outcome.
        do {
            let document = try JSONDocument(bytes)
            #expect(reference.failure == nil, "\(label())")
            // The tape is the document's memory: keep the document alive while it is copied.
            let tape = withExtendedLifetime(document) { Array(document.tokens) }
            #expect(tape == full.tokens, "\(label()): the document's tape is not the full parse's")
        } catch {
            #expect(error == reference.failure, "\(label())")
        }
    }

    @Test func seedsParseToTheReferenceTape() throws {
        try #require(Self.seeds.count > 20, "the examples and fuzz seeds were not found")
        for (index, seed) in Self.seeds.enumerated() {
            Self.compare(seed, "seed \(index)")
        }
    }

    /// Random edits of every seed: a byte replaced, inserted or deleted, or the document cut short. Most edits
    /// break the document somewhere; the two parsers must agree on where and why.
    @Test func mutatedSeedsGiveTheReferenceOutcome() {
        var generator = SplitMix(seed: UInt64.random(in: 0...UInt64.max))
        let start = generator.state
        for (index, seed) in Self.seeds.enumerated() where !seed.isEmpty && seed.count < 16_384 {
            for round in 0..<60 {
                var bytes = seed
                for _ in 0...(round % 3) {
                    let position = Int(generator.next() % UInt64(bytes.count + 1))
                    let byte = Self.interesting[Int(generator.next() % UInt64(Self.interesting.count))]
                    switch generator.next() % 4 {
                    case 0 where position < bytes.count: bytes[position] = byte
                    case 1: bytes.insert(byte, at: position)
                    case 2 where position < bytes.count: bytes.remove(at: position)
                    default: bytes.removeSubrange(min(position, bytes.count)...)
                    }
                    if bytes.isEmpty { break }
                }
                Self.compare(bytes, "seed \(index) round \(round) (generator seed \(start))")
            }
        }
    }

    @Test(arguments: [
        "", " ", "{", "}", "[", "]", "[1,]", "{\"a\":1,}", "{,}", "[,1]", "01", "-01", "1.", ".5", "+1", "-", "1e", "1e+",
        "1E-5", "-0.0e0", "tru", "truex", "fals", "falsy", "nul", "nulls", "\"abc", "\"a\\", "\"\\u12\"", "\"\\u12G4\"",
        "\"\\ud800\\u0041\"", "\"\\ud800\\udc00\"", "\"\\udc00\"", "\"\\ud800\"", "[1 2]", "{\"a\" 1}", "{\"a\":}", "{1:2}",
        "\"\\x\"", "\"\u{01}\"", "NaN", "[1]x", "{} {}", " [ 1 , { \"a\" : [ ] } ] ", "[[[]],[{}],{\"a\":[{\"b\":null}]}]",
        "\"0123456789abcdef\\\"0123456789\"", "{\"k\":\"é€𝄞\",\"e\":\"\\n\"}", "[true,false,null,-1.5e-3]",
    ])
    func handwrittenCases(_ text: String) {
        Self.compare(Array(text.utf8), "case")
    }

    @Test func nestingAroundTheDepthLimit() {
        for depth in [127, 128, 129, 200] {
            for (open, close) in [("[", "]"), ("{\"a\":", "}"), ("[{\"a\":", "}]")] {
                let text = String(repeating: open, count: depth) + "1" + String(repeating: close, count: depth)
                Self.compare(Array(text.utf8), "depth \(depth) \(open)")
                Self.compare(Array(text.dropLast(depth / 2).utf8), "depth \(depth) \(open), cut")
            }
        }
        // Cut short, a document has a token per byte: its error is its own, not a full tape.
        let cut = Array((String(repeating: "[", count: 100) + "1").utf8)
        #expect(throws: JSONParseError(offset: cut.count, reason: "unterminated array")) { try JSONDocument(cut) }
    }

    /// The C scanner the parser skips plain string bytes with: both implementations against a byte-by-byte
    /// reference, for every length around the 8- and 16-byte steps and a special byte at every position.
    @Test func plainPrefixScannerAgreesWithAReference() {
        let specials: [UInt8] = [0x22, 0x5C, 0x00, 0x1F, 0x80, 0xC3, 0xFF]
        var generator = SplitMix(seed: UInt64.random(in: 0...UInt64.max))
        let start = generator.state
        for length in 0...70 {
            for position in -1..<length {
                var bytes = (0..<length).map { _ in UInt8(0x20 + generator.next() % 0x5F) }.map { $0 == 0x22 || $0 == 0x5C ? 0x41 : $0 }
                if position >= 0 { bytes[position] = specials[Int(generator.next() % UInt64(specials.count))] }
                let expected = bytes.firstIndex { $0 == 0x22 || $0 == 0x5C || $0 < 0x20 || $0 >= 0x80 } ?? length
                bytes.withUnsafeBufferPointer { buffer in
                    let base = buffer.baseAddress ?? UnsafePointer(bitPattern: 8)!
                    #expect(ik_json_plain_ascii_prefix(base, length) == expected, "length \(length), position \(position) (seed \(start))")
                    #expect(ik_json_plain_ascii_prefix_portable(base, length) == expected, "length \(length), position \(position) (seed \(start))")
                }
            }
        }
    }
}
