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
        let source = document.tokens[sourceToken], id = document.tokens[idToken]
        guard source.kind == .string && id.kind == .string else { return self.source + "/" + self.id }  // escapes: decode
        let sourceLength = Int(source.end - source.start), idLength = Int(id.end - id.start)
        return String(unsafeUninitializedCapacity: sourceLength + 1 + idLength) { out in
            let bytes = document.bytes
            _ = out.initialize(from: bytes[Int(source.start)..<Int(source.end)])
            out[sourceLength] = UInt8(ascii: "/")
            _ = UnsafeMutableBufferPointer(rebasing: out[(sourceLength + 1)...]).initialize(from: bytes[Int(id.start)..<Int(id.end)])
            return sourceLength + 1 + idLength
        }
    }

    /// Calls `body` with the UTF-8 bytes of the string attribute at `token`: the document's own when the value
    /// has no escapes (the usual case), else its decoded text's.
    func withAttributeBytes<R>(_ token: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        document.kind(token) == .string ? document.withRawBytes(token, body) : document.string(token).withUTF8Bytes(body)
    }
}
