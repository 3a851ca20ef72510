import Testing

@testable import WorkerRuntime

@Suite struct ChangelogStoreTests {
    /// A reference inside the stored value, to see whether `modify` hands it over unshared.
    final class Box: Codable, @unchecked Sendable {
        var count = 0
    }

    struct State: Codable, Sendable {
        var box = Box()
    }

    /// A store whose records are never read (no broker here).
    static func store() -> ChangelogStore<State> {
        ChangelogStore<State>(topic: "test.state", encode: { _ in [] }, decode: { _ in State() })
    }

    /// `modify` gives its body the only reference to the stored value, so large states change in place instead of
    /// being copied on write for every event.
    @Test func modifyHandsTheBodyTheOnlyReference() {
        let store = Self.store()
        let created: Bool = store.modify("INS-1", partition: 0, completion: nil) { value in
            value = State()
            return (true, true)
        }
        #expect(created)
        for round in 1...3 {
            let unique: Bool = store.modify("INS-1", partition: 0, completion: nil) { value in
                let unique = isKnownUniquelyReferenced(&value!.box)
                value!.box.count += 1
                return (true, unique)
            }
            #expect(unique, "round \(round)")
        }
        #expect(store.get("INS-1")?.box.count == 3)
        #expect(store.dirtyCount == 1)
    }

    /// An unchanged result resolves the input's completion at once; setting nil removes the entry.
    @Test func unchangedResolvesAtOnceAndNilRemoves() {
        let store = Self.store()
        let completion = Completion()
        let _: Void = store.modify("INS-2", partition: 1, completion: completion) { _ in (false, ()) }
        #expect(completion.isResolved)
        let _: Void = store.modify("INS-2", partition: 1, completion: nil) { value in
            value = State(); return (true, ())
        }
        #expect(store.partition(of: "INS-2") == 1)
        let _: Void = store.modify("INS-2", partition: 2, completion: nil) { value in
            value = nil; return (true, ())
        }
        #expect(store.get("INS-2") == nil)
        #expect(store.count == 0)
    }
}
