import Foundation
import WorkerRuntime

#if canImport(Glibc)
    import Glibc
#endif

/// A worker executable that `inspection demo` runs as a child process, with its log in a file.
final class DemoWorker: @unchecked Sendable {  // the Process is only touched from the demo's one task
    let name: String
    let httpPort: Int
    let logPath: String
    private let process = Process()

    /// The folder of this executable, where `swift build` puts the workers too.
    static var binDirectory: URL {
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: executable).deletingLastPathComponent()
    }

    /// Starts `name` with this process's environment and the demo's settings: the HTTP port and the brokers
    /// always, JSON logs, a loopback HTTP address and a half-second publication interval unless set.
    /// `overrides` are applied last (for a worker beside the live one: its own group, state and output topics).
    init(name: String, httpPort: Int, bootstrapServers: String, logDirectory: String, overrides: [String: String] = [:]) throws {
        self.name = name
        self.httpPort = httpPort
        self.logPath = (logDirectory as NSString).appendingPathComponent("\(name).log")
        let executable = Self.binDirectory.appendingPathComponent(name)
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw CLIError("no \(name) next to this executable (\(executable.path)): build the workers first (swift build)")
        }
        guard FileManager.default.createFile(atPath: logPath, contents: nil), let log = FileHandle(forWritingAtPath: logPath) else {
            throw CLIError("cannot write \(logPath)")
        }
        var environment = ProcessInfo.processInfo.environment
        // These name one worker's own consumer group and changelog, which four workers cannot share: each takes
        // its default (its name, and `<name>.state`).
        environment["KAFKA_GROUP_ID"] = nil
        environment["STATE_TOPIC"] = nil
        environment["KAFKA_BOOTSTRAP_SERVERS"] = bootstrapServers
        environment["HTTP_PORT"] = String(httpPort)
        environment["HTTP_HOST"] = environment["HTTP_HOST"] ?? "127.0.0.1"
        environment["LOG_FORMAT"] = environment["LOG_FORMAT"] ?? "json"
        // A local demo: without a key of the operator's own, casefile-intake uses the published development key.
        if environment["PSEUDONYM_KEY"] == nil && environment["PSEUDONYM_KEY_FILE"] == nil {
            environment["DEVELOPMENT_MODE"] = environment["DEVELOPMENT_MODE"] ?? "true"
        }
        // Judgements every half second rather than every second: the demo's stages follow each other sooner.
        environment["PUBLISH_INTERVAL_MS"] = environment["PUBLISH_INTERVAL_MS"] ?? "500"
        environment.merge(overrides) { _, override in override }
        process.executableURL = executable
        process.environment = environment
        process.standardOutput = log
        process.standardError = log
        defer { try? log.close() }  // the child has its own descriptor
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }
    var isRunning: Bool { process.isRunning }

    /// Waits until `/health/ready` answers 200; throws, with the end of the log, when the worker exits or the
    /// time runs out first.
    func waitReady(timeout: Duration) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if HTTPProbe.get(port: httpPort, path: "/health/ready")?.status == 200 { return }
            guard process.isRunning else { throw CLIError("\(name) exited with \(process.terminationStatus) before it was ready:\n\(logTail())") }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw CLIError("\(name) was not ready after \(timeout):\n\(logTail())")
    }

    /// Stops the worker: SIGTERM, then SIGKILL if it is still running after 30 s. Its exit status, nil if killed.
    func stop() async -> Int32? {
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
        for _ in 0..<300 where process.isRunning { try? await Task.sleep(for: .milliseconds(100)) }
        guard !process.isRunning else {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return nil
        }
        return process.terminationStatus
    }

    /// The last lines of the worker's log.
    func logTail(lines: Int = 20) -> String {
        let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        return text.split(separator: "\n", omittingEmptySubsequences: false).suffix(lines).joined(separator: "\n")
    }

    /// ``stop()`` for a signal handler, which cannot await: it blocks its thread while the worker stops.
    func stopBlocking() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGTERM)
        for _ in 0..<300 where process.isRunning { usleep(100_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
}
