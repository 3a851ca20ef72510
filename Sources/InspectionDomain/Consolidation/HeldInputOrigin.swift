/// Where an input came from, in the terms of the worker that received it.
///
/// The consolidator keeps it with an event that arrives before its inspection opens (§8.1), writes it into the
/// state changelog with that event, and hands it back when the event is refused, so that the worker can dead-letter
/// the event unchanged. Of the origin, the domain reads only the event's bytes.
public protocol HeldInputOrigin: Sendable {
    /// The event's key, as received.
    var key: [UInt8]? { get }
    /// The event's value, as received.
    var value: [UInt8] { get }
    /// Appends the origin to a changelog record.
    func write(to writer: inout ChangelogWriter)
    /// Reads an origin written by `write(to:)`.
    static func read(from reader: inout ChangelogReader) throws(ChangelogReader.Malformed) -> Self
    /// Whether `other` is the same origin.
    func isSame(as other: any HeldInputOrigin) -> Bool
}

extension HeldInputOrigin where Self: Equatable {
    public func isSame(as other: any HeldInputOrigin) -> Bool { (other as? Self) == self }
}
