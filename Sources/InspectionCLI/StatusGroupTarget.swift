import WorkerRuntime

/// A consumer group `inspection status` shows: a worker's group with the topics the worker reads, or a group named
/// with `--group` whose topics are found from its commits and assignments.
struct StatusGroupTarget: Sendable, Equatable {
    /// The worker, for the four workers' groups.
    var worker: String?
    var groupID: String
    /// The topics the worker subscribes to (empty for a group named alone: its topics are discovered).
    var topics: [String]

    /// The four workers, each with the topics it reads (as the workers' processors subscribe).
    static let workers = ["casefile-intake", "transcript-intake", "findings-consolidator", "aggregate-reporter"]

    static func inputTopics(of worker: String, _ topics: WorkerConfiguration.TopicNames) -> [String] {
        switch worker {
        case "casefile-intake": [topics.casefiles]
        case "transcript-intake": [topics.interviews]
        case "findings-consolidator": [topics.inspections, topics.casefilesAssessed, topics.interviewsCoded]
        case "aggregate-reporter": [topics.reportingJudgements]
        default: []
        }
    }

    /// The groups to show. Each worker's group id comes from the settings the worker reads (`KAFKA_GROUP_ID`, else
    /// the worker's name), from the same environment or `CONFIG_FILE`. `--group` values change that:
    /// `WORKER=GROUP` gives a worker's group id, a plain `GROUP` names a group; once any is given, only the named
    /// groups are shown (a plain name equal to a worker's group id is that worker's group).
    static func targets(settings: SettingsSource, options: [String]) throws -> [StatusGroupTarget] {
        var workers: [StatusGroupTarget] = []
        for worker in Self.workers {
            let configuration = try WorkerConfiguration.load(workerName: worker, from: settings)
            workers.append(
                StatusGroupTarget(worker: worker, groupID: configuration.groupID, topics: inputTopics(of: worker, configuration.topics)))
        }
        guard !options.isEmpty else { return workers }
        var chosen: [StatusGroupTarget] = []
        func add(_ target: StatusGroupTarget) {
            if !chosen.contains(where: { $0.groupID == target.groupID && $0.worker == target.worker }) { chosen.append(target) }
        }
        for option in options {
            if let equals = option.firstIndex(of: "="), Self.workers.contains(String(option[..<equals])) {
                let worker = String(option[..<equals])
                let group = String(option[option.index(after: equals)...])
                guard !group.isEmpty, var target = workers.first(where: { $0.worker == worker }) else {
                    throw CLIError("--group \(option): expected WORKER=GROUP")
                }
                target.groupID = group
                add(target)
            } else if option.contains("=") {
                throw CLIError("--group \(option): the name before = must be one of \(Self.workers.joined(separator: ", "))")
            } else if option.isEmpty {
                throw CLIError("--group needs a group id")
            } else if let target = workers.first(where: { $0.groupID == option }) {
                add(target)
            } else {
                add(StatusGroupTarget(worker: nil, groupID: option, topics: []))
            }
        }
        return chosen
    }
}
