import Foundation
import InspectionDomain
import Kafka
import WorkerRuntime

/// `inspections` + `casefiles.assessed` + `interviews.coded` → per-inspection state (changelog
/// `findings-consolidator.state`) → `reporting.judgements`. Refusals go to the DLQ of the topic read.
final class ConsolidatorProcessor: MessageProcessor {
    let configuration: WorkerConfiguration
    let consolidator: Consolidator
    let store: ChangelogStore<InspectionState>
    private let schedule = LockedValue(CoalescingSchedule())
    /// Input partitions assigned here, and the partition numbers whose state is held.
    private let ownership = LockedValue<(assigned: Set<TopicPartition>, restored: Set<Int32>)>(([], []))
    private let kinds: [String: ConsolidatorInputKind]

    init(configuration: WorkerConfiguration, rules: RuleSet) {
        self.configuration = configuration
        self.consolidator = Consolidator(rules: rules)
        self.store = ChangelogStore(topic: configuration.stateTopic)
        let topics = configuration.topics
        self.kinds = [topics.inspections: .inspections, topics.casefilesAssessed: .assessedCaseFiles,
                      topics.interviewsCoded: .codedInterviews]
    }

    var inputTopics: [String] {
        [configuration.topics.inspections, configuration.topics.casefilesAssessed, configuration.topics.interviewsCoded]
    }

    func topicsToEnsure(partitions: Int) -> [TopicSpecification] {
        [TopicSpecification(name: configuration.topics.reportingJudgements, partitions: partitions, configs: ["cleanup.policy": "compact"]),
         store.specification(partitions: partitions)]
            + inputTopics.map { TopicSpecification(name: configuration.deadLetterTopic(for: $0), partitions: partitions) }
    }

    func assigned(_ partitions: [TopicPartition], context: ProcessorContext) async throws {
        let toRestore = ownership.withLock { owned -> [Int32] in
            owned.assigned.formUnion(partitions)
            let fresh = Set(partitions.map(\.partition)).subtracting(owned.restored)
            owned.restored.formUnion(fresh)
            return fresh.sorted()
        }
        guard !toRestore.isEmpty else { return }
        try await store.restore(partitions: toRestore, context: context)
        // Judgements whose publication was interrupted are published again (same version, same content).
        let dirty = toRestore.flatMap { store.keys(in: $0) }.filter { store.get($0)?.dirty == true }
        schedule.withLock { schedule in for id in dirty { schedule.changed(id, urgent: true) } }
        context.metrics.setStateSize(store.count)
    }

    func revoked(_ partitions: [TopicPartition], context: ProcessorContext) async {
        // Keep a partition's state while any input topic still has that partition number assigned here.
        let dropped = ownership.withLock { owned -> Set<Int32> in
            owned.assigned.subtract(partitions)
            let stillAssigned = Set(owned.assigned.map(\.partition))
            let dropped = owned.restored.subtracting(stillAssigned)
            owned.restored.subtract(dropped)
            return dropped
        }
        let ids = dropped.flatMap { store.keys(in: $0) }
        schedule.withLock { $0.forget(ids) }
        store.drop(partitions: dropped)
        context.metrics.setStateSize(store.count)
    }

    func process(_ message: KafkaMessage, context: ProcessorContext) throws -> [OutputRecord] {
        guard let kind = kinds[message.topic] else { return [] }
        let event: ConsolidatorEvent
        switch consolidator.decode(kind: kind, key: message.key, value: message.value) {
        case .failure(let rejection):
            return StatelessOutput.records(for: .failure(rejection), message: message, outputTopic: "", context: context)
        case .success(let decoded):
            event = decoded
        }
        let origin = InputOrigin(message)
        let (changelog, outcome) = store.update(event.inspectionId, partition: message.partition) { current -> (InspectionState?, ApplyOutcome) in
            var state = current ?? InspectionState(inspectionId: event.inspectionId)
            let outcome = consolidator.apply(event, origin: origin, to: &state)
            return (outcome.changed ? state : nil, outcome)
        }
        var records = outcome.rejections.map { rejected in
            DeadLetter.record(for: rejected.origin, rejection: rejected.rejection,
                              worker: configuration.workerName, suffix: configuration.dlqSuffix)
        }
        for rejected in outcome.rejections {
            context.logger.info("event refused", metadata: ["topic": "\(rejected.origin.topic)", "offset": "\(rejected.origin.offset)",
                                                             "code": "\(rejected.rejection.code.rawValue)", "inspectionId": "\(event.inspectionId)"])
        }
        if let changelog { records.append(changelog) }
        if outcome.judgementChanged || outcome.statusChanged {
            schedule.withLock { $0.changed(event.inspectionId, urgent: outcome.statusChanged) }
        }
        return records
    }

    func runBackground(context: ProcessorContext) async throws {
        while !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(50))
            let due = schedule.withLock { $0.takeDue(now: .now, interval: configuration.publishInterval) }
            for id in due { try await publish(id, context: context) }
            if !due.isEmpty { context.metrics.setStateSize(store.count) }
        }
    }

    func finish(context: ProcessorContext) async throws {
        for id in schedule.withLock({ $0.takeAll() }) { try await publish(id, context: context) }
    }

    /// Publishes the inspection's judgement with the next version and records that in the changelog.
    private func publish(_ id: String, context: ProcessorContext) async throws {
        guard let partition = store.partition(of: id) else { return }
        let time = DeadLetter.rfc3339(Date())
        let (changelog, judgement) = store.update(id, partition: partition) { current -> (InspectionState?, OutputEvent?) in
            guard var state = current, state.dirty else { return (nil, nil) }
            let version = state.publishedVersion + 1
            guard let event = consolidator.judgementEvent(for: state, version: version, time: time) else { return (nil, nil) }
            state.publishedVersion = version
            state.dirty = false
            return (state, event)
        }
        guard let judgement else { return }
        let topic = configuration.topics.reportingJudgements
        var records = [OutputRecord(topic: topic, partition: context.alignedPartition(topic: topic, inputPartition: partition),
                                    key: judgement.key, value: judgement.value, headers: [StatelessOutput.contentType])]
        if let changelog { records.append(changelog) }
        try await context.emit(records)
    }
}
