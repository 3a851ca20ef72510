import FastJSON

/// Compact binary encoding of `InspectionState` for the compacted state changelog (one record per inspection).
///
/// Format (version 1), all integers little-endian base-128 varints (signed ones zig-zag encoded):
///
///     header      0xC5 (magic; never `{`, so a record of an earlier JSON format is refused), version 0x01
///     state       str inspectionId, u8 status (0 = none, else 1+code), sint publishedVersion, bool dirty,
///                 opt<opening>, opt<sint publishedOn>, map<str, decision>, map<str, caseFile>,
///                 map<str, interview>, seq<str> appliedEvents, seq<pending>; then the input must end.
///     str         uint byte count, UTF-8 bytes (validated on decode)
///     bytes       uint byte count, bytes
///     opt<T>      u8 0 (absent) or 1 (present) then T
///     map / seq   uint count, then the entries (maps: key then value; duplicate keys are refused)
///     opening     str inspectionId, str code, opt<str> name, u8 type, u8 population, sint start, sint end, str framework
///     decision    u8 rating, str rationale
///     caseFile    opt<record: str caseRef, bool inScope, bool youngAdult, answers>, answers (inspector)
///     answers     map<str, u8 answer>
///     interview   str inspectionId, str interviewId, u8 kind, opt<str> caseFileId, sint conductedOn,
///                 seq<str questionId, u8 answer, u8 provenance>, seq<str theme, sint mentions, seq<str> quotes>, str sourceEventId
///     pending     u8 kind, str dedupeKey, origin
///     origin      the worker's `HeldInputOrigin.write(to:)`; the findings-consolidator's is `str topic,
///                 sint partition, sint offset, opt<bytes> key, bytes value, seq<str name, opt<bytes> value> headers`
///
/// Enum codes come from the explicit tables of `ChangelogCodes` (append only: never reorder or remove an entry).
/// A later format bumps the version byte; a decoder refuses versions it does not know.
extension InspectionState {
    /// First byte of every changelog record.
    static let changelogMagic: UInt8 = 0xC5
    /// The format version written by `changelogBytes()`.
    static let changelogVersion: UInt8 = 1

    /// Compact changelog encoding (fast path; not Foundation).
    public func changelogBytes() -> [UInt8] {
        var w = ChangelogWriter(capacity: 256 + 64 * appliedEvents.count + 512 * caseFiles.count + 512 * interviews.count)
        w.byte(Self.changelogMagic)
        w.byte(Self.changelogVersion)
        w.string(inspectionId)
        w.byte(status.map { ChangelogCodes.code($0, in: ChangelogCodes.status) + 1 } ?? 0)
        w.signed(publishedVersion)
        w.bool(dirty)
        if let opening {
            w.byte(1)
            w.string(opening.inspectionId)
            w.string(opening.establishment.code)
            w.optionalString(opening.establishment.name)
            w.byte(ChangelogCodes.code(opening.establishment.type, in: ChangelogCodes.establishmentType))
            w.byte(ChangelogCodes.code(opening.establishment.population, in: ChangelogCodes.population))
            w.signed(opening.fieldworkStart.daysSinceEpoch)
            w.signed(opening.fieldworkEnd.daysSinceEpoch)
            w.string(opening.framework)
        } else {
            w.byte(0)
        }
        if let publishedOn {
            w.byte(1)
            w.signed(publishedOn.daysSinceEpoch)
        } else {
            w.byte(0)
        }
        w.unsigned(decisions.count)
        for (area, decision) in decisions {
            w.string(area)
            w.byte(ChangelogCodes.code(decision.rating, in: ChangelogCodes.rating))
            w.string(decision.rationale)
        }
        w.unsigned(caseFiles.count)
        for (caseFileId, evidence) in caseFiles {
            w.string(caseFileId)
            if let record = evidence.record {
                w.byte(1)
                w.string(record.caseRef)
                w.bool(record.inScope)
                w.bool(record.youngAdult)
                w.answers(record.answers)
            } else {
                w.byte(0)
            }
            w.answers(evidence.inspectorAnswers)
        }
        w.unsigned(interviews.count)
        for (interviewId, coded) in interviews {
            w.string(interviewId)
            w.string(coded.inspectionId)
            w.string(coded.interviewId)
            w.byte(ChangelogCodes.code(coded.kind, in: ChangelogCodes.interviewKind))
            w.optionalString(coded.caseFileId)
            w.signed(coded.conductedOn.daysSinceEpoch)
            w.unsigned(coded.answers.count)
            for answer in coded.answers {
                w.string(answer.questionId)
                w.byte(ChangelogCodes.code(answer.answer, in: ChangelogCodes.answer))
                w.byte(ChangelogCodes.code(answer.provenance, in: ChangelogCodes.interviewProvenance))
            }
            w.unsigned(coded.themes.count)
            for theme in coded.themes {
                w.string(theme.theme)
                w.signed(theme.mentions)
                w.unsigned(theme.quotes.count)
                for quote in theme.quotes { w.string(quote) }
            }
            w.string(coded.sourceEventId)
        }
        w.unsigned(appliedEvents.count)
        for key in appliedEvents { w.string(key) }
        w.unsigned(pending.count)
        for event in pending {
            w.byte(ChangelogCodes.code(event.kind, in: ChangelogCodes.inputKind))
            w.string(event.dedupeKey)
            event.origin.write(to: &w)
        }
        return w.result
    }

    /// Decodes `changelogBytes()` output whose pending events came from `origins`; nil for anything else.
    public init?(changelogBytes: [UInt8], origins: any HeldInputOrigin.Type) {
        var r = ChangelogReader(changelogBytes)
        do throws(ChangelogReader.Malformed) {
            self = try Self.decodeChangelog(&r, origins: origins)
        } catch {
            return nil
        }
    }

    private static func decodeChangelog(
        _ r: inout ChangelogReader, origins: any HeldInputOrigin.Type
    ) throws(ChangelogReader.Malformed) -> InspectionState {
        guard try r.byte() == changelogMagic, try r.byte() == changelogVersion else { throw .init() }
        var state = InspectionState(inspectionId: try r.string())
        let status = try r.byte()
        if status != 0 { state.status = try ChangelogCodes.value(status - 1, in: ChangelogCodes.status) }
        state.publishedVersion = try r.signedInt()
        state.dirty = try r.bool()
        if try r.presence() {
            let inspectionId = try r.string()
            let code = try r.string()
            let name = try r.optionalString()
            let type = try ChangelogCodes.value(try r.byte(), in: ChangelogCodes.establishmentType)
            let population = try ChangelogCodes.value(try r.byte(), in: ChangelogCodes.population)
            let start = CivilDate(daysSinceEpoch: try r.signedInt())
            let end = CivilDate(daysSinceEpoch: try r.signedInt())
            state.opening = InspectionOpened(
                inspectionId: inspectionId,
                establishment: .init(code: code, name: name, type: type, population: population),
                fieldworkStart: start, fieldworkEnd: end, framework: try r.string())
        }
        if try r.presence() {
            state.publishedOn = CivilDate(daysSinceEpoch: try r.signedInt())
        }

        var count = try r.count()
        var decisions: [String: Decision] = .init(minimumCapacity: count)
        for _ in 0..<count {
            let area = try r.string()
            let rating = try ChangelogCodes.value(try r.byte(), in: ChangelogCodes.rating)
            guard decisions.updateValue(Decision(rating: rating, rationale: try r.string()), forKey: area) == nil else { throw .init() }
        }
        state.decisions = decisions

        count = try r.count()
        var caseFiles: [String: CaseFileEvidence] = .init(minimumCapacity: count)
        for _ in 0..<count {
            let caseFileId = try r.string()
            var evidence = CaseFileEvidence()
            if try r.presence() {
                let caseRef = try r.string()
                let inScope = try r.bool()
                let youngAdult = try r.bool()
                evidence.record = RecordEvidence(caseRef: caseRef, inScope: inScope, youngAdult: youngAdult, answers: try r.answers())
            }
            evidence.inspectorAnswers = try r.answers()
            guard caseFiles.updateValue(evidence, forKey: caseFileId) == nil else { throw .init() }
        }
        state.caseFiles = caseFiles

        count = try r.count()
        var interviews: [String: InterviewCoded] = .init(minimumCapacity: count)
        for _ in 0..<count {
            let key = try r.string()
            let inspectionId = try r.string()
            let interviewId = try r.string()
            let kind = try ChangelogCodes.value(try r.byte(), in: ChangelogCodes.interviewKind)
            let caseFileId = try r.optionalString()
            let conductedOn = CivilDate(daysSinceEpoch: try r.signedInt())
            let answerCount = try r.count()
            var answers: [InterviewCoded.CodedAnswer] = []
            answers.reserveCapacity(answerCount)
            for _ in 0..<answerCount {
                let questionId = try r.string()
                let answer = try ChangelogCodes.value(try r.byte(), in: ChangelogCodes.answer)
                let provenance = try ChangelogCodes.value(try r.byte(), in: ChangelogCodes.interviewProvenance)
                answers.append(.init(questionId: questionId, answer: answer, provenance: provenance))
            }
            let themeCount = try r.count()
            var themes: [InterviewCoded.ThemeMention] = []
            themes.reserveCapacity(themeCount)
            for _ in 0..<themeCount {
                let theme = try r.string()
                let mentions = try r.signedInt()
                let quoteCount = try r.count()
                var quotes: [String] = []
                quotes.reserveCapacity(quoteCount)
                for _ in 0..<quoteCount { quotes.append(try r.string()) }
                themes.append(.init(theme: theme, mentions: mentions, quotes: quotes))
            }
            let coded = InterviewCoded(
                inspectionId: inspectionId, interviewId: interviewId, kind: kind, caseFileId: caseFileId,
                conductedOn: conductedOn, answers: answers, themes: themes, sourceEventId: try r.string())
            guard interviews.updateValue(coded, forKey: key) == nil else { throw .init() }
        }
        state.interviews = interviews

        count = try r.count()
        var applied = Set<String>(minimumCapacity: count)
        for _ in 0..<count {
            guard applied.insert(try r.string()).inserted else { throw .init() }
        }
        state.appliedEvents = applied

        count = try r.count()
        var pending: [PendingEvent] = []
        pending.reserveCapacity(count)
        for _ in 0..<count {
            let kind = try ChangelogCodes.value(try r.byte(), in: ChangelogCodes.inputKind)
            let dedupeKey = try r.string()
            pending.append(PendingEvent(kind: kind, dedupeKey: dedupeKey, origin: try origins.read(from: &r)))
        }
        state.pending = pending

        guard r.isAtEnd else { throw .init() }
        return state
    }
}
