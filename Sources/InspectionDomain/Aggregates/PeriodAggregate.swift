/// The aggregate of one reporting period (a UK financial year): the aggregate-reporter's state.
public struct PeriodAggregate: Sendable, Codable, Equatable {
    /// Summed counts of a criterion.
    public struct Tally: Sendable, Codable, Equatable {
        public var yes = 0
        public var no = 0
        public var notApplicable = 0
    }

    /// Inspections and criterion tallies of one establishment type.
    public struct TypeTally: Sendable, Codable, Equatable {
        public var inspections = 0
        public var criteria: [String: Tally] = [:]
    }

    /// `FYyyyy-yy`.
    public var period: String
    /// Published version (the caller increments it at each republication).
    public var version: Int = 0
    /// Counted inspections, sorted ascending.
    public var inspectionIds: [String] = []
    /// Criterion tallies by id.
    public var criteria: [String: Tally] = [:]
    /// Tallies by establishment type raw value.
    public var byEstablishmentType: [String: TypeTally] = [:]
    /// Published rating counts: area raw value → rating raw value → count.
    public var ratings: [String: [String: Int]] = [:]

    /// An empty period.
    public init(period: String) {
        self.period = period
    }
}
