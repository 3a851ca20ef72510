import Foundation
import Kafka
import Synchronization
import WorkerRuntime

/// What `inspection status` learns from reading the dead-letter topics and the judgements topic: dead letters
/// counted per topic and code with the newest record's time, and the latest judgement of each inspection (a
/// tombstone removes it). It keeps only codes, counts, timestamps, ids, statuses and versions; the records' values
/// are parsed and dropped. Fed from the reading task, read from the rendering one.
final class StatusTopicScan: Sendable {
    /// Per dead-letter topic and code: the count and the newest timestamp (milliseconds).
    private struct Tally {
        var count = 0
        var newestMs: Int64?

        mutating func add(_ timestampMs: Int64?) {
            count += 1
            if let timestampMs { newestMs = max(newestMs ?? timestampMs, timestampMs) }
        }
    }

    /// The latest judgement of an inspection.
    private struct Latest {
        var status: String
        var version: Int
        var timestampMs: Int64?
        var partition: Int32
        var offset: Int64
    }

    private struct State {
        var deadLetters: [String: [String: Tally]] = [:]
        var judgements: [String: Latest] = [:]
        var records = 0
        var lastRecord = ContinuousClock.now
        var problems: [String] = []
    }

    let judgementsTopic: String
    let deadLetterTopics: [String]
    private let state = Mutex(State())

    init(judgementsTopic: String, deadLetterTopics: [String]) {
        self.judgementsTopic = judgementsTopic
        self.deadLetterTopics = deadLetterTopics
    }

    /// Every topic to read.
    var topics: [String] { deadLetterTopics + [judgementsTopic] }

    /// Records taken so far.
    var records: Int { state.withLock { $0.records } }

    /// When the last record was taken (or when the scan began).
    var lastRecord: ContinuousClock.Instant { state.withLock { $0.lastRecord } }

    /// What went wrong while reading, one sentence each.
    var problems: [String] { state.withLock { $0.problems } }

    /// Notes a reading failure.
    func fail(_ problem: String) { state.withLock { $0.problems.append(problem) } }

    /// Takes one record of a dead-letter topic or the judgements topic.
    func take(_ message: KafkaMessage) {
        if message.topic == judgementsTopic {
            let judgement = Self.judgement(message)
            state.withLock { state in
                state.records += 1
                state.lastRecord = .now
                guard let (inspectionId, latest) = judgement else { return }
                if let latest { state.judgements[inspectionId] = latest } else { state.judgements[inspectionId] = nil }
            }
        } else {
            let code = message.header(DeadLetterHeaders.code)?.stringValue ?? "UNKNOWN"
            state.withLock { state in
                state.records += 1
                state.lastRecord = .now
                state.deadLetters[message.topic, default: [:]][code, default: Tally()].add(message.timestampMs)
            }
        }
    }

    /// The dead letters so far; `existing` names the dead-letter topics that exist.
    func deadLetters(existing: Set<String>) -> StatusReport.DeadLetters {
        let tallies = state.withLock { $0.deadLetters }
        var topics: [StatusReport.DeadLetterTopic] = []
        for topic in deadLetterTopics {
            let codes = (tallies[topic] ?? [:]).sorted { $0.key < $1.key }.map { code, tally in
                StatusReport.DeadLetterCode(code: code, count: tally.count, newestAt: tally.newestMs.map(Self.timestamp))
            }
            let newest = tallies[topic]?.values.compactMap(\.newestMs).max()
            topics.append(
                StatusReport.DeadLetterTopic(
                    topic: topic, exists: existing.contains(topic), count: codes.reduce(0) { $0 + $1.count },
                    newestAt: newest.map(Self.timestamp), codes: codes))
        }
        return StatusReport.DeadLetters(total: topics.reduce(0) { $0 + $1.count }, topics: topics)
    }

    /// The inspections so far, by id: those not FINAL (all with `includeFinal`), and the number of FINAL ones.
    func inspections(includeFinal: Bool) -> (listed: [StatusReport.Inspection], final: Int) {
        let judgements = state.withLock { $0.judgements }
        let final = judgements.values.filter { $0.status == "FINAL" }.count
        let listed = judgements.filter { includeFinal || $0.value.status != "FINAL" }.sorted { $0.key < $1.key }.map { id, latest in
            StatusReport.Inspection(
                inspectionId: id, status: latest.status, version: latest.version, updatedAt: latest.timestampMs.map(Self.timestamp),
                partition: latest.partition, offset: latest.offset)
        }
        return (listed, final)
    }

    /// The inspection a judgement record is about and its latest judgement (`nil` for a tombstone); `nil` for a
    /// record that is neither a tombstone nor a `judgement.updated`.
    private static func judgement(_ message: KafkaMessage) -> (String, Latest?)? {
        let key = message.key.flatMap { String(validating: $0, as: UTF8.self) }
        guard let value = message.value else { return key.map { ($0, nil) } }
        guard let headline = JudgementHeadline(cloudEvent: value), let inspectionId = key ?? headline.inspectionId,
            let status = headline.status
        else { return nil }
        let version = headline.version ?? 0
        return (
            inspectionId,
            Latest(status: status, version: version, timestampMs: message.timestampMs, partition: message.partition, offset: message.offset)
        )
    }

    /// Milliseconds since the epoch as RFC 3339 in UTC, to the millisecond.
    static func timestamp(_ milliseconds: Int64) -> String {
        Date(timeIntervalSince1970: Double(milliseconds) / 1000).formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}
