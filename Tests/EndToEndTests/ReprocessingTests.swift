import Foundation
import Kafka
import TestSupport
import Testing

/// §8.6 on the real broker with the real workers: judgements depend on the events, never on how fast each topic
/// happened to be read. A consolidator started in a new group, with new state and output topics, over the
/// topics of a finished run publishes the same latest judgement per inspection (all but `version`) and
/// dead-letters the same events; a consolidator that was stopped while evidence and publications piled up
/// counts the evidence produced before each publication.
@Suite(.serialized, .timeLimit(.minutes(6))) struct ReprocessingTests {
    typealias S = ScenarioEvents
    static let inspections = ["INS-2026-RPA-01", "INS-2026-RPB-02", "INS-2026-RPC-03"]

    /// One inspection's life: opened, case files (two examined), interviews, fieldwork closed, a decision,
    /// published; then late evidence, which is refused.
    func sendInspection(_ id: String, index: Int, to pipeline: TestPipeline, lateEvidence: Bool) async throws {
        func send(_ topic: String, _ type: String, _ data: [String: Any]) async throws {
            try await pipeline.send(topic, key: id, value: S.bytes(S.event(type, data: data) { $0["subject"] = id }))
        }
        try await send(
            "inspections", "inspection.opened",
            [
                "inspectionId": id, "establishment": ["code": "MDI", "name": "HMP Moorland", "type": "TRAINING", "population": "ADULT"],
                "fieldworkStart": "2026-03-02", "fieldworkEnd": "2026-03-13", "framework": "omi-v1",
            ])
        for file in 1...(6 + index) {
            try await send(
                "casefiles", "casefile.submitted",
                S.record(file) { d in
                    d["inspectionId"] = id
                    if file % 3 == index % 3 { d["sentencePlan"] = NSNull() }  // AP3 NO for some
                    if file == 2 { d["riskOfSeriousHarm"] = NSNull() }
                })
        }
        try await send("casefiles", "casefile.examined", S.examination(1, [("AP4", "YES"), ("PP4", "NO")]).merging(["inspectionId": id]) { $1 })
        try await send("casefiles", "casefile.examined", S.examination(2, [("AP4", "NO"), ("IM1", "NO")]).merging(["inspectionId": id]) { $1 })
        try await send(
            "interviews", "interview.recorded",
            S.interview(1, kind: "PRISONER", caseFile: 1, names: ["John Smith"], responses: [("PI1", index % 2 == 0 ? "YES" : "NO")])
                .merging(["inspectionId": id]) { $1 })
        try await send(
            "interviews", "interview.recorded",
            S.interview(2, kind: "MANAGER", caseFile: nil, names: ["Tom Brown"], staff: ["Our caseload is too high.", "There is no training."])
                .merging(["inspectionId": id]) { $1 })
        try await send("inspections", "inspection.fieldwork-closed", ["inspectionId": id, "closedOn": "2026-03-13"])
        try await send(
            "inspections", "inspection.judgement-decided",
            ["inspectionId": id, "area": "AP", "rating": "GOOD", "rationale": "Plans were strong.", "decidedBy": "lead-inspector"])
        try await send("inspections", "inspection.report-published", ["inspectionId": id, "publishedOn": "2026-06-15"])
        guard lateEvidence else { return }
        // A little later (distinct timestamps): evidence after publication, refused as INSPECTION_FINALISED.
        try await Task.sleep(for: .milliseconds(20))
        try await send("casefiles", "casefile.submitted", S.record(30) { $0["inspectionId"] = id })
        try await send(
            "interviews", "interview.recorded",
            S.interview(9, kind: "OFFENDER_SUPERVISOR", caseFile: nil, names: ["Karen Mills"], staff: ["No time to see them."])
                .merging(["inspectionId": id]) { $1 })
    }

    /// The latest judgement per inspection on a judgements topic (base name), once every inspection is FINAL.
    func finalJudgements(_ pipeline: TestPipeline, topic: String, timeout: Duration = .seconds(120)) async throws -> [String: [String: Any]] {
        let deadline = ContinuousClock.now + timeout
        var latest: [String: [String: Any]] = [:]
        while ContinuousClock.now < deadline {
            latest = [:]
            for message in try await pipeline.readAll(topic, idle: .milliseconds(700)) {
                guard let document = JSONDocument(message.value), let id = document.string("inspectionId") else { continue }
                if ((latest[id]?["version"] as? NSNumber)?.intValue ?? -1) < document.int("version") ?? 0 { latest[id] = document.raw }
            }
            if Self.inspections.allSatisfy({ latest[$0]?["status"] as? String == "FINAL" }) { return latest }
            try await Task.sleep(for: .milliseconds(500))
        }
        throw TestFailure("not every inspection FINAL on \(topic) in \(timeout): \(latest.mapValues { $0["status"] ?? "?" })")
    }

    /// The dead letters on the consolidator's DLQs: (original topic, partition, offset, code).
    func deadLetters(_ pipeline: TestPipeline, suffix: String, expected: Int, timeout: Duration = .seconds(60)) async throws -> Set<String> {
        let deadline = ContinuousClock.now + timeout
        var found: Set<String> = []
        while ContinuousClock.now < deadline {
            let messages =
                try await pipeline.readAll("casefiles.assessed" + suffix, idle: .seconds(2))
                + pipeline.readAll("interviews.coded" + suffix, idle: .seconds(2))
            found = Set(
                messages.map { message in
                    func header(_ name: String) -> String {
                        message.headers.first { $0.name == name }?.value.map { String(decoding: $0, as: UTF8.self) } ?? "?"
                    }
                    let topic = header("dlq.original.topic").replacingOccurrences(of: pipeline.prefix + ".", with: "")
                    return "\(topic)/\(header("dlq.original.partition"))/\(header("dlq.original.offset")) \(header("dlq.error.code"))"
                })
            if found.count >= expected { return found }
            try await Task.sleep(for: .milliseconds(500))
        }
        throw TestFailure("\(found.count) dead letters on *\(suffix), expected \(expected): \(found)")
    }

    static func withoutVersion(_ judgement: [String: Any]?) -> NSDictionary {
        var copy = judgement ?? [:]
        copy["version"] = nil
        return copy as NSDictionary
    }

    @Test func aConsolidatorInANewGroupRebuildsTheSameJudgementsAndDeadLetters() async throws {
        try await TestPipeline.with(partitions: 2) { pipeline in
            for (index, id) in Self.inspections.enumerated() { try await sendInspection(id, index: index, to: pipeline, lateEvidence: true) }
            let live = try await finalJudgements(pipeline, topic: "reporting.judgements")
            let liveDeadLetters = try await deadLetters(pipeline, suffix: ".dlq", expected: 2 * Self.inspections.count)
            #expect(liveDeadLetters.allSatisfy { $0.hasSuffix(" INSPECTION_FINALISED") }, "\(liveDeadLetters)")
            for id in Self.inspections {
                let files = ((live[id]?["sample"] as? [String: Any])?["caseFiles"] as? NSNumber)?.intValue
                #expect(files == 6 + Self.inspections.firstIndex(of: id)!, "\(id): every case file before publication counted live")
            }

            // Reprocessing: a new group, new state and output topics, its own dead-letter topics.
            let reprocess = try pipeline.start(
                "findings-consolidator", instance: 1,
                extra: [
                    "KAFKA_GROUP_ID": "\(pipeline.prefix)-reprocess", "STATE_TOPIC": pipeline.topic("reprocess.state"),
                    "TOPIC_REPORTING_JUDGEMENTS": pipeline.topic("reprocess.judgements"), "DLQ_SUFFIX": ".reprocess-dlq",
                ])
            #expect(await reprocess.waitReady(timeout: .seconds(60)))
            let rebuilt = try await finalJudgements(pipeline, topic: "reprocess.judgements")
            for id in Self.inspections {
                #expect(Self.withoutVersion(rebuilt[id]) == Self.withoutVersion(live[id]), "\(id): the rebuilt judgement equals the live one")
            }
            #expect(try await deadLetters(pipeline, suffix: ".reprocess-dlq", expected: liveDeadLetters.count) == liveDeadLetters)

            // The supported way: `inspection reprocess` runs such a consolidator, follows it and compares.
            let command = try await runInspection(
                [
                    "reprocess", "--name", "rebuild", "--group", "\(pipeline.prefix)-rebuild", "--state-topic", pipeline.topic("rebuild.state"),
                    "--start", "--settle", "4", "--timeout", "240", "--http-port", String(WorkerProcess.freePort()),
                ],
                environment: pipeline.environment(for: "inspection"), timeout: .seconds(300))
            #expect(command.status == 0, "\(command.output.suffix(3000))")
            #expect(command.output.contains("3 of 3 inspections identical"), "\(command.output.suffix(3000))")
            #expect(try await deadLetters(pipeline, suffix: ".rebuild.dlq", expected: liveDeadLetters.count) == liveDeadLetters)
        }
    }

    @Test func evidenceProducedBeforePublicationCountsWhenTheConsolidatorReadsItLate() async throws {
        let pipeline = try TestPipeline(partitions: 2)
        try await pipeline.createTopics()
        do {
            // The intakes run; the consolidator is down while everything piles up.
            for name in ["casefile-intake", "transcript-intake"] {
                let worker = try pipeline.start(name)
                #expect(await worker.waitReady())
            }
            for (index, id) in Self.inspections.enumerated() { try await sendInspection(id, index: index, to: pipeline, lateEvidence: false) }
            // Every case file's assessment is on the topic before the consolidator starts.
            let expected = Self.inspections.indices.reduce(0) { $0 + 8 + $1 }
            let assessed = ContinuousClock.now + .seconds(60)
            while try await pipeline.readAll("casefiles.assessed", idle: .seconds(2)).count < expected && ContinuousClock.now < assessed {
                try await Task.sleep(for: .milliseconds(300))
            }
            let consolidator = try pipeline.start("findings-consolidator")
            #expect(await consolidator.waitReady(timeout: .seconds(60)))
            let judgements = try await finalJudgements(pipeline, topic: "reporting.judgements")
            for (index, id) in Self.inspections.enumerated() {
                let sample = judgements[id]?["sample"] as? [String: Any]
                #expect((sample?["caseFiles"] as? NSNumber)?.intValue == 6 + index, "\(id): evidence produced before publication is counted")
                #expect(((sample?["interviews"] as? [String: Any])?["PRISONER"] as? NSNumber)?.intValue == 1)
            }
            let refused =
                try await pipeline.readAll("casefiles.assessed.dlq", idle: .seconds(2)) + pipeline.readAll("interviews.coded.dlq", idle: .seconds(2))
            #expect(refused.isEmpty, "nothing dead-lettered: \(refused.count)")
        } catch {
            await pipeline.stopAll()
            throw error
        }
        await pipeline.stopAll()
    }
}
