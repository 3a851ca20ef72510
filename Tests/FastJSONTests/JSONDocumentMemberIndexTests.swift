import Foundation
import Testing

@testable import FastJSON

/// `JSONDocument.member` (a hash index over every member name, or a walk when a name is escaped) against a plain
/// reading of the tape: for every object of random documents and every candidate name, the value of the last
/// member so named, or nil.
@Suite struct JSONDocumentMemberIndexTests {
    /// Names that collide: shared first, middle and last bytes and lengths give equal signatures, and a small
    /// pool makes duplicates and the same name in different objects common.
    static let names = ["a", "b", "ab", "ba", "abc", "aXc", "aYc", "allocatedOn", "allocatedIn", "alloxatedOn", "é", ""]
    /// A name that is always written escaped.
    static let quoted = "x\"y"

    /// A random object `depth` levels deep; with `escape`, some names are written escaped (which turns the index
    /// off for the document).
    static func object(_ random: inout SplitMix, depth: Int, escape: Bool) -> String {
        let count = Int(random.next() % (depth == 0 ? 4 : 24))
        var members: [String] = []
        let pool = escape ? names + [quoted] : names
        for _ in 0..<count {
            let name = pool[Int(random.next() % UInt64(pool.count))]
            var key = name.replacingOccurrences(of: "\"", with: "\\\"")
            if escape && name == "a" && random.next() % 2 == 0 { key = "\\u0061" }
            let value: String
            switch random.next() % 5 {
            case 0 where depth > 0: value = object(&random, depth: depth - 1, escape: escape)
            case 1 where depth > 0: value = "[" + object(&random, depth: depth - 1, escape: escape) + ",1]"
            default: value = String(random.next() % 1000)
            }
            members.append("\"\(key)\":\(value)")
        }
        return "{" + members.joined(separator: ",") + "}"
    }

    /// The value token of the last member named `name`, by decoding every name of the object.
    static func reference(_ document: JSONDocument, _ object: Int, _ name: String) -> Int? {
        document.members(object).last { document.string($0.key) == name }?.value
    }

    static func check(escape: Bool) throws {
        var random = SplitMix(seed: escape ? 7 : 11)
        var lookups = 0, found = 0, indexed = 0
        for _ in 0..<300 {
            let text = object(&random, depth: 3, escape: escape)
            let document = try JSONDocument(Array(text.utf8))
            if document.memberIndex != nil { indexed += 1 }
            for token in document.tokens.indices where document.kind(token) == .object {
                for name in names + [quoted, "c", "allocatedOnX"] {
                    let expected = reference(document, token, name)
                    #expect(document.member(token, name) == expected, "\(name) in object \(token) of \(text.prefix(200))")
                    lookups += 1
                    if expected != nil { found += 1 }
                }
            }
            // A name of one object is not found in another, and non-objects have no members.
            for token in document.tokens.indices where document.kind(token) != .object {
                #expect(names.allSatisfy { document.member(token, $0) == nil })
            }
        }
        #expect(found > 1_000 && lookups - found > 1_000, "the documents exercise too little: \(found) of \(lookups) found")
        // Without escapes every document is indexed; with them, most are walked.
        #expect(escape ? indexed < 150 : indexed == 300, "\(indexed) of 300 documents indexed")
    }

    @Test func indexedLookupsMatchTheTape() throws {
        try Self.check(escape: false)
    }

    @Test func documentsWithEscapedNamesMatchTheTape() throws {
        try Self.check(escape: true)
    }

    /// Seven-byte names `a??m??z` (digits in the `?`s) all share one signature, so they share a home slot.
    static func sameSignatureName(_ n: Int) -> String {
        let digits = Array(String(10_000 + n).utf8.dropFirst()).map { String(UnicodeScalar($0)) }
        return "a" + digits[0] + digits[1] + "m" + digits[2] + digits[3] + "z"
    }

    /// An object of `count` same-signature names (the fifth repeated last with value -1), as JSON.
    static func sameSignatureObject(_ count: Int) -> String {
        let members = (0..<count).map { "\"\(sameSignatureName($0))\":\($0)" } + ["\"\(sameSignatureName(5))\":-1"]
        return "{\"before\":true,\"o\":{" + members.joined(separator: ",") + "},\"after\":false}"
    }

    /// Names crafted to share a signature land in one run of slots. Up to `maximumReach` of them in an object the
    /// document is still indexed; beyond, it is walked instead (indexing n of them would cost n² probes), and in
    /// both cases every lookup, present or absent, answers as the tape does.
    @Test func sameSignatureNamesAreFoundIndexedOrWalked() throws {
        #expect(
            Array("a12m34z".utf8).withUnsafeBufferPointer { JSONDocument.signature(of: $0) }
                == Array("a98m76z".utf8).withUnsafeBufferPointer { JSONDocument.signature(of: $0) })
        for count in [16, 4_000] {
            let document = try JSONDocument(Array(Self.sameSignatureObject(count).utf8))
            if count == 16 {
                #expect(document.memberIndex != nil, "16 names of one signature should still be indexed")
            } else {
                #expect(document.memberIndex == nil, "\(count) names of one signature should turn the index off")
            }
            let object = try #require(document.member(0, "o"))
            #expect(document.member(0, "before") == 2 && document.member(0, "after") != nil)
            for n in Array(0..<min(count, 40)) + [count - 1, count / 2, count, count + 1, 9_999] {
                let name = Self.sameSignatureName(n)
                #expect(document.member(object, name) == Self.reference(document, object, name), "\(name) of \(count)")
            }
            // The repeated name keeps its last value.
            #expect(document.member(object, Self.sameSignatureName(5)).flatMap { document.integer($0) } == -1)
        }
    }

    /// The index lives in the tape's block when the first tape (an eighth of the input) holds the document, and in
    /// an allocation of its own when a denser document needs the full-size tape; lookups answer the same in both.
    @Test func indexInTheTapesBlockOrOnItsOwn() throws {
        let names = (0..<40).map { "member\($0)" }
        let sparse = "{" + names.map { "\"\($0)\":\"a value long enough to keep the document sparse\"" }.joined(separator: ",") + "}"
        let dense = "{" + names.map { "\"\($0)\":[1,2,3,4,5,6,7,8,9]" }.joined(separator: ",") + "}"
        for (text, owns) in [(sparse, false), (dense, true)] {
            let document = try JSONDocument(Array(text.utf8))
            let index = try #require(document.memberIndex)
            #expect(index.ownsSlots == owns, "\(owns ? "dense" : "sparse") document")
            for name in names + ["member40", "member", ""] {
                #expect(document.member(0, name) == Self.reference(document, 0, name), "\(name)")
            }
            #expect(document.member(0, "member39") != nil)
        }
    }

    @Test func escapedNamesTurnTheIndexOff() throws {
        #expect(try JSONDocument(Array(#"{"a":1,"b":{"a":2}}"#.utf8)).memberIndex != nil)
        #expect(try JSONDocument(Array(#"{"a":1,"b":{"\u0061":2}}"#.utf8)).memberIndex == nil)
    }
}
