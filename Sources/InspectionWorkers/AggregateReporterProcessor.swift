import Foundation
import InspectionDomain
import Kafka
import WorkerRuntime

/// `reporting.judgements` (FINAL ones) → per-period aggregates (changelog `aggregate-reporter.state`,
/// one partition, restored whole at start) → `reporting.aggregates`.
public final class AggregateReporterProcessor: MessageProcessor {
    let configuration: WorkerConfiguration
    let reporter: AggregateReporter
    let store: ChangelogStore<PeriodAggregate>

    public init(configuration: WorkerConfiguration, rules: RuleSet) {
        self.configuration = configuration
        self.reporter = AggregateReporter(rules: rules)
        self.store = ChangelogStore(
            topic: configuration.stateTopic, encode: { $0.changelogBytes() }, decode: { PeriodAggregate(changelogBytes: $0) })
    }

    public var inputTopics: [String] { [configuration.topics.reportingJudgements] }
    public var outputTopics: [String] { [configuration.topics.reportingAggregates] }
    public var deadLetterCodes: [String] { DeadLetterCode.allCases.map(\.rawValue) }

    /// One store for all partitions: aggregate versions must be sent in the order they were made.
    public var concurrency: ProcessingConcurrency { .serial }

    public func topicsToEnsure(partitions: Int) -> [TopicSpecification] {
        [
            TopicSpecification(name: configuration.topics.reportingAggregates, partitions: partitions, configs: ["cleanup.policy": "compact"]),
            TopicSpecification(name: configuration.deadLetterTopic(for: configuration.topics.reportingJudgements), partitions: partitions),
            store.specification(partitions: 1),
        ]
    }

    public func prepare(context: ProcessorContext) async throws {
        try await store.restore(partitions: [0], context: context)
        context.metrics.setStateSize(store.count)
    }

    public func process(_ message: KafkaMessage, context: ProcessorContext) throws -> ProcessingOutput {
        let judgement: FinalJudgement
        switch reporter.decode(key: message.key, value: message.value) {
        case .failure(let rejection):
            return StatelessOutput.records(for: .failure(rejection), message: message, outputTopic: "", context: context)
        case .success(nil):
            return []  // not FINAL yet
        case .success(let final?):
            judgement = final
        }
        let period = reporter.period(of: judgement)
        let time = DeadLetter.rfc3339(Date())
        let (changelog, event) = store.update(period, partition: 0) { current -> (PeriodAggregate?, OutputEvent?) in
            var aggregate = current ?? PeriodAggregate(period: period)
            guard reporter.add(judgement, to: &aggregate) else { return (nil, nil) }  // counted already
            aggregate.version += 1
            return (aggregate, reporter.aggregateEvent(for: aggregate, time: time))
        }
        guard let event, let changelog else { return [] }
        context.metrics.setStateSize(store.count)
        return [
            OutputRecord(
                topic: configuration.topics.reportingAggregates, key: event.key, value: event.value,
                headers: StatelessOutput.outputHeaders),
            changelog,
        ]
    }
}
