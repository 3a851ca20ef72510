/// What applying one event did.
public struct ApplyOutcome: Sendable {
    /// The state was modified (persist it). False for duplicates and refusals.
    public var changed: Bool = false
    /// The status changed (opened, PROVISIONAL, FINAL): publish promptly.
    public var statusChanged: Bool = false
    /// The state right after each status change, in order: one for an event that changes the status, several when
    /// an opening replays pending lifecycle events (its judgement at each is published, §8.5).
    public var statesAtStatusChanges: [InspectionState] = []
    /// The published judgement would change (also recorded as `state.dirty`).
    public var judgementChanged: Bool = false
    /// Refused events: the current one (`INSPECTION_FINALISED`) and any replayed pending events refused on opening.
    public var rejections: [(origin: any HeldInputOrigin, rejection: Rejection)] = []

    public init() {}
}
