import InspectionDomain
import Kafka
import WorkerRuntime

/// `interviews` → `interviews.coded`, rejections → `interviews.dlq`.
struct TranscriptIntakeProcessor: MessageProcessor {
    let configuration: WorkerConfiguration
    let coder: InterviewCoder

    init(configuration: WorkerConfiguration, rules: RuleSet) {
        self.configuration = configuration
        self.coder = InterviewCoder(rules: rules)
    }

    var inputTopics: [String] { [configuration.topics.interviews] }
    var outputTopics: [String] { [configuration.topics.interviewsCoded] }

    func topicsToEnsure(partitions: Int) -> [TopicSpecification] {
        [
            TopicSpecification(name: configuration.topics.interviewsCoded, partitions: partitions),
            TopicSpecification(name: configuration.deadLetterTopic(for: configuration.topics.interviews), partitions: partitions),
        ]
    }

    func process(_ message: KafkaMessage, context: ProcessorContext) throws -> ProcessingOutput {
        StatelessOutput.records(
            for: coder.process(key: message.key, value: message.value), message: message,
            outputTopic: configuration.topics.interviewsCoded, context: context)
    }
}
