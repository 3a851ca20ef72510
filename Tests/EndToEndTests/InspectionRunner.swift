import Foundation
import TestSupport

/// The `inspection` executable started with `environment` added to this process's; what it prints (standard output
/// and error together) goes to a file, so a full pipe cannot stall it.
final class InspectionRun: @unchecked Sendable {  // used from one test at a time
    let process = Process()
    let outputURL = FileManager.default.temporaryDirectory.appendingPathComponent("inspection-\(UUID().uuidString).out")
    private let output: FileHandle

    init(_ arguments: [String], environment: [String: String]) throws {
        _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        output = try FileHandle(forWritingTo: outputURL)
        process.executableURL = WorkerProcess.binDirectory.appendingPathComponent("inspection")
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = output
        process.standardError = output
        try process.run()
    }

    deinit {
        try? output.close()
        try? FileManager.default.removeItem(at: outputURL)
    }

    /// What it has printed so far.
    var printed: String { (try? String(contentsOf: outputURL, encoding: .utf8)) ?? "" }

    /// Waits for it to exit; its status, or nil (and it is terminated) after `timeout`.
    func waitExit(timeout: Duration) async -> Int32? {
        guard await eventually(timeout: timeout, { !process.isRunning }) else {
            process.terminate()
            return nil
        }
        return process.terminationStatus
    }
}

/// Runs the `inspection` executable to completion: its exit status and what it printed.
func runInspection(
    _ arguments: [String], environment: [String: String], timeout: Duration = .seconds(60)
) async throws -> (status: Int32, output: String) {
    let run = try InspectionRun(arguments, environment: environment)
    guard let status = await run.waitExit(timeout: timeout) else {
        throw TestFailure("inspection \(arguments.joined(separator: " ")) did not finish in \(timeout):\n\(run.printed.suffix(3000))")
    }
    return (status, run.printed)
}
