import PropertyBased
import Testing

@testable import InspectionDomain

/// Bad input never crashes a worker: mutated, truncated and random values all end in a result.
@Suite struct RobustnessTests {
    static func examples() throws -> [[UInt8]] {
        try [
            "casefile.submitted", "casefile.examined", "interview.recorded", "inspection.opened", "casefile.assessed",
            "interview.coded", "judgement.updated",
        ].map { try Fixtures.example($0) }
    }

    func runAll(_ value: [UInt8]) throws {
        let rules = try Fixtures.rules
        _ = CaseFileAssessor(rules: rules, pseudonymKey: [1]).process(key: TestEvents.key, value: value)
        _ = InterviewCoder(rules: rules).process(key: TestEvents.key, value: value)
        let consolidator = Consolidator(rules: rules)
        for kind in ConsolidatorInputKind.allCases {
            if case .success(let event) = consolidator.decode(kind: kind, key: TestEvents.key, value: value) {
                var state = InspectionState(inspectionId: event.inspectionId)
                _ = consolidator.apply(event, origin: TestEvents.origin(value), to: &state)
                _ = consolidator.judgementEvent(for: state, version: 1, time: "2026-01-01T00:00:00Z")
            }
        }
        _ = AggregateReporter(rules: rules).decode(key: TestEvents.key, value: value)
    }

    @Test func mutatedExamplesNeverCrash() async throws {
        let examples = try Self.examples()
        await propertyCheck(count: 300, input: Gen.int(in: 0...6), Gen.int(in: 0...100_000).array(of: 1...6), Gen.int(in: 0...255)) {
            which, positions, byte in
            var value = examples[which]
            for p in positions { value[p % value.count] = UInt8(byte) }
            try runAll(value)
            try runAll(Array(value.prefix(positions[0] % value.count)))
        }
    }

    @Test func randomBytesNeverCrash() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0...255).array(of: 0...64)) { bytes in
            try runAll(bytes.map { UInt8($0) })
            try runAll(Array("{\"specversion\":\"1.0\",\"data\":".utf8) + bytes.map { UInt8($0) })
        }
    }

    @Test func typeConfusionNeverCrashes() throws {
        // Every field of the example replaced by values of other JSON types.
        let replacements = ["null", "1", "-1e999", "\"\"", "true", "[]", "{}", "\"x\""]
        for example in try Self.examples() {
            guard case .object(let root)? = try? JSONParser.parse(example), case .object(let data)? = root["data"] else { continue }
            for member in data.members {
                for replacement in replacements {
                    var w = JSONWriter()
                    w.beginObject()
                    for top in root.members where top.key != "data" { w.key(JSONKey(top.key)); w.value(top.value) }
                    w.key("data")
                    w.beginObject()
                    for other in data.members where other.key != member.key { w.key(JSONKey(other.key)); w.value(other.value) }
                    w.key(JSONKey(member.key))
                    w.value(try! JSONParser.parse(replacement))
                    w.endObject()
                    w.endObject()
                    try runAll(w.bytes)
                }
            }
        }
    }
}
