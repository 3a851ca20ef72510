import Foundation

/// A one-line count of the records read so far, redrawn on standard error while the dead-letter and judgements
/// topics are read, when standard error is a terminal (never in a pipe or a log).
struct StatusProgress: Sendable {
    let enabled: Bool

    init(enabled: Bool = isatty(STDERR_FILENO) == 1) { self.enabled = enabled }

    /// Runs `body`, showing `scan`'s record count on standard error every 200 ms until it returns; the line is
    /// erased afterwards.
    func around<T: Sendable>(_ scan: StatusTopicScan, _ body: () async -> T) async -> T {
        guard enabled else { return await body() }
        let topics = scan.topics.count
        let ticker = Task {
            while !Task.isCancelled {
                Self.write("\r\u{1B}[Kreading \(topics) dead-letter and judgement topics: \(scan.records) records")
                try? await Task.sleep(for: .milliseconds(200))
            }
        }
        let result = await body()
        ticker.cancel()
        _ = await ticker.value
        Self.write("\r\u{1B}[K")
        return result
    }

    private static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
