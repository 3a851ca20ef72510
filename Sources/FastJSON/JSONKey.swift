/// A member name for `JSONWriter`. A string literal becomes a `JSONKey` that is copied as it is, not scanned for
/// characters to escape: the writers' member names are plain ASCII known when compiling, and most of an event's
/// output is member names. A name known only at run time is `JSONKey(name)` and is escaped like any string.
public struct JSONKey: ExpressibleByStringLiteral, Sendable {
    @usableFromInline
    enum Storage: Sendable {
        /// Written as is (a literal; it must need no escaping).
        case literal(StaticString)
        /// Escaped when written.
        case text(String)
    }

    @usableFromInline let storage: Storage

    /// A literal member name. It is written without escaping, so it must not hold `"`, `\` or control characters.
    @inlinable
    public init(stringLiteral value: StaticString) {
        assert(JSONKey.needsNoEscaping(value), "JSONKey literal \(value) needs escaping; use JSONKey(String)")
        storage = .literal(value)
    }

    /// A member name known only at run time (escaped when written). Note that `JSONKey("…")` with a string
    /// *literal* is a literal key (Swift treats `T(literal)` as `literal as T`); a debug build traps if that
    /// literal needs escaping.
    @inlinable
    public init(_ name: String) {
        storage = .text(name)
    }

    /// Whether a literal can be written between quotes as it is (checked in debug builds).
    @inlinable
    static func needsNoEscaping(_ literal: StaticString) -> Bool {
        literal.withUTF8Buffer { bytes in !bytes.contains { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") } }
    }
}
