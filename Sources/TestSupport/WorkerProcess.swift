import Foundation

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

/// A minimal HTTP/1.1 GET over a loopback socket (tests only).
public enum HTTPProbe {
    public static func get(port: Int, path: String) -> (status: Int, body: String)? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var timeout = timeval(tv_sec: 2, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { return nil }
        let request = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        _ = request.withCString { send(fd, $0, strlen($0), 0) }
        var response = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = recv(fd, &buffer, buffer.count, 0)
            if count <= 0 { break }
            response.append(contentsOf: buffer[0..<count])
        }
        let text = String(decoding: response, as: UTF8.self)
        guard let line = text.split(separator: "\r\n").first, line.hasPrefix("HTTP/1.1 "),
            let status = Int(line.dropFirst(9).prefix(3))
        else { return nil }
        let body = text.range(of: "\r\n\r\n").map { String(text[$0.upperBound...]) } ?? ""
        return (status, body)
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
