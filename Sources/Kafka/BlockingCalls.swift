import NIOPosix

/// The one bounded executor for librdkafka's blocking calls that are not a handle's poll loop (commits,
/// metadata and admin requests, flushes, closes): a fixed pool of threads, so they never occupy the Swift
/// concurrency pool and never start a thread per call. A call waits for a free thread when all are busy.
enum BlockingCalls {
    /// Threads in the pool: enough for every client of a worker or a CLI command to block at once.
    static let threads = 8

    static let pool: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: threads)
        pool.start()
        return pool
    }()
}

/// Runs a blocking function on ``BlockingCalls``' pool and resumes the caller with its result. The call runs
/// even when the calling task is cancelled (a commit or a close must not be skipped).
func runBlocking<T: Sendable, E: Error>(_ body: @escaping @Sendable () throws(E) -> T) async throws(E) -> T {
    let result: Result<T, E> = await withCheckedContinuation { continuation in
        // The pool is never shut down, so every item runs.
        BlockingCalls.pool.submit { _ in
            do throws(E) {
                continuation.resume(returning: .success(try body()))
            } catch {
                continuation.resume(returning: .failure(error))
            }
        }
    }
    return try result.get()
}
