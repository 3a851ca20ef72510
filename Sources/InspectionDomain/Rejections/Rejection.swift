import Foundation

/// Why an input event is refused: a dead-letter code and a message that starts with
/// the offending field's dotted path (`data.sentence.startDate: not a date`).
public struct Rejection: Error, Sendable, Equatable, Codable {
    /// The dead-letter code (§5).
    public let code: DeadLetterCode
    /// `<field path>: <reason>`.
    public let message: String

    /// Creates a rejection from a code and a full message.
    public init(code: DeadLetterCode, message: String) {
        self.code = code
        self.message = message
    }

    /// Creates a rejection naming a field path and a reason.
    public init(_ code: DeadLetterCode, path: String, _ reason: String) {
        self.code = code
        self.message = path + ": " + reason
    }

    /// The field path the message starts with.
    public var path: String {
        guard let range = message.range(of: ": ") else { return message }
        return String(message[..<range.lowerBound])
    }

    /// The largest value accepted: 1 MiB.
    public static let maximumValueSize = 1_048_576
}
