import Foundation

/// A bounded FIFO between one producing OS thread (the poll thread) and one async consumer.
/// The thread blocks while the buffer is full, which is how a slow application slows fetching.
final class EventBuffer<Element: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [Element] = []
    private var head = 0
    private var waiter: CheckedContinuation<Element?, Never>?
    private var finished = false
    private let capacity: Int

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    private var count: Int { items.count - head }

    /// Appends, blocking while full (see ``push(contentsOf:isStopping:)``). Returns false (dropping the element) once
    /// finished or stopping.
    @discardableResult
    func push(_ element: Element, isStopping: () -> Bool = { false }) -> Bool {
        push(contentsOf: [element], isStopping: isStopping)
    }

    /// Appends elements in order under one lock, blocking while the buffer is full (a batch may take it past its
    /// capacity by less than its own size). A consumer waiting for an element gets the first directly. Returns
    /// false, dropping the elements, once finished or stopping.
    @discardableResult
    func push(contentsOf elements: [Element], isStopping: () -> Bool = { false }) -> Bool {
        guard !elements.isEmpty else { return true }
        condition.lock()
        while count >= capacity && !finished && !isStopping() {
            _ = condition.wait(until: Date(timeIntervalSinceNow: 0.05))
        }
        if finished || (count >= capacity) {
            condition.unlock()
            return false
        }
        var rest = elements[...]
        let waiter = self.waiter
        if waiter != nil {
            self.waiter = nil
            rest = rest.dropFirst()
        }
        items.append(contentsOf: rest)
        condition.unlock()
        waiter?.resume(returning: elements[0])
        return true
    }

    /// Appends without blocking, only when the buffer is empty (a consumer with elements to read needs no
    /// wake-up); returns whether it was appended.
    @discardableResult
    func pushIfEmpty(_ element: Element) -> Bool {
        condition.lock()
        guard count == 0, !finished else {
            condition.unlock()
            return false
        }
        let waiter = self.waiter
        self.waiter = nil
        if waiter == nil { items.append(element) }
        condition.unlock()
        waiter?.resume(returning: element)
        return true
    }

    /// Ends the sequence: the consumer gets the buffered elements, then `nil`.
    func finish(discardingBuffered: Bool = false) {
        condition.lock()
        finished = true
        if discardingBuffered {
            items.removeAll()
            head = 0
        }
        let waiter = self.waiter
        self.waiter = nil
        condition.broadcast()
        condition.unlock()
        waiter?.resume(returning: nil)
    }

    /// Every buffered element (at least one), waiting for one if none; empty once finished and drained.
    /// Taking a batch per lock keeps the hand-over cheap at high rates. One caller at a time.
    func nextBatch(max: Int = 512) async -> [Element] {
        if let batch = takeBatch(max: max) { return batch }
        return await next().map { [$0] } ?? []
    }

    /// Up to `max` buffered elements, or nil when none is buffered.
    private func takeBatch(max: Int) -> [Element]? {
        condition.lock()
        defer { condition.unlock() }
        guard count > 0 else { return nil }
        let end = min(items.count, head + max)
        let batch = Array(items[head..<end])
        head = end
        if head == items.count {
            items.removeAll(keepingCapacity: true)
            head = 0
        }
        condition.broadcast()
        return batch
    }

    /// The next element, or `nil` once finished and drained. One caller at a time.
    func next() async -> Element? {
        await withCheckedContinuation { (continuation: CheckedContinuation<Element?, Never>) in
            condition.lock()
            if count > 0 {
                let element = items[head]
                head += 1
                if head > 1024 && head * 2 > items.count {
                    items.removeFirst(head)
                    head = 0
                }
                condition.signal()
                condition.unlock()
                continuation.resume(returning: element)
            } else if finished {
                condition.unlock()
                continuation.resume(returning: nil)
            } else {
                waiter = continuation
                condition.unlock()
            }
        }
    }
}
