/// What reading a field can fail with: the reader's errors are the caller's own type (a decoder's rejection), made
/// from the field's path.
public protocol JSONFieldFailure: Error {
    /// A required field that is absent or null.
    static func missing(path: String) -> Self
    /// A field (or an array element) of the wrong JSON type: `expected` and `found` are "a string", "an object", …
    static func wrongType(path: String, expected: String, found: String) -> Self
}

/// Reads the fields of one object of a ``JSONDocument``: member lookups by literal names, the tokens' kinds, strings
/// and bytes, nested objects and arrays, and the dotted path of any field for messages.
///
/// A reader does not retain its document (a decoder makes a dozen of them per event, and reference counting them
/// cost more than the lookups), yet cannot outlive it: it is non-escapable, its lifetime bound to a borrow of the
/// document, so the compiler refuses to store it or return it past that borrow. A decoder gets one from
/// ``reading(_:object:path:_:)`` and the nested readers from it; none can be kept.
public struct JSONFieldReader<Failure: JSONFieldFailure>: ~Escapable, BitwiseCopyable {
    /// The document's input, tape and member index, lent for the reader's lifetime: lookups read them directly,
    /// with no reference to count and no call through the document.
    @usableFromInline let bytes: Span<UInt8>
    @usableFromInline let tokens: Span<JSONDocument.Token>
    @usableFromInline let index: JSONDocument.MemberIndex?
    /// The document itself, not retained, for the slower reads (decoding a string, a path, an array's elements).
    @usableFromInline let document: Unmanaged<JSONDocument>
    /// The object token.
    public let object: Int
    /// The token the paths start from (`data`) and its name. A path is worked out from the tape only when an
    /// error needs it, so reading nested objects builds no strings.
    @usableFromInline let root: Int
    @usableFromInline let rootPath: StaticString

    @inlinable @_lifetime(borrow document)
    init(_ document: borrowing JSONDocument, object: Int, path: StaticString) {
        // The document holds its input and its tape unchanged until it goes away, and it outlives the borrow.
        bytes = document.inputSpan
        tokens = document.tokenSpan
        index = document.memberIndex
        self.document = Unmanaged.passUnretained(document)
        self.object = object
        root = object
        rootPath = path
    }

    /// A reader of a nested object token, with the parent's lifetime.
    @inlinable @_lifetime(copy parent)
    init(nested object: Int, of parent: borrowing JSONFieldReader) {
        bytes = parent.bytes
        tokens = parent.tokens
        index = parent.index
        document = parent.document
        self.object = object
        root = parent.root
        rootPath = parent.rootPath
    }

    /// Calls `body` with a reader of `object`, whose paths start at `path` (`data`).
    @inlinable
    public static func reading<R>(
        _ document: JSONDocument, object: Int, path: StaticString, _ body: (borrowing JSONFieldReader) throws(Failure) -> R
    ) throws(Failure) -> R {
        try body(JSONFieldReader(document, object: object, path: path))
    }

    /// Calls `body` with the document, which outlives this reader.
    @inlinable @inline(__always)
    func withDocument<R>(_ body: (JSONDocument) -> R) -> R {
        document._withUnsafeGuaranteedRef(body)
    }

    // MARK: tokens

    /// The kind of a token.
    @inlinable @inline(__always)
    public func kind(_ token: Int) -> JSONDocument.Token.Kind { tokens[token].kind }

    /// Whether a token is a string (with or without escapes).
    @inlinable @inline(__always)
    public func isString(_ token: Int) -> Bool {
        let kind = kind(token)
        return kind == .string || kind == .escapedString
    }

    /// The JSON type name of a token ("a string", "an object", …).
    @usableFromInline
    func typeDescription(_ token: Int) -> String { withDocument { $0.typeDescription(token) } }

    /// The decoded string of a string token.
    @inlinable
    public func string(_ token: Int) -> String { withDocument { $0.string(token) } }

    /// Calls `body` with the raw bytes of a scalar token (string contents without quotes, undecoded).
    @inlinable @inline(__always)
    public func withRawBytes<R>(_ token: Int, _ body: (Span<UInt8>) -> R) -> R {
        let scalar = tokens[token]
        return body(bytes.extracting(Int(scalar.start)..<Int(scalar.end)))
    }

    /// The integer value of a number token (integral and within `Int`), or nil.
    @inlinable @inline(__always)
    public func integer(_ token: Int) -> Int? {
        let plain = withRawBytes(token) { $0.withUnsafeBufferPointer { JSONNumber.plainInteger($0) } }
        return plain ?? withDocument { $0.number(token).integerValue }
    }

    // MARK: members and paths

    /// The value token of `key`, nil when absent or null.
    @inlinable @inline(__always)
    public func value(_ key: StaticString) -> Int? {
        guard let token = member(named: key), tokens[token].kind != .null else { return nil }
        return token
    }

    /// The value token of the last member `key` of this object, or nil.
    @inlinable @inline(__always)
    func member(named key: StaticString) -> Int? {
        key.withUTF8Buffer { needle in
            let signature = JSONDocument.signature(of: needle)
            guard let index else { return withDocument { $0.walkMembers(object, needle, signature: signature) } }
            return bytes.withUnsafeBufferPointer { haystack in
                tokens.withUnsafeBufferPointer { tape in
                    JSONDocument.probe(index, object, needle, signature: signature, in: haystack, tape: tape)
                }
            }
        }
    }

    /// The dotted path of this object (`data`, `data.sentence`, `data.answers[2]`).
    public var path: String { withDocument { $0.path(to: object, from: root, named: rootPath.description) } }

    /// The path of the member `key` of this object.
    public func pathOf(_ key: StaticString) -> String {
        let base = path
        return base.isEmpty ? key.description : base + "." + key.description
    }

    /// The failure for a required member that is absent or null.
    @inlinable
    public func missing(_ key: StaticString) -> Failure { .missing(path: pathOf(key)) }

    /// The failure for a member of the wrong type.
    @inlinable
    public func wrongType(_ key: StaticString, expected: String, found token: Int) -> Failure {
        .wrongType(path: pathOf(key), expected: expected, found: typeDescription(token))
    }

    /// The string token of `key`, nil when absent; another type is a failure.
    @inlinable @inline(__always)
    public func stringToken(_ key: StaticString) throws(Failure) -> Int? {
        guard let token = value(key) else { return nil }
        guard isString(token) else { throw wrongType(key, expected: "a string", found: token) }
        return token
    }

    // MARK: objects and arrays

    /// The reader of the object `key`, nil when absent; another type is a failure.
    @inlinable @inline(__always) @_lifetime(copy self)
    public func optionalObject(_ key: StaticString) throws(Failure) -> JSONFieldReader? {
        guard let token = value(key) else { return nil }
        guard kind(token) == .object else { throw wrongType(key, expected: "an object", found: token) }
        return JSONFieldReader(nested: token, of: self)
    }

    /// The reader of the object `key`; absent or another type is a failure.
    @inlinable @inline(__always) @_lifetime(copy self)
    public func requiredObject(_ key: StaticString) throws(Failure) -> JSONFieldReader {
        guard let token = value(key) else { throw missing(key) }
        guard kind(token) == .object else { throw wrongType(key, expected: "an object", found: token) }
        return JSONFieldReader(nested: token, of: self)
    }

    /// The element tokens of the array `key`; an absent array is empty, another type a failure.
    @inlinable @inline(__always)
    public func optionalArray(_ key: StaticString) throws(Failure) -> JSONDocument.Elements {
        guard let token = value(key) else { return withDocument { $0.noElements } }
        guard kind(token) == .array else { throw wrongType(key, expected: "an array", found: token) }
        return withDocument { $0.elements(token) }
    }

    /// The element tokens of the array `key`; absent or another type is a failure.
    @inlinable @inline(__always)
    public func requiredArray(_ key: StaticString) throws(Failure) -> JSONDocument.Elements {
        guard let token = value(key) else { throw missing(key) }
        guard kind(token) == .array else { throw wrongType(key, expected: "an array", found: token) }
        return withDocument { $0.elements(token) }
    }

    /// The reader of element `index` (token `token`) of the array `key`, which must be an object.
    @inlinable @inline(__always) @_lifetime(copy self)
    public func element(_ key: StaticString, _ index: Int, _ token: Int) throws(Failure) -> JSONFieldReader {
        guard kind(token) == .object else { throw elementType(key, index, expected: "an object", found: token) }
        return JSONFieldReader(nested: token, of: self)
    }

    /// Element `index` (token `token`) of the array `key`, which must be a string.
    @inlinable
    public func stringElement(_ key: StaticString, _ index: Int, _ token: Int) throws(Failure) -> String {
        guard isString(token) else { throw elementType(key, index, expected: "a string", found: token) }
        return string(token)
    }

    /// The failure for element `index` of the array `key` being of the wrong type.
    @usableFromInline
    func elementType(_ key: StaticString, _ index: Int, expected: String, found token: Int) -> Failure {
        .wrongType(path: pathOf(key) + "[" + String(index) + "]", expected: expected, found: typeDescription(token))
    }
}
