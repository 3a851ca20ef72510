/// (Internal.) Byte strings stored back to back in one array. Tables shared by the worker threads keep their
/// entries this way: reading one borrows a single buffer instead of retaining and releasing an array per entry
/// (from several cores at once, that reference counting contended for cache lines).
struct PackedBytes: Sendable {
    private let bytes: [UInt8]
    /// Entry `i` is `bytes[bounds[i]..<bounds[i + 1]]`.
    private let bounds: [Int]

    init(_ entries: [[UInt8]]) {
        bytes = entries.flatMap { $0 }
        var bounds = [0]
        for entry in entries { bounds.append(bounds.last! + entry.count) }
        self.bounds = bounds
    }

    var count: Int { bounds.count - 1 }

    /// Calls `body` with an accessor valid for its duration (both buffers borrowed once).
    func withEntries<R>(_ body: (Entries) -> R) -> R {
        bytes.withUnsafeBufferPointer { bytes in
            bounds.withUnsafeBufferPointer { bounds in body(Entries(bytes: bytes, bounds: bounds)) }
        }
    }

    /// Entry `index` as a String (for messages).
    func string(_ index: Int) -> String { withEntries { String(decoding: $0[index], as: UTF8.self) } }

    /// Borrowed access to the entries.
    struct Entries {
        fileprivate let bytes: UnsafeBufferPointer<UInt8>
        fileprivate let bounds: UnsafeBufferPointer<Int>

        subscript(index: Int) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(rebasing: bytes[bounds[index]..<bounds[index + 1]])
        }
    }
}
