import InspectionDomain
import Kafka
import Testing

@testable import InspectionWorkers

/// The consolidator's orchestration without Kafka: ownership, status captures, rounds, hand-over.
@Suite struct ConsolidatorStateMachineTests {
    static let inputs = ["inspections", "casefiles.assessed", "interviews.coded"]
    let start = ContinuousClock.now

    func partitions(_ number: Int32) -> [TopicPartition] { Self.inputs.map { TopicPartition(topic: $0, partition: number) } }

    func captured(_ version: Int) -> StatusJudgements.Captured {
        .init(version: version, event: OutputEvent(key: Array("INS-1".utf8), value: Array("v\(version)".utf8)))
    }

    @Test func aPartitionNumbersStateIsRestoredOnceAndDroppedWithItsLastInput() {
        var machine = ConsolidatorStateMachine()
        let result1 = machine.assign(partitions(0) + partitions(1))
        #expect(result1 == [0, 1])
        let result2 = machine.assign([TopicPartition(topic: "inspections", partition: 1)])
        #expect(result2.isEmpty, "already held")
        // One input partition of number 1 goes: its state stays while the others are still here.
        var revocation = machine.revoke([TopicPartition(topic: "inspections", partition: 1)]) { _ in ["INS-1"] }
        #expect(revocation.dropped.isEmpty && machine.held == [0, 1])
        // The rest go (a loss is handled alike): dropped, and only then restored again on a new assignment.
        revocation = machine.revoke(Array(partitions(1).dropFirst())) { $0 == 1 ? ["INS-1"] : [] }
        #expect(revocation.dropped == [1] && revocation.leaving == ["INS-1"])
        #expect(machine.held == [0])
        let result3 = machine.assign(partitions(1))
        #expect(result3 == [1])
    }

    @Test func restoredInspectionsWithAnInterruptedPublicationGoAtOnce() {
        var machine = ConsolidatorStateMachine()
        _ = machine.assign(partitions(0))
        machine.restored(interrupted: ["INS-2", "INS-1"])
        let result4 = machine.round(now: start, interval: .seconds(3600))
        #expect(result4.inspections == ["INS-1", "INS-2"])
        let result5 = machine.round(now: start, interval: .seconds(3600))
        #expect(result5.inspections.isEmpty)
    }

    @Test func changesAreCoalescedAndStatusChangesAreUrgent() {
        var machine = ConsolidatorStateMachine()
        machine.applied("INS-1", captured: [], judgementChanged: true, statusChanged: false)
        let result6 = machine.round(now: start, interval: .seconds(1))
        #expect(result6.inspections == ["INS-1"])
        machine.applied("INS-1", captured: [], judgementChanged: true, statusChanged: false)
        let result7 = machine.round(now: start + .milliseconds(500), interval: .seconds(1))
        #expect(result7.inspections.isEmpty, "coalesced")
        machine.applied("INS-1", captured: [captured(7)], judgementChanged: true, statusChanged: true)
        let result8 = machine.round(now: start + .milliseconds(600), interval: .seconds(1))
        #expect(result8.inspections == ["INS-1"], "a status change at once")
        machine.applied("INS-2", captured: [], judgementChanged: false, statusChanged: false)
        #expect(machine.pendingCount == 0, "nothing to publish when nothing changed")
    }

    @Test func capturesGoOldestFirstOnceEach() {
        var machine = ConsolidatorStateMachine()
        machine.applied("INS-1", captured: [captured(9)], judgementChanged: true, statusChanged: true)
        machine.applied("INS-1", captured: [captured(4), captured(9)], judgementChanged: true, statusChanged: true)
        let result9 = machine.takeCaptures("INS-1", after: 3)
        #expect(result9.map(\.version) == [4, 9])
        let result10 = machine.takeCaptures("INS-1", after: 3)
        #expect(result10.isEmpty, "taken once")
        machine.applied("INS-1", captured: [captured(2), captured(5)], judgementChanged: true, statusChanged: true)
        let result11 = machine.takeCaptures("INS-1", after: 4)
        #expect(result11.map(\.version) == [5], "none the last publication covers")
    }

    @Test func aRevokedPartitionsCapturesArePublishedAfterThePublicationsInFlight() {
        var machine = ConsolidatorStateMachine()
        _ = machine.assign(partitions(0) + partitions(1))
        machine.applied("INS-1", captured: [captured(3)], judgementChanged: true, statusChanged: true)
        machine.applied("INS-2", captured: [captured(5)], judgementChanged: true, statusChanged: true)
        machine.publicationStarted()
        let revocation = machine.revoke(partitions(1)) { $0 == 1 ? ["INS-1"] : ["INS-2"] }
        #expect(revocation.awaitPublications, "a batch is in flight: wait for it before handing over")
        #expect(revocation.capturedInspections == ["INS-1"], "only the leaving inspection's captures")
        let result12 = machine.publicationFinished()
        #expect(result12, "the last batch in flight ended")
        // Published while being handed over (releasing), although no longer held; the other partition as usual.
        #expect(machine.mayPublish(partition: 1, releasing: revocation.dropped))
        #expect(!machine.mayPublish(partition: 1, releasing: []))
        #expect(machine.mayPublish(partition: 0, releasing: []))
        machine.handedOver(revocation.leaving)
        let result13 = machine.takeCaptures("INS-1", after: .min)
        #expect(result13.isEmpty, "forgotten once handed over")
        let result14 = machine.takeCaptures("INS-2", after: .min)
        #expect(result14.map(\.version) == [5])
        let result15 = machine.round(now: start, interval: .zero)
        #expect(result15.inspections == ["INS-2"], "the leaving inspection is not scheduled here any more")
    }

    @Test func nothingWaitsWhenNoPublicationIsInFlight() {
        var machine = ConsolidatorStateMachine()
        _ = machine.assign(partitions(0))
        let result16 = machine.revoke(partitions(0)) { _ in [] }
        #expect(!result16.awaitPublications)
        machine.publicationStarted()
        machine.publicationStarted()
        let result17 = machine.publicationFinished()
        #expect(!result17 && machine.publicationFinished())
    }
}
