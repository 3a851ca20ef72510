import Foundation
import Kafka
import WorkerRuntime

/// Puts a ``StatusReport`` together: the consumer groups from the brokers (DescribeGroups, the groups' committed
/// offsets, the partitions' ends), the workers' readiness over HTTP, and what a ``StatusTopicScan`` has read.
/// A part that cannot be collected becomes a line of ``StatusReport/problems``; the rest is still shown.
struct StatusCollector: Sendable {
    let configuration: WorkerConfiguration
    let admin: KafkaAdmin
    let groups: [StatusGroupTarget]
    let health: [StatusHealthTarget]
    let includeFinal: Bool

    init(
        configuration: WorkerConfiguration, groups: [StatusGroupTarget], health: [StatusHealthTarget], includeFinal: Bool
    ) throws {
        self.configuration = configuration
        self.admin = try KafkaAdmin(configuration: configuration.kafka)
        self.groups = groups
        self.health = health
        self.includeFinal = includeFinal
    }

    /// A full report with what `scan` has read so far; `existing` names the scanned topics that exist.
    func report(scan: StatusTopicScan, existing: Set<String>, problems: [String] = []) async -> StatusReport {
        async let groupReport = collectGroups()
        async let healthReport = probeHealth()
        return assemble(groups: await groupReport, health: await healthReport, scan: scan, existing: existing, problems: problems)
    }

    /// The report from its collected parts.
    func assemble(
        groups: ([StatusReport.Group], [String]), health: [StatusReport.Health], scan: StatusTopicScan, existing: Set<String>,
        problems: [String]
    ) -> StatusReport {
        let inspections = scan.inspections(includeFinal: includeFinal)
        return StatusReport(
            generatedAt: Date().formatted(Date.ISO8601FormatStyle()),
            bootstrapServers: configuration.kafka["bootstrap.servers"] ?? "",
            groups: groups.0, deadLetters: scan.deadLetters(existing: existing), health: health,
            inspections: inspections.listed, finalInspections: inspections.final,
            problems: groups.1 + problems + scan.problems)
    }

    /// Reads `topics` into `scan` from their beginning: until no record came for `idle`, or for as long as the
    /// process runs when `follow`. A failure is kept as one of the scan's problems.
    func read(_ topics: [String], into scan: StatusTopicScan, idle: Duration, follow: Bool) async {
        guard !topics.isEmpty else { return }
        do {
            try await configuration.topicReader.read(topics, idle: idle, timeout: .seconds(follow ? 31_536_000 : 3600), follow: follow) {
                scan.take($0)
                return true
            }
        } catch {
            scan.fail("reading \(topics.joined(separator: ", ")): \(error)")
        }
    }

    /// Which of `topics` exist.
    func existingTopics(_ topics: [String]) async -> (Set<String>, String?) {
        do {
            return (Set(try await admin.topicPartitionCounts().keys).intersection(topics), nil)
        } catch {
            return ([], "topics: \(error)")
        }
    }

    /// Every `--health` endpoint's `/health/ready`, asked at once, in the order given.
    func probeHealth() async -> [StatusReport.Health] {
        await withTaskGroup(of: (Int, StatusReport.Health).self) { tasks in
            for (index, target) in health.enumerated() { tasks.addTask { (index, await target.probe()) } }
            var answers: [(Int, StatusReport.Health)] = []
            for await answer in tasks { answers.append(answer) }
            return answers.sorted { $0.0 < $1.0 }.map(\.1)
        }
    }

    /// What the brokers say about one group, before the partitions' ends are known.
    private struct GroupFacts: Sendable {
        var description: ConsumerGroupDescription?
        var committed: [TopicPartition: Int64]
        var problems: [String]
    }

    /// Every group's members, committed offsets, partitions' ends and lag.
    func collectGroups() async -> ([StatusReport.Group], [String]) {
        var problems: [String] = []
        let facts = await withTaskGroup(of: (Int, GroupFacts).self) { tasks in
            for (index, target) in groups.enumerated() {
                tasks.addTask {
                    var problems: [String] = []
                    var description: ConsumerGroupDescription?
                    var committed: [TopicPartition: Int64] = [:]
                    do {
                        description = try await admin.describeConsumerGroup(target.groupID)
                    } catch {
                        problems.append("group \(target.groupID): cannot describe it: \(error)")
                    }
                    do {
                        committed = try await admin.groupOffsets(target.groupID)
                    } catch {
                        problems.append("group \(target.groupID): cannot read its committed offsets: \(error)")
                    }
                    return (index, GroupFacts(description: description, committed: committed, problems: problems))
                }
            }
            var facts: [Int: GroupFacts] = [:]
            for await (index, fact) in tasks { facts[index] = fact }
            return facts
        }
        // The topics of each group: the worker's inputs, and wherever it committed or was assigned.
        var topicsByGroup: [Int: [String]] = [:]
        for (index, target) in groups.enumerated() {
            let fact = facts[index]
            let assigned = fact?.description?.members.flatMap { $0.assignment ?? [] }.map(\.topic) ?? []
            let committed = fact?.committed.keys.map(\.topic) ?? []
            topicsByGroup[index] = Array(Set(target.topics + assigned + committed)).sorted()
        }
        // One metadata request for all topics: asking for a topic by name could make the broker create it.
        var partitionCounts: [String: Int] = [:]
        do {
            let known = try await admin.topicPartitionCounts()
            for topic in Set(topicsByGroup.values.joined()).sorted() {
                if let count = known[topic] { partitionCounts[topic] = count } else { problems.append("topic \(topic) does not exist") }
            }
        } catch {
            problems.append("topics: \(error)")
        }
        let allPartitions = partitionCounts.flatMap { topic, count in (0..<count).map { TopicPartition(topic: topic, partition: Int32($0)) } }
        let ends = await endOffsets(allPartitions, problems: &problems)

        var reports: [StatusReport.Group] = []
        for (index, target) in groups.enumerated() {
            let fact = facts[index] ?? GroupFacts(description: nil, committed: [:], problems: [])
            problems += fact.problems
            var owner: [TopicPartition: String] = [:]
            for member in fact.description?.members ?? [] {
                for partition in member.assignment ?? [] { owner[partition] = member.memberID }
            }
            var partitions: [StatusReport.Partition] = []
            for topic in topicsByGroup[index] ?? [] {
                for number in 0..<(partitionCounts[topic] ?? 0) {
                    let partition = TopicPartition(topic: topic, partition: Int32(number))
                    let committed = fact.committed[partition]
                    let end = ends[partition]
                    let lag = end.map { max(0, $0.high - (committed ?? $0.low)) }
                    partitions.append(
                        StatusReport.Partition(
                            topic: topic, partition: Int32(number), committedOffset: committed, endOffset: end?.high, lag: lag,
                            memberId: owner[partition]))
                }
            }
            let members = (fact.description?.members ?? []).map { member in
                StatusReport.Member(
                    memberId: member.memberID, clientId: member.clientID.isEmpty ? nil : member.clientID,
                    host: member.host.isEmpty ? nil : member.host,
                    assignment: member.assignment?.map { StatusReport.PartitionName(topic: $0.topic, partition: $0.partition) })
            }
            reports.append(
                StatusReport.Group(
                    worker: target.worker, groupId: target.groupID, state: fact.description?.state, members: members,
                    partitions: partitions, lag: partitions.reduce(0) { $0 + ($1.lag ?? 0) }))
        }
        return (reports, problems)
    }

    /// The partitions' watermarks from fetch responses (right on every broker), or from ListOffsets for a partition
    /// without a fetch response in time.
    private func endOffsets(_ partitions: [TopicPartition], problems: inout [String]) async -> [TopicPartition: (low: Int64, high: Int64)] {
        guard !partitions.isEmpty else { return [:] }
        var ends: [TopicPartition: (low: Int64, high: Int64)] = [:]
        do {
            ends = try await FetchedWatermarks(configuration: configuration.kafka, groupPrefix: "inspection-cli-status").query(partitions)
        } catch {
            problems.append("partition ends from fetch responses: \(error)")
        }
        let missing = partitions.filter { ends[$0] == nil }
        guard !missing.isEmpty else { return ends }
        do {
            for (partition, marks) in try await admin.watermarks(missing) { ends[partition] = marks }
        } catch {
            problems.append("partition ends: \(error)")
        }
        return ends
    }
}
