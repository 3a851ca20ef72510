import Foundation
import InspectionDomain

/// Finds the folder with the rule data (`omi-v1.json`, `codebook.json`, the bank holidays).
public enum RuleSetLocator {
    static let marker = "omi-v1.json"

    /// `INSPECTION_CONFIG_DIR`, else `./config`, else `config/` up to four levels above the executable,
    /// else `/app/config` (the container layout).
    public static func candidates(settings: SettingsSource) -> [String] {
        if let explicit = settings.string("INSPECTION_CONFIG_DIR") { return [explicit] }
        var result = [FileManager.default.currentDirectoryPath + "/config"]
        var directory = URL(fileURLWithPath: executablePath()).deletingLastPathComponent()
        for _ in 0..<5 {
            result.append(directory.appendingPathComponent("config").path)
            directory = directory.deletingLastPathComponent()
        }
        result.append("/app/config")
        return result
    }

    public static func load(settings: SettingsSource) throws -> RuleSet {
        let paths = candidates(settings: settings)
        guard let directory = paths.first(where: { FileManager.default.fileExists(atPath: $0 + "/" + marker) }) else {
            throw ConfigurationError(setting: "INSPECTION_CONFIG_DIR", reason: "no \(marker) found in \(paths.joined(separator: ", "))")
        }
        do {
            return try RuleSet.load(fromDirectory: directory)
        } catch {
            throw ConfigurationError(setting: "INSPECTION_CONFIG_DIR", reason: "\(directory): \(error)")
        }
    }

    static func executablePath() -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }
}
