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
    /// The parsed document.
    let document: JSONDocument
    /// The token of the `data` object.
    let dataToken: Int

    /// The `data` object as a tree.
    public var data: JSONObject {
        guard case .object(let object) = document.value(dataToken) else { return JSONObject() }
        return object
    }

    /// `<source>/<id>`: the `sourceEventId` of intermediate events.
    public var sourceEventId: String {
        var joined = String()
        joined.reserveCapacity(source.utf8.count + 1 + id.utf8.count)  // one allocation, not one per `+`
        joined += source
        joined += "/"
        joined += id
        return joined
    }
}
