import InspectionDomain
import Kafka
import WorkerRuntime

/// The findings-consolidator's orchestration, without I/O: which partition numbers' state this worker holds,
/// which inspections are due for publication, the judgements captured at status changes, and the publications
/// in flight. It takes events (assigned, restored, applied, revoked or lost, publication started and finished)
/// and returns what to do; the processor does the I/O in the order given.
///
/// The rules it keeps:
/// - a partition number's state is restored once, when the first of its input partitions is assigned, and
///   dropped when the last of them is revoked or lost;
/// - a publication round flushes the changelog first, then publishes (``Round``): every judgement published is
///   of a state a restart restores;
/// - judgements captured at status changes go out before the current one, oldest first, none twice;
/// - a revoked partition's captures are published, after the publications in flight, before it is handed over.
public struct ConsolidatorStateMachine: Sendable {
    /// Input partitions assigned here.
    public private(set) var assigned: Set<TopicPartition> = []
    /// Partition numbers whose state is held here.
    public private(set) var held: Set<Int32> = []
    /// Publication batches in flight.
    public private(set) var publishing = 0
    private var schedule = CoalescingSchedule()
    private var captures = StatusJudgements()

    public init() {}

    // MARK: ownership

    /// Partitions assigned: returns the partition numbers whose state must be restored (not held yet).
    public mutating func assign(_ partitions: [TopicPartition]) -> [Int32] {
        assigned.formUnion(partitions)
        let fresh = Set(partitions.map(\.partition)).subtracting(held)
        held.formUnion(fresh)
        return fresh.sorted()
    }

    /// State restored: inspections whose last publication was interrupted are published again at once.
    public mutating func restored(interrupted inspectionIds: [String]) {
        for id in inspectionIds { schedule.changed(id, urgent: true) }
    }

    /// What to do when partitions are revoked or lost.
    public struct Revocation: Sendable, Equatable {
        /// Partition numbers no longer held (no input partition of theirs is assigned here any more).
        public var dropped: Set<Int32>
        /// Whether publications are in flight: wait for them (``publicationFinished()`` says when) before
        /// publishing the captures, so the next owner never publishes a version this worker is still sending.
        public var awaitPublications: Bool
        /// Inspections with judgements captured at status changes: publish them, `releasing` the dropped
        /// partitions, then flush and drop those partitions' state.
        public var capturedInspections: [String]
        /// Every inspection of the dropped partitions (their captures are forgotten once handed over).
        public var leaving: [String]
    }

    /// Partitions revoked or lost: their state is kept while another input topic's partition of the same number
    /// is still assigned here. `inspections(of:)` names the inspections a partition number holds.
    public mutating func revoke(_ partitions: [TopicPartition], inspections: (Int32) -> [String]) -> Revocation {
        assigned.subtract(partitions)
        let stillAssigned = Set(assigned.map(\.partition))
        let dropped = held.subtracting(stillAssigned)
        held.subtract(dropped)
        let leaving = Set(dropped.flatMap(inspections))
        schedule.forget(leaving)
        return Revocation(
            dropped: dropped, awaitPublications: publishing > 0,
            capturedInspections: captures.inspectionIds.filter(leaving.contains), leaving: leaving.sorted())
    }

    /// The revoked inspections' captures are published: forget them.
    public mutating func handedOver(_ inspectionIds: some Sequence<String>) {
        captures.forget(inspectionIds)
    }

    // MARK: applying and publishing

    /// An event applied to an inspection: the judgements captured at its status changes, and whether its
    /// judgement or its status changed (a status change is published at once, other changes coalesced).
    public mutating func applied(
        _ inspectionId: String, captured: [StatusJudgements.Captured], judgementChanged: Bool, statusChanged: Bool
    ) {
        for judgement in captured { captures.capture(inspectionId, judgement) }
        if judgementChanged || statusChanged { schedule.changed(inspectionId, urgent: statusChanged) }
    }

    /// A publication round: flush the changelog, then publish ``inspections`` (in this order).
    public struct Round: Sendable, Equatable {
        public var inspections: [String]
    }

    /// The round due now: inspections changed at least `interval` after their last publication, or urgently.
    public mutating func round(now: ContinuousClock.Instant, interval: Duration) -> Round {
        Round(inspections: schedule.takeDue(now: now, interval: interval))
    }

    /// Every inspection with unpublished changes (shutdown).
    public mutating func takeAll() -> [String] { schedule.takeAll() }

    /// A publication batch begins.
    public mutating func publicationStarted() { publishing += 1 }

    /// A publication batch ended; true when none is left in flight (wake whoever waits for that).
    public mutating func publicationFinished() -> Bool {
        publishing -= 1
        return publishing == 0
    }

    /// Whether an inspection on partition number `partition` may be published: its state is held here, or it is
    /// being handed over (`releasing`).
    public func mayPublish(partition: Int32, releasing: Set<Int32>) -> Bool {
        releasing.contains(partition) || held.contains(partition)
    }

    /// The judgements captured for an inspection since `publishedVersion`, oldest first; taken once.
    public mutating func takeCaptures(_ inspectionId: String, after publishedVersion: Int) -> [StatusJudgements.Captured] {
        captures.take(inspectionId, after: publishedVersion)
    }

    /// Inspections with unpublished changes.
    public var pendingCount: Int { schedule.pendingCount }
}
