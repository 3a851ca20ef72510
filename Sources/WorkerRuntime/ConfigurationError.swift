/// A configuration that cannot work, naming the setting.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    public let setting: String
    public let reason: String

    public init(setting: String, reason: String) {
        self.setting = setting
        self.reason = reason
    }

    public var description: String { "configuration error: \(setting): \(reason)" }
}
