/// The dead-letter codes of §5.
public enum DeadLetterCode: String, Sendable, Codable, CaseIterable {
    /// The value is not JSON, not UTF-8, or empty (a tombstone on an input topic).
    case malformedJSON = "MALFORMED_JSON"
    /// CloudEvents attributes missing or wrong, or no `data` object.
    case invalidEnvelope = "INVALID_ENVELOPE"
    /// A `type` this topic does not carry.
    case unknownEventType = "UNKNOWN_EVENT_TYPE"
    /// A required field missing, a wrong type, a value out of range or not in its enumeration, a date that does not exist.
    case schemaViolation = "SCHEMA_VIOLATION"
    /// An identifier that fails its pattern or check letter.
    case invalidIdentifier = "INVALID_IDENTIFIER"
    /// The message key is not the event's `inspectionId` (or `subject` differs).
    case keyMismatch = "KEY_MISMATCH"
    /// Value over 1 MiB.
    case payloadTooLarge = "PAYLOAD_TOO_LARGE"
    /// Evidence or a decision for an inspection whose report is already published.
    case inspectionFinalised = "INSPECTION_FINALISED"
    /// An examination answer for a criterion the framework lacks.
    case unknownCriterion = "UNKNOWN_CRITERION"
}
