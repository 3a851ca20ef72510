/// Why bytes are not strict RFC 8259 JSON in UTF-8.
public struct JSONParseError: Error, Sendable, Equatable {
    /// Byte offset where the problem was found.
    public let offset: Int
    /// A short reason.
    public let reason: String

    /// Creates an error.
    public init(offset: Int, reason: String) {
        self.offset = offset
        self.reason = reason
    }
}
