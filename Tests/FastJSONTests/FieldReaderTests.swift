import Testing

@testable import FastJSON

/// What a reader fails with in these tests: the path and, for a wrong type, what was expected and found.
enum ReadFailure: JSONFieldFailure, Equatable {
    case missing(String)
    case wrongType(String, expected: String, found: String)

    static func missing(path: String) -> ReadFailure { .missing(path) }
    static func wrongType(path: String, expected: String, found: String) -> ReadFailure { .wrongType(path, expected: expected, found: found) }
}

typealias Reader = JSONFieldReader<ReadFailure>

/// `JSONFieldReader`: lookups, nested objects and arrays, paths and failures, read through the document's own
/// bytes and tape without retaining it.
@Suite struct FieldReaderTests {
    static let text = #"""
        {"data":{"id":"A-1","n":42,"big":12345678901234567890,"t":true,"nothing":null,"esc":"a\"b\u00e9",
        "inner":{"date":"2026-03-02","deeper":{"x":1}},"list":[{"k":"v"},"s",3],"names":["x","y\n"],"empty":[]}}
        """#

    static func document() throws -> JSONDocument { try JSONDocument(Array(text.utf8)) }

    static func data(_ document: JSONDocument) throws -> Int { try #require(document.member(JSONDocument.root, "data")) }

    /// What `scalarsAndKinds` reads, taken out of the reader to be checked.
    struct Scalars {
        var id = "", idKind: JSONDocument.Token.Kind?, idIsString = false, idBytes = 0, n: Int?, nKind: JSONDocument.Token.Kind?
        var big: Int?, t: JSONDocument.Token.Kind?, nothing: Int?, absent: Int?, esc = "", escKind: JSONDocument.Token.Kind?
        var stringToken: Int?, idToken: Int?, absentToken: Int?
    }

    @Test func scalarsAndKinds() throws {
        let document = try Self.document()
        let s = try Reader.reading(document, object: try Self.data(document), path: "data") { d throws(ReadFailure) -> Scalars in
            var s = Scalars()
            let id = d.value("id") ?? -1
            (s.id, s.idKind, s.idIsString, s.idBytes) = (d.string(id), d.kind(id), d.isString(id), d.withRawBytes(id) { $0.count })
            let n = d.value("n") ?? -1
            (s.n, s.nKind) = (d.integer(n), d.kind(n))
            s.big = d.value("big").flatMap { d.integer($0) }
            s.t = d.value("t").map { d.kind($0) }
            (s.nothing, s.absent) = (d.value("nothing"), d.value("absent"))
            let esc = d.value("esc") ?? -1
            (s.esc, s.escKind) = (d.string(esc), d.kind(esc))
            (s.idToken, s.stringToken, s.absentToken) = (id, try d.stringToken("id"), try d.stringToken("absent"))
            return s
        }
        #expect(s.id == "A-1" && s.idKind == .string && s.idIsString && s.idBytes == 3)
        #expect(s.n == 42 && s.nKind == .number)
        #expect(s.big == nil)  // beyond Int
        #expect(s.t == .trueValue)
        #expect(s.nothing == nil && s.absent == nil)  // null is absent
        #expect(s.esc == "a\"bé" && s.escKind == .escapedString)
        #expect(s.stringToken == s.idToken && s.absentToken == nil)
    }

    @Test func nestedObjectsArraysAndPaths() throws {
        let document = try Self.document()
        let data = try Self.data(document)
        let seen = try Reader.reading(document, object: data, path: "data") { d throws(ReadFailure) -> [String] in
            var seen: [String] = [d.path, d.pathOf("id")]
            let inner = try d.requiredObject("inner")
            seen += [inner.path, inner.pathOf("date")]
            if let deeper = try inner.optionalObject("deeper") {
                seen += [deeper.path, String(describing: deeper.value("x").flatMap { deeper.integer($0) })]
            }
            seen.append(String(try inner.optionalObject("absent") == nil))
            let list = try d.requiredArray("list")
            seen.append(String(list.count))
            for (index, element) in list.enumerated() {
                seen.append("\(d.kind(element))")
                if index == 0 {
                    let object = try d.element("list", index, element)
                    seen += [object.path, object.value("k").map { object.string($0) } ?? "?"]
                }
            }
            seen += try d.requiredArray("names").enumerated().map { (i, e) throws(ReadFailure) in try d.stringElement("names", i, e) }
            seen += [String(try d.optionalArray("absent").count), String(try d.requiredArray("empty").count)]
            return seen
        }
        #expect(
            seen == [
                "data", "data.id", "data.inner", "data.inner.date", "data.inner.deeper", "Optional(1)", "true", "3", "object",
                "data.list[0]", "v", "string", "number", "x", "y\n", "0", "0",
            ])
    }

    @Test func failuresNameTheField() throws {
        let document = try Self.document()
        let data = try Self.data(document)
        func failure(_ read: (borrowing Reader) throws(ReadFailure) -> Void) -> ReadFailure? {
            do throws(ReadFailure) {
                try Reader.reading(document, object: data, path: "data", read)
                return nil
            } catch {
                return error
            }
        }
        #expect(failure { d throws(ReadFailure) in _ = try d.requiredObject("absent") } == .missing("data.absent"))
        #expect(
            failure { d throws(ReadFailure) in _ = try d.requiredObject("id") } == .wrongType("data.id", expected: "an object", found: "a string"))
        #expect(failure { d throws(ReadFailure) in _ = try d.optionalArray("n") } == .wrongType("data.n", expected: "an array", found: "a number"))
        #expect(failure { d throws(ReadFailure) in _ = try d.requiredArray("nothing") } == .missing("data.nothing"))
        #expect(failure { d throws(ReadFailure) in _ = try d.stringToken("t") } == .wrongType("data.t", expected: "a string", found: "a boolean"))
        #expect(
            failure { d throws(ReadFailure) in
                for (index, element) in try d.requiredArray("list").enumerated() where index == 1 { _ = try d.element("list", index, element) }
            } == .wrongType("data.list[1]", expected: "an object", found: "a string"))
        #expect(
            failure { d throws(ReadFailure) in
                for (index, element) in try d.requiredArray("list").enumerated() where index == 2 { _ = try d.stringElement("list", index, element) }
            } == .wrongType("data.list[2]", expected: "a string", found: "a number"))
        #expect(failure { d throws(ReadFailure) in _ = try d.requiredObject("inner").requiredObject("nope") } == .missing("data.inner.nope"))
    }

    /// A document whose member names are escaped has no member index: the reader walks the object instead.
    @Test func escapedNamesAreFoundByWalking() throws {
        let document = try JSONDocument(Array(#"{"d\u0061ta":{"\u0069d":"A","id":"B"}}"#.utf8))
        #expect(document.memberIndex == nil)
        let data = try #require(document.member(JSONDocument.root, "data"))
        let id = try Reader.reading(document, object: data, path: "data") { d in d.value("id").map { d.string($0) } }
        #expect(id == "B")  // the last of two equal names
    }

    /// Elements hold their document, so a sequence kept after the reader is gone still reads the tape.
    @Test func elementsOutliveTheirReader() throws {
        let elements = try {
            let document = try JSONDocument(Array(#"{"a":[1,2,[3,4],{"b":5}]}"#.utf8))
            let array = try #require(document.member(JSONDocument.root, "a"))
            return document.elements(array)
        }()
        #expect(Array(elements).count == 4 && elements.count == 4)
    }
}
