extension CloudEvent {
    /// Checks size, JSON and the envelope, in §11's order (`PAYLOAD_TOO_LARGE` → `MALFORMED_JSON` → `INVALID_ENVELOPE`).
    public static func decode(_ value: [UInt8]?) -> Result<CloudEvent, Rejection> {
        guard let value, !value.isEmpty else {
            return .failure(Rejection(.malformedJSON, path: "value", "empty value (tombstone)"))
        }
        if value.count > Rejection.maximumValueSize {
            return .failure(Rejection(.payloadTooLarge, path: "value", "\(value.count) bytes exceed the 1048576-byte limit"))
        }
        let root: JSONValue
        do {
            root = try JSONParser.parse(value)
        } catch {
            return .failure(Rejection(.malformedJSON, path: "value", "\(error.reason) at byte \(error.offset)"))
        }
        do throws(Rejection) {
            return .success(try envelope(root))
        } catch {
            return .failure(error)
        }
    }

    static func envelope(_ root: JSONValue) throws(Rejection) -> CloudEvent {
        guard case .object(let object) = root else {
            throw Rejection(.invalidEnvelope, path: "event", "not a JSON object")
        }
        func string(_ key: String, required: Bool) throws(Rejection) -> String? {
            guard let value = object[key], value != .null else {
                if required { throw Rejection(.invalidEnvelope, path: key, "required attribute missing") }
                return nil
            }
            guard case .string(let text) = value else {
                throw Rejection(.invalidEnvelope, path: key, "expected a string, found \(value.typeDescription)")
            }
            if required && text.isEmpty { throw Rejection(.invalidEnvelope, path: key, "must not be empty") }
            return text
        }
        let specversion = try string("specversion", required: true)!
        guard specversion == "1.0" else { throw Rejection(.invalidEnvelope, path: "specversion", "must be \"1.0\"") }
        let id = try string("id", required: true)!
        let source = try string("source", required: true)!
        let type = try string("type", required: true)!
        let time = try string("time", required: true)!
        guard let timestamp = RFC3339Timestamp(time) else {
            throw Rejection(.invalidEnvelope, path: "time", "not an RFC 3339 date-time")
        }
        let subject = try string("subject", required: false)
        _ = try string("datacontenttype", required: false)
        guard let dataValue = object["data"], dataValue != .null else {
            throw Rejection(.invalidEnvelope, path: "data", "required attribute missing")
        }
        guard case .object(let data) = dataValue else {
            throw Rejection(.invalidEnvelope, path: "data", "expected an object, found \(dataValue.typeDescription)")
        }
        return CloudEvent(specversion: specversion, id: id, source: source, type: type, time: time,
                          timestamp: timestamp, subject: subject, data: data)
    }

    /// `UNKNOWN_EVENT_TYPE` unless `type` is one of `allowed`.
    func requireType(in allowed: [String], topic: String) throws(Rejection) {
        guard allowed.contains(type) else {
            throw Rejection(.unknownEventType, path: "type", "\(FieldReader.quoted(type)) is not carried by topic \(topic)")
        }
    }

    /// The `data` reader.
    var dataReader: FieldReader { FieldReader(data, path: "data") }

    /// `KEY_MISMATCH` unless the key bytes equal `inspectionId` and `subject` (when present) equals it.
    func requireKey(_ key: [UInt8]?, matches inspectionId: String) throws(Rejection) {
        guard let key, key.elementsEqual(inspectionId.utf8) else {
            throw Rejection(.keyMismatch, path: "key", key == nil ? "message key missing; expected data.inspectionId" : "message key does not equal data.inspectionId")
        }
        if let subject, subject != inspectionId {
            throw Rejection(.keyMismatch, path: "subject", "does not equal data.inspectionId")
        }
    }
}
