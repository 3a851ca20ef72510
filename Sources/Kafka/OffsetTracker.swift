/// Tracks, per partition, which consumed offsets are done, so that only the highest *contiguous* done
/// offset is ever committed (at-least-once even when work completes out of order).
///
/// It also collects the offsets to *store* so the caller can hand them to librdkafka in batches
/// (``takeUnstored()``) instead of once per message.
///
/// Pure value type: no I/O, unit-tested on its own. Partitions are mutated in place (never copied out of the
/// dictionary), so beginning and completing an offset costs O(1) amortised whatever is in flight.
public struct OffsetTracker: Sendable {
    private struct Partition: Sendable {
        /// Offsets begun, ascending, from `head` on; `done` flags alongside.
        var offsets: [Int64] = []
        var done: [Bool] = []
        var head = 0
        var committable: Int64?

        var inFlight: Int { offsets.count - head }

        mutating func begin(_ offset: Int64) {
            precondition(offsets.last.map { offset > $0 } ?? true, "offsets must begin in increasing order")
            offsets.append(offset)
            done.append(false)
        }

        /// Marks `offset` done; the new committable offset when the contiguous prefix advanced.
        mutating func complete(_ offset: Int64) -> Int64? {
            guard let index = OffsetTracker.index(of: offset, in: offsets, from: head) else { return nil }
            done[index] = true
            var advanced: Int64?
            while head < offsets.count && done[head] {
                advanced = offsets[head] + 1
                head += 1
            }
            if let advanced { committable = advanced }
            compact()
            return advanced
        }

        mutating func compact() {
            if head > 512 && head * 2 > offsets.count {
                offsets.removeFirst(head)
                done.removeFirst(head)
                head = 0
            }
        }
    }

    private var partitions: [TopicPartition: Partition] = [:]
    /// Next offsets to consume that advanced since the last ``takeUnstored()``.
    private var unstored: [TopicPartition: Int64] = [:]

    public init() {}

    /// Records that work on `offset` started. Offsets of a partition must begin in increasing order.
    public mutating func begin(_ partition: TopicPartition, offset: Int64) {
        partitions[partition, default: Partition()].begin(offset)
    }

    /// Marks `offset` done. Returns the new offset to commit (the next offset to consume) when the
    /// contiguous done prefix advanced, else `nil`.
    @discardableResult
    public mutating func complete(_ partition: TopicPartition, offset: Int64) -> Int64? {
        guard let advanced = partitions[partition]?.complete(offset) else { return nil }
        unstored[partition] = advanced
        return advanced
    }

    /// The offsets that advanced since the last call (next offset to consume per partition), to store.
    public mutating func takeUnstored() -> [TopicPartition: Int64] {
        guard !unstored.isEmpty else { return [:] }
        defer { unstored.removeAll(keepingCapacity: true) }
        return unstored
    }

    /// The offset that may be committed for a partition (next to consume), if any work completed.
    /// Whether an offset advanced since the last ``takeUnstored()``.
    public var hasUnstored: Bool { !unstored.isEmpty }

    public func committable(_ partition: TopicPartition) -> Int64? { partitions[partition]?.committable }

    /// Work begun and not yet done on a partition.
    public func inFlight(_ partition: TopicPartition) -> Int { partitions[partition]?.inFlight ?? 0 }

    /// Work begun and not yet done on all partitions.
    public var totalInFlight: Int { partitions.values.reduce(0) { $0 + $1.inFlight } }

    /// Forgets partitions (after revocation or loss).
    public mutating func remove(_ removed: some Sequence<TopicPartition>) {
        for partition in removed {
            partitions[partition] = nil
            unstored[partition] = nil
        }
    }

    fileprivate static func index(of offset: Int64, in offsets: [Int64], from start: Int) -> Int? {
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
