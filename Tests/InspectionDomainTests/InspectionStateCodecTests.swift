import Foundation
import PropertyBased
import Testing

@testable import InspectionDomain

/// The compact changelog codec of `InspectionState` (`changelogBytes()` / `init?(changelogBytes:)`).
@Suite struct InspectionStateCodecTests {
    static var consolidator: Consolidator {
        get throws { Consolidator(rules: try Fixtures.rules) }
    }

    /// Events for an unopened inspection, kept as pending with binary-ish origins (keys, headers with and without values).
    static func pendingState() throws -> InspectionState {
        let consolidator = try Self.consolidator
        var state = InspectionState(inspectionId: TestEvents.inspectionId)
        let inputs: [([UInt8], ConsolidatorInputKind, TestOrigin)] = [
            (
                TestEvents.assessedRecord("CF-P1", answers: ["AP1": "YES", "IM2": "NO"]), .assessedCaseFiles,
                TestOrigin(
                    topic: "casefiles.assessed", partition: 2, offset: 41, key: TestEvents.key, value: [],
                    headers: [
                        TestHeader(name: "content-type", value: Array("application/cloudevents+json".utf8)),
                        TestHeader(name: "empty", value: nil), TestHeader(name: "zero", value: []),
                    ])
            ),
            (
                TestEvents.coded("IV-P1", caseFileId: "CF-P1", answers: ["PI1": "YES"]), .codedInterviews,
                TestOrigin(topic: "interviews.coded", partition: Int32.max, offset: Int64.max, key: TestEvents.key, value: [], headers: [])
            ),
            // A key that does not match: refused when replayed on opening.
            (
                TestEvents.decided(area: "AP", rating: "GOOD", id: "dec-p"), .inspections,
                TestOrigin(
                    topic: "inspections", partition: 0, offset: 0, key: [0, 0xFF, 0x80], value: [],
                    headers: [TestHeader(name: "bin\u{0}ä", value: Array(0...255))])
            ),
        ]
        for (value, kind, origin) in inputs {
            var origin = origin
            origin.value = value  // the real bytes, so opening can replay them
            let event = try consolidator.decode(kind: kind, key: TestEvents.key, value: value).get()
            #expect(consolidator.apply(event, origin: origin, to: &state).changed)
        }
        return state
    }

    /// A rich state through the real `apply` path: pending events replayed on opening, records, corrections,
    /// examinations, interviews with themes, decisions, FINAL, and a refused late event.
    static func richState() throws -> InspectionState {
        let consolidator = try Self.consolidator
        var state = try pendingState()
        // A pending event whose bytes cannot be decoded on replay (refused on opening).
        let garbage: [UInt8] = [0x00, 0xC5, 0x01, 0xFF, 0xFE, 0x7B]
        let stray = try consolidator.decode(
            kind: .assessedCaseFiles, key: TestEvents.key,
            value: TestEvents.assessedRecord("CF-P2", answers: [:])
        ).get()
        _ = consolidator.apply(
            stray, origin: TestOrigin(topic: "casefiles.assessed", partition: -1, offset: -5, key: nil, value: garbage), to: &state)
        #expect(state.pending.count == 4)

        var offset: Int64 = 100
        func send(_ value: [UInt8], _ kind: ConsolidatorInputKind) throws -> ApplyOutcome {
            offset += 1
            let event = try consolidator.decode(kind: kind, key: TestEvents.key, value: value).get()
            return consolidator.apply(event, origin: TestEvents.origin(value, topic: kind.defaultTopic, offset: offset), to: &state)
        }
        let opening = try send(TestEvents.opened(), .inspections)
        #expect(opening.rejections.count == 2)  // the binary key and the undecodable bytes
        #expect(state.pending.isEmpty)
        _ = try send(TestEvents.opened(id: "open-2", type: "WOMEN"), .inspections)
        for i in 0..<12 {
            let answers = Dictionary(
                uniqueKeysWithValues: PropertyTests.caseCriteria.enumerated().map { (n, id) in (id, PropertyTests.answers[(i + n) % 3]) })
            _ = try send(TestEvents.assessedRecord("CF-\(i)", answers: answers, inScope: i % 3 != 0, youngAdult: i % 4 == 0), .assessedCaseFiles)
        }
        _ = try send(TestEvents.assessedRecord("CF-1", answers: ["AP1": "NO"], caseRef: "CR-é-😀", sourceEventId: "s/correction"), .assessedCaseFiles)
        _ = try send(TestEvents.assessedExamination("CF-2", answers: ["AP1": "YES", "RR3": "NO"], sourceEventId: "s/x1"), .assessedCaseFiles)
        _ = try send(TestEvents.assessedExamination("CF-X", answers: ["PP1": "NOT_APPLICABLE"], sourceEventId: "s/x2"), .assessedCaseFiles)
        _ = try send(TestEvents.coded("IV-1", caseFileId: "CF-1", answers: ["PI1": "YES", "PI2": "NO", "PI3": "NOT_APPLICABLE"]), .codedInterviews)
        _ = try send(
            TestEvents.coded(
                "IV-2", kind: "MANAGER",
                themes: [
                    ("CASELOAD_PRESSURE", 3, ["too \"many\" cases", "line\nbreak"]),
                    ("CASE_RECORDS", 0, []),
                ]), .codedInterviews)
        _ = try send(
            TestEvents.coded("IV-3", kind: "OFFENDER_SUPERVISOR", caseFileId: "CF-3", themes: [("COMMUNITY_LINKS", 1, ["probation"])]),
            .codedInterviews)
        _ = try send(TestEvents.decided(area: "IM", rating: "POOR", id: "dec-2"), .inspections)
        _ = try send(TestEvents.decided(area: "OVERALL", rating: "REASONABLY_GOOD", id: "dec-3"), .inspections)
        _ = try send(TestEvents.closed(), .inspections)
        #expect(state.status == .provisional)
        _ = try send(TestEvents.published(), .inspections)
        #expect(try send(TestEvents.assessedRecord("CF-LATE", answers: [:]), .assessedCaseFiles).rejections.count == 1)
        state.publishedVersion = 7
        state.dirty = false
        #expect(state.status == .final)
        #expect(state.publishedOn != nil)
        #expect(state.opening?.establishment.type == .women)
        #expect(state.decisions.count == 2)
        #expect(state.caseFiles.count == 14)
        #expect(state.caseFiles["CF-X"]?.record == nil)
        #expect(state.interviews.count == 4)
        return state
    }

    static func roundTrip(_ state: InspectionState, sourceLocation: SourceLocation = #_sourceLocation) {
        let bytes = state.changelogBytes()
        #expect(bytes.first == 0xC5 && bytes.dropFirst().first == 1, sourceLocation: sourceLocation)
        let decoded = InspectionState(changelogBytes: bytes, origins: TestOrigin.self)
        #expect(decoded == state, sourceLocation: sourceLocation)
        // Decoding is exact, so encoding the decoded state gives a record of the same length.
        #expect(decoded?.changelogBytes().count == bytes.count, sourceLocation: sourceLocation)
    }

    @Test func richStateRoundTrips() throws {
        let state = try Self.richState()
        Self.roundTrip(state)
    }

    @Test func pendingStateRoundTrips() throws {
        let state = try Self.pendingState()
        #expect(state.status == nil && state.opening == nil && state.pending.count == 3)
        Self.roundTrip(state)
        var binary = state
        var first = try #require(binary.pending[0].origin as? TestOrigin)
        first.value = Array(0...255) + [0xC5, 0x01]
        binary.pending[0].origin = first
        var second = try #require(binary.pending[1].origin as? TestOrigin)
        second.key = []
        binary.pending[1].origin = second
        Self.roundTrip(binary)
    }

    /// States apply cannot reach (pending after opening, FINAL with pending, extreme numbers) still round-trip.
    @Test func everyFieldAtOnceRoundTrips() throws {
        var state = try Self.richState()
        state.pending = try Self.pendingState().pending
        state.publishedVersion = Int.min
        state.dirty = true
        state.publishedOn = CivilDate(daysSinceEpoch: Int.max)
        state.opening?.establishment.name = nil
        state.opening?.fieldworkStart = CivilDate(daysSinceEpoch: -719_162)
        state.interviews["IV-2"]?.themes[0].mentions = Int.max
        state.interviews["IV-3"]?.caseFileId = nil
        Self.roundTrip(state)
        Self.roundTrip(InspectionState(inspectionId: ""))
    }

    @Test func everyEnumCaseHasACode() {
        #expect(Set(ChangelogCodes.status) == Set(InspectionStatus.allCases) && ChangelogCodes.status.count == InspectionStatus.allCases.count)
        #expect(Set(ChangelogCodes.rating) == Set(Rating.allCases) && ChangelogCodes.rating.count == Rating.allCases.count)
        #expect(Set(ChangelogCodes.answer) == Set(Answer.allCases) && ChangelogCodes.answer.count == Answer.allCases.count)
        #expect(
            Set(ChangelogCodes.establishmentType) == Set(InspectionOpened.EstablishmentType.allCases)
                && ChangelogCodes.establishmentType.count == InspectionOpened.EstablishmentType.allCases.count)
        #expect(
            Set(ChangelogCodes.population) == Set(InspectionOpened.Population.allCases)
                && ChangelogCodes.population.count == InspectionOpened.Population.allCases.count)
        #expect(
            Set(ChangelogCodes.interviewKind) == Set(InterviewRecorded.Kind.allCases)
                && ChangelogCodes.interviewKind.count == InterviewRecorded.Kind.allCases.count)
        #expect(
            Set(ChangelogCodes.interviewProvenance) == Set(InterviewCoded.Provenance.allCases)
                && ChangelogCodes.interviewProvenance.count == InterviewCoded.Provenance.allCases.count)
        #expect(
            Set(ChangelogCodes.inputKind) == Set(ConsolidatorInputKind.allCases)
                && ChangelogCodes.inputKind.count == ConsolidatorInputKind.allCases.count)
    }

    /// The documented layout, written by hand.
    @Test func handWrittenRecordDecodes() {
        let bytes: [UInt8] = [
            0xC5, 0x01,
            0x01, 0x41,  // inspectionId "A"
            0x03,  // status FINAL
            0x03,  // publishedVersion -2 (zig-zag)
            0x01,  // dirty
            0x00,  // no opening
            0x01, 0x80, 0x01,  // publishedOn day 64
            0x01, 0x02, 0x41, 0x50, 0x03, 0x00,  // decisions: "AP" -> POOR, ""
            0x00, 0x00,  // no case files, no interviews
            0x02, 0x01, 0x78, 0x01, 0x79,  // appliedEvents {"x", "y"}
            0x00,
        ]  // no pending
        var expected = InspectionState(inspectionId: "A")
        expected.status = .final
        expected.publishedVersion = -2
        expected.dirty = true
        expected.publishedOn = CivilDate(daysSinceEpoch: 64)
        expected.decisions = ["AP": .init(rating: .poor, rationale: "")]
        expected.appliedEvents = ["x", "y"]
        #expect(InspectionState(changelogBytes: bytes, origins: TestOrigin.self) == expected)

        // Malformed variants of it.
        var duplicate = bytes
        duplicate[duplicate.count - 2] = 0x78  // appliedEvents {"x", "x"}
        #expect(InspectionState(changelogBytes: duplicate, origins: TestOrigin.self) == nil)
        var badUTF8 = bytes
        badUTF8[3] = 0xFF
        #expect(InspectionState(changelogBytes: badUTF8, origins: TestOrigin.self) == nil)
        var badStatus = bytes
        badStatus[4] = 0x04
        #expect(InspectionState(changelogBytes: badStatus, origins: TestOrigin.self) == nil)
        var badBool = bytes
        badBool[6] = 0x02
        #expect(InspectionState(changelogBytes: badBool, origins: TestOrigin.self) == nil)
        var badRating = bytes
        badRating[15] = 0x05
        #expect(InspectionState(changelogBytes: badRating, origins: TestOrigin.self) == nil)
        var badVersion = bytes
        badVersion[1] = 0x02
        #expect(InspectionState(changelogBytes: badVersion, origins: TestOrigin.self) == nil)
        #expect(InspectionState(changelogBytes: bytes + [0x00], origins: TestOrigin.self) == nil)
    }

    @Test func truncatedEncodingsAreRefused() throws {
        for state in [try Self.richState(), try Self.pendingState()] {
            let bytes = state.changelogBytes()
            for length in 0..<bytes.count {
                #expect(InspectionState(changelogBytes: Array(bytes[0..<length]), origins: TestOrigin.self) == nil, "prefix of \(length) bytes")
            }
        }
    }

    @Test func garbageIsRefused() throws {
        let state = try Self.richState()
        #expect(InspectionState(changelogBytes: [], origins: TestOrigin.self) == nil)
        #expect(InspectionState(changelogBytes: [0xC5], origins: TestOrigin.self) == nil)
        #expect(InspectionState(changelogBytes: [0xC5, 0x01], origins: TestOrigin.self) == nil)
        #expect(
            InspectionState(changelogBytes: Array(#"{"inspectionId":"INS-1","publishedVersion":0,"dirty":false}"#.utf8), origins: TestOrigin.self)
                == nil)
        #expect(InspectionState(changelogBytes: Array("{}".utf8), origins: TestOrigin.self) == nil)
        // Absurd lengths and counts, overlong varints.
        #expect(InspectionState(changelogBytes: [0xC5, 0x01] + [UInt8](repeating: 0xFF, count: 9) + [0x01], origins: TestOrigin.self) == nil)
        #expect(InspectionState(changelogBytes: [0xC5, 0x01] + [UInt8](repeating: 0xFF, count: 40), origins: TestOrigin.self) == nil)
        #expect(
            InspectionState(changelogBytes: [0xC5, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F], origins: TestOrigin.self)
                == nil)
        // publishedVersion at the 64-bit limit decodes; one bit more does not.
        let limit: [UInt8] = [0xC5, 0x01, 0x00, 0x00] + [UInt8](repeating: 0xFF, count: 9)
        #expect(
            InspectionState(changelogBytes: limit + [0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00], origins: TestOrigin.self)?
                .publishedVersion == Int.min)
        #expect(InspectionState(changelogBytes: limit + [0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00], origins: TestOrigin.self) == nil)
        // A partition beyond Int32.
        var pending = InspectionState(inspectionId: "")
        pending.pending = [
            .init(kind: .inspections, dedupeKey: "", origin: TestOrigin(topic: "", partition: Int32.max, offset: 0, key: nil, value: []))
        ]
        var wide = pending.changelogBytes()
        let at = wide.count - 9  // partition 0xFE 0xFF 0xFF 0xFF 0x0F (zig-zag of Int32.max)
        #expect(Array(wide[at..<(at + 5)]) == [0xFE, 0xFF, 0xFF, 0xFF, 0x0F])
        wide[at + 4] = 0x1F
        #expect(InspectionState(changelogBytes: wide, origins: TestOrigin.self) == nil)

        // A single-byte corruption at every position either fails or decodes to a state that is itself consistent.
        let bytes = state.changelogBytes()
        var rng = SplitMix(seed: 42)
        for index in 0..<bytes.count {
            // One replacement per position (cycling through boundary values and random bytes) keeps this quick in debug builds.
            let replacement = [UInt8(0x00), 0x01, 0x80, 0xFF, UInt8(truncatingIfNeeded: rng.next())][index % 5]
            var corrupted = bytes
            corrupted[index] = replacement == bytes[index] ? ~replacement : replacement
            if let decoded = InspectionState(changelogBytes: corrupted, origins: TestOrigin.self) {
                #expect(InspectionState(changelogBytes: decoded.changelogBytes(), origins: TestOrigin.self) == decoded)
            }
        }
        // Random bytes behind a valid header.
        for _ in 0..<2_000 {
            let count = Int(rng.next() % 64)
            let random = (0..<count).map { _ in UInt8(truncatingIfNeeded: rng.next() % (rng.next() % 2 == 0 ? 4 : 256)) }
            _ = InspectionState(changelogBytes: [0xC5, 0x01] + random, origins: TestOrigin.self)
        }
    }

    // MARK: - Property-based

    static let strings = ["", "A", "CF-0001", "é", "e\u{301}", "😀👩‍👩‍👧", "\u{0}", "line\nbreak \"quoted\"", String(repeating: "x", count: 200)]
    static let ints = [0, 1, -1, 63, 64, -64, -65, 127, 128, Int.max, Int.min, Int(Int32.max), Int(Int32.min)]

    /// A random state (any shape the type allows, not only reachable ones) from a seed and a generated text.
    static func randomState(seed: UInt64, text: String) -> InspectionState {
        var rng = SplitMix(seed: seed)
        func below(_ n: Int) -> Int { Int(rng.next() % UInt64(n)) }
        func chance() -> Bool { rng.next() % 2 == 0 }
        func string() -> String {
            switch below(4) {
            case 0: return text
            case 1: return strings[below(strings.count)]
            default: return "k\(below(1_000))" + (chance() ? text : "")
            }
        }
        func int() -> Int { chance() ? ints[below(ints.count)] : Int(bitPattern: UInt(rng.next())) }
        func bytes() -> [UInt8] { (0..<below(40)).map { _ in UInt8(truncatingIfNeeded: rng.next()) } }
        func pick<E>(_ all: [E]) -> E { all[below(all.count)] }
        func answers() -> [String: Answer] {
            var answers: [String: Answer] = [:]
            for _ in 0..<below(16) { answers[string()] = pick(Answer.allCases) }
            return answers
        }

        var state = InspectionState(inspectionId: string())
        state.status = chance() ? nil : pick(InspectionStatus.allCases)
        state.publishedVersion = int()
        state.dirty = chance()
        if chance() {
            state.opening = InspectionOpened(
                inspectionId: string(),
                establishment: .init(
                    code: string(), name: chance() ? string() : nil,
                    type: pick(InspectionOpened.EstablishmentType.allCases),
                    population: pick(InspectionOpened.Population.allCases)),
                fieldworkStart: CivilDate(daysSinceEpoch: int()), fieldworkEnd: CivilDate(daysSinceEpoch: int()),
                framework: string())
        }
        state.publishedOn = chance() ? CivilDate(daysSinceEpoch: int()) : nil
        for _ in 0..<below(7) { state.decisions[string()] = .init(rating: pick(Rating.allCases), rationale: string()) }
        for _ in 0..<below(8) {
            let record =
                chance() ? InspectionState.RecordEvidence(caseRef: string(), inScope: chance(), youngAdult: chance(), answers: answers()) : nil
            state.caseFiles[string()] = .init(record: record, inspectorAnswers: answers())
        }
        for _ in 0..<below(5) {
            let coded = InterviewCoded(
                inspectionId: string(), interviewId: string(), kind: pick(InterviewRecorded.Kind.allCases),
                caseFileId: chance() ? string() : nil, conductedOn: CivilDate(daysSinceEpoch: int()),
                answers: (0..<below(4)).map { _ in
                    .init(questionId: string(), answer: pick(Answer.allCases), provenance: pick(InterviewCoded.Provenance.allCases))
                },
                themes: (0..<below(4)).map { _ in .init(theme: string(), mentions: int(), quotes: (0..<below(4)).map { _ in string() }) },
                sourceEventId: string())
            state.interviews[string()] = coded
        }
        for _ in 0..<below(60) { state.appliedEvents.insert(string()) }
        for _ in 0..<below(4) {
            let headers = (0..<below(4)).map { _ in TestHeader(name: string(), value: chance() ? bytes() : nil) }
            state.pending.append(
                .init(
                    kind: pick(ConsolidatorInputKind.allCases), dedupeKey: string(),
                    origin: TestOrigin(
                        topic: string(), partition: Int32(truncatingIfNeeded: int()),
                        offset: Int64(int()), key: chance() ? bytes() : nil, value: bytes(), headers: headers)))
        }
        return state
    }

    @Test func anyStateRoundTrips() async {
        await propertyCheck(count: 300, input: Gen.uint64(), Gen.character(in: "\u{0}"..."\u{D7FF}").string(of: 0...24)) { seed, text in
            let state = Self.randomState(seed: seed, text: text)
            let bytes = state.changelogBytes()
            #expect(InspectionState(changelogBytes: bytes, origins: TestOrigin.self) == state)
            // Any strict prefix is refused.
            let cut = Int(seed % UInt64(bytes.count))
            #expect(InspectionState(changelogBytes: Array(bytes[0..<cut]), origins: TestOrigin.self) == nil)
        }
    }
}
