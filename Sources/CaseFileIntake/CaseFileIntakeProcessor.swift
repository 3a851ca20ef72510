import InspectionDomain
import Kafka
import WorkerRuntime

/// `casefiles` → `casefiles.assessed`, rejections → `casefiles.dlq`.
struct CaseFileIntakeProcessor: MessageProcessor {
    let configuration: WorkerConfiguration
    let assessor: CaseFileAssessor

    init(configuration: WorkerConfiguration, rules: RuleSet, pseudonymKey: [UInt8]) {
        self.configuration = configuration
        self.assessor = CaseFileAssessor(rules: rules, pseudonymKey: pseudonymKey)
    }

    var inputTopics: [String] { [configuration.topics.casefiles] }
    var outputTopics: [String] { [configuration.topics.casefilesAssessed] }

    func topicsToEnsure(partitions: Int) -> [TopicSpecification] {
        [
            TopicSpecification(name: configuration.topics.casefilesAssessed, partitions: partitions),
            TopicSpecification(name: configuration.deadLetterTopic(for: configuration.topics.casefiles), partitions: partitions),
        ]
    }

    func process(_ message: KafkaMessage, context: ProcessorContext) throws -> ProcessingOutput {
        StatelessOutput.records(
            for: assessor.process(key: message.key, value: message.value), message: message,
            outputTopic: configuration.topics.casefilesAssessed, context: context)
    }
}
