import InspectionDomain
import Testing

@testable import InspectionWorkers

@Suite struct StatusJudgementsTests {
    static func captured(_ version: Int) -> StatusJudgements.Captured {
        .init(version: version, event: OutputEvent(key: Array("INS-1".utf8), value: Array("v\(version)".utf8)))
    }

    @Test func capturesComeOutOldestFirstAndOnce() {
        var judgements = StatusJudgements()
        judgements.capture("INS-1", Self.captured(7))  // fieldwork closed
        judgements.capture("INS-1", Self.captured(9))  // report published, before the round
        judgements.capture("INS-2", Self.captured(3))
        #expect(judgements.count == 2)
        #expect(judgements.take("INS-1", after: 5).map(\.version) == [7, 9])
        #expect(judgements.take("INS-1", after: 5).isEmpty, "taken once")
        #expect(judgements.take("INS-2", after: 0) == [Self.captured(3)])
        #expect(judgements.count == 0)
    }

    /// A round that built the judgement from a state already holding the change may have published that version
    /// (or a newer one) first: such captures are dropped, so versions on the topic only increase.
    @Test func capturesAtOrBelowThePublishedVersionAreDropped() {
        var judgements = StatusJudgements()
        for version in [4, 8, 6, 8] { judgements.capture("INS-1", Self.captured(version)) }
        #expect(judgements.take("INS-1", after: 6).map(\.version) == [8])
        for version in [2, 3] { judgements.capture("INS-1", Self.captured(version)) }
        #expect(judgements.take("INS-1", after: 3).isEmpty)
    }

    @Test func forgottenInspectionsHaveNothingToPublish() {
        var judgements = StatusJudgements()
        judgements.capture("INS-1", Self.captured(1))
        judgements.capture("INS-2", Self.captured(1))
        judgements.forget(["INS-1"])
        #expect(judgements.take("INS-1", after: 0).isEmpty)
        #expect(judgements.take("INS-2", after: 0).count == 1)
    }
}
