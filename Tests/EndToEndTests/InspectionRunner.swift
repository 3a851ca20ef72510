import Foundation
import TestSupport

/// Runs the `inspection` executable with `environment` added to this process's; its exit status and what it printed
/// (standard output and error together, through a file so a full pipe cannot stall it).
func runInspection(
    _ arguments: [String], environment: [String: String], timeout: Duration = .seconds(60)
) async throws -> (status: Int32, output: String) {
    let outputURL = FileManager.default.temporaryDirectory.appendingPathComponent("inspection-\(UUID().uuidString).out")
    _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: outputURL) }
    let output = try FileHandle(forWritingTo: outputURL)
    let process = Process()
    process.executableURL = WorkerProcess.binDirectory.appendingPathComponent("inspection")
    process.arguments = arguments
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    process.standardOutput = output
    process.standardError = output
    try process.run()
    guard await eventually(timeout: timeout, { !process.isRunning }) else {
        process.terminate()
        let printed = (try? String(contentsOf: outputURL, encoding: .utf8)) ?? ""
        throw TestFailure("inspection \(arguments.joined(separator: " ")) did not finish in \(timeout):\n\(printed.suffix(3000))")
    }
    try output.close()
    return (process.terminationStatus, (try? String(contentsOf: outputURL, encoding: .utf8)) ?? "")
}
