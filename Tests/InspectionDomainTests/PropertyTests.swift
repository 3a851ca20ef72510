import PropertyBased
import Testing

@testable import InspectionDomain

/// Property-based tests of the consolidation state machine.
@Suite struct PropertyTests {
    static let answers = ["YES", "NO", "NOT_APPLICABLE"]
    static let caseCriteria = ["AP1", "AP2", "AP3", "AP4", "IM1", "IM2", "IM3", "IM4", "PP1", "PP2", "PP3", "PP4", "RR1", "RR2", "RR3"]

    /// A random evidence event for one of a few case files / interviews.
    static func evidence(_ seed: [Int]) -> ([UInt8], ConsolidatorInputKind) {
        let caseFile = "CF-\(seed[0] % 4)"
        var picked: [String: String] = [:]
        for (i, s) in seed.dropFirst(2).enumerated() { picked[caseCriteria[(s + i) % 15]] = answers[s % 3] }
        switch seed[1] % 3 {
        case 0:
            return (
                TestEvents.assessedRecord(
                    caseFile, answers: picked, inScope: seed[0] % 2 == 0, youngAdult: seed[1] % 5 == 0,
                    sourceEventId: "s/r\(seed.map(String.init).joined(separator: "."))"), .assessedCaseFiles
            )
        case 1:
            return (
                TestEvents.assessedExamination(caseFile, answers: picked, sourceEventId: "s/x\(seed.map(String.init).joined(separator: "."))"),
                .assessedCaseFiles
            )
        default:
            return (
                TestEvents.coded(
                    "IV-\(seed[0] % 3)", caseFileId: caseFile, answers: ["PI1": ["YES", "NO", "NOT_APPLICABLE"][seed[2 % seed.count] % 3]],
                    sourceEventId: "s/i\(seed.map(String.init).joined(separator: "."))"), .codedInterviews
            )
        }
    }

    static let seedGen = Gen.int(in: 0...1000).array(of: 3...6)

    @Test func applyingAnyEventTwiceEqualsOnce() async {
        await propertyCheck(count: 100, input: Self.seedGen.array(of: 0...8), Self.seedGen) { history, last in
            var h = try ConsolidatorHarness()
            h.inspection(TestEvents.opened())
            for seed in history {
                let (value, kind) = Self.evidence(seed)
                h.send(value, kind: kind)
            }
            let (value, kind) = Self.evidence(last)
            h.send(value, kind: kind)
            let once = h.state
            let outcome = h.send(value, kind: kind)
            #expect(h.state == once)
            #expect(!outcome.changed)
        }
    }

    /// Events of different case files commute: any interleaving that keeps each case file's own order
    /// yields the same judgement.
    @Test func interleavingDifferentCaseFilesGivesTheSameJudgement() async {
        await propertyCheck(count: 100, input: Self.seedGen.array(of: 1...10), Gen.int(in: 0...Int(Int32.max))) { seeds, shuffleSeed in
            let events = seeds.map { seed -> (String, [UInt8]) in
                let caseFile = "CF-\(seed[0] % 4)"
                var picked: [String: String] = [:]
                for (i, s) in seed.dropFirst(1).enumerated() { picked[Self.caseCriteria[(s + i) % 15]] = Self.answers[s % 3] }
                let tag = seed.map(String.init).joined(separator: ".")
                return (
                    caseFile,
                    seed[1] % 2 == 0
                        ? TestEvents.assessedRecord(caseFile, answers: picked, sourceEventId: "s/r\(tag)")
                        : TestEvents.assessedExamination(caseFile, answers: picked, sourceEventId: "s/x\(tag)")
                )
            }
            var inOrder = try ConsolidatorHarness()
            inOrder.inspection(TestEvents.opened())
            for (_, value) in events { inOrder.caseFile(value) }

            // A random merge of the per-case-file queues.
            var queues = Dictionary(grouping: events, by: \.0).mapValues { $0.map(\.1) }
            var rng = SplitMix(seed: UInt64(shuffleSeed))
            var interleaved = try ConsolidatorHarness()
            interleaved.inspection(TestEvents.opened())
            while !queues.isEmpty {
                let keys = queues.keys.sorted()
                let key = keys[Int(rng.next() % UInt64(keys.count))]
                interleaved.caseFile(queues[key]!.removeFirst())
                if queues[key]!.isEmpty { queues[key] = nil }
            }
            #expect(inOrder.text == interleaved.text)
        }
    }

    /// A correction (a later record for the same case file) equals having sent only the corrected record.
    @Test func correctionEqualsOnlyTheCorrectedRecord() async {
        await propertyCheck(count: 100, input: Gen.int(in: 0...2).array(of: 15), Gen.int(in: 0...2).array(of: 15), Gen.bool) { first, second, flip in
            let original = Dictionary(uniqueKeysWithValues: zip(Self.caseCriteria, first.map { Self.answers[$0] }))
            let corrected = Dictionary(uniqueKeysWithValues: zip(Self.caseCriteria, second.map { Self.answers[$0] }))
            var withCorrection = try ConsolidatorHarness()
            withCorrection.inspection(TestEvents.opened())
            withCorrection.caseFile(TestEvents.assessedRecord("CF-1", answers: original, inScope: flip, sourceEventId: "s/1"))
            withCorrection.caseFile(TestEvents.assessedRecord("CF-1", answers: corrected, inScope: !flip, sourceEventId: "s/2"))
            var onlyCorrected = try ConsolidatorHarness()
            onlyCorrected.inspection(TestEvents.opened())
            onlyCorrected.caseFile(TestEvents.assessedRecord("CF-1", answers: corrected, inScope: !flip, sourceEventId: "s/2"))
            #expect(withCorrection.text == onlyCorrected.text)
        }
    }

    /// Any valid JSON value round-trips through the writer and parser.
    @Test func jsonWriterAndParserRoundTrip() async {
        await propertyCheck(count: 200, input: Gen.character(in: "\u{0}"..."\u{D7FF}").string(of: 0...40), Gen.int(in: -1_000_000...1_000_000)) {
            text, number in
            var w = JSONWriter()
            w.beginObject()
            w.field("text", text)
            w.field("n", number)
            w.endObject()
            let parsed = try? JSONParser.parse(w.bytes)
            guard case .object(let o)? = parsed else { Issue.record("did not parse"); return }
            #expect(o["text"] == .string(text))
            if case .number(let n)? = o["n"] { #expect(n.integerValue == number) } else { Issue.record("no number") }
        }
    }
}

/// A tiny deterministic generator for the interleaving test.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
