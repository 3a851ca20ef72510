import Foundation

/// Where settings come from: the environment, over an optional `CONFIG_FILE` of `KEY=VALUE` lines.
public struct SettingsSource: Sendable {
    public private(set) var values: [String: String]

    public init(values: [String: String]) {
        self.values = values
    }

    /// Reads the process environment and, when `CONFIG_FILE` is set, that file underneath it.
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(ConfigurationError) -> SettingsSource {
        var values: [String: String] = [:]
        if let path = environment["CONFIG_FILE"], !path.isEmpty {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw ConfigurationError(setting: "CONFIG_FILE", reason: "cannot read \(path)")
            }
            for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let line = raw.trimmingCharacters(in: .whitespaces)
                if line.isEmpty || line.hasPrefix("#") { continue }
                guard let equals = line.firstIndex(of: "=") else {
                    throw ConfigurationError(setting: "CONFIG_FILE", reason: "\(path):\(number + 1): expected KEY=VALUE")
                }
                var value = String(line[line.index(after: equals)...]).trimmingCharacters(in: .whitespaces)
                if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
                values[String(line[..<equals]).trimmingCharacters(in: .whitespaces)] = value
            }
        }
        for (key, value) in environment { values[key] = value }
        return SettingsSource(values: values)
    }

    /// The value, or the setting's default; empty strings count as unset.
    public func string(_ name: String) -> String? {
        if let value = values[name], !value.isEmpty { return value }
        return WorkerSettings.all.first { $0.name == name }?.defaultValue
    }

    public func required(_ name: String) throws(ConfigurationError) -> String {
        guard let value = string(name) else { throw ConfigurationError(setting: name, reason: "is required") }
        return value
    }

    public func int(_ name: String, range: ClosedRange<Int>) throws(ConfigurationError) -> Int? {
        guard let text = string(name) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw ConfigurationError(setting: name, reason: "must be an integer in \(range.lowerBound)...\(range.upperBound), got \"\(text)\"")
        }
        return value
    }

    public func bool(_ name: String) throws(ConfigurationError) -> Bool {
        switch string(name)?.lowercased() {
        case nil, "false", "0", "no": return false
        case "true", "1", "yes": return true
        case let other?: throw ConfigurationError(setting: name, reason: "must be true or false, got \"\(other)\"")
        }
    }

    /// A secret from `NAME_FILE` (preferred) or `NAME`.
    public func secret(_ name: String) throws(ConfigurationError) -> String? {
        if let path = values[name + "_FILE"], !path.isEmpty {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw ConfigurationError(setting: name + "_FILE", reason: "cannot read \(path)")
            }
            return text.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return string(name)
    }
}
