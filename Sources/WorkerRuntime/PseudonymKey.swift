import Logging

/// The caseRef pseudonym key from `PSEUDONYM_KEY_FILE` or `PSEUDONYM_KEY`.
public enum PseudonymKey {
    /// A fixed key for local development only; production must set its own (see docs/operations.md).
    static let development = Array("inspection-pipeline-development-key-not-for-production".utf8)

    public static func load(from settings: SettingsSource, logger: Logger) throws -> [UInt8] {
        if let key = try settings.secret("PSEUDONYM_KEY") {
            guard key.utf8.count >= 16 else {
                throw ConfigurationError(setting: "PSEUDONYM_KEY", reason: "must be at least 16 bytes")
            }
            return Array(key.utf8)
        }
        logger.warning("PSEUDONYM_KEY is not set: using the development key; set PSEUDONYM_KEY_FILE in production")
        return development
    }
}
