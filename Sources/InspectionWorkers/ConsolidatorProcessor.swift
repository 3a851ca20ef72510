import Foundation
import InspectionDomain
import Kafka
import Logging
import WorkerRuntime

/// `inspections` + `casefiles.assessed` + `interviews.coded` → per-inspection state (changelog
/// `findings-consolidator.state`) → `reporting.judgements`. Refusals go to the DLQ of the topic read.
public final class ConsolidatorProcessor: MessageProcessor {
    let configuration: WorkerConfiguration
    let consolidator: Consolidator
    let store: ChangelogStore<InspectionState>
    /// Ownership, publication schedule, status captures and publications in flight (``ConsolidatorStateMachine``),
    /// with the tasks waiting for the publications in flight to end.
    private let orchestration = LockedValue(Orchestration())
    private let kinds: [String: ConsolidatorInputKind]
    /// The spans of the inputs that changed each inspection since its last judgement: the judgement's span links.
    private let traceLinks = TraceLinks()

    struct Orchestration: Sendable {
        var machine = ConsolidatorStateMachine()
        var waitingForPublications: [CheckedContinuation<Void, Never>] = []
    }

    public init(configuration: WorkerConfiguration, rules: RuleSet) {
        self.configuration = configuration
        self.consolidator = Consolidator(rules: rules)
        // The compact binary changelog encoding (``InspectionState/changelogBytes()``), the only one read.
        self.store = ChangelogStore(
            topic: configuration.stateTopic, encode: { $0.changelogBytes() },
            decode: { InspectionState(changelogBytes: $0, origins: InputOrigin.self) })
        let topics = configuration.topics
        self.kinds = [
            topics.inspections: .inspections, topics.casefilesAssessed: .assessedCaseFiles,
            topics.interviewsCoded: .codedInterviews,
        ]
    }

    public var inputTopics: [String] {
        [configuration.topics.inspections, configuration.topics.casefilesAssessed, configuration.topics.interviewsCoded]
    }

    /// §8.6: the three inputs in timestamp order, equal timestamps as case files, interviews, lifecycle events.
    /// Evidence reaches this worker through an intake, up to ``intakeLateness`` after its timestamp; lifecycle
    /// events come straight from upstream.
    public var mergedInputs: [(topic: String, lateness: Duration)]? {
        [
            (configuration.topics.casefilesAssessed, Self.intakeLateness), (configuration.topics.interviewsCoded, Self.intakeLateness),
            (configuration.topics.inspections, .zero),
        ]
    }

    /// How long after its timestamp an intake's output may still arrive: a lifecycle event waits this long for
    /// evidence produced before it (a few records per inspection, so the delay costs nothing in throughput).
    static let intakeLateness = Duration.seconds(1)

    public var outputTopics: [String] { [configuration.topics.reportingJudgements] }
    public var deadLetterCodes: [String] { DeadLetterCode.allCases.map(\.rawValue) }

    public func topicsToEnsure(partitions: Int) -> [TopicSpecification] {
        [
            TopicSpecification(name: configuration.topics.reportingJudgements, partitions: partitions, configs: ["cleanup.policy": "compact"]),
            store.specification(partitions: partitions),
        ]
            + inputTopics.map { TopicSpecification(name: configuration.deadLetterTopic(for: $0), partitions: partitions) }
    }

    public func assigned(_ partitions: [TopicPartition], context: ProcessorContext) async throws {
        let toRestore = orchestration.withLock { $0.machine.assign(partitions) }
        guard !toRestore.isEmpty else { return }
        try await store.restore(partitions: toRestore, context: context)
        // Judgements whose publication was interrupted are published again (same version, same content).
        let interrupted = toRestore.flatMap { store.keys(in: $0) }.filter { store.get($0)?.dirty == true }
        orchestration.withLock { $0.machine.restored(interrupted: interrupted) }
        context.metrics.setStateSize(store.count)
    }

    public func revoked(_ partitions: [TopicPartition], context: ProcessorContext) async {
        let store = self.store
        let revocation = orchestration.withLock { $0.machine.revoke(partitions) { store.keys(in: $0) } }
        // A judgement being published for a revoked partition finishes first: the next owner restores the changelog
        // after this returns, so it never publishes the same version with other content.
        if revocation.awaitPublications { await publicationsEnded() }
        // Judgements captured at status changes live only here, and the next owner would publish only the state it
        // restores: they go out now, while the partitions are still this worker's.
        try? await publish(revocation.capturedInspections, context: context, releasing: revocation.dropped)
        orchestration.withLock { $0.machine.handedOver(revocation.leaving) }
        traceLinks.forget(revocation.leaving)
        try? await store.flush(context: context, partitions: revocation.dropped)
        store.drop(partitions: revocation.dropped)
        context.metrics.setStateSize(store.count)
    }

    /// Returns once no publication is in flight (at once if none is).
    private func publicationsEnded() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let now = orchestration.withLock { orchestration -> Bool in
                guard orchestration.machine.publishing > 0 else { return true }
                orchestration.waitingForPublications.append(continuation)
                return false
            }
            if now { continuation.resume() }
        }
    }

    public func process(_ message: KafkaMessage, context: ProcessorContext) throws -> ProcessingOutput {
        guard let kind = kinds[message.topic] else { return [] }
        let event: ConsolidatorEvent
        switch consolidator.decode(kind: kind, key: message.key, value: message.value) {
        case .failure(let rejection):
            return StatelessOutput.records(for: .failure(rejection), message: message, outputTopic: "", context: context)
        case .success(let decoded):
            event = decoded
        }
        let origin = InputOrigin(message)
        // The new state is written to the changelog by the next flush; the input is done only after that.
        let flushed = Completion()
        let consolidator = self.consolidator
        let (outcome, captured) = store.modify(event.inspectionId, partition: message.partition, completion: flushed) {
            state -> (changed: Bool, result: (ApplyOutcome, [StatusJudgements.Captured])) in
            // Moved out and back, so the state's collections stay uniquely referenced (no copy per event).
            var current = state.take() ?? InspectionState(inspectionId: event.inspectionId)
            var outcome = consolidator.apply(event, origin: origin, to: &current)
            let keptNothing = !outcome.changed && current.status == nil && current.pending.isEmpty && current.appliedEvents.isEmpty
            // (nothing kept for an inspection never seen before)
            state = keptNothing ? nil : current
            // A status change is published as it stood, even if more events change the state before the next
            // round (a few times per inspection, so building the judgements here costs little).
            let time = DeadLetter.rfc3339(Date())
            let captured = outcome.statesAtStatusChanges.compactMap { changed -> StatusJudgements.Captured? in
                let version = max(changed.appliedEvents.count, changed.publishedVersion)
                return consolidator.judgementEvent(for: changed, version: version, time: time).map { .init(version: version, event: $0) }
            }
            outcome.statesAtStatusChanges = []  // no second reference to the state's collections once it is stored
            return (outcome.changed, (outcome, captured))
        }
        orchestration.withLock {
            $0.machine.applied(
                event.inspectionId, captured: captured, judgementChanged: outcome.judgementChanged, statusChanged: outcome.statusChanged)
        }
        if outcome.judgementChanged || outcome.statusChanged { traceLinks.record(event.inspectionId) }
        // The consolidator hands back the origins it was given, and the state it restores holds only `InputOrigin`s.
        let refused = outcome.rejections.map { rejected in
            guard let origin = rejected.origin as? InputOrigin else { preconditionFailure("a held input of another origin type") }
            return (origin: origin, rejection: rejected.rejection)
        }
        let records = refused.map { rejected in
            DeadLetter.record(
                for: rejected.origin, rejection: rejected.rejection,
                worker: configuration.workerName, suffix: configuration.dlqSuffix)
        }
        for rejected in refused {
            context.logger.info(
                "event refused",
                metadata: [
                    "topic": "\(rejected.origin.topic)", "offset": "\(rejected.origin.offset)",
                    "code": "\(rejected.rejection.code.rawValue)", "inspectionId": "\(event.inspectionId)",
                ])
        }
        return ProcessingOutput(records: records, completion: flushed)
    }

    public func runBackground(context: ProcessorContext) async throws {
        var pause = Self.shortestPause
        while !Task.isCancelled {
            try? await Task.sleep(for: pause)
            let started = ContinuousClock.now
            // Write-behind: one changelog record per changed inspection per round, however many events changed it.
            // The changelog goes first, so every judgement published is of a state a restart restores: replaying
            // inputs (whose topics may interleave differently) never republishes a version with other content.
            // The cost: judgements captured at status changes live only in memory, so a crash between the flush
            // and the publication loses them, and the restarted worker publishes the state it restores (the last
            // status) alone.
            try await store.flush(context: context)
            let round = orchestration.withLock { $0.machine.round(now: .now, interval: configuration.publishInterval) }
            try await publish(round.inspections, context: context)
            if !round.inspections.isEmpty { context.metrics.setStateSize(store.count) }
            pause = Self.pause(after: ContinuousClock.now - started)
        }
    }

    static let shortestPause = Duration.milliseconds(50)

    /// The pause before the next round: as long as this round took, between 50 and 500 ms. Each changelog record
    /// is an inspection's whole state, so under load rewriting every changed inspection every 50 ms dominated
    /// the broker's traffic; waiting as long as a round took lets more events share each record, while a light
    /// load keeps the 50 ms rounds (and so its latency).
    static func pause(after round: Duration) -> Duration {
        min(max(shortestPause, round), .milliseconds(500))
    }

    public func finish(context: ProcessorContext) async throws {
        try await publish(orchestration.withLock { $0.machine.takeAll() }, context: context)
        try await store.flush(context: context)
    }

    /// Publishes the judgements of `ids` with their next versions, records that in the changelog, and waits until
    /// the broker has them all. One batch: waiting for each judgement in turn would hold back the changelog
    /// flushes (and so the inputs' offsets) by one broker round trip per inspection.
    /// `releasing` names partitions being revoked, whose inspections are published although no longer held.
    private func publish(_ ids: [String], context: ProcessorContext, releasing: Set<Int32> = []) async throws {
        guard !ids.isEmpty else { return }
        // Counted before ownership is checked: a revocation either removes the partition before the check, or
        // waits for this batch to be acknowledged before it hands the partition over.
        orchestration.withLock { $0.machine.publicationStarted() }
        defer {
            let waiting = orchestration.withLock { orchestration -> [CheckedContinuation<Void, Never>] in
                guard orchestration.machine.publicationFinished() else { return [] }
                defer { orchestration.waitingForPublications.removeAll() }
                return orchestration.waitingForPublications
            }
            for continuation in waiting { continuation.resume() }
        }
        let time = DeadLetter.rfc3339(Date())
        let topic = configuration.topics.reportingJudgements
        var records: [OutputRecord] = []
        records.reserveCapacity(ids.count)
        for id in ids {
            guard let partition = store.partition(of: id),
                orchestration.withLock({ $0.machine.mayPublish(partition: partition, releasing: releasing) })
            else { continue }
            // First the judgements captured at status changes since the last round, then the current one unless
            // the last capture already is it (the same version). The captures are taken before the snapshot: a
            // lane adds its capture after changing the state, so each one taken is at most the snapshot's version
            // (and those the state's last publication already covers are dropped).
            let captures = orchestration.withLock { $0.machine.takeCaptures(id, after: .min) }
            // The judgement is built from a snapshot, outside the store's lock, so inputs keep being applied
            // meanwhile. The version is the number of events applied: the same version always means the same
            // evidence, so a judgement published again after a restart is identical to the first.
            guard let snapshot = store.get(id) else { continue }
            var judgements = captures.filter { $0.version > snapshot.publishedVersion }
            let version = max(snapshot.appliedEvents.count, snapshot.publishedVersion)
            if snapshot.dirty && judgements.last?.version != version,
                let judgement = consolidator.judgementEvent(for: snapshot, version: version, time: time)
            {
                judgements.append(.init(version: version, event: judgement))
            }
            guard let newest = judgements.last?.version else { continue }
            store.modify(id, partition: partition, completion: nil) { state -> (changed: Bool, result: Void) in
                guard var current = state.take() else { return (false, ()) }
                current.publishedVersion = max(current.publishedVersion, newest)
                // Only when nothing was applied since the snapshot is the published judgement the current one.
                if snapshot.dirty && newest == version && current.appliedEvents.count == snapshot.appliedEvents.count {
                    current.dirty = false
                    // A FINAL inspection keeps only what refusing and de-duplicating later events needs.
                    current.shrinkAfterFinalPublication()
                }
                state = current
                return (true, ())
            }
            let inputs = traceLinks.take(id)
            for judgement in judgements {
                records.append(
                    OutputRecord(
                        topic: topic, partition: context.alignedPartition(topic: topic, inputPartition: partition),
                        key: judgement.event.key, value: judgement.event.value, headers: StatelessOutput.outputHeaders
                    ).linking(inputs))
            }
        }
        try await context.emit(records)
    }
}
