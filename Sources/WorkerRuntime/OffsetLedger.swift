import Kafka
import Synchronization

/// The ``OffsetTracker`` shared by the consume loop, the lanes and the delivery callbacks, with waits that the
/// change making their condition true resumes (no polling): back-pressure on the records in flight, the
/// hand-over of revoked partitions, the drain on shutdown, and the store of completed offsets.
final class OffsetLedger: Sendable {
    private struct Waiter {
        let id: Int
        let condition: @Sendable (OffsetTracker) -> Bool
        let endsOnStop: Bool
        let continuation: CheckedContinuation<Bool, Never>
    }

    private struct State {
        var tracker = OffsetTracker()
        var waiters: [Waiter] = []
        var nextID = 0
        var stopped = false
    }

    private let state = Mutex(State())

    init() {}

    /// Reads or changes the tracker; waiters whose condition now holds are resumed after the lock is released.
    @discardableResult
    func withLock<R: Sendable>(_ body: (inout OffsetTracker) -> R) -> R {
        let (result, ready) = state.withLock { state -> (R, [CheckedContinuation<Bool, Never>]) in
            let result = body(&state.tracker)
            guard !state.waiters.isEmpty else { return (result, []) }
            var ready: [CheckedContinuation<Bool, Never>] = []
            state.waiters.removeAll { waiter in
                guard waiter.condition(state.tracker) else { return false }
                ready.append(waiter.continuation)
                return true
            }
            return (result, ready)
        }
        for continuation in ready { continuation.resume(returning: true) }
        return result
    }

    /// Resumes, with false, the waits begun with `endsOnStop`, and makes later ones return false at once: for a
    /// loop that stops while waiting for room.
    func stopWaits() {
        let stopping = state.withLock { state -> [CheckedContinuation<Bool, Never>] in
            state.stopped = true
            var stopping: [CheckedContinuation<Bool, Never>] = []
            state.waiters.removeAll { waiter in
                guard waiter.endsOnStop else { return false }
                stopping.append(waiter.continuation)
                return true
            }
            return stopping
        }
        for continuation in stopping { continuation.resume(returning: false) }
    }

    /// Waits until `condition` holds for the tracker (true), or `timeout` passes, the task is cancelled, or (with
    /// `endsOnStop`) ``stopWaits()`` is called (false).
    func wait(
        until condition: @escaping @Sendable (OffsetTracker) -> Bool, timeout: Duration? = nil, endsOnStop: Bool = false
    ) async -> Bool {
        guard let timeout else { return await wait(until: condition, endsOnStop: endsOnStop) }
        return await withTaskGroup(of: Bool.self) { group in
            group.addTask { await self.wait(until: condition, endsOnStop: endsOnStop) }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
    }

    private func wait(until condition: @escaping @Sendable (OffsetTracker) -> Bool, endsOnStop: Bool) async -> Bool {
        let id = state.withLock { state -> Int in
            defer { state.nextID += 1 }
            return state.nextID
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let answer = state.withLock { state -> Bool? in
                    if condition(state.tracker) { return true }
                    // The flag is set before the handler runs: cancelled before this, the handler found no waiter.
                    if Task.isCancelled || (endsOnStop && state.stopped) { return false }
                    state.waiters.append(Waiter(id: id, condition: condition, endsOnStop: endsOnStop, continuation: continuation))
                    return nil
                }
                if let answer { continuation.resume(returning: answer) }
            }
        } onCancel: {
            let waiter = state.withLock { state -> CheckedContinuation<Bool, Never>? in
                guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
                return state.waiters.remove(at: index).continuation
            }
            waiter?.resume(returning: false)
        }
    }
}
