/// Bad rule data in `config/`: names the file and the field.
public struct RuleSetError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The configuration file, e.g. `omi-v1.json`.
    public let file: String
    /// The field path inside it.
    public let field: String
    /// What is wrong.
    public let reason: String

    /// Creates an error.
    public init(file: String, field: String, reason: String) {
        self.file = file
        self.field = field
        self.reason = reason
    }

    public var description: String { "\(file): \(field): \(reason)" }
}
