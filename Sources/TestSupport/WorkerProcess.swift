import Foundation
import WorkerRuntime

/// A real worker executable started by a test, with its own environment and log file.
public final class WorkerProcess: @unchecked Sendable {
    public let name: String
    public let httpPort: Int
    public let logPath: String
    private let process = Process()

    /// The folder holding the built executables (next to the test bundle).
    public static var binDirectory: URL {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: exe).deletingLastPathComponent()
    }

    /// A free TCP port on loopback.
    public static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Starts `name` with `environment` added to this process's environment.
    public init(_ name: String, environment: [String: String], logDirectory: String = NSTemporaryDirectory()) throws {
        self.name = name
        self.httpPort = environment["HTTP_PORT"].flatMap(Int.init) ?? Self.freePort()
        self.logPath = "\(logDirectory)/\(name)-\(UUID().uuidString.prefix(6)).log"
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let log = FileHandle(forWritingAtPath: logPath)!
        process.executableURL = Self.binDirectory.appendingPathComponent(name)
        var env = ProcessInfo.processInfo.environment
        env["KAFKA_BOOTSTRAP_SERVERS"] = TestKafka.bootstrapServers
        env["HTTP_PORT"] = String(httpPort)
        env["HTTP_HOST"] = "127.0.0.1"
        env["LOG_FORMAT"] = "json"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        process.standardOutput = log
        process.standardError = log
        try process.run()
    }

    public var pid: Int32 { process.processIdentifier }
    public var isRunning: Bool { process.isRunning }

    /// GET a path on the worker's HTTP port: status and body, or nil when it does not answer.
    public func get(_ path: String) -> (status: Int, body: String)? {
        HTTPProbe.get(port: httpPort, path: path)
    }

    /// Waits until `/health/ready` answers 200.
    public func waitReady(timeout: Duration = .seconds(60)) async -> Bool {
        await eventually(timeout: timeout) { get("/health/ready")?.status == 200 || !isRunning }
            && isRunning
    }

    /// Sends a signal (SIGTERM, SIGKILL, …).
    public func signal(_ signal: Int32) { kill(process.processIdentifier, signal) }

    /// Waits for the process to exit and returns its status, or nil on timeout.
    public func waitExit(timeout: Duration = .seconds(30)) async -> Int32? {
        guard await eventually(timeout: timeout, { !process.isRunning }) else { return nil }
        return process.terminationStatus
    }

    /// The log written so far.
    public var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// Stops with SIGTERM, then SIGKILL after `timeout`.
    public func stop(timeout: Duration = .seconds(20)) async {
        guard process.isRunning else { return }
        signal(SIGTERM)
        if await waitExit(timeout: timeout) == nil { signal(SIGKILL); _ = await waitExit(timeout: .seconds(5)) }
    }
}

/// Runs a command to completion (polling, so it never blocks a concurrency thread) and throws unless it exits 0.
public func runCommand(_ executable: String, _ arguments: [String], timeout: Duration = .seconds(60)) async throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    guard await eventually(timeout: timeout, { !process.isRunning }) else {
        process.terminate()
        throw TestFailure("\(executable) \(arguments) did not finish in \(timeout)")
    }
    guard process.terminationStatus == 0 else { throw TestFailure("\(executable) \(arguments) exited \(process.terminationStatus)") }
}
