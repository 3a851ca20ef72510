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
