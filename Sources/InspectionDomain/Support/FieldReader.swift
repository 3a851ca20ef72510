/// Reads typed fields of one JSON object, throwing `Rejection`s that name the field path.
///
/// `null` means absent for every field (§11); a required field that is absent or null is missing.
struct FieldReader {
    let object: JSONObject
    /// The path of the enclosing object (built only when needed: paths are for error messages).
    private let parentPath: String
    private let key: String?
    private let index: Int?

    init(_ object: JSONObject, path: String) {
        self.object = object
        self.parentPath = path
        self.key = nil
        self.index = nil
    }

    private init(_ object: JSONObject, parentPath: String, key: String, index: Int?) {
        self.object = object
        self.parentPath = parentPath
        self.key = key
        self.index = index
    }

    /// The dotted path of this object (`data`, `data.sentence`, `data.answers[2]`).
    var path: String {
        var result = parentPath
        if let key { result = result.isEmpty ? key : result + "." + key }
        if let index { result += "[" + String(index) + "]" }
        return result
    }

    func pathOf(_ key: String) -> String {
        let base = path
        return base.isEmpty ? key : base + "." + key
    }

    /// The value, nil when absent or null.
    @inline(__always)
    func value(_ key: String) -> JSONValue? {
        guard let value = object[key] else { return nil }
        if case .null = value { return nil }
        return value
    }

    func missing(_ key: String) -> Rejection {
        Rejection(.schemaViolation, path: pathOf(key), "required field missing")
    }

    func wrongType(_ key: String, expected: String, found: JSONValue) -> Rejection {
        Rejection(.schemaViolation, path: pathOf(key), "expected \(expected), found \(found.typeDescription)")
    }

    // MARK: strings

    func optionalString(_ key: String) throws(Rejection) -> String? {
        guard let value = value(key) else { return nil }
        guard case .string(let text) = value else { throw wrongType(key, expected: "a string", found: value) }
        return text
    }

    func requiredString(_ key: String) throws(Rejection) -> String {
        guard let text = try optionalString(key) else { throw missing(key) }
        return text
    }

    // MARK: identifiers

    /// An identifier: wrong type → SCHEMA_VIOLATION, pattern failure → INVALID_IDENTIFIER.
    func optionalIdentifier(_ key: String, _ kind: IdentifierKind) throws(Rejection) -> String? {
        guard let text = try optionalString(key) else { return nil }
        if let reason = kind.problem(text) {
            throw Rejection(.invalidIdentifier, path: pathOf(key), reason)
        }
        return text
    }

    func requiredIdentifier(_ key: String, _ kind: IdentifierKind) throws(Rejection) -> String {
        guard let text = try optionalIdentifier(key, kind) else { throw missing(key) }
        return text
    }

    // MARK: enumerations

    @inline(__always)
    func optionalEnum<E: RawRepresentable & CaseIterable>(_ key: String, _ type: E.Type) throws(Rejection) -> E? where E.RawValue == String {
        guard let text = try optionalString(key) else { return nil }
        guard let value = E(rawValue: text) else {
            let allowed = E.allCases.map(\.rawValue).joined(separator: ", ")
            throw Rejection(.schemaViolation, path: pathOf(key), "\(FieldReader.quoted(text)) is not one of \(allowed)")
        }
        return value
    }

    @inline(__always)
    func requiredEnum<E: RawRepresentable & CaseIterable>(_ key: String, _ type: E.Type) throws(Rejection) -> E where E.RawValue == String {
        guard let value = try optionalEnum(key, type) else { throw missing(key) }
        return value
    }

    /// A string restricted to a fixed list.
    func requiredOneOf(_ key: String, _ allowed: [String]) throws(Rejection) -> String {
        let text = try requiredString(key)
        guard allowed.contains(text) else {
            throw Rejection(.schemaViolation, path: pathOf(key), "\(FieldReader.quoted(text)) is not one of \(allowed.joined(separator: ", "))")
        }
        return text
    }

    static func quoted(_ text: String) -> String {
        let cut = text.unicodeScalars.count > 40 ? String(String.UnicodeScalarView(text.unicodeScalars.prefix(40))) + "…" : text
        return "\"" + cut + "\""
    }

    // MARK: dates

    func optionalDate(_ key: String) throws(Rejection) -> CivilDate? {
        guard let text = try optionalString(key) else { return nil }
        guard let date = CivilDate(text) else { throw Rejection(.schemaViolation, path: pathOf(key), "not a date") }
        return date
    }

    func requiredDate(_ key: String) throws(Rejection) -> CivilDate {
        guard let date = try optionalDate(key) else { throw missing(key) }
        return date
    }

    func requiredTimestamp(_ key: String) throws(Rejection) -> RFC3339Timestamp {
        let text = try requiredString(key)
        guard let stamp = RFC3339Timestamp(text) else { throw Rejection(.schemaViolation, path: pathOf(key), "not an RFC 3339 date-time") }
        return stamp
    }

    // MARK: numbers and booleans

    func optionalInteger(_ key: String, in range: ClosedRange<Int>) throws(Rejection) -> Int? {
        guard let value = value(key) else { return nil }
        guard case .number(let number) = value else { throw wrongType(key, expected: "an integer", found: value) }
        guard let integer = number.integerValue, range.contains(integer) else {
            let upper = range.upperBound == Int.max ? "" : "\(range.upperBound)"
            throw Rejection(.schemaViolation, path: pathOf(key), "must be an integer in \(range.lowerBound)..\(upper)")
        }
        return integer
    }

    func requiredInteger(_ key: String, in range: ClosedRange<Int>) throws(Rejection) -> Int {
        guard let value = try optionalInteger(key, in: range) else { throw missing(key) }
        return value
    }

    func optionalBool(_ key: String) throws(Rejection) -> Bool? {
        guard let value = value(key) else { return nil }
        guard case .bool(let flag) = value else { throw wrongType(key, expected: "a boolean", found: value) }
        return flag
    }

    func requiredBool(_ key: String) throws(Rejection) -> Bool {
        guard let flag = try optionalBool(key) else { throw missing(key) }
        return flag
    }

    // MARK: objects and arrays

    func optionalObject(_ key: String) throws(Rejection) -> FieldReader? {
        guard let value = value(key) else { return nil }
        guard case .object(let object) = value else { throw wrongType(key, expected: "an object", found: value) }
        return FieldReader(object, parentPath: path, key: key, index: nil)
    }

    func requiredObject(_ key: String) throws(Rejection) -> FieldReader {
        guard let reader = try optionalObject(key) else { throw missing(key) }
        return reader
    }

    /// The elements of an array; an absent array is empty.
    func optionalArray(_ key: String) throws(Rejection) -> [JSONValue] {
        guard let value = value(key) else { return [] }
        guard case .array(let elements) = value else { throw wrongType(key, expected: "an array", found: value) }
        return elements
    }

    func requiredArray(_ key: String) throws(Rejection) -> [JSONValue] {
        guard let value = value(key) else { throw missing(key) }
        guard case .array(let elements) = value else { throw wrongType(key, expected: "an array", found: value) }
        return elements
    }

    /// Element `index` of the array `key`, which must be an object.
    func element(_ key: String, _ index: Int, _ value: JSONValue) throws(Rejection) -> FieldReader {
        guard case .object(let object) = value else {
            throw Rejection(.schemaViolation, path: pathOf(key) + "[" + String(index) + "]", "expected an object, found \(value.typeDescription)")
        }
        return FieldReader(object, parentPath: path, key: key, index: index)
    }

    /// Element `index` of the array `key`, which must be a string.
    func stringElement(_ key: String, _ index: Int, _ value: JSONValue) throws(Rejection) -> String {
        guard case .string(let text) = value else {
            throw Rejection(.schemaViolation, path: pathOf(key) + "[" + String(index) + "]", "expected a string, found \(value.typeDescription)")
        }
        return text
    }
}
