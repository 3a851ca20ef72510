import FastJSON

/// A validated CloudEvents 1.0 envelope (§3) with its `data` object.
public struct CloudEvent: Sendable {
    /// Always `1.0`.
    public let specversion: String
    /// Event id (non-empty), decoded from the document when asked for.
    public var id: String { document.string(idToken) }
    /// Event source (non-empty), decoded from the document when asked for.
    public var source: String { document.string(sourceToken) }
    /// Event type (non-empty).
    public let type: String
    /// The `time` attribute exactly as sent, decoded from the document when asked for.
    public var time: String { document.string(timeToken) }
    /// The parsed `time`.
    public let timestamp: RFC3339Timestamp
    /// `subject`, when present.
    public let subject: String?
    /// The parsed document.
    let document: JSONDocument
    /// The string tokens of `id`, `source` and `time` (the outputs copy their bytes rather than decode them).
    let idToken: Int, sourceToken: Int, timeToken: Int
    /// The token of the `data` object.
    let dataToken: Int

    /// The `data` object as a tree.
    public var data: JSONObject {
        guard case .object(let object) = document.value(dataToken) else { return JSONObject() }
        return object
    }

    /// `<source>/<id>`: the `sourceEventId` of intermediate events, built in one allocation from the document.
    public var sourceEventId: String {
        document.string(sourceToken, joinedBy: UInt8(ascii: "/"), idToken)
    }
}
