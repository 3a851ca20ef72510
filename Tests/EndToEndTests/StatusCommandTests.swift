import Foundation
import Kafka
import TestSupport
import Testing

/// `inspection status` (operations.md, "Status view") through the real CLI executable, on the real broker: the four
/// workers' groups with their committed offsets, ends and lag, the dead letters by topic and code, readiness, and
/// the inspections with their judgement's status and version; plain text without escapes when not on a terminal.
@Suite(.serialized, .timeLimit(.minutes(5))) struct StatusCommandTests {
    typealias S = ScenarioEvents

    /// The JSON report's documented fields, decoded strictly: a renamed field fails the test.
    struct Report: Decodable {
        struct Group: Decodable {
            var worker: String?
            var groupId: String
            var state: String?
            var members: [Member]
            var partitions: [Partition]
            var lag: Int64
        }
        struct Member: Decodable {
            var memberId: String
            var clientId: String?
            var host: String?
            var assignment: [PartitionName]?
        }
        struct PartitionName: Decodable {
            var topic: String
            var partition: Int32
        }
        struct Partition: Decodable {
            var topic: String
            var partition: Int32
            var committedOffset: Int64?
            var endOffset: Int64?
            var lag: Int64?
            var memberId: String?
        }
        struct DeadLetters: Decodable {
            var total: Int
            var topics: [Topic]
        }
        struct Topic: Decodable {
            var topic: String
            var exists: Bool
            var count: Int
            var newestAt: String?
            var codes: [Code]
        }
        struct Code: Decodable {
            var code: String
            var count: Int
            var newestAt: String?
        }
        struct Health: Decodable {
            var worker: String
            var url: String
            var ready: Bool
            var httpStatus: Int?
            var reason: String?
        }
        struct Inspection: Decodable {
            var inspectionId: String
            var status: String
            var version: Int
            var updatedAt: String?
            var partition: Int32
            var offset: Int64
        }
        var generatedAt: String
        var bootstrapServers: String
        var groups: [Group]
        var deadLetters: DeadLetters
        var health: [Health]
        var inspections: [Inspection]
        var finalInspections: Int
        var problems: [String]

        func group(_ worker: String) -> Group? { groups.first { $0.worker == worker } }
        func deadLetters(_ topic: String) -> [String: Int] {
            Dictionary(uniqueKeysWithValues: (deadLetters.topics.first { $0.topic == topic }?.codes ?? []).map { ($0.code, $0.count) })
        }
    }

    /// Runs `inspection status` with the pipeline's settings.
    func status(_ arguments: [String], _ pipeline: TestPipeline, environment: [String: String] = [:]) async throws -> (status: Int32, output: String)
    {
        try await runInspection(["status"] + arguments, environment: pipeline.environment(for: "inspection").merging(environment) { $1 })
    }

    /// The report in what `status --json` printed (standard error, mixed in, may hold log lines around it).
    func decode(_ output: String) throws -> Report {
        guard let start = output.range(of: "{\n"), let end = output.range(of: "\n}", options: .backwards) else {
            throw TestFailure("no JSON in:\n\(output.suffix(3000))")
        }
        return try JSONDecoder().decode(Report.self, from: Data(output[start.lowerBound..<end.upperBound].utf8))
    }

    /// `--group WORKER=GROUP` for each worker: the pipeline gives each worker a group of its own.
    func groupArguments(_ pipeline: TestPipeline) -> [String] {
        TestPipeline.workerNames.flatMap { ["--group", "\($0)=\(pipeline.prefix)-\($0)"] }
    }

    /// The version of the latest judgement of `inspectionId` on the judgements topic.
    func latestVersion(_ pipeline: TestPipeline, _ inspectionId: String) async throws -> Int? {
        let records = try await pipeline.readAll("reporting.judgements", idle: .seconds(1)).filter { $0.key == Array(inspectionId.utf8) }
        return records.last.flatMap { SampleEvents.data(of: $0.value)?["version"] as? Int }
    }

    @Test func showsTheWorkersGroupsDeadLettersReadinessAndTheInspection() async throws {
        try await TestPipeline.with(partitions: 2) { pipeline in
            try await pipeline.send("inspections", key: S.inspectionId, value: SampleEvents.opened(inspectionId: S.inspectionId))
            // Sent together, so they travel in one batch (where a broker's ListOffsets may give a wrong end).
            try await withThrowingTaskGroup(of: Void.self) { sends in
                for index in 1...3 {
                    sends.addTask {
                        try await pipeline.send(
                            "casefiles", key: S.inspectionId, value: SampleEvents.caseFile(inspectionId: S.inspectionId, index: index))
                    }
                }
                try await sends.waitForAll()
            }
            try await pipeline.send("casefiles", key: S.inspectionId, value: Array("{not json".utf8))
            try await pipeline.send(
                "interviews", key: S.inspectionId, value: S.bytes(S.event("interview.recorded", data: ["inspectionId": S.inspectionId])))

            let healthArguments = TestPipeline.workerNames.flatMap { ["--health", "\($0)=http://127.0.0.1:\(pipeline.workers[$0]!.httpPort)"] }
            let nowhere = WorkerProcess.freePort()
            let arguments = ["--json", "--idle", "1"] + groupArguments(pipeline) + healthArguments + ["--health", "nowhere=\(nowhere)"]

            // Everything processed: every group at lag 0 on every partition, the two dead letters counted, and the
            // inspection at the version of its latest judgement on the topic.
            var last: (report: Report?, output: String) = (nil, "")
            let deadline = ContinuousClock.now + .seconds(120)
            while ContinuousClock.now < deadline {
                let run = try await status(arguments, pipeline)
                #expect(run.status == 0, "\(run.output.suffix(3000))")
                let report = try decode(run.output)
                last = (report, run.output)
                let settled =
                    report.groups.count == 4 && report.groups.allSatisfy { $0.lag == 0 && !$0.members.isEmpty }
                    && report.group("casefile-intake")?.partitions.compactMap(\.committedOffset).reduce(0, +) == 4
                    && report.group("findings-consolidator")?.partitions.filter { $0.topic == pipeline.topic("casefiles.assessed") }
                        .compactMap(\.committedOffset).reduce(0, +) == 3
                    && report.deadLetters.total == 2
                let version = try await latestVersion(pipeline, S.inspectionId)
                if settled, let version, report.inspections.first(where: { $0.inspectionId == S.inspectionId })?.version == version { break }
                try await Task.sleep(for: .milliseconds(500))
            }
            let report = try #require(last.report, "no report")
            let output = last.output

            #expect(report.groups.map(\.worker) == TestPipeline.workerNames)
            #expect(report.groups.map(\.groupId) == TestPipeline.workerNames.map { "\(pipeline.prefix)-\($0)" })
            for group in report.groups {
                #expect(group.state == "Stable", "\(group.groupId): \(group.state ?? "-")")
                #expect(group.members.count == 1, "\(group.groupId): one worker, one member")
                #expect(group.lag == 0 && group.partitions.allSatisfy { $0.lag == 0 }, "\(group.groupId): \(group.partitions)")
                #expect(!group.partitions.isEmpty)
                for partition in group.partitions {
                    #expect(partition.endOffset != nil, "\(partition.topic)[\(partition.partition)] has an end")
                    #expect((partition.committedOffset ?? 0) == (partition.endOffset ?? -1), "\(partition.topic)[\(partition.partition)]")
                }
                // Where the broker reports assignments (Apache Kafka), the worker's member holds every partition.
                if let assignment = group.members.first?.assignment {
                    #expect(assignment.count == group.partitions.count)
                    #expect(group.partitions.allSatisfy { $0.memberId == group.members.first?.memberId })
                }
            }
            func committed(_ worker: String, _ topic: String) -> Int64? {
                report.group(worker)?.partitions.filter { $0.topic == pipeline.topic(topic) }.compactMap(\.committedOffset).reduce(0, +)
            }
            #expect(report.group("casefile-intake")?.partitions.map(\.topic) == [pipeline.topic("casefiles"), pipeline.topic("casefiles")])
            #expect(committed("casefile-intake", "casefiles") == 4, "three case files and the broken one")
            #expect(committed("transcript-intake", "interviews") == 1)
            #expect(committed("findings-consolidator", "inspections") == 1)
            #expect(committed("findings-consolidator", "casefiles.assessed") == 3)
            #expect(committed("findings-consolidator", "interviews.coded") == 0)
            #expect((committed("aggregate-reporter", "reporting.judgements") ?? 0) >= 1)

            #expect(report.deadLetters.total == 2)
            #expect(report.deadLetters(pipeline.topic("casefiles.dlq")) == ["MALFORMED_JSON": 1])
            #expect(report.deadLetters(pipeline.topic("interviews.dlq")) == ["SCHEMA_VIOLATION": 1])
            let casefilesDLQ = report.deadLetters.topics.first { $0.topic == pipeline.topic("casefiles.dlq") }
            #expect(casefilesDLQ?.exists == true && casefilesDLQ?.newestAt != nil && casefilesDLQ?.codes.first?.newestAt != nil)

            let inspection = try #require(report.inspections.first { $0.inspectionId == S.inspectionId }, "\(report.inspections)")
            #expect(inspection.status == "IN_PROGRESS")
            #expect(inspection.version == (try await latestVersion(pipeline, S.inspectionId)))
            #expect(inspection.updatedAt != nil)
            #expect(report.finalInspections == 0)

            #expect(report.health.map(\.worker) == TestPipeline.workerNames + ["nowhere"])
            #expect(report.health.prefix(4).allSatisfy { $0.ready && $0.httpStatus == 200 }, "\(report.health)")
            #expect(report.health.last.map { !$0.ready && $0.httpStatus == nil && $0.reason == "no answer" } == true)
            #expect(report.problems.isEmpty, "\(report.problems)")

            // Never an event's content: none of the case files' personal data.
            for personal in ["A1234BC", "X123456", "12/394773H", "1990-05-14", "HMP Moorland"] {
                #expect(!output.contains(personal), "\(personal) printed")
            }

            // Limiting to one group named by its id: shown as a group of its own, its topics found from its commits.
            let named = try decode(try await status(["--json", "--idle", "1", "--group", "\(pipeline.prefix)-casefile-intake"], pipeline).output)
            #expect(named.groups.map(\.groupId) == ["\(pipeline.prefix)-casefile-intake"])
            #expect(named.groups.first?.worker == nil)
            #expect(named.groups.first?.partitions.compactMap(\.committedOffset).reduce(0, +) == 4)

            // Not on a terminal: the same view as plain text, without escape sequences.
            let plain = try await status(["--idle", "1"] + groupArguments(pipeline) + healthArguments, pipeline)
            #expect(plain.status == 0)
            #expect(!plain.output.contains("\u{1B}"), "no escape sequences in a pipe")
            for expected in ["Consumer groups", "Dead letters: 2", "MALFORMED_JSON", "SCHEMA_VIOLATION", S.inspectionId, "IN_PROGRESS", "ready"] {
                #expect(plain.output.contains(expected), "\(expected) in:\n\(plain.output)")
            }
        }
    }

    /// Without workers: judgements and tombstones written directly. The latest record of each inspection counts, a
    /// tombstone removes it, FINAL ones are counted (listed with `--include-final`); `--watch` prints one report per
    /// refresh, plain without a terminal; on a terminal it redraws in place, in colour unless NO_COLOR is set.
    @Test func plainTextUnlessOnATerminalAndTheLatestJudgementOfEachInspection() async throws {
        let pipeline = try TestPipeline(partitions: 1)
        do {
            try await withoutWorkers(pipeline)
            await pipeline.producer.close()
        } catch {
            await pipeline.producer.close()
            throw error
        }
    }

    func withoutWorkers(_ pipeline: TestPipeline) async throws {
        try await pipeline.createTopics()
        func judgement(_ id: String, _ status: String, _ version: Int) -> [UInt8] {
            S.bytes(["type": "judgement.updated", "data": ["inspectionId": id, "status": status, "version": version]])
        }
        try await pipeline.send("reporting.judgements", key: "INS-2026-STA-01", value: judgement("INS-2026-STA-01", "IN_PROGRESS", 1))
        try await pipeline.send("reporting.judgements", key: "INS-2026-STA-01", value: judgement("INS-2026-STA-01", "PROVISIONAL", 4))
        try await pipeline.send("reporting.judgements", key: "INS-2026-STA-02", value: judgement("INS-2026-STA-02", "FINAL", 9))
        try await pipeline.send("reporting.judgements", key: "INS-2026-STA-03", value: judgement("INS-2026-STA-03", "IN_PROGRESS", 2))
        try await pipeline.send("reporting.judgements", key: "INS-2026-STA-03", value: nil)  // erased
        let admin = try KafkaAdmin(configuration: KafkaConfiguration(bootstrapServers: pipeline.bootstrapServers))
        try await admin.createTopics([TopicSpecification(name: pipeline.topic("inspections.dlq"), partitions: 1)])
        try await pipeline.send(
            "inspections.dlq", key: "INS-2026-STA-01", value: Array("{}".utf8),
            headers: [KafkaHeader(name: "dlq.error.code", string: "INVALID_ENVELOPE")])
        let group = ["--group", "casefile-intake=\(pipeline.prefix)-casefile-intake", "--idle", "1"]

        let report = try decode(try await status(["--json"] + group, pipeline).output)
        #expect(report.inspections.map(\.inspectionId) == ["INS-2026-STA-01"])
        #expect(report.inspections.first?.status == "PROVISIONAL")
        #expect(report.inspections.first?.version == 4)
        #expect(report.finalInspections == 1)
        #expect(report.deadLetters(pipeline.topic("inspections.dlq")) == ["INVALID_ENVELOPE": 1])
        #expect(report.deadLetters.topics.first { $0.topic == pipeline.topic("casefiles.dlq") }?.exists == false)
        #expect(report.groups.first.map { $0.members.isEmpty && $0.partitions.allSatisfy { $0.committedOffset == nil && $0.lag == 0 } } == true)
        let all = try decode(try await status(["--json", "--include-final"] + group, pipeline).output)
        #expect(all.inspections.map(\.inspectionId) == ["INS-2026-STA-01", "INS-2026-STA-02"])
        #expect(!(try await admin.listTopics()).contains(pipeline.topic("casefiles.dlq")), "looking creates no topic")

        let watched = try await status(["--watch", "1", "--count", "2"] + group, pipeline)
        #expect(watched.status == 0)
        #expect(watched.output.components(separatedBy: "Inspection pipeline at").count == 3, "two reports:\n\(watched.output)")
        #expect(!watched.output.contains("\u{1B}"), "no escape sequences in a pipe")
        #expect(watched.output.contains("INS-2026-STA-01") && watched.output.contains("1 FINAL not listed"), "\(watched.output)")

        // On a terminal (script(1) gives it one): redrawn in place, in colour; NO_COLOR keeps the redraw only.
        let executable = WorkerProcess.binDirectory.appendingPathComponent("inspection").path
        let command = ([executable, "status", "--watch", "1", "--count", "1"] + group).joined(separator: " ")
        let terminal = try await onTerminal(command, pipeline, environment: [:])
        #expect(terminal.contains("\u{1B}[H") && terminal.contains("\u{1B}[1m"), "\(terminal.debugDescription)")
        let noColour = try await onTerminal(command, pipeline, environment: ["NO_COLOR": "1"])
        #expect(noColour.contains("\u{1B}[H") && !noColour.contains("\u{1B}[1m"), "\(noColour.debugDescription)")
        #expect(noColour.contains("INS-2026-STA-01"))
    }

    /// Runs `command` on a pseudo-terminal through script(1) with the pipeline's settings; what it printed.
    func onTerminal(_ command: String, _ pipeline: TestPipeline, environment: [String: String]) async throws -> String {
        let process = Process()
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("status-tty-\(UUID().uuidString).out")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: output) }
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-q", "-e", "-c", command, output.path]
        process.environment = ProcessInfo.processInfo.environment.merging(pipeline.environment(for: "inspection")) { $1 }
            .merging(environment) { $1 }
        process.environment?["NO_COLOR"] = environment["NO_COLOR"]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        guard await eventually(timeout: .seconds(60), { !process.isRunning }) else {
            process.terminate()
            throw TestFailure("\(command) did not finish")
        }
        #expect(process.terminationStatus == 0, "\(command)")
        return (try? String(contentsOf: output, encoding: .utf8)) ?? ""
    }
}
