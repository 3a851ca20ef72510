import Kafka
import Prometheus
import Synchronization

/// The Prometheus metrics of one worker, with at least the names SPEC §11 fixes.
public final class WorkerMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    let processing: DurationHistogram
    let retries: Counter
    let valuesOmitted: Counter
    let rebalances: Counter
    let stateSize: Gauge
    let ready: Gauge
    private let lagGauges = Mutex<[TopicPartition: Gauge]>([:])
    /// Labelled counters, created once: the registry's look-up builds strings on every call, and these run
    /// once per event.
    private let consumedCounters = Mutex<[String: Counter]>([:])
    private let producedCounters = Mutex<[String: Counter]>([:])
    private let deadLetterCounters = Mutex<[DeadLetterKey: Counter]>([:])

    private struct DeadLetterKey: Hashable, Sendable { var topic: String, code: String }

    private func counter<Key: Hashable & Sendable>(
        _ cache: borrowing Mutex<[Key: Counter]>, _ key: Key, _ name: String, _ help: String,
        _ labels: @autoclosure () -> [(String, String)]
    ) -> Counter {
        cache.withLock { counters in
            if let counter = counters[key] { return counter }
            let counter = registry.makeCounter(descriptor: Self.name(name, help), labels: labels())
            counters[key] = counter
            return counter
        }
    }

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        processing = registry.makeDurationHistogram(
            descriptor: Self.name(
                "inspection_processing_seconds", "Time to decode, validate and process one event and hand its records to the producer."),
            buckets: [
                .microseconds(10), .microseconds(50), .microseconds(100), .microseconds(500), .milliseconds(1),
                .milliseconds(5), .milliseconds(10), .milliseconds(50), .milliseconds(100), .milliseconds(500), .seconds(1),
            ])
        retries = registry.makeCounter(descriptor: Self.name("inspection_retries_total", "Transient failures retried with backoff."))
        valuesOmitted = registry.makeCounter(
            descriptor: Self.name(
                "inspection_dead_letter_values_omitted_total",
                "Dead letters sent without their value because their topic refused them as too large (header dlq.value.omitted)."))
        rebalances = registry.makeCounter(descriptor: Self.name("inspection_rebalances_total", "Partition assignments and revocations."))
        stateSize = registry.makeGauge(descriptor: Self.name("inspection_state_entries", "Entries held in the worker's state store."))
        ready = registry.makeGauge(descriptor: Self.name("inspection_ready", "1 when assigned and restored."))
    }

    /// Creates the event counters at zero for every input topic (and, for dead letters, every code) and output
    /// topic, so that a scrape before the first event, or of a worker that never dead-lettered, shows them.
    public func registerEventCounters(inputTopics: [String], outputTopics: [String], deadLetterCodes: [String]) {
        for topic in inputTopics {
            consumed(topic: topic, count: 0)
            for code in deadLetterCodes { deadLettered(topic: topic, code: code, count: 0) }
        }
        for topic in outputTopics { produced(topic: topic, count: 0) }
    }

    public func consumed(topic: String, count: Int = 1) {
        counter(consumedCounters, topic, "inspection_events_consumed_total", "Events read from an input topic.", [("topic", topic)]).increment(
            by: Int64(count))
    }

    public func produced(topic: String, count: Int = 1) {
        counter(
            producedCounters, topic, "inspection_events_produced_total", "Events written to an output topic (dead letters excluded).",
            [("topic", topic)]
        ).increment(by: Int64(count))
    }

    public func deadLettered(topic: String, code: String, count: Int = 1) {
        counter(
            deadLetterCounters, DeadLetterKey(topic: topic, code: code), "inspection_events_dead_lettered_total",
            "Events sent to a dead-letter topic, by input topic and error code.", [("topic", topic), ("code", code)]
        ).increment(by: Int64(count))
    }

    public func recordProcessing(_ duration: Duration) { processing.record(duration) }

    public func retried() { retries.increment() }

    /// A dead letter is being sent again without its value (too large for its topic).
    public func omittedDeadLetterValue() { valuesOmitted.increment() }

    public func rebalanced() { rebalances.increment() }

    public func setStateSize(_ entries: Int) { stateSize.set(to: Double(entries)) }

    public func setReady(_ value: Bool) { ready.set(to: value ? 1 : 0) }

    /// Replaces the consumer-lag gauges with the current figures.
    public func setLag(_ lag: [TopicPartition: Int64]) {
        lagGauges.withLock { gauges in
            for (partition, value) in lag {
                let gauge =
                    gauges[partition]
                    ?? registry.makeGauge(
                        descriptor: Self.name("inspection_consumer_lag", "Messages between the consumer's position and the end of the partition."),
                        labels: [("topic", partition.topic), ("partition", "\(partition.partition)")])
                gauges[partition] = gauge
                gauge.set(to: Double(value))
            }
            for (partition, gauge) in gauges where lag[partition] == nil { gauge.set(to: 0) }
        }
    }

    private static func name(_ name: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(metricName: name, unitName: "", helpText: help)
    }

    /// Readings taken at each scrape, just before the exposition (e.g. the consumer lag, a local reading).
    private let scrapeHooks = Mutex<[@Sendable () -> Void]>([])

    /// Runs `hook` before every exposition, so a gauge it sets is as fresh as the scrape.
    public func beforeEachScrape(_ hook: @escaping @Sendable () -> Void) {
        scrapeHooks.withLock { $0.append(hook) }
    }

    /// The Prometheus text exposition.
    public func exposition() -> [UInt8] {
        for hook in scrapeHooks.withLock({ $0 }) { hook() }
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return buffer
    }
}
