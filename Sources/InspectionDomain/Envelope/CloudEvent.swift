/// A validated CloudEvents 1.0 envelope (§3) with its `data` object.
public struct CloudEvent: Sendable {
    /// Always `1.0`.
    public let specversion: String
    /// Event id (non-empty).
    public let id: String
    /// Event source (non-empty).
    public let source: String
    /// Event type (non-empty).
    public let type: String
    /// The `time` attribute exactly as sent.
    public let time: String
    /// The parsed `time`.
    public let timestamp: RFC3339Timestamp
    /// `subject`, when present.
    public let subject: String?
    /// The `data` object.
    public let data: JSONObject

    /// `<source>/<id>`: the `sourceEventId` of intermediate events.
    public var sourceEventId: String { source + "/" + id }
}
