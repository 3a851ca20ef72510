import Kafka
import WorkerRuntime

extension WorkerConfiguration {
    /// The CLI's reader of whole topics (its throw-away groups are named `inspection-cli-…`).
    var topicReader: TopicReader { TopicReader(configuration: kafka, groupPrefix: "inspection-cli") }
}
