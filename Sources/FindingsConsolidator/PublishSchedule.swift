/// When each changed inspection's judgement is due: at most one document per inspection per interval,
/// and at once after a status change. Pure state machine, no I/O.
struct PublishSchedule: Sendable {
    private var lastPublished: [String: ContinuousClock.Instant] = [:]
    private var dirty: [String: Bool] = [:]  // inspectionId → urgent (status changed)

    /// Notes that an inspection's judgement changed.
    mutating func changed(_ inspectionId: String, urgent: Bool) {
        dirty[inspectionId] = (dirty[inspectionId] ?? false) || urgent
    }

    /// Takes the inspections due now.
    mutating func takeDue(now: ContinuousClock.Instant, interval: Duration) -> [String] {
        var due: [String] = []
        for (id, urgent) in dirty {
            if urgent || lastPublished[id].map({ now - $0 >= interval }) ?? true { due.append(id) }
        }
        for id in due {
            dirty[id] = nil
            lastPublished[id] = now
        }
        return due.sorted()
    }

    /// Takes every inspection with unpublished changes (shutdown).
    mutating func takeAll() -> [String] {
        defer { dirty.removeAll() }
        return dirty.keys.sorted()
    }

    /// Forgets inspections no longer owned.
    mutating func forget(_ ids: some Sequence<String>) {
        for id in ids {
            dirty[id] = nil
            lastPublished[id] = nil
        }
    }

    var pendingCount: Int { dirty.count }
}
