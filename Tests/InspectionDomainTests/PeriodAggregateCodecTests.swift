import Testing

@testable import InspectionDomain

/// The aggregate reporter's changelog codec (`PeriodAggregate.changelogBytes()` / `init?(changelogBytes:)`).
@Suite struct PeriodAggregateCodecTests {
    /// Every field set, with keys that need more than one byte and counts beyond one varint byte.
    static func richAggregate() -> PeriodAggregate {
        var aggregate = PeriodAggregate(period: "FY2026-27")
        aggregate.version = 300
        aggregate.inspectionIds = ["INS-A", "INS-B", "INS-Ä"]
        aggregate.criteria = [
            "AP1": .init(yes: 4, no: 4, notApplicable: 3), "EN1": .init(yes: 2, no: 0, notApplicable: 0),
            "IM2": .init(yes: 1_000_000, no: 128, notApplicable: 127),
        ]
        aggregate.byEstablishmentType = [
            "TRAINING": .init(inspections: 2, criteria: ["AP1": .init(yes: 3, no: 3, notApplicable: 3)]),
            "LOCAL": .init(inspections: 1, criteria: [:]),
        ]
        aggregate.ratings = ["AP": ["GOOD": 2, "POOR": 1], "OVERALL": ["GOOD": 1, "REASONABLY_GOOD": 1], "EN": [:]]
        return aggregate
    }

    @Test func roundTrips() {
        for aggregate in [PeriodAggregate(period: ""), PeriodAggregate(period: "FY2027-28"), Self.richAggregate()] {
            let bytes = aggregate.changelogBytes()
            #expect(bytes.first == 0xA9 && bytes.dropFirst().first == 0x01)
            #expect(PeriodAggregate(changelogBytes: bytes) == aggregate)
        }
    }

    /// Dictionaries iterate in a per-process random order; the record does not depend on it.
    @Test func equalAggregatesGiveEqualRecords() {
        let aggregate = Self.richAggregate()
        var rebuilt = PeriodAggregate(period: aggregate.period)
        rebuilt.version = aggregate.version
        rebuilt.inspectionIds = aggregate.inspectionIds
        for key in aggregate.criteria.keys.sorted().reversed() { rebuilt.criteria[key] = aggregate.criteria[key] }
        for key in aggregate.byEstablishmentType.keys.sorted().reversed() {
            rebuilt.byEstablishmentType[key] = aggregate.byEstablishmentType[key]
        }
        for key in aggregate.ratings.keys.sorted().reversed() { rebuilt.ratings[key] = aggregate.ratings[key] }
        #expect(rebuilt == aggregate)
        #expect(rebuilt.changelogBytes() == aggregate.changelogBytes())
    }

    @Test func truncatedRecordsAreRefused() {
        let bytes = Self.richAggregate().changelogBytes()
        for length in 0..<bytes.count {
            #expect(PeriodAggregate(changelogBytes: Array(bytes[0..<length])) == nil, "prefix of \(length) bytes")
        }
    }

    @Test func otherRecordsAreRefused() throws {
        let bytes = Self.richAggregate().changelogBytes()
        #expect(PeriodAggregate(changelogBytes: bytes + [0x00]) == nil)
        var otherVersion = bytes
        otherVersion[1] = 0x02
        #expect(PeriodAggregate(changelogBytes: otherVersion) == nil)
        // A JSON record of an earlier format, and the consolidator's own records.
        #expect(PeriodAggregate(changelogBytes: Array(#"{"period":"FY2026-27","version":1}"#.utf8)) == nil)
        #expect(PeriodAggregate(changelogBytes: InspectionState(inspectionId: "INS-A").changelogBytes()) == nil)
        // A repeated key: ratings {"AP": {"GOOD": 1, "GOOD": 2}}.
        var duplicate = PeriodAggregate(period: "P")
        duplicate.ratings = ["AP": ["GOOD": 1, "POOR": 2]]
        var record = duplicate.changelogBytes()
        let poor = Array("POOR".utf8)
        let at = try #require(record.firstRange(of: poor)).lowerBound
        record.replaceSubrange(at..<(at + 4), with: Array("GOOD".utf8))
        #expect(PeriodAggregate(changelogBytes: record) == nil)
    }
}
