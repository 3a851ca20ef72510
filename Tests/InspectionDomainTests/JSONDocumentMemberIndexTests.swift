import Testing
@testable import InspectionDomain

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

    @Test func escapedNamesTurnTheIndexOff() throws {
        #expect(try JSONDocument(Array(#"{"a":1,"b":{"a":2}}"#.utf8)).memberIndex != nil)
        #expect(try JSONDocument(Array(#"{"a":1,"b":{"\u0061":2}}"#.utf8)).memberIndex == nil)
    }
}
