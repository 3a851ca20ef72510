/// A record to produce: key = UTF-8 of the inspectionId (or the period id for aggregates), value = CloudEvents JSON.
public struct OutputEvent: Sendable, Equatable {
    /// The message key.
    public let key: [UInt8]
    /// The message value.
    public let value: [UInt8]

    /// Creates an output event.
    public init(key: [UInt8], value: [UInt8]) {
        self.key = key
        self.value = value
    }
}
