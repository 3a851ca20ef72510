import CRdKafka

/// Consumer-group look-ups: the groups the brokers know, one group's members and assignments, and every offset a
/// group has committed. Like the rest of ``KafkaAdmin``, each blocking librdkafka call runs on its own thread.
extension KafkaAdmin {
    /// Every consumer group the brokers know, with its state and members (DescribeGroups of each listed group).
    public func listConsumerGroups(timeoutMs: Int32 = 10_000) async throws(KafkaError) -> [ConsumerGroupDescription] {
        nonisolated(unsafe) let handle = client.handle
        return try await runBlocking { () throws(KafkaError) -> [ConsumerGroupDescription] in
            try Self.describeGroups(handle: handle, group: nil, timeoutMs: timeoutMs)
        }
        .sorted { $0.groupID < $1.groupID }
    }

    /// One group's state and members; `nil` when no broker answered for it. A group the coordinator does not
    /// know comes back in state `Dead` with no members.
    public func describeConsumerGroup(_ group: String, timeoutMs: Int32 = 10_000) async throws(KafkaError) -> ConsumerGroupDescription? {
        nonisolated(unsafe) let handle = client.handle
        return try await runBlocking { () throws(KafkaError) -> ConsumerGroupDescription? in
            try Self.describeGroups(handle: handle, group: group, timeoutMs: timeoutMs).first { $0.groupID == group }
        }
    }

    /// Every offset `group` has committed, on every topic (OffsetFetch for all of the group's partitions). A group
    /// without commits gives an empty dictionary.
    public func groupOffsets(_ group: String, timeoutMs: Int32 = 10_000) async throws(KafkaError) -> [TopicPartition: Int64] {
        nonisolated(unsafe) let handle = client.handle
        return try await runBlocking { () throws(KafkaError) -> [TopicPartition: Int64] in
            var requests: [OpaquePointer?] = [rd_kafka_ListConsumerGroupOffsets_new(group, nil)]
            defer { for request in requests { rd_kafka_ListConsumerGroupOffsets_destroy(request) } }
            return try Self.request(
                handle: handle, operation: RD_KAFKA_ADMIN_OP_LISTCONSUMERGROUPOFFSETS, timeoutMs: timeoutMs,
                context: "group offsets \(group)",
                start: { options, queue in
                    requests.withUnsafeMutableBufferPointer { buffer in
                        rd_kafka_ListConsumerGroupOffsets(handle, buffer.baseAddress, buffer.count, options, queue)
                    }
                },
                read: { (event) throws(KafkaError) -> [TopicPartition: Int64] in
                    guard let result = rd_kafka_event_ListConsumerGroupOffsets_result(event) else {
                        throw KafkaError.client("no list-group-offsets result")
                    }
                    var count = 0
                    guard let groups = rd_kafka_ListConsumerGroupOffsets_result_groups(result, &count) else { return [:] }
                    var offsets: [TopicPartition: Int64] = [:]
                    for index in 0..<count {
                        guard let groupResult = groups[index] else { continue }
                        if let error = rd_kafka_group_result_error(groupResult) {
                            throw KafkaError(
                                code: rd_kafka_error_code(error).rawValue,
                                message: "group offsets \(group): \(String(cString: rd_kafka_error_string(error)))"
                            )
                        }
                        guard let list = rd_kafka_group_result_partitions(groupResult) else { continue }
                        for element in TopicPartitionList.elements(of: UnsafeMutablePointer(mutating: list))
                        where element.error == RD_KAFKA_RESP_ERR_NO_ERROR && element.offset >= 0 {
                            offsets[TopicPartition(topic: element.topic, partition: element.partition)] = element.offset
                        }
                    }
                    return offsets
                })
        }
    }

    /// Every topic with its partition count, from one metadata request for all topics. (A metadata request naming
    /// a topic, as ``describeTopic(_:timeoutMs:)`` makes, lets a broker that creates topics automatically create it:
    /// a look-up that must change nothing asks for all of them.)
    public func topicPartitionCounts(timeoutMs: Int32 = 10_000) async throws(KafkaError) -> [String: Int] {
        nonisolated(unsafe) let handle = client.handle
        return try await runBlocking { () throws(KafkaError) -> [String: Int] in
            var metadata: UnsafePointer<rd_kafka_metadata>?
            let err = rd_kafka_metadata(handle, 1, nil, &metadata, timeoutMs)
            guard err == RD_KAFKA_RESP_ERR_NO_ERROR, let metadata else { throw KafkaError(err, context: "metadata") }
            defer { rd_kafka_metadata_destroy(metadata) }
            var counts: [String: Int] = [:]
            for index in 0..<Int(metadata.pointee.topic_cnt) {
                let topic = metadata.pointee.topics[index]
                if topic.err == RD_KAFKA_RESP_ERR_NO_ERROR { counts[String(cString: topic.topic)] = Int(topic.partition_cnt) }
            }
            return counts
        }
    }

    /// DescribeGroups through `rd_kafka_list_groups` (one group, or every group when `group` is nil). Blocking.
    private static func describeGroups(handle: OpaquePointer, group: String?, timeoutMs: Int32) throws(KafkaError) -> [ConsumerGroupDescription] {
        var list: UnsafePointer<rd_kafka_group_list>?
        let err = rd_kafka_list_groups(handle, group, &list, timeoutMs)
        // _PARTIAL: some brokers did not answer in time; the groups of those that did are still worth showing.
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR || err == RD_KAFKA_RESP_ERR__PARTIAL, let list else {
            throw KafkaError(err, context: "describe groups\(group.map { " \($0)" } ?? "")")
        }
        defer { rd_kafka_group_list_destroy(list) }
        var descriptions: [ConsumerGroupDescription] = []
        for index in 0..<Int(list.pointee.group_cnt) {
            let info = list.pointee.groups[index]
            let name = Self.string(info.group)
            if info.err != RD_KAFKA_RESP_ERR_NO_ERROR { throw KafkaError(info.err, context: "describe group \(name)") }
            let members = (0..<Int(info.member_cnt)).map { memberIndex in
                let member = info.members[memberIndex]
                let bytes: [UInt8] =
                    member.member_assignment_size > 0
                    ? member.member_assignment.map { Array(UnsafeRawBufferPointer(start: $0, count: Int(member.member_assignment_size))) } ?? []
                    : []
                let protocolType = Self.string(info.protocol_type)
                return ConsumerGroupDescription.Member(
                    memberID: Self.string(member.member_id), clientID: Self.string(member.client_id), host: Self.string(member.client_host),
                    assignment: protocolType == "consumer" ? ConsumerGroupDescription.decodeAssignment(bytes) : nil)
            }
            descriptions.append(
                ConsumerGroupDescription(
                    groupID: name, state: Self.string(info.state), protocolType: Self.string(info.protocol_type),
                    assignor: Self.string(info.protocol), members: members.sorted { $0.memberID < $1.memberID }))
        }
        return descriptions
    }

    private static func string(_ pointer: UnsafeMutablePointer<CChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }
}
