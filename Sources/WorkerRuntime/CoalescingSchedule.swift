/// When each changed key (an inspection) is due for publication: at most once per interval, and at once
/// after an urgent change (a status change). Pure state machine, no I/O.
public struct CoalescingSchedule: Sendable {
    public init() {}

    private var lastPublished: [String: ContinuousClock.Instant] = [:]
    private var dirty: [String: Bool] = [:]  // key → urgent (status changed)

    /// Notes that an inspection's judgement changed.
    public mutating func changed(_ key: String, urgent: Bool) {
        dirty[key] = (dirty[key] ?? false) || urgent
    }

    /// Takes the inspections due now.
    public mutating func takeDue(now: ContinuousClock.Instant, interval: Duration) -> [String] {
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
    public mutating func takeAll() -> [String] {
        defer { dirty.removeAll() }
        return dirty.keys.sorted()
    }

    /// Forgets inspections no longer owned.
    public mutating func forget(_ ids: some Sequence<String>) {
        for id in ids {
            dirty[id] = nil
            lastPublished[id] = nil
        }
    }

    public var pendingCount: Int { dirty.count }
}
