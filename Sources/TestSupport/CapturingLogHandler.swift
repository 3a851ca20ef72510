import Logging
import WorkerRuntime

/// A log handler that keeps every message it is given, for tests that check what a component logs.
public struct CapturingLogHandler: LogHandler {
    /// The messages logged so far, shared by every copy of the handler.
    public let messages: LockedValue<[String]>
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .trace

    public init(messages: LockedValue<[String]> = LockedValue([])) { self.messages = messages }

    /// A logger writing into `messages`.
    public static func logger(label: String, into messages: LockedValue<[String]>) -> Logger {
        Logger(label: label) { _ in CapturingLogHandler(messages: messages) }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let text = "\(event.message)"
        messages.withLock { $0.append(text) }
    }
}
