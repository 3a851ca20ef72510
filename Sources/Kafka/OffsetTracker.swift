/// Tracks, per partition, which consumed offsets are done, so that only the highest *contiguous* done
/// offset is ever committed (at-least-once even when work completes out of order).
///
/// Pure value type: no I/O, unit-tested on its own.
public struct OffsetTracker: Sendable {
    private struct Partition: Sendable {
        /// Offsets begun, ascending, from `head` on; `done` flags alongside.
        var offsets: [Int64] = []
        var done: [Bool] = []
        var head = 0
        var committable: Int64?

        var inFlight: Int { offsets.count - head }

        mutating func compact() {
            if head > 512 && head * 2 > offsets.count {
                offsets.removeFirst(head)
                done.removeFirst(head)
                head = 0
            }
        }
    }

    private var partitions: [TopicPartition: Partition] = [:]

    public init() {}

    /// Records that work on `offset` started. Offsets of a partition must begin in increasing order.
    public mutating func begin(_ partition: TopicPartition, offset: Int64) {
        var state = partitions[partition] ?? Partition()
        precondition(state.offsets.last.map { offset > $0 } ?? true, "offsets must begin in increasing order")
        state.offsets.append(offset)
        state.done.append(false)
        partitions[partition] = state
    }

    /// Marks `offset` done. Returns the new offset to commit (the next offset to consume) when the
    /// contiguous done prefix advanced, else `nil`.
    public mutating func complete(_ partition: TopicPartition, offset: Int64) -> Int64? {
        guard var state = partitions[partition] else { return nil }
        guard let index = Self.index(of: offset, in: state.offsets, from: state.head) else { return nil }
        state.done[index] = true
        var advanced: Int64?
        while state.head < state.offsets.count && state.done[state.head] {
            advanced = state.offsets[state.head] + 1
            state.head += 1
        }
        if let advanced { state.committable = advanced }
        state.compact()
        partitions[partition] = state
        return advanced
    }

    /// The offset that may be committed for a partition (next to consume), if any work completed.
    public func committable(_ partition: TopicPartition) -> Int64? { partitions[partition]?.committable }

    /// Work begun and not yet done on a partition.
    public func inFlight(_ partition: TopicPartition) -> Int { partitions[partition]?.inFlight ?? 0 }

    /// Work begun and not yet done on all partitions.
    public var totalInFlight: Int { partitions.values.reduce(0) { $0 + $1.inFlight } }

    /// Forgets partitions (after revocation or loss).
    public mutating func remove(_ removed: some Sequence<TopicPartition>) {
        for partition in removed { partitions[partition] = nil }
    }

    private static func index(of offset: Int64, in offsets: [Int64], from start: Int) -> Int? {
        var low = start
        var high = offsets.count - 1
        while low <= high {
            let mid = (low + high) / 2
            if offsets[mid] == offset { return mid }
            if offsets[mid] < offset { low = mid + 1 } else { high = mid - 1 }
        }
        return nil
    }
}
