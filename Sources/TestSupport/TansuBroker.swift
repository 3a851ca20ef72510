import Foundation

/// A private Tansu broker process for tests that must disturb the broker (freeze it, restart it) without
/// touching the shared one. Installed by `scripts/install-tools.sh` into `.local/bin/tansu`.
public final class TansuBroker: @unchecked Sendable {
    public let port: Int
    private let process = Process()

    public var bootstrapServers: String { "127.0.0.1:\(port)" }
    public var pid: Int32 { process.processIdentifier }

    public static var executable: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../.local/bin/tansu").standardized.path
    }

    public init(port: Int = WorkerProcess.freePort()) throws {
        self.port = port
        process.executableURL = URL(fileURLWithPath: Self.executable)
        process.arguments = [
            "broker", "--listener-url", "tcp://127.0.0.1:\(port)", "--advertised-listener-url", "tcp://127.0.0.1:\(port)",
            "--storage-engine", "memory://tansu/",
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    /// Waits until the broker accepts TCP connections.
    public func waitReady(timeout: Duration = .seconds(10)) async -> Bool {
        await eventually(timeout: timeout) { Self.accepts(port: port) }
    }

    public func freeze() { kill(pid, SIGSTOP) }
    public func thaw() { kill(pid, SIGCONT) }

    /// Stops the broker: SIGCONT (a frozen process cannot act on SIGTERM), SIGTERM, then SIGKILL after 5 s.
    public func stop() async {
        guard process.isRunning else { return }
        thaw()
        process.terminate()
        if await eventually(timeout: .seconds(5), { !process.isRunning }) { return }
        kill(pid, SIGKILL)
        _ = await eventually(timeout: .seconds(5)) { !process.isRunning }
    }

    /// A test that failed (threw) before ``stop()`` must not leave its broker running.
    deinit {
        if process.isRunning {
            kill(pid, SIGCONT)
            kill(pid, SIGKILL)
        }
    }

    static func accepts(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        } == 0
    }
}
