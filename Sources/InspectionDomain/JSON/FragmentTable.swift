/// (Internal.) Pre-encoded JSON fragments in one buffer. Workers share one table across threads; keeping the
/// fragments in a single array means writing one costs no reference counting on shared objects (per-fragment
/// arrays were retained and released from several cores at once, contending for their cache lines).
struct FragmentTable: Sendable {
    private let bytes: [UInt8]
    /// Fragment `i` is `bytes[bounds[i]..<bounds[i + 1]]`.
    private let bounds: [Int]

    init(_ fragments: [[UInt8]]) {
        bytes = fragments.flatMap { $0 }
        var bounds = [0]
        for fragment in fragments { bounds.append(bounds.last! + fragment.count) }
        self.bounds = bounds
    }

    var count: Int { bounds.count - 1 }

    /// Writes fragment `index` as the next value of `writer`.
    func write(_ index: Int, to writer: inout JSONWriter) {
        bytes.withUnsafeBufferPointer { all in
            bounds.withUnsafeBufferPointer { bounds in
                writer.fragment(UnsafeBufferPointer(rebasing: all[bounds[index]..<bounds[index + 1]]))
            }
        }
    }
}
