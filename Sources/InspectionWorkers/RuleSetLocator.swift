import Foundation
import InspectionDomain
import WorkerRuntime

/// Finds and loads the rule data (`omi-v1.json`, `codebook.json`, the bank holidays) in the first
/// ``ConfigurationDirectory`` candidate that has it.
public enum RuleSetLocator {
    static let marker = "omi-v1.json"

    public static func load(settings: SettingsSource) throws -> RuleSet {
        let paths = ConfigurationDirectory.candidates(settings: settings)
        guard let directory = paths.first(where: { FileManager.default.fileExists(atPath: $0 + "/" + marker) }) else {
            throw ConfigurationError(setting: "INSPECTION_CONFIG_DIR", reason: "no \(marker) found in \(paths.joined(separator: ", "))")
        }
        do {
            return try RuleSet.load(fromDirectory: directory)
        } catch {
            throw ConfigurationError(setting: "INSPECTION_CONFIG_DIR", reason: "\(directory): \(error)")
        }
    }
}
