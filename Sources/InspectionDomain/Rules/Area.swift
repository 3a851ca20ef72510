/// An inspection area; `OVERALL` only for ratings and decisions.
public enum Area: String, Sendable, Codable, CaseIterable, Comparable {
    case ap = "AP", im = "IM", pp = "PP", rr = "RR", en = "EN", overall = "OVERALL"

    /// The five areas with criteria, in published order.
    public static let criterionAreas: [Area] = [.ap, .im, .pp, .rr, .en]

    public static func < (lhs: Area, rhs: Area) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
