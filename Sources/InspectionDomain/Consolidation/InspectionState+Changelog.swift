import FastJSON

/// Compact binary encoding of `InspectionState` for the compacted state changelog (one record per inspection).
///
/// Format (version 1), all integers little-endian base-128 varints (signed ones zig-zag encoded):
///
///     header      0xC5 (magic; never `{`, so a reader can tell it from a legacy JSON record), version 0x01
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
///     pending     u8 kind, str dedupeKey, str topic, sint partition, sint offset, opt<bytes> key, bytes value,
///                 seq<str name, opt<bytes> value> headers
///
/// Enum codes come from the explicit tables below (append only: never reorder or remove an entry).
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
            let origin = event.origin
            w.string(origin.topic)
            w.signed(Int64(origin.partition))
            w.signed(origin.offset)
            w.optionalBytes(origin.key)
            w.bytes(origin.value)
            w.unsigned(origin.headers.count)
            for header in origin.headers {
                w.string(header.name)
                w.optionalBytes(header.value)
            }
        }
        return w.result
    }

    /// Decodes `changelogBytes()` output; nil for anything else.
    public init?(changelogBytes: [UInt8]) {
        var r = ChangelogReader(changelogBytes)
        do throws(ChangelogReader.Malformed) {
            self = try Self.decodeChangelog(&r)
        } catch {
            return nil
        }
    }

    private static func decodeChangelog(_ r: inout ChangelogReader) throws(ChangelogReader.Malformed) -> InspectionState {
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
            let topic = try r.string()
            let partitionValue = try r.signed()
            guard let partition = Int32(exactly: partitionValue) else { throw .init() }
            let offset = try r.signed()
            let key = try r.optionalBytes()
            let value = try r.bytes()
            let headerCount = try r.count()
            var headers: [InputHeader] = []
            headers.reserveCapacity(headerCount)
            for _ in 0..<headerCount {
                let name = try r.string()
                headers.append(InputHeader(name: name, value: try r.optionalBytes()))
            }
            pending.append(
                PendingEvent(
                    kind: kind, dedupeKey: dedupeKey,
                    origin: InputOrigin(topic: topic, partition: partition, offset: offset, key: key, value: value, headers: headers)))
        }
        state.pending = pending

        guard r.isAtEnd else { throw .init() }
        return state
    }
}

/// The stable one-byte codes of the enums in the changelog (index = code). Append only.
enum ChangelogCodes {
    static let status: [InspectionStatus] = [.inProgress, .provisional, .final]
    static let rating: [Rating] = [.good, .reasonablyGood, .notSufficientlyGood, .poor, .insufficientEvidence]
    static let answer: [Answer] = [.yes, .no, .notApplicable]
    static let establishmentType: [InspectionOpened.EstablishmentType] = [
        .local, .training, .open, .highSecurity, .women, .youngOffender, .resettlement,
    ]
    static let population: [InspectionOpened.Population] = [.adult, .youngAdult, .mixed]
    static let interviewKind: [InterviewRecorded.Kind] = [.prisoner, .offenderSupervisor, .omuPractitionerGroup, .manager]
    static let interviewProvenance: [InterviewCoded.Provenance] = [.response, .transcript]
    static let inputKind: [ConsolidatorInputKind] = [.inspections, .assessedCaseFiles, .codedInterviews]

    /// The code of a value (every case is in its table; a missing one is a programming error caught by the tests).
    @inline(__always)
    static func code<E: Equatable>(_ value: E, in table: [E]) -> UInt8 {
        var index = 0
        while index < table.count {
            if table[index] == value { return UInt8(truncatingIfNeeded: index) }
            index += 1
        }
        preconditionFailure("changelog code table is missing \(value)")
    }

    @inline(__always)
    static func value<E>(_ code: UInt8, in table: [E]) throws(ChangelogReader.Malformed) -> E {
        guard Int(code) < table.count else { throw .init() }
        return table[Int(code)]
    }
}

/// Appends changelog primitives to a growable buffer.
struct ChangelogWriter: ~Copyable {
    private var buffer: ByteWriter

    init(capacity: Int) { buffer = ByteWriter(capacity: capacity) }

    var result: [UInt8] { buffer.bytes }

    @inline(__always) mutating func byte(_ value: UInt8) { buffer.append(value) }
    @inline(__always) mutating func bool(_ value: Bool) { buffer.append(value ? 1 : 0) }

    @inline(__always)
    mutating func unsigned(_ value: UInt64) {
        var v = value
        buffer.reserve(10)
        while v >= 0x80 {
            buffer.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        buffer.append(UInt8(truncatingIfNeeded: v))
    }

    @inline(__always) mutating func unsigned(_ value: Int) { unsigned(UInt64(value)) }

    /// Zig-zag: small magnitudes of either sign stay short.
    @inline(__always)
    mutating func signed(_ value: Int64) { unsigned(UInt64(bitPattern: (value &<< 1) ^ (value >> 63))) }
    @inline(__always) mutating func signed(_ value: Int) { signed(Int64(value)) }

    @inline(__always)
    mutating func string(_ value: String) {
        unsigned(value.utf8.count)
        buffer.append(utf8Of: value)
    }

    mutating func optionalString(_ value: String?) {
        if let value { byte(1); string(value) } else { byte(0) }
    }

    @inline(__always)
    mutating func bytes(_ value: [UInt8]) {
        unsigned(value.count)
        buffer.append(contentsOf: value)
    }

    mutating func optionalBytes(_ value: [UInt8]?) {
        if let value { byte(1); bytes(value) } else { byte(0) }
    }

    mutating func answers(_ answers: [String: Answer]) {
        unsigned(answers.count)
        for (criterionId, answer) in answers {
            string(criterionId)
            byte(ChangelogCodes.code(answer, in: ChangelogCodes.answer))
        }
    }
}

/// Reads changelog primitives with bounds checks; every failure is `Malformed`.
struct ChangelogReader {
    struct Malformed: Error {}

    private let buffer: [UInt8]
    private var index = 0

    init(_ buffer: [UInt8]) { self.buffer = buffer }

    var isAtEnd: Bool { index == buffer.count }

    @inline(__always)
    mutating func byte() throws(Malformed) -> UInt8 {
        guard index < buffer.count else { throw .init() }
        defer { index += 1 }
        return buffer[index]
    }

    mutating func bool() throws(Malformed) -> Bool {
        switch try byte() {
        case 0: return false
        case 1: return true
        default: throw .init()
        }
    }

    /// An optional's presence tag.
    @inline(__always)
    mutating func presence() throws(Malformed) -> Bool { try bool() }

    @inline(__always)
    mutating func unsigned() throws(Malformed) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try byte()
            if shift == 63 && b > 1 { throw .init() }  // more than 64 bits
            result |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return result }
            shift += 7
            if shift > 63 { throw .init() }
        }
    }

    mutating func signed() throws(Malformed) -> Int64 {
        let raw = try unsigned()
        return Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }

    mutating func signedInt() throws(Malformed) -> Int {
        guard let value = Int(exactly: try signed()) else { throw .init() }
        return value
    }

    /// A length or element count; never more than the bytes left (every element takes at least one byte),
    /// so garbage cannot ask for a huge allocation.
    @inline(__always)
    mutating func count() throws(Malformed) -> Int {
        let raw = try unsigned()
        guard raw <= UInt64(buffer.count - index) else { throw .init() }
        return Int(raw)
    }

    mutating func string() throws(Malformed) -> String {
        let length = try count()
        let slice = buffer[index..<(index + length)]
        index += length
        // ASCII (the usual case) needs no validation; `String(validating:)` is much slower than `String(decoding:)`.
        var ascii: UInt8 = 0
        for byte in slice { ascii |= byte }
        if ascii < 0x80 { return String(decoding: slice, as: UTF8.self) }
        guard let text = String(validating: slice, as: UTF8.self) else { throw .init() }
        return text
    }

    mutating func optionalString() throws(Malformed) -> String? {
        guard try presence() else { return nil }
        return try string()
    }

    mutating func bytes() throws(Malformed) -> [UInt8] {
        let length = try count()
        defer { index += length }
        return Array(buffer[index..<(index + length)])
    }

    mutating func optionalBytes() throws(Malformed) -> [UInt8]? {
        guard try presence() else { return nil }
        return try bytes()
    }

    mutating func answers() throws(Malformed) -> [String: Answer] {
        let count = try count()
        var answers: [String: Answer] = .init(minimumCapacity: count)
        for _ in 0..<count {
            let criterionId = try string()
            guard answers.updateValue(try ChangelogCodes.value(try byte(), in: ChangelogCodes.answer), forKey: criterionId) == nil else {
                throw .init()
            }
        }
        return answers
    }
}
