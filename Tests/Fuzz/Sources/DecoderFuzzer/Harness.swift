import Foundation
import InspectionDomain

/// Runs one value through a decoder and, when it is accepted, through the rest of the pipeline.
enum Harness {
    static let fixtures = Fixtures.shared
    /// `FUZZ_VERBOSE=1`: say what each decoder did (for replaying one input by hand).
    static let verbose = ProcessInfo.processInfo.environment["FUZZ_VERBOSE"].map { !$0.isEmpty && $0 != "0" } ?? false

    static func log(_ text: @autoclosure () -> String) {
        guard verbose else { return }
        FileHandle.standardError.write(Data(("DecoderFuzzer: " + text() + "\n").utf8))
    }

    static func log(_ decoder: String, _ rejection: Rejection) {
        log("\(decoder): \(rejection.code.rawValue) \(rejection.message.prefix(300))")
    }

    static func log(_ decoder: String, _ output: OutputEvent) {
        log("\(decoder): accepted; output key \(String(decoding: output.key, as: UTF8.self)), value \(output.value.count) bytes")
    }

    // MARK: the intake workers

    static func caseFileIntake(key: [UInt8]?, value: [UInt8]) {
        switch fixtures.assessor.process(key: key, value: value) {
        case .failure(let rejection):
            log("casefile-intake", rejection)
            Oracle.check(rejection, of: value)
        case .success(let output):
            log("casefile-intake", output)
            // The consolidator must accept what casefile-intake publishes.
            Oracle.checkJSON(output.value, "casefile.assessed output")
            Oracle.checkNoPersonalData(input: value, output: output.value, what: "casefile.assessed output")
            switch fixtures.consolidator.decode(kind: .assessedCaseFiles, key: output.key, value: output.value) {
            case .success(let event): consolidate(event, key: output.key, value: output.value)
            case .failure(let rejection): Oracle.fail("consolidator refused casefile-intake output: \(rejection.code.rawValue) \(rejection.message)")
            }
        }
    }

    static func transcriptIntake(key: [UInt8]?, value: [UInt8]) {
        switch fixtures.coder.process(key: key, value: value) {
        case .failure(let rejection):
            log("transcript-intake", rejection)
            Oracle.check(rejection, of: value)
        case .success(let output):
            log("transcript-intake", output)
            Oracle.checkJSON(output.value, "interview.coded output")
            Oracle.checkNoPersonalData(input: value, output: output.value, what: "interview.coded output")
            switch fixtures.consolidator.decode(kind: .codedInterviews, key: output.key, value: output.value) {
            case .success(let event): consolidate(event, key: output.key, value: output.value)
            case .failure(let rejection):
                Oracle.fail("consolidator refused transcript-intake output: \(rejection.code.rawValue) \(rejection.message)")
            }
        }
    }

    // MARK: findings-consolidator

    static func consolidator(_ kind: ConsolidatorInputKind, key: [UInt8]?, value: [UInt8]) {
        switch fixtures.consolidator.decode(kind: kind, key: key, value: value) {
        case .failure(let rejection):
            log("consolidator/\(kind.defaultTopic)", rejection)
            Oracle.check(rejection, of: value)
        case .success(let event):
            log("consolidator/\(kind.defaultTopic): accepted \(event.type) for \(event.inspectionId)")
            consolidate(event, key: key, value: value)
        }
    }

    /// Applies an accepted event to a fresh inspection (before and after its opening, then FINAL), checking every
    /// `judgement.updated` it yields against aggregate-reporter.
    static func consolidate(_ event: ConsolidatorEvent, key: [UInt8]?, value: [UInt8]) {
        let consolidator = fixtures.consolidator
        var state = InspectionState(inspectionId: event.inspectionId)
        let origin = FuzzOrigin(topic: event.kind.defaultTopic, offset: 1, key: key, value: value)
        expectOnlyFinalised(consolidator.apply(event, origin: origin, to: &state), "applying the event")
        expectChangelogRoundTrip(state, "the held event")

        // Open the inspection: a pending event is decoded again and replayed.
        let opened = fixtures.opened(event.inspectionId)
        guard case .success(let openedEvent) = consolidator.decode(kind: .inspections, key: opened.key, value: opened.value) else {
            Oracle.fail("synthetic inspection.opened refused for \(event.inspectionId)")
        }
        let openedOrigin = FuzzOrigin(topic: "inspections", offset: 2, key: opened.key, value: opened.value)
        expectOnlyFinalised(consolidator.apply(openedEvent, origin: openedOrigin, to: &state), "opening")
        expectChangelogRoundTrip(state, "the opened inspection")
        judgementRoundTrip(state, version: 1)

        // Publish the report (FINAL): aggregate-reporter must count the judgement.
        let published = fixtures.published(event.inspectionId)
        guard case .success(let publishedEvent) = consolidator.decode(kind: .inspections, key: published.key, value: published.value) else {
            Oracle.fail("synthetic inspection.report-published refused for \(event.inspectionId)")
        }
        let publishedOrigin = FuzzOrigin(topic: "inspections", offset: 3, key: published.key, value: published.value)
        expectOnlyFinalised(consolidator.apply(publishedEvent, origin: publishedOrigin, to: &state), "publishing")
        log(
            "consolidator: judgement \(state.status.map { "\($0)" } ?? "unopened"), \(state.caseFiles.count) case files, \(state.interviews.count) interviews"
        )
        guard let final = judgementRoundTrip(state, version: 2) else {
            Oracle.fail("aggregate-reporter found no FINAL judgement after report-published")
        }
        var aggregate = PeriodAggregate(period: fixtures.reporter.period(of: final))
        _ = fixtures.reporter.add(final, to: &aggregate)
        aggregate.version = 1
        Oracle.checkJSON(fixtures.reporter.aggregateEvent(for: aggregate, time: Fixtures.time).value, "aggregate.updated")
    }

    /// The state survives its changelog record unchanged.
    static func expectChangelogRoundTrip(_ state: InspectionState, _ step: String) {
        if InspectionState(changelogBytes: state.changelogBytes(), origins: FuzzOrigin.self) != state {
            Oracle.fail("\(step): the state did not survive its changelog encoding")
        }
    }

    /// Replays and late events may be refused only as `INSPECTION_FINALISED`.
    static func expectOnlyFinalised(_ outcome: ApplyOutcome, _ step: String) {
        for (_, rejection) in outcome.rejections where rejection.code != .inspectionFinalised {
            Oracle.fail("\(step): an accepted event was refused on replay: \(rejection.code.rawValue) \(rejection.message)")
        }
    }

    /// The judgement of an opened inspection, written, parsed and decoded by aggregate-reporter.
    @discardableResult
    static func judgementRoundTrip(_ state: InspectionState, version: Int) -> FinalJudgement? {
        guard let output = fixtures.consolidator.judgementEvent(for: state, version: version, time: Fixtures.time) else {
            Oracle.fail("no judgement.updated for an opened inspection")
        }
        Oracle.checkJSON(output.value, "judgement.updated")
        switch fixtures.reporter.decode(key: output.key, value: output.value) {
        case .success(let final): return final
        case .failure(let rejection): Oracle.fail("aggregate-reporter refused judgement.updated: \(rejection.code.rawValue) \(rejection.message)")
        }
    }

    // MARK: aggregate-reporter

    static func aggregateReporter(key: [UInt8]?, value: [UInt8]) {
        switch fixtures.reporter.decode(key: key, value: value) {
        case .failure(let rejection):
            log("aggregate-reporter", rejection)
            Oracle.check(rejection, of: value)
        case .success(nil):
            log("aggregate-reporter: accepted, not FINAL")
        case .success(let final?):
            log("aggregate-reporter: accepted FINAL \(final.inspectionId)")
            var aggregate = PeriodAggregate(period: fixtures.reporter.period(of: final))
            guard fixtures.reporter.add(final, to: &aggregate) else { Oracle.fail("a first judgement was not counted") }
            if fixtures.reporter.add(final, to: &aggregate) { Oracle.fail("a judgement was counted twice") }
            aggregate.version = 1
            if PeriodAggregate(changelogBytes: aggregate.changelogBytes()) != aggregate {
                Oracle.fail("an aggregate did not survive its changelog encoding")
            }
            Oracle.checkJSON(fixtures.reporter.aggregateEvent(for: aggregate, time: Fixtures.time).value, "aggregate.updated")
        }
    }

    // MARK: the JSON parser alone

    static func jsonParser(_ value: [UInt8]) {
        let parsed: JSONValue?
        do {
            parsed = try JSONParser.parse(value)
        } catch {
            log("JSON parser: \(error.reason) at byte \(error.offset)")
            if error.offset < 0 || error.offset > value.count { Oracle.fail("parse error offset \(error.offset) outside 0...\(value.count)") }
            parsed = nil
        }
        // The envelope decoder must call MALFORMED_JSON exactly what the parser refuses.
        if !value.isEmpty && value.count <= 1_048_576 {
            let malformed: Bool
            switch CloudEvent.decode(value) {
            case .success: malformed = false
            case .failure(let rejection):
                Oracle.check(rejection, of: value)
                malformed = rejection.code == .malformedJSON
            }
            if malformed != (parsed == nil) {
                Oracle.fail(
                    "JSONParser \(parsed == nil ? "refused" : "accepted") bytes that CloudEvent.decode \(malformed ? "called" : "did not call") MALFORMED_JSON"
                )
            }
        }
        guard let parsed else { return }
        log("JSON parser: accepted \(parsed.typeDescription)")
        var writer = JSONWriter(capacity: value.count + 16)
        write(parsed, to: &writer)
        let again: JSONValue
        do {
            again = try JSONParser.parse(writer.bytes)
        } catch {
            Oracle.fail("JSONWriter wrote bytes JSONParser refuses: \(error.reason) at byte \(error.offset)")
        }
        if again != parsed { Oracle.fail("JSON value changed by a write and a second parse") }
    }

    static func write(_ value: JSONValue, to w: inout JSONWriter) {
        switch value {
        case .null: w.null()
        case .bool(let flag): w.bool(flag)
        case .number(let number): w.rawNumber(number.lexeme)
        case .string(let text): w.string(text)
        case .array(let elements):
            w.beginArray()
            for element in elements { write(element, to: &w) }
            w.endArray()
        case .object(let object):
            w.beginObject()
            for member in object.members {
                w.key(JSONKey(member.key))
                write(member.value, to: &w)
            }
            w.endObject()
        }
    }
}
