import Foundation

@testable import InspectionDomain

/// A small driver: decode + apply, like the runtime.
struct ConsolidatorHarness {
    let consolidator: Consolidator
    var state = InspectionState(inspectionId: TestEvents.inspectionId)
    var offset: Int64 = 0

    init() throws { consolidator = Consolidator(rules: try Fixtures.rules) }

    @discardableResult
    mutating func send(_ value: [UInt8], kind: ConsolidatorInputKind) -> ApplyOutcome {
        offset += 1
        let event = try! consolidator.decode(kind: kind, key: TestEvents.key, value: value).get()
        return consolidator.apply(event, origin: TestEvents.origin(value, topic: kind.defaultTopic, offset: offset), to: &state)
    }

    @discardableResult mutating func inspection(_ value: [UInt8]) -> ApplyOutcome { send(value, kind: .inspections) }
    @discardableResult mutating func caseFile(_ value: [UInt8]) -> ApplyOutcome { send(value, kind: .assessedCaseFiles) }
    @discardableResult mutating func interview(_ value: [UInt8]) -> ApplyOutcome { send(value, kind: .codedInterviews) }

    var document: [String: Any]? {
        consolidator.judgementEvent(for: state, version: 1, time: "2026-03-05T00:00:00Z").map { TestEvents.parse($0.value)["data"] as! [String: Any] }
    }

    var text: String? {
        consolidator.judgementEvent(for: state, version: 1, time: "2026-03-05T00:00:00Z").map { String(decoding: $0.value, as: UTF8.self) }
    }

    func criterion(_ id: String) -> [String: Any] {
        (document!["criteria"] as! [[String: Any]]).first { $0["criterionId"] as? String == id }!
    }

    func area(_ id: String) -> [String: Any] {
        (document!["areas"] as! [[String: Any]]).first { $0["area"] as? String == id }!
    }
}
