/// Compact binary encoding of `PeriodAggregate` for the aggregate reporter's compacted state changelog (one record
/// per reporting period), with the primitives of `InspectionState`'s format:
///
///     header      0xA9 (magic; never `{`), version 0x01
///     aggregate   str period, sint version, seq<str> inspectionIds, map<str, tally> criteria,
///                 map<str, typeTally> byEstablishmentType, map<str, map<str, sint>> ratings; then the input must end.
///     tally       sint yes, sint no, sint notApplicable
///     typeTally   sint inspections, map<str, tally> criteria
///
/// Maps are written in key order, so equal aggregates give equal records. A later format bumps the version byte;
/// a decoder refuses versions it does not know.
extension PeriodAggregate {
    /// First byte of every aggregate changelog record.
    static let changelogMagic: UInt8 = 0xA9
    /// The format version written by `changelogBytes()`.
    static let changelogVersion: UInt8 = 1

    /// The changelog record of this aggregate.
    public func changelogBytes() -> [UInt8] {
        var w = ChangelogWriter(capacity: 64 + 16 * inspectionIds.count + 24 * criteria.count)
        w.byte(Self.changelogMagic)
        w.byte(Self.changelogVersion)
        w.string(period)
        w.signed(version)
        w.unsigned(inspectionIds.count)
        for id in inspectionIds { w.string(id) }
        Self.write(criteria, to: &w)
        w.unsigned(byEstablishmentType.count)
        for (type, tally) in byEstablishmentType.sorted(by: { $0.key < $1.key }) {
            w.string(type)
            w.signed(tally.inspections)
            Self.write(tally.criteria, to: &w)
        }
        w.unsigned(ratings.count)
        for (area, counts) in ratings.sorted(by: { $0.key < $1.key }) {
            w.string(area)
            w.unsigned(counts.count)
            for (rating, count) in counts.sorted(by: { $0.key < $1.key }) {
                w.string(rating)
                w.signed(count)
            }
        }
        return w.result
    }

    /// Decodes `changelogBytes()` output; nil for anything else.
    public init?(changelogBytes: [UInt8]) {
        var r = ChangelogReader(changelogBytes)
        do throws(ChangelogReader.Malformed) {
            guard try r.byte() == Self.changelogMagic, try r.byte() == Self.changelogVersion else { return nil }
            var aggregate = PeriodAggregate(period: try r.string())
            aggregate.version = try r.signedInt()
            var count = try r.count()
            aggregate.inspectionIds.reserveCapacity(count)
            for _ in 0..<count { aggregate.inspectionIds.append(try r.string()) }
            aggregate.criteria = try Self.readTallies(&r)
            count = try r.count()
            for _ in 0..<count {
                let type = try r.string()
                var tally = TypeTally()
                tally.inspections = try r.signedInt()
                tally.criteria = try Self.readTallies(&r)
                guard aggregate.byEstablishmentType.updateValue(tally, forKey: type) == nil else { return nil }
            }
            count = try r.count()
            for _ in 0..<count {
                let area = try r.string()
                var counts: [String: Int] = [:]
                let ratingCount = try r.count()
                for _ in 0..<ratingCount {
                    let rating = try r.string()
                    guard counts.updateValue(try r.signedInt(), forKey: rating) == nil else { return nil }
                }
                guard aggregate.ratings.updateValue(counts, forKey: area) == nil else { return nil }
            }
            guard r.isAtEnd else { return nil }
            self = aggregate
        } catch {
            return nil
        }
    }

    private static func write(_ tallies: [String: Tally], to w: inout ChangelogWriter) {
        w.unsigned(tallies.count)
        for (criterionId, tally) in tallies.sorted(by: { $0.key < $1.key }) {
            w.string(criterionId)
            w.signed(tally.yes)
            w.signed(tally.no)
            w.signed(tally.notApplicable)
        }
    }

    private static func readTallies(_ r: inout ChangelogReader) throws(ChangelogReader.Malformed) -> [String: Tally] {
        let count = try r.count()
        var tallies: [String: Tally] = .init(minimumCapacity: count)
        for _ in 0..<count {
            let criterionId = try r.string()
            var tally = Tally()
            tally.yes = try r.signedInt()
            tally.no = try r.signedInt()
            tally.notApplicable = try r.signedInt()
            guard tallies.updateValue(tally, forKey: criterionId) == nil else { throw .init() }
        }
        return tallies
    }
}
