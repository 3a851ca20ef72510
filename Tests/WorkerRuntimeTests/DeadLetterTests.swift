import Foundation
import Kafka
import Testing

@testable import WorkerRuntime

@Suite struct DeadLetterTests {
    @Test func timestampsMatchFoundationsFormatter() {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        var generator = SystemRandomNumberGenerator()
        // Leap days, century years, the epoch, before it, and random instants up to 2200.
        var instants: [Double] = [0, -0.001, 951_782_400, 951_868_799.999, 4_107_542_400, 1_798_761_599.5, -86_400 * 365 * 30]
        for _ in 0..<2000 { instants.append(Double(Int64.random(in: -2_000_000_000_000...7_258_118_400_000, using: &generator)) / 1000) }
        for instant in instants {
            let date = Date(timeIntervalSince1970: instant)
            #expect(DeadLetter.rfc3339(date) == formatter.string(from: date), "at \(instant)")
        }
    }

    @Test func aDeadLetterKeepsTheOriginalAndAddsTheSpecHeaders() throws {
        let message = KafkaMessage(
            topic: "casefiles", partition: 2, offset: 41, key: Array("INS-1".utf8), value: Array("{x".utf8),
            headers: [KafkaHeader(name: "traceparent", string: "00-abc"), KafkaHeader(name: "dlq.error.code", string: "OLD")])
        let record = DeadLetter.record(for: message, code: "MALFORMED_JSON", message: ": not JSON", worker: "casefile-intake", suffix: ".dlq")
        #expect(record.record.topic == "casefiles.dlq")
        #expect(record.record.key == message.key)
        #expect(record.record.value == message.value)
        #expect(record.kind == .deadLetter(inputTopic: "casefiles", code: "MALFORMED_JSON"))
        let headers = Dictionary(record.record.headers.map { ($0.name, $0.stringValue ?? "") }, uniquingKeysWith: { first, _ in first })
        #expect(headers["traceparent"] == "00-abc", "original headers are kept")
        #expect(headers["dlq.error.code"] == "MALFORMED_JSON", "a replayed event's old dlq headers are replaced")
        #expect(record.record.headers.filter { $0.name == "dlq.error.code" }.count == 1)
        #expect(headers["dlq.error.message"] == ": not JSON")
        #expect(headers["dlq.original.topic"] == "casefiles")
        #expect(headers["dlq.original.partition"] == "2")
        #expect(headers["dlq.original.offset"] == "41")
        #expect(headers["dlq.worker"] == "casefile-intake")
        let failedAt = try #require(headers["dlq.failed.at"])
        #expect(ISO8601DateFormatter().date(from: failedAt.replacingOccurrences(of: #"\.\d+"#, with: "", options: .regularExpression)) != nil)
    }
}

extension DeadLetterTests {
    @Test func aDeadLetterWithoutItsValueKeepsEverythingElseAndSaysHowLargeItWas() throws {
        let message = KafkaMessage(
            topic: "casefiles", partition: 0, offset: 7, key: Array("INS-1".utf8), value: Array(repeating: 0x78, count: 1234),
            headers: [KafkaHeader(name: "traceparent", string: "00-abc")])
        let letter = DeadLetter.record(
            for: message, code: "PAYLOAD_TOO_LARGE", message: ": value over 1 MiB", worker: "casefile-intake", suffix: ".dlq")
        let reduced = try #require(DeadLetter.withoutValue(letter))
        #expect(reduced.record.value == nil)
        #expect(reduced.record.key == letter.record.key)
        #expect(reduced.record.topic == "casefiles.dlq")
        #expect(reduced.kind == letter.kind)
        #expect(reduced.record.headers.dropLast().map(\.name) == letter.record.headers.map(\.name))
        #expect(reduced.record.headers.last?.name == DeadLetterHeaders.valueOmitted)
        #expect(reduced.record.headers.last?.stringValue == "1234")
        #expect(DeadLetter.withoutValue(reduced) == nil, "dropped once")
        let output = OutputRecord(topic: "casefiles.assessed", key: message.key, value: message.value)
        #expect(DeadLetter.withoutValue(output) == nil, "only dead letters lose their value")
        #expect(DeadLetterHeaders.all.contains(DeadLetterHeaders.valueOmitted), "replay strips it")
    }
}

@Suite struct RetryPolicyTests {
    @Test func backoffGrowsExponentiallyUpToTheCap() {
        let policy = RetryPolicy(initial: .milliseconds(100), maximum: .seconds(2), multiplier: 2)
        #expect(policy.ceiling(attempt: 1) == .milliseconds(100))
        #expect(policy.ceiling(attempt: 2) == .milliseconds(200))
        #expect(policy.ceiling(attempt: 4) == .milliseconds(800))
        #expect(policy.ceiling(attempt: 10) == .seconds(2))
    }

    @Test func jitterStaysBetweenHalfAndTheCeiling() {
        let policy = RetryPolicy(initial: .milliseconds(100), maximum: .seconds(2))
        #expect(policy.delay(attempt: 3, random: 0) == .milliseconds(200))
        #expect(policy.delay(attempt: 3, random: 1) == .milliseconds(400))
        for _ in 0..<100 {
            let delay = policy.delay(attempt: 3)
            #expect(delay >= .milliseconds(200) && delay <= .milliseconds(400))
        }
    }
}

@Suite struct CoalescingScheduleTests {
    let start = ContinuousClock.now

    @Test func changesAreCoalescedToOncePerInterval() {
        var schedule = CoalescingSchedule()
        schedule.changed("A", urgent: false)
        #expect(schedule.takeDue(now: start, interval: .seconds(1)) == ["A"], "the first change is due at once")
        schedule.changed("A", urgent: false)
        schedule.changed("A", urgent: false)
        #expect(schedule.takeDue(now: start + .milliseconds(400), interval: .seconds(1)).isEmpty, "within the interval: wait")
        #expect(schedule.takeDue(now: start + .milliseconds(1000), interval: .seconds(1)) == ["A"], "one publication for the burst")
        #expect(schedule.takeDue(now: start + .milliseconds(3000), interval: .seconds(1)).isEmpty, "nothing new, nothing due")
    }

    @Test func urgentChangesAreDueAtOnce() {
        var schedule = CoalescingSchedule()
        schedule.changed("A", urgent: false)
        _ = schedule.takeDue(now: start, interval: .seconds(1))
        schedule.changed("A", urgent: true)
        #expect(schedule.takeDue(now: start + .milliseconds(10), interval: .seconds(1)) == ["A"])
    }

    @Test func forgottenAndDrainedKeys() {
        var schedule = CoalescingSchedule()
        schedule.changed("A", urgent: false)
        schedule.changed("B", urgent: false)
        schedule.forget(["A"])
        #expect(schedule.pendingCount == 1)
        #expect(schedule.takeAll() == ["B"])
        #expect(schedule.pendingCount == 0)
    }
}
