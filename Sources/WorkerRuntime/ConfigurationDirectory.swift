import Foundation

/// Where a worker looks for its configuration folder (rule data, `topics.json`).
public enum ConfigurationDirectory {
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

    static func executablePath() -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }
}
