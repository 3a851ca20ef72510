import InspectionDomain
import Kafka
import WorkerRuntime

/// A stateless intake: one input topic, one output topic on the aligned partition, rejections to the input's
/// dead-letter topic. `casefile-intake` and `transcript-intake` are two of these with another domain step.
public struct IntakeProcessor: MessageProcessor {
    let configuration: WorkerConfiguration
    let inputTopic: String
    let outputTopic: String
    let step: @Sendable (_ key: [UInt8]?, _ value: [UInt8]?) -> Result<OutputEvent, Rejection>

    init(
        configuration: WorkerConfiguration, inputTopic: String, outputTopic: String,
        step: @escaping @Sendable (_ key: [UInt8]?, _ value: [UInt8]?) -> Result<OutputEvent, Rejection>
    ) {
        self.configuration = configuration
        self.inputTopic = inputTopic
        self.outputTopic = outputTopic
        self.step = step
    }

    /// `casefiles` → `casefiles.assessed`, rejections → `casefiles.dlq` (SPEC §6).
    public static func caseFiles(configuration: WorkerConfiguration, rules: RuleSet, pseudonymKey: [UInt8]) -> IntakeProcessor {
        let assessor = CaseFileAssessor(rules: rules, pseudonymKey: pseudonymKey)
        return IntakeProcessor(
            configuration: configuration, inputTopic: configuration.topics.casefiles,
            outputTopic: configuration.topics.casefilesAssessed, step: { assessor.process(key: $0, value: $1) })
    }

    /// `interviews` → `interviews.coded`, rejections → `interviews.dlq` (SPEC §7).
    public static func interviews(configuration: WorkerConfiguration, rules: RuleSet) -> IntakeProcessor {
        let coder = InterviewCoder(rules: rules)
        return IntakeProcessor(
            configuration: configuration, inputTopic: configuration.topics.interviews,
            outputTopic: configuration.topics.interviewsCoded, step: { coder.process(key: $0, value: $1) })
    }

    public var inputTopics: [String] { [inputTopic] }
    public var outputTopics: [String] { [outputTopic] }
    public var deadLetterCodes: [String] { DeadLetterCode.allCases.map(\.rawValue) }

    public func topicsToEnsure(partitions: Int) -> [TopicSpecification] {
        [
            TopicSpecification(name: outputTopic, partitions: partitions),
            TopicSpecification(name: configuration.deadLetterTopic(for: inputTopic), partitions: partitions),
        ]
    }

    public func process(_ message: KafkaMessage, context: ProcessorContext) throws -> ProcessingOutput {
        StatelessOutput.records(for: step(message.key, message.value), message: message, outputTopic: outputTopic, context: context)
    }
}
