/// Reads typed fields of one JSON object of a `JSONDocument`, throwing `Rejection`s that name the field path.
///
/// `null` means absent for every field (§11); a required field that is absent or null is missing.
/// Enumerations, dates and integers are checked on the raw bytes; Strings are built only for values kept.
struct FieldReader {
    /// The document, borrowed: a reader is used while its `CloudEvent` holds the document, and none is stored.
    let document: JSONView
    /// The object token.
    let object: Int
    /// The token the paths start from (`data`) and its name. A path is worked out from the tape only when an
    /// error needs it, so reading nested objects builds no strings.
    private let root: Int
    private let rootPath: StaticString

    /// Calls `body` with a reader of `object`, keeping `document` alive until `body` returns: readers hold a
    /// `JSONView`, which does not retain the document, so none may outlive the call.
    ///
    /// The reader itself is borrowed, but the nested readers and element sequences it returns are plain values:
    /// nothing but this rule stops one being stored or returned out of `body`. Decoders read them on the spot and
    /// return only what they built (Strings, numbers, domain values).
    static func reading<R>(
        _ document: JSONDocument, object: Int, path: StaticString,
        _ body: (borrowing FieldReader) throws(Rejection) -> R
    ) throws(Rejection) -> R {
        defer { withExtendedLifetime(document) {} }
        return try body(FieldReader(document.view, object: object, root: object, rootPath: path))
    }

    private init(_ document: JSONView, object: Int, root: Int, rootPath: StaticString) {
        self.document = document
        self.object = object
        self.root = root
        self.rootPath = rootPath
    }

    /// A reader of a nested object token.
    private func nested(_ token: Int) -> FieldReader {
        FieldReader(document, object: token, root: root, rootPath: rootPath)
    }

    /// The dotted path of this object (`data`, `data.sentence`, `data.answers[2]`).
    var path: String { document.path(to: object, from: root, named: rootPath.description) }

    func pathOf(_ key: StaticString) -> String {
        let base = path
        return base.isEmpty ? key.description : base + "." + key.description
    }

    /// The value token, nil when absent or null.
    @inline(__always)
    func value(_ key: StaticString) -> Int? {
        let found = key.withUTF8Buffer { document.member(object, named: $0) }
        guard let token = found, document.kind(token) != .null else { return nil }
        return token
    }

    func missing(_ key: StaticString) -> Rejection {
        Rejection(.schemaViolation, path: pathOf(key), "required field missing")
    }

    func wrongType(_ key: StaticString, expected: String, found token: Int) -> Rejection {
        Rejection(.schemaViolation, path: pathOf(key), "expected \(expected), found \(document.typeDescription(token))")
    }

    @inline(__always)
    func isString(_ token: Int) -> Bool {
        let kind = document.kind(token)
        return kind == .string || kind == .escapedString
    }

    /// The string token of `key`, nil when absent; wrong type → SCHEMA_VIOLATION.
    @inline(__always)
    func stringToken(_ key: StaticString) throws(Rejection) -> Int? {
        guard let token = value(key) else { return nil }
        guard isString(token) else { throw wrongType(key, expected: "a string", found: token) }
        return token
    }

    // MARK: strings

    func optionalString(_ key: StaticString) throws(Rejection) -> String? {
        guard let token = try stringToken(key) else { return nil }
        return document.string(token)
    }

    func requiredString(_ key: StaticString) throws(Rejection) -> String {
        guard let text = try optionalString(key) else { throw missing(key) }
        return text
    }

    /// Whether the string `key` has something other than whitespace (nil when absent), without keeping the text:
    /// plain ASCII is judged on the bytes, anything else decoded and judged as ``TextTrimming/isBlank(_:)`` does.
    func optionalNonBlank(_ key: StaticString) throws(Rejection) -> Bool? {
        guard let token = try stringToken(key) else { return nil }
        if document.kind(token) == .string, let blank = document.withRawBytes(token, TextTrimming.isBlankASCII) { return !blank }
        return !TextTrimming.isBlank(document.string(token))
    }

    /// Checks that `key` is present and a string, like ``requiredString(_:)``, without decoding it (for a
    /// field the rules never read).
    func requireString(_ key: StaticString) throws(Rejection) {
        guard try stringToken(key) != nil else { throw missing(key) }
    }

    // MARK: identifiers

    /// An identifier: wrong type → SCHEMA_VIOLATION, pattern failure → INVALID_IDENTIFIER.
    func optionalIdentifier(_ key: StaticString, _ kind: IdentifierKind) throws(Rejection) -> String? {
        guard let text = try optionalString(key) else { return nil }
        if let reason = kind.problem(text) {
            throw Rejection(.invalidIdentifier, path: pathOf(key), reason)
        }
        return text
    }

    func requiredIdentifier(_ key: StaticString, _ kind: IdentifierKind) throws(Rejection) -> String {
        guard let text = try optionalIdentifier(key, kind) else { throw missing(key) }
        return text
    }

    // MARK: enumerations

    @inline(__always)
    func optionalEnum<E: JSONEnumeration>(_ key: StaticString, _ type: E.Type) throws(Rejection) -> E? {
        guard let token = try stringToken(key) else { return nil }
        // Matched on the bytes, exactly (String equality is canonical equivalence: a KELVIN SIGN would pass for
        // a K); an escaped value is decoded first.
        let match =
            document.kind(token) == .string
            ? document.withRawBytes(token) { E.jsonNames.match($0) }
            : document.string(token).withUTF8Bytes { E.jsonNames.match($0) }
        if let match { return match }
        throw Rejection(.schemaViolation, path: pathOf(key), "\(FieldReader.quoted(document.string(token))) is not one of \(E.jsonNames.allowed)")
    }

    @inline(__always)
    func requiredEnum<E: JSONEnumeration>(_ key: StaticString, _ type: E.Type) throws(Rejection) -> E {
        guard let value = try optionalEnum(key, type) else { throw missing(key) }
        return value
    }

    /// A string restricted to a fixed list.
    func requiredOneOf(_ key: StaticString, _ allowed: [String]) throws(Rejection) -> String {
        let text = try requiredString(key)
        guard allowed.contains(text) else {
            throw Rejection(.schemaViolation, path: pathOf(key), "\(FieldReader.quoted(text)) is not one of \(allowed.joined(separator: ", "))")
        }
        return text
    }

    /// An offending value for a message, quoted: only a value matching `[A-Z0-9_-]{1,40}` that does not look like
    /// personal data is quoted (§10); any other is described by its type and length. Messages are logged and put in
    /// DLQ headers, so a name, a prison number or a date never reaches them.
    static func quoted(_ text: String) -> String {
        PersonalData.mayEcho(text) ? "\"" + text + "\"" : PersonalData.describe(text)
    }

    /// The same, unquoted: the value itself, or its description.
    static func echoed(_ text: String) -> String {
        PersonalData.mayEcho(text) ? text : PersonalData.describe(text)
    }

    // MARK: dates

    func optionalDate(_ key: StaticString) throws(Rejection) -> CivilDate? {
        guard let token = try stringToken(key) else { return nil }
        let date: CivilDate? =
            document.kind(token) == .string
            ? document.withRawBytes(token) { $0.count == 10 ? CivilDate.parse($0, at: 0) : nil }
            : CivilDate(document.string(token))
        guard let date else { throw Rejection(.schemaViolation, path: pathOf(key), "not a date") }
        return date
    }

    func requiredDate(_ key: StaticString) throws(Rejection) -> CivilDate {
        guard let date = try optionalDate(key) else { throw missing(key) }
        return date
    }

    func requiredTimestamp(_ key: StaticString) throws(Rejection) -> RFC3339Timestamp {
        guard let token = try stringToken(key) else { throw missing(key) }
        let stamp =
            document.kind(token) == .string
            ? document.withRawBytes(token) { RFC3339Timestamp.parse($0) }
            : RFC3339Timestamp(document.string(token))
        guard let stamp else { throw Rejection(.schemaViolation, path: pathOf(key), "not an RFC 3339 date-time") }
        return stamp
    }

    // MARK: numbers and booleans

    func optionalInteger(_ key: StaticString, in range: ClosedRange<Int>) throws(Rejection) -> Int? {
        guard let token = value(key) else { return nil }
        guard document.kind(token) == .number else { throw wrongType(key, expected: "an integer", found: token) }
        guard let integer = document.integer(token), range.contains(integer) else {
            let upper = range.upperBound == Int.max ? "" : "\(range.upperBound)"
            throw Rejection(.schemaViolation, path: pathOf(key), "must be an integer in \(range.lowerBound)..\(upper)")
        }
        return integer
    }

    func requiredInteger(_ key: StaticString, in range: ClosedRange<Int>) throws(Rejection) -> Int {
        guard let value = try optionalInteger(key, in: range) else { throw missing(key) }
        return value
    }

    func optionalBool(_ key: StaticString) throws(Rejection) -> Bool? {
        guard let token = value(key) else { return nil }
        switch document.kind(token) {
        case .trueValue: return true
        case .falseValue: return false
        default: throw wrongType(key, expected: "a boolean", found: token)
        }
    }

    func requiredBool(_ key: StaticString) throws(Rejection) -> Bool {
        guard let flag = try optionalBool(key) else { throw missing(key) }
        return flag
    }

    // MARK: objects and arrays

    func optionalObject(_ key: StaticString) throws(Rejection) -> FieldReader? {
        guard let token = value(key) else { return nil }
        guard document.kind(token) == .object else { throw wrongType(key, expected: "an object", found: token) }
        return nested(token)
    }

    func requiredObject(_ key: StaticString) throws(Rejection) -> FieldReader {
        guard let reader = try optionalObject(key) else { throw missing(key) }
        return reader
    }

    /// The element tokens of an array; an absent array is empty.
    func optionalArray(_ key: StaticString) throws(Rejection) -> JSONDocument.Elements {
        guard let token = value(key) else { return document.noElements }
        guard document.kind(token) == .array else { throw wrongType(key, expected: "an array", found: token) }
        return document.elements(token)
    }

    func requiredArray(_ key: StaticString) throws(Rejection) -> JSONDocument.Elements {
        guard let token = value(key) else { throw missing(key) }
        guard document.kind(token) == .array else { throw wrongType(key, expected: "an array", found: token) }
        return document.elements(token)
    }

    /// Element `index` (token `token`) of the array `key`, which must be an object.
    func element(_ key: StaticString, _ index: Int, _ token: Int) throws(Rejection) -> FieldReader {
        guard document.kind(token) == .object else {
            throw Rejection(
                .schemaViolation, path: pathOf(key) + "[" + String(index) + "]", "expected an object, found \(document.typeDescription(token))")
        }
        return nested(token)
    }

    /// Element `index` (token `token`) of the array `key`, which must be a string.
    func stringElement(_ key: StaticString, _ index: Int, _ token: Int) throws(Rejection) -> String {
        guard isString(token) else {
            throw Rejection(
                .schemaViolation, path: pathOf(key) + "[" + String(index) + "]", "expected a string, found \(document.typeDescription(token))")
        }
        return document.string(token)
    }
}
