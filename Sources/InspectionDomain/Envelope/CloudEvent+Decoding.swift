import FastJSON

extension CloudEvent {
    /// Checks size, JSON and the envelope, in §11's order (`PAYLOAD_TOO_LARGE` → `MALFORMED_JSON` → `INVALID_ENVELOPE`).
    /// `maximumSize` is §11's 1 MiB for events from outside; intermediate events written by the intake
    /// workers may exceed it slightly (their `sourceEventId` repeats the input's `source` and `id`).
    public static func decode(_ value: [UInt8]?, maximumSize: Int = Rejection.maximumValueSize) -> Result<CloudEvent, Rejection> {
        guard let value, !value.isEmpty else {
            return .failure(Rejection(.malformedJSON, path: "value", "empty value (tombstone)"))
        }
        if value.count > maximumSize {
            return .failure(Rejection(.payloadTooLarge, path: "value", "\(value.count) bytes exceed the \(maximumSize)-byte limit"))
        }
        let root: JSONDocument
        do {
            root = try JSONDocument(value)
        } catch {
            return .failure(Rejection(.malformedJSON, path: "value", "\(error.reason) at byte \(error.offset)"))
        }
        do throws(Rejection) {
            return .success(try envelope(root))
        } catch {
            return .failure(error)
        }
    }

    static func envelope(_ document: JSONDocument) throws(Rejection) -> CloudEvent {
        let root = JSONDocument.root
        guard document.kind(root) == .object else {
            throw Rejection(.invalidEnvelope, path: "event", "not a JSON object")
        }
        func member(_ key: StaticString) -> Int? { document.member(root, named: key) }
        /// The token of a string attribute (nil when absent or null), checked: a string, and not empty if required.
        func stringToken(_ key: StaticString, required: Bool) throws(Rejection) -> Int? {
            guard let token = member(key), document.kind(token) != .null else {
                if required { throw Rejection(.invalidEnvelope, path: key.description, "required attribute missing") }
                return nil
            }
            guard document.kind(token) == .string || document.kind(token) == .escapedString else {
                throw Rejection(.invalidEnvelope, path: key.description, "expected a string, found \(document.typeDescription(token))")
            }
            // Only a token of no bytes is empty: an escape decodes to at least one character.
            if required && document.withRawBytes(token, { $0.isEmpty }) {
                throw Rejection(.invalidEnvelope, path: key.description, "must not be empty")
            }
            return token
        }
        func string(_ key: StaticString, required: Bool) throws(Rejection) -> String? {
            try stringToken(key, required: required).map(document.string)
        }
        // Checked in §11's order.
        // `specversion` is compared on its bytes; anything but a plain "1.0" goes through `string` for its error.
        let plainOne = member("specversion").map { document.kind($0) == .string && document.withRawBytes($0) { $0.elementsEqual("1.0") } }
        if plainOne != true {
            guard try string("specversion", required: true) == "1.0" else {
                throw Rejection(.invalidEnvelope, path: "specversion", "must be \"1.0\"")
            }
        }
        let id = try stringToken("id", required: true)!
        let source = try stringToken("source", required: true)!
        // The contract's event types are matched on the bytes and shared, not decoded into a new string each time.
        let type: String
        if let token = member("type"), document.kind(token) == .string, let known = document.withRawBytes(token, { EventType.jsonNames.match($0) }) {
            type = known.rawValue
        } else {
            type = try string("type", required: true)!
        }
        let time = try stringToken("time", required: true)!
        let timestamp =
            document.kind(time) == .string
            ? document.withRawBytes(time) { RFC3339Timestamp.parse($0) } : RFC3339Timestamp(document.string(time))
        guard let timestamp else {
            throw Rejection(.invalidEnvelope, path: "time", "not an RFC 3339 date-time")
        }
        let subject = try string("subject", required: false)
        _ = try string("datacontenttype", required: false)
        guard let data = member("data"), document.kind(data) != .null else {
            throw Rejection(.invalidEnvelope, path: "data", "required attribute missing")
        }
        guard document.kind(data) == .object else {
            throw Rejection(.invalidEnvelope, path: "data", "expected an object, found \(document.typeDescription(data))")
        }
        return CloudEvent(
            specversion: "1.0", type: type, timestamp: timestamp, subject: subject, document: document,
            idToken: id, sourceToken: source, timeToken: time, dataToken: data)
    }

    /// `UNKNOWN_EVENT_TYPE` unless `type` is one of `allowed`.
    func requireType(in allowed: [String], topic: String) throws(Rejection) {
        guard allowed.contains(type) else {
            throw Rejection(.unknownEventType, path: "type", "\(FieldReader.quoted(type)) is not carried by topic \(topic)")
        }
    }

    /// Calls `body` with the reader of `data`. Readers borrow the document without retaining it, so they are
    /// only lent: the document stays alive until `body` returns.
    func readingData<R>(_ body: (borrowing FieldReader) throws(Rejection) -> R) throws(Rejection) -> R {
        try FieldReader.reading(document, object: dataToken, path: "data", body)
    }

    /// `KEY_MISMATCH` unless the key bytes equal `inspectionId` and `subject` (when present) equals it. Returns the
    /// key, which outputs keyed by the same id can reuse instead of encoding the id again.
    @discardableResult
    func requireKey(_ key: [UInt8]?, matches inspectionId: String) throws(Rejection) -> [UInt8] {
        let matches = key.map { $0.elementsEqual(utf8Of: inspectionId) }
        guard let key, matches == true else {
            throw Rejection(
                .keyMismatch, path: "key",
                key == nil ? "message key missing; expected data.inspectionId" : "message key does not equal data.inspectionId")
        }
        // Byte for byte, as the key: String equality is canonical equivalence (a KELVIN SIGN would pass for a K).
        if let subject, !subject.utf8Equals(inspectionId) {
            throw Rejection(.keyMismatch, path: "subject", "does not equal data.inspectionId")
        }
        return key
    }
}
