import CRdKafka

/// An owned `rd_kafka_topic_partition_list_t`. Call `destroy()` exactly once.
struct TopicPartitionList {
    let pointer: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>

    init(_ partitions: [TopicPartition]) {
        pointer = rd_kafka_topic_partition_list_new(Int32(max(partitions.count, 1)))
        for partition in partitions {
            rd_kafka_topic_partition_list_add(pointer, partition.topic, partition.partition)
        }
    }

    init(adopting pointer: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>) {
        self.pointer = pointer
    }

    struct Element {
        var topic: String
        var partition: Int32
        var offset: Int64
        var error: rd_kafka_resp_err_t
    }

    /// The elements as Swift values.
    var elements: [Element] { Self.elements(of: pointer) }

    static func elements(of pointer: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>) -> [Element] {
        (0..<Int(pointer.pointee.cnt)).map { index in
            let element = ik_partition_at(pointer, Int32(index)).pointee
            return Element(
                topic: String(cString: element.topic), partition: element.partition,
                offset: element.offset, error: element.err)
        }
    }

    func destroy() { rd_kafka_topic_partition_list_destroy(pointer) }
}
