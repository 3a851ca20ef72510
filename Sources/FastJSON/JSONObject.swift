/// A JSON object: members in document order. Duplicate keys are kept as parsed;
/// `subscript` returns the last one (RFC 8259 leaves duplicates open; the last one is taken).
public struct JSONObject: Sendable, Equatable {
    /// The members in document order, duplicates included.
    public var members: [JSONMember]

    /// Creates an object from members.
    public init(members: [JSONMember] = []) {
        self.members = members
    }

    /// The value of the last member called `key`, or nil.
    public subscript(key: String) -> JSONValue? {
        let length = key.utf8.count
        var index = members.count
        while index > 0 {
            index -= 1
            let candidate = members[index].key
            if candidate.utf8.count == length && candidate == key { return members[index].value }
        }
        return nil
    }
}
