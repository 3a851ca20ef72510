/// One configuration setting a worker reads: its environment name, default and meaning.
/// ``WorkerSettings/all`` is the single source of truth; `config/settings.md`, the compose file and the
/// Kubernetes manifests are checked against it by the tests.
public struct Setting: Sendable, Hashable {
    public let name: String
    /// The default, or `nil` when the setting is optional with no default.
    public let defaultValue: String?
    public let meaning: String
    /// Which workers read it; empty means every worker and the CLI.
    public let workers: [String]

    public init(_ name: String, default defaultValue: String?, _ meaning: String, workers: [String] = []) {
        self.name = name
        self.defaultValue = defaultValue
        self.meaning = meaning
        self.workers = workers
    }
}
