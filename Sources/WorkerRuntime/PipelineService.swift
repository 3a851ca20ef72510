import Foundation
import Kafka
import Logging
import ServiceLifecycle
import Synchronization

/// The consume → process → produce service every worker runs.
///
/// - Per-partition order: messages are processed in arrival order; outputs of one input partition go to
///   the same output partition in that order. Different partitions are processed in parallel unless the
///   processor asks for ``ProcessingConcurrency/serial``.
/// - At-least-once: an input's offset is stored only after every record it caused is acknowledged, and
///   only the highest contiguous done offset per partition (``OffsetTracker``).
/// - Revocations wait for in-flight work of the revoked partitions, so their offsets are committed
///   before another member takes them over.
/// - Graceful shutdown: stop taking messages, drain in-flight work, flush, commit, leave the group.
/// - Tracing (``PipelineTracing``): each message is processed in its `process` span, its trace bound to the task
///   (so log lines carry `trace_id` and `span_id`), and the records it causes carry its trace.
public final class PipelineService: Service, Sendable {
    private let configuration: WorkerConfiguration
    private let processor: any MessageProcessor
    private let health: HealthState
    private let metrics: WorkerMetrics
    private let logger: Logger
    private let tracing: PipelineTracing

    public init(
        configuration: WorkerConfiguration, processor: any MessageProcessor, health: HealthState,
        metrics: WorkerMetrics, logger: Logger, tracing: PipelineTracing = .disabled
    ) {
        self.configuration = configuration
        self.processor = processor
        self.health = health
        self.metrics = metrics
        self.logger = logger
        self.tracing = tracing
    }

    public func run() async throws {
        let producer = try KafkaProducer(configuration: configuration.producerKafka, logger: logger)
        let sender = RecordSender(producer: producer, metrics: metrics, logger: logger, tracing: tracing)
        let context = ProcessorContext(
            configuration: configuration, logger: logger, metrics: metrics,
            health: health, producer: producer, sender: sender)
        metrics.registerEventCounters(
            inputTopics: processor.inputTopics, outputTopics: processor.outputTopics, deadLetterCodes: processor.deadLetterCodes)
        setReady(false, reason: "connecting")
        try await prepareTopics(context: context)
        try await processor.prepare(context: context)

        var consumerConfiguration = configuration.kafka
        consumerConfiguration["group.id"] = configuration.groupID
        let consumer = try KafkaConsumer(configuration: consumerConfiguration, logger: logger)
        try consumer.subscribe(topics: processor.inputTopics)
        setReady(false, reason: "waiting for partition assignment")
        logger.info("subscribed", metadata: ["topics": "\(processor.inputTopics)", "group": "\(configuration.groupID)"])

        let tracker = OffsetLedger()
        let failure = LockedValue<Error?>(nil)
        /// Ends the main loop: no more events are handed over, and a wait for room in flight gives up.
        let stopConsuming: @Sendable () -> Void = {
            consumer.stopDelivering()
            tracker.stopWaits()
        }
        // A fatal client or delivery error stops the worker when it happens, not when next looked for.
        let fail: @Sendable (Error) -> Void = { error in
            failure.withLock { if $0 == nil { $0 = error } }
            stopConsuming()
        }
        sender.onFatalError(fail)
        consumer.onFatalError(fail)
        // The lag gauges are read at each scrape: a local reading of the last fetch responses, no request.
        let metrics = self.metrics
        metrics.beforeEachScrape { metrics.setLag(consumer.lag()) }
        await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await sender.runRetries() }
            group.addTask { try await self.processor.runBackground(context: context) }
            group.addTask { await self.storeOffsets(consumer: consumer, tracker: tracker) }
            do {
                try await withGracefulShutdownHandler {
                    try await self.consume(consumer: consumer, context: context, tracker: tracker, stopConsuming: stopConsuming)
                } onGracefulShutdown: {
                    stopConsuming()
                }
            } catch {
                failure.withLock { $0 = error }
            }
            group.cancelAll()
            sender.finishRetries()
            // Background tasks end on cancellation; a fatal error from them is the one reported.
            while let result = await group.nextResult() {
                if case .failure(let error) = result, !(error is CancellationError) {
                    failure.withLock { if $0 == nil { $0 = error } }
                }
            }
        }

        // Shutdown: finish what is in flight, flush, commit, leave the group.
        setReady(false, reason: "shutting down")
        if failure.withLock({ $0 }) == nil {
            do { try await processor.finish(context: context) } catch { failure.withLock { if $0 == nil { $0 = error } } }
        }
        let drained = await tracker.wait(until: { $0.totalInFlight == 0 }, timeout: configuration.shutdownTimeout)
        if !drained {
            logger.warning(
                "shutdown timeout with work in flight; it will be redelivered", metadata: ["inFlight": "\(tracker.withLock { $0.totalInFlight })"])
        }
        try? await producer.flush(timeoutMs: 5_000)
        storeCompleted(consumer: consumer, tracker: tracker)
        await consumer.close()
        await producer.close(timeoutMs: 2_000)
        if let error = failure.withLock({ $0 }) {
            health.setDead(reason: "\(error)")
            logger.critical("worker stopped on an unrecoverable error", metadata: ["error": "\(error)"])
            throw error
        }
        logger.info("worker stopped cleanly")
    }

    /// Records waiting in the merge for one input partition above which its fetching pauses (resumed at half).
    static let mergeBufferLimit = 2_000

    /// Readiness for `/health/ready` and the `inspection_ready` gauge together.
    private func setReady(_ ready: Bool, reason: String) {
        health.setReady(ready, reason: reason)
        metrics.setReady(ready)
    }

    /// The main loop over consumer events: messages go to their lane (one per partition number, or one in
    /// all for a serial processor), rebalances are handled here between them.
    private func consume(
        consumer: KafkaConsumer, context: ProcessorContext, tracker: OffsetLedger,
        stopConsuming: @escaping @Sendable () -> Void
    ) async throws {
        let laneFailure = LockedValue<Error?>(nil)
        try await withThrowingTaskGroup(of: Void.self) { group in
            var lanes: [Int32: ProcessingLane] = [:]
            var pending: [Int32: [KafkaMessage]] = [:]
            let serial = processor.concurrency == .serial
            // Co-partitioned inputs applied in timestamp order (§8.6): their records wait in the merge until they
            // may go, and only then begin (so a revoked partition's waiting records are simply redelivered).
            var merge = processor.mergedInputs.map { inputs in
                InputMerge(
                    configuration: .init(
                        topics: inputs.map(\.topic), maxIdle: configuration.maxTaskIdle,
                        lateness: Dictionary(uniqueKeysWithValues: inputs.map { ($0.topic, $0.lateness) })))
            }
            var paused: Set<TopicPartition> = []
            /// Hands the records the merge lets go to their lanes, pauses fetching of input partitions with many
            /// records waiting (and resumes them once drained), and asks the consumer for a wake-up while waiting.
            func releaseMerged() {
                guard var current = merge else { return }
                let now = ContinuousClock.now
                let seen = current.nextOffsets
                var positions: [TopicPartition: PartitionPosition]?
                let wallClockMs = Int64((Date().timeIntervalSince1970 * 1000).rounded())
                let release = current.release(now: now, wallClockMs: wallClockMs) { partition in
                    if positions == nil { positions = consumer.positions((try? consumer.assignment()) ?? []) }
                    let position = positions?[partition] ?? PartitionPosition(position: nil, highWatermark: nil)
                    return InputMerge.standing(seen: seen[partition], position: position)
                }
                for message in release.messages { pending[serial ? 0 : message.partition, default: []].append(message) }
                // While waiting, look again at least twice a second: a fetch response may have told the end.
                if let due = release.wakeAt { consumer.wake(at: min(due, now + .milliseconds(500))) }
                let resume = paused.filter { current.buffered($0) <= Self.mergeBufferLimit / 2 }
                if !resume.isEmpty {
                    try? consumer.resume(Array(resume))
                    paused.subtract(resume)
                }
                merge = current
            }
            func pauseIfFull(_ partition: TopicPartition) {
                guard let merge, !paused.contains(partition), merge.buffered(partition) > Self.mergeBufferLimit else { return }
                if (try? consumer.pause([partition])) != nil { paused.insert(partition) }
            }
            func forget(_ partitions: [TopicPartition]) {
                let leaving = paused.intersection(partitions)
                if !leaving.isEmpty {
                    try? consumer.resume(Array(leaving))
                    paused.subtract(leaving)
                }
                merge?.revoke(partitions)
            }
            /// Hands the messages gathered so far to their lanes (their offsets begun under one lock), starting a
            /// lane's task on first use.
            func dispatch() {
                guard !pending.isEmpty else { return }
                tracker.withLock { tracker in
                    for messages in pending.values {
                        for message in messages { tracker.begin(message.topicPartition, offset: message.offset) }
                    }
                }
                for (key, messages) in pending where !messages.isEmpty {
                    let lane: ProcessingLane
                    if let existing = lanes[key] {
                        lane = existing
                    } else {
                        lane = ProcessingLane()
                        lanes[key] = lane
                        group.addTask {
                            do {
                                try await self.drain(lane, consumer: consumer, context: context, tracker: tracker)
                            } catch {
                                laneFailure.withLock { if $0 == nil { $0 = error } }
                                stopConsuming()
                            }
                        }
                    }
                    lane.enqueue(messages)
                }
                pending.removeAll(keepingCapacity: true)
            }

            for await batch in consumer.eventBatches {
                let maxInFlight = configuration.maxInFlight
                if tracker.withLock({ $0.totalInFlight }) >= maxInFlight {
                    // Resumed by the completion that makes room, or by a stop.
                    _ = await tracker.wait(until: { $0.totalInFlight < maxInFlight }, endsOnStop: true)
                }
                for event in batch {
                    switch event {
                    case .message(let message):
                        if merge?.merges(message.topic) == true {
                            merge?.add(message, now: .now)
                            pauseIfFull(message.topicPartition)
                        } else {
                            pending[serial ? 0 : message.partition, default: []].append(message)
                        }
                    case .wake:
                        break
                    case .assigned(let partitions):
                        releaseMerged()
                        dispatch()
                        merge?.assign(partitions, now: .now)
                        metrics.rebalanced()
                        setReady(false, reason: "restoring state")
                        try await processor.assigned(partitions, context: context)
                        setReady(true, reason: "assigned")
                    case .revoked(let partitions, let ack):
                        releaseMerged()
                        dispatch()
                        forget(partitions)
                        metrics.rebalanced()
                        await finishInFlight(partitions, tracker: tracker)
                        await processor.revoked(partitions, context: context)
                        // Stored before the ack: the consumer commits them before giving the partitions up.
                        storeCompleted(consumer: consumer, tracker: tracker)
                        tracker.withLock { $0.remove(partitions) }
                        ack.done()
                    case .lost(let partitions):
                        releaseMerged()
                        dispatch()
                        forget(partitions)
                        metrics.rebalanced()
                        // Their lanes may still hold messages: let them finish before the processor forgets the
                        // partitions (a stateful processor would otherwise re-create state it just dropped).
                        await finishInFlight(partitions, tracker: tracker)
                        tracker.withLock { $0.remove(partitions) }
                        await processor.revoked(partitions, context: context)
                    case .error(let error):
                        if error.isFatal { throw error }
                        logger.warning("consumer error", metadata: ["error": "\(error)"])
                    }
                }
                releaseMerged()
                dispatch()
            }
            // Records still waiting in the merge were never begun: the next owner (or this worker, restarted) reads
            // them again.
            merge?.removeAll()
            // Stopped: the lanes finish what they were given (its offsets are waited for on shutdown).
            for lane in lanes.values { lane.finish() }
            try await group.waitForAll()
        }
        if let error = laneFailure.withLock({ $0 }) { throw error }
    }

    /// Processes a lane's messages in order: each input's records are sent in order, and its offset is done
    /// once they are all acknowledged and the processor's own completion (if any) resolved.
    private func drain(
        _ lane: ProcessingLane, consumer: KafkaConsumer, context: ProcessorContext,
        tracker: OffsetLedger
    ) async throws {
        let clock = ContinuousClock()
        for await messages in lane.messages {
            countConsumed(messages)
            // One clock reading per message: each is timed from the end of the previous one (or the batch's start).
            var start = clock.now
            for message in messages {
                if let trace = tracing.begin(message) {
                    try await trace.bind { try await handle(message, trace: trace, context: context, tracker: tracker) }
                } else {
                    try await handle(message, trace: nil, context: context, tracker: tracker)
                }
                let end = clock.now
                metrics.recordProcessing(end - start)
                start = end
            }
        }
    }

    /// Processes one message and sends the records it causes; its offset is done once they are all acknowledged and
    /// the processor's own completion (if any) resolved.
    private func handle(_ message: KafkaMessage, trace: EventTrace?, context: ProcessorContext, tracker: OffsetLedger) async throws {
        let partition = message.topicPartition
        let offset = message.offset
        let output: ProcessingOutput
        do {
            output = try processor.process(message, context: context)
        } catch {
            trace?.fail(error)
            throw error
        }
        // Offsets are stored in batches by `monitor` (and on revocation and shutdown), not per message.
        let complete: @Sendable () -> Void = { tracker.withLock { _ = $0.complete(partition, offset: offset) } }
        do {
            if output.completion == nil && output.records.count == 1 {
                try await context.sender.send(output.records[0], trace: trace, onDelivered: complete)
            } else {
                let remaining = Countdown(output.records.count + 1)
                let step: @Sendable () -> Void = { if remaining.decrement() { complete() } }
                for record in output.records {
                    try await context.sender.send(record, trace: trace, onDelivered: step)
                }
                if let completion = output.completion { completion.whenResolved(step) } else { step() }
            }
        } catch {
            trace?.fail(error)
            throw error
        }
        trace?.end(outputs: output.records)
    }

    /// Waits (up to 25 s) until the work begun on `partitions` is done: processed by their lanes and acknowledged.
    private func finishInFlight(_ partitions: [TopicPartition], tracker: OffsetLedger) async {
        let waitingFor = Set(partitions)
        _ = await tracker.wait(until: { t in waitingFor.allSatisfy { t.inFlight($0) == 0 } }, timeout: .seconds(25))
    }

    /// Counts a lane's batch in the consumed counters, one increment per run of the same topic.
    private func countConsumed(_ messages: [KafkaMessage]) {
        var runStart = 0
        for index in messages.indices where index == messages.count - 1 || messages[index + 1].topic != messages[index].topic {
            metrics.consumed(topic: messages[index].topic, count: index + 1 - runStart)
            runStart = index + 1
        }
    }

    /// Hands completed offsets to librdkafka for the background commit: woken by the completion that advances
    /// one, then at most ten times a second (one call for all that advanced meanwhile, not one per message).
    private func storeOffsets(consumer: KafkaConsumer, tracker: OffsetLedger) async {
        while await tracker.wait(until: { $0.hasUnstored }) {
            storeCompleted(consumer: consumer, tracker: tracker)
            try? await Task.sleep(for: .milliseconds(100))
        }
    }

    /// Hands the offsets that advanced since the last call to librdkafka (one call, not one per message).
    private func storeCompleted(consumer: KafkaConsumer, tracker: OffsetLedger) {
        let offsets = tracker.withLock { $0.takeUnstored() }
        if !offsets.isEmpty { consumer.storeOffsets(offsets) }
    }

    /// Creates missing topics (inputs take the partition count of existing inputs, or TOPIC_PARTITIONS)
    /// and learns the partition counts of the topics the worker writes.
    private func prepareTopics(context: ProcessorContext) async throws {
        let admin = try KafkaAdmin(configuration: configuration.kafka, logger: logger)
        var partitions = configuration.topicPartitions
        for input in processor.inputTopics {
            if let existing = try await admin.describeTopic(input) {
                partitions = existing.partitions
                break
            }
        }
        let inputs = processor.inputTopics.map {
            TopicSpecification(name: $0, partitions: partitions, replicationFactor: configuration.replicationFactor)
        }
        let deadLetterTopics = Set(processor.inputTopics.map(configuration.deadLetterTopic(for:)))
        // The catalogue's configurations (retention, cleanup, message size) for every topic it names, exactly as
        // `inspection topics create` gives them; the processor's own for the topics it does not name.
        let catalogue = try TopicCatalogue.locate(settings: configuration.settings)?.specifications(
            settings: configuration.settings, dlqSuffix: configuration.dlqSuffix, partitions: partitions)
        if catalogue == nil { logger.warning("no topics.json in the configuration folder: topics created without its retention settings") }
        let catalogued = Dictionary((catalogue ?? []).map { ($0.name, $0.configs) }) { first, _ in first }
        let specs =
            (inputs + processor.topicsToEnsure(partitions: partitions)).map { spec in
                var spec = spec
                spec.replicationFactor = configuration.replicationFactor
                if let configs = catalogued[spec.name] {
                    spec.configs = configs
                } else if deadLetterTopics.contains(spec.name) {
                    spec.configs.merge(WorkerConfiguration.deadLetterTopicConfigs) { set, _ in set }
                }
                return spec
            }
        if configuration.autoCreateTopics {
            let created = try await admin.createTopics(specs)
            if !created.isEmpty { logger.info("created topics", metadata: ["topics": "\(created)"]) }
        }
        for spec in specs {
            if let description = try await admin.describeTopic(spec.name) {
                context.setPartitionCount(description.partitions, for: spec.name)
            } else {
                throw ConfigurationError(setting: "TOPICS_AUTO_CREATE", reason: "topic \(spec.name) does not exist and is not created automatically")
            }
        }
    }
}
