/// (Internal.) Byte strings stored back to back in one array. Tables shared by the worker threads keep their
/// entries this way: reading one borrows a single buffer instead of retaining and releasing an array per entry
/// (from several cores at once, that reference counting contended for cache lines).
@usableFromInline
struct PackedBytes: Sendable {
    @usableFromInline let bytes: [UInt8]
    /// Entry `i` is `bytes[bounds[i]..<bounds[i + 1]]`.
    @usableFromInline let bounds: [Int]

    init(_ entries: [[UInt8]]) {
        bytes = entries.flatMap { $0 }
        var bounds = [0]
        for entry in entries { bounds.append(bounds.last! + entry.count) }
        self.bounds = bounds
    }

    var count: Int { bounds.count - 1 }

    /// Calls `body` with an accessor valid for its duration (both buffers borrowed once).
    @inlinable
    func withEntries<R>(_ body: (Entries) -> R) -> R {
        bytes.withUnsafeBufferPointer { bytes in
            bounds.withUnsafeBufferPointer { bounds in body(Entries(bytes: bytes, bounds: bounds)) }
        }
    }

    /// Entry `index` as a String (for messages).
    func string(_ index: Int) -> String { withEntries { String(decoding: $0[index], as: UTF8.self) } }

    /// Borrowed access to the entries, valid only inside ``withEntries(_:)``.
    @usableFromInline
    struct Entries {
        @usableFromInline let bytes: UnsafeBufferPointer<UInt8>
        @usableFromInline let bounds: UnsafeBufferPointer<Int>

        @inlinable
        init(bytes: UnsafeBufferPointer<UInt8>, bounds: UnsafeBufferPointer<Int>) {
            self.bytes = bytes
            self.bounds = bounds
        }

        @inlinable
        subscript(index: Int) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(rebasing: bytes[bounds[index]..<bounds[index + 1]])
        }
    }
}
