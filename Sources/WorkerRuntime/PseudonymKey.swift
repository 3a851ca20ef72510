import Logging

/// The caseRef pseudonym key from `PSEUDONYM_KEY_FILE` or `PSEUDONYM_KEY` (§10). Fails closed: without a key, or
/// with a key published in this repository, casefile-intake does not start, unless `DEVELOPMENT_MODE` is on.
public enum PseudonymKey {
    /// A fixed key for local development only, used when `DEVELOPMENT_MODE` is on and no key is set.
    static let development = "inspection-pipeline-development-key-not-for-production"

    /// Keys published in this repository (the development key, the compose secret, the Kubernetes example's
    /// placeholder, the demo's): anyone can compute every caseRef made with them, so they are refused outside
    /// development mode.
    static let published: Set<String> = [
        development,
        "development-only-pseudonym-key--NOT-FOR-PRODUCTION--rotate-me",
        "CHANGE-ME-placeholder-pseudonym-key-never-use",
        "demo-pseudonym-key-0123456789",
    ]

    /// The shortest key accepted, in bytes.
    static let minimumLength = 16

    /// Loads the key, or throws a ``ConfigurationError`` naming the setting to fix.
    public static func load(from settings: SettingsSource, logger: Logger) throws(ConfigurationError) -> [UInt8] {
        let developmentMode = try settings.bool("DEVELOPMENT_MODE")
        let setting = settings.string("PSEUDONYM_KEY_FILE") != nil ? "PSEUDONYM_KEY_FILE" : "PSEUDONYM_KEY"
        guard let key = try settings.secret("PSEUDONYM_KEY") else {
            guard developmentMode else {
                throw ConfigurationError(
                    setting: "PSEUDONYM_KEY_FILE",
                    reason: "is required: the file holding the secret caseRef pseudonym key (at least \(minimumLength) bytes)")
            }
            logger.warning("no pseudonym key set: DEVELOPMENT_MODE uses the published development key; caseRefs are not secret")
            return Array(development.utf8)
        }
        guard key.utf8.count >= minimumLength else {
            throw ConfigurationError(setting: setting, reason: "the key must be at least \(minimumLength) bytes")
        }
        if published.contains(key) {
            guard developmentMode else {
                throw ConfigurationError(
                    setting: setting, reason: "holds a published development key; set a secret key of your own (DEVELOPMENT_MODE is off)")
            }
            logger.warning("DEVELOPMENT_MODE: the pseudonym key is a published development key; caseRefs are not secret")
        }
        return Array(key.utf8)
    }
}
