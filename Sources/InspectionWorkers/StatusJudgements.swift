import InspectionDomain

/// The `judgement.updated` documents captured when an inspection's status changed, kept until a publication round
/// sends them (§8.5: "always promptly after a status change").
///
/// A round builds each judgement from the state as it is by then. Without these, two status changes between
/// rounds (fieldwork closed and the report published in one burst) would publish only the second: no PROVISIONAL
/// document would ever appear. Pure state, no I/O; the consolidator holds it under a lock.
public struct StatusJudgements: Sendable {
    /// The judgement as it stood right after a status change, and its version (the state's applied-event count).
    public struct Captured: Sendable, Equatable {
        public let version: Int
        public let event: OutputEvent

        public init(version: Int, event: OutputEvent) {
            self.version = version
            self.event = event
        }
    }

    private var captured: [String: [Captured]] = [:]

    public init() {}

    /// Keeps the judgement of `inspectionId` captured at a status change.
    public mutating func capture(_ inspectionId: String, _ judgement: Captured) {
        captured[inspectionId, default: []].append(judgement)
    }

    /// Takes the documents of `inspectionId` still to publish, oldest first: those with a version above
    /// `publishedVersion`, each version once. (A round that built the judgement from a state already holding the
    /// change may have published that version first; a capture never goes out after a newer version.)
    public mutating func take(_ inspectionId: String, after publishedVersion: Int) -> [Captured] {
        guard let list = captured.removeValue(forKey: inspectionId) else { return [] }
        var taken: [Captured] = []
        var newest = publishedVersion
        for judgement in list.sorted(by: { $0.version < $1.version }) where judgement.version > newest {
            taken.append(judgement)
            newest = judgement.version
        }
        return taken
    }

    /// Drops the captures of inspections no longer owned here (their next owner publishes from the changelog).
    public mutating func forget(_ inspectionIds: some Sequence<String>) {
        for id in inspectionIds { captured[id] = nil }
    }

    /// The number of inspections with captures waiting.
    public var count: Int { captured.count }

    /// The inspections with captures waiting, sorted.
    public var inspectionIds: [String] { captured.keys.sorted() }
}
