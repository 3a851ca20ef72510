import FastJSON

/// Reads typed fields of one JSON object of a `JSONDocument`, throwing `Rejection`s that name the field path.
///
/// `null` means absent for every field (§11); a required field that is absent or null is missing.
/// Enumerations, dates and integers are checked on the raw bytes; Strings are built only for values kept.
///
/// The lookups, nested objects, arrays and paths are `JSONFieldReader`'s: a reader does not retain its document
/// and cannot outlive it (it is non-escapable), so decoders read it on the spot and keep only what they build.
typealias FieldReader = JSONFieldReader<Rejection>

extension Rejection: JSONFieldFailure {
    public static func missing(path: String) -> Rejection {
        Rejection(.schemaViolation, path: path, "required field missing")
    }

    public static func wrongType(path: String, expected: String, found: String) -> Rejection {
        Rejection(.schemaViolation, path: path, "expected \(expected), found \(found)")
    }
}

extension JSONFieldReader where Failure == Rejection {
    // MARK: strings

    func optionalString(_ key: StaticString) throws(Rejection) -> String? {
        guard let token = try stringToken(key) else { return nil }
        return string(token)
    }

    func requiredString(_ key: StaticString) throws(Rejection) -> String {
        guard let text = try optionalString(key) else { throw missing(key) }
        return text
    }

    /// Whether the string `key` has something other than whitespace (nil when absent), without keeping the text:
    /// plain ASCII is judged on the bytes, anything else decoded and judged as ``TextTrimming/isBlank(_:)`` does.
    func optionalNonBlank(_ key: StaticString) throws(Rejection) -> Bool? {
        guard let token = try stringToken(key) else { return nil }
        if kind(token) == .string, let blank = withRawBytes(token, { TextTrimming.isBlankASCII($0) }) { return !blank }
        return !TextTrimming.isBlank(string(token))
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
            kind(token) == .string
            ? withRawBytes(token) { E.jsonNames.match($0) }
            : string(token).withUTF8Bytes { E.jsonNames.match($0) }
        if let match { return match }
        throw Rejection(.schemaViolation, path: pathOf(key), "\(FieldReader.quoted(string(token))) is not one of \(E.jsonNames.allowed)")
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
            kind(token) == .string
            ? withRawBytes(token) { $0.count == 10 ? CivilDate.parse($0, at: 0) : nil }
            : CivilDate(string(token))
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
            kind(token) == .string
            ? withRawBytes(token) { RFC3339Timestamp.parse($0) }
            : RFC3339Timestamp(string(token))
        guard let stamp else { throw Rejection(.schemaViolation, path: pathOf(key), "not an RFC 3339 date-time") }
        return stamp
    }

    // MARK: numbers and booleans

    func optionalInteger(_ key: StaticString, in range: ClosedRange<Int>) throws(Rejection) -> Int? {
        guard let token = value(key) else { return nil }
        guard kind(token) == .number else { throw wrongType(key, expected: "an integer", found: token) }
        guard let number = integer(token), range.contains(number) else {
            let upper = range.upperBound == Int.max ? "" : "\(range.upperBound)"
            throw Rejection(.schemaViolation, path: pathOf(key), "must be an integer in \(range.lowerBound)..\(upper)")
        }
        return number
    }

    func requiredInteger(_ key: StaticString, in range: ClosedRange<Int>) throws(Rejection) -> Int {
        guard let value = try optionalInteger(key, in: range) else { throw missing(key) }
        return value
    }

    func optionalBool(_ key: StaticString) throws(Rejection) -> Bool? {
        guard let token = value(key) else { return nil }
        switch kind(token) {
        case .trueValue: return true
        case .falseValue: return false
        default: throw wrongType(key, expected: "a boolean", found: token)
        }
    }

    func requiredBool(_ key: StaticString) throws(Rejection) -> Bool {
        guard let flag = try optionalBool(key) else { throw missing(key) }
        return flag
    }
}
